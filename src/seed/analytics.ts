import { createLocalReq, type Payload } from 'payload'

import type { Course, User } from '../payload-types'
import { addDays, dayOf, setClock } from '../services/analytics/clock'
import { recordEvent } from '../services/analytics/events'
import { rollUp } from '../services/analytics/rollup'

const DAYS = 60

/** A small deterministic generator, so every fresh database gets the same demo history. */
function random(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

/**
 * Sixty days of activity for the demo students (course views, searches, lesson reviews with time
 * spent) through the same recordEvent the app uses, each at its own moment, then the rollups of
 * every closed day — so the dashboards have history. Rerunning adds nothing (dedupe keys).
 */
export async function seedAnalytics(
  payload: Payload,
  users: Map<string, User>,
  courses: Map<string, Course>,
) {
  const req = await createLocalReq({}, payload)
  const students = [...users.values()].filter((u) => u.role === 'student')
  const today = dayOf(new Date())
  const searches = ['pitch', 'ai', 'brand', 'pricing', 'marketing', 'fundraising']
  try {
    for (const [s, student] of students.entries()) {
      const next = random(s + 7)
      const { docs } = await payload.find({
        collection: 'enrollments',
        where: { student: { equals: student.id } },
        depth: 0,
        pagination: false,
        select: { course: true },
        overrideAccess: true,
      })
      const enrolled = docs.map((e) => String(e.course))
      const browse = [...courses.values()].map((c) => c.id)
      for (let ago = DAYS; ago >= 1; ago--) {
        // Some students keep a habit, others drop in now and then.
        if (next() > (s % 2 === 0 ? 0.65 : 0.35)) continue
        const day = addDays(today, -ago)
        const at = (minute: number) =>
          new Date(
            `${day}T${String(8 + (minute % 12)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00.000Z`,
          )
        setClock(() => at(Math.floor(next() * 600)))
        const viewed = browse[Math.floor(next() * browse.length)]
        await recordEvent(req, 'course_view', {
          user: student.id,
          course: viewed,
          dedupeKey: `demo:course_view:${student.id}:${viewed}:${day}`,
        })
        if (next() < 0.3) {
          const q = searches[Math.floor(next() * searches.length)]
          await recordEvent(req, 'search', {
            user: student.id,
            data: { q, results: 1 + Math.floor(next() * 4) },
            dedupeKey: `demo:search:${student.id}:${day}`,
          })
        }
        for (let n = 0; enrolled.length && n < 1 + Math.floor(next() * 3); n++) {
          await recordEvent(req, 'lesson_complete', {
            user: student.id,
            course: enrolled[Math.floor(next() * enrolled.length)],
            data: {
              timeSpent: 300 + Math.floor(next() * 1500),
              firstCompletion: false,
              review: true,
            },
            dedupeKey: `demo:lesson:${student.id}:${day}:${n}`,
          })
        }
      }
    }
  } finally {
    setClock(null)
  }
  await rollUp(payload)
}

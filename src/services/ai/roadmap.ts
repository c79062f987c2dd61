import type { PayloadRequest } from 'payload'
import { z } from 'zod'

import type { User } from '../../payload-types'
import { loadCatalog, loadCoEnrollment, loadStudent } from './catalog'
import { askModel, openaiClient } from './openai'
import {
  indexCatalog,
  orderByPrerequisites,
  rankForStudent,
  tokens,
  type CatalogIndex,
} from './ranking'
import type { Source } from './recommendations'

export type RoadmapWeek = { week: number; focus: string; courseIds: string[] }
export type Roadmap = { goal: string; weeks: RoadmapWeek[] }

const modelRoadmap = z.object({
  goal: z.string().max(300),
  weeks: z.array(
    z.object({
      week: z.number().int(),
      focus: z.string().max(200),
      courseIds: z.array(z.string()),
    }),
  ),
})

/** How strongly a course's text speaks to the goal's words (0..1). */
function goalMatch(index: CatalogIndex, courseId: string, goal: string) {
  const words = new Set(tokens(goal))
  if (!words.size) return 0
  const course = index.courses.get(courseId)
  const text = new Set(tokens(`${course?.title} ${course?.text} ${course?.tags.join(' ')}`))
  return [...words].filter((w) => text.has(w)).length / words.size
}

/** Courses spread over the weeks in prerequisite order; spare weeks are for practice. */
function spread(index: CatalogIndex, courseIds: string[], weeks: number): RoadmapWeek[] {
  const plan: RoadmapWeek[] = []
  const perWeek = Math.max(1, Math.ceil(courseIds.length / weeks))
  for (let week = 1; week <= weeks; week++) {
    const ids = courseIds.slice((week - 1) * perWeek, week * perWeek)
    plan.push({
      week,
      focus: ids.length
        ? ids.map((id) => index.courses.get(id)?.title).join(' + ')
        : 'Practice: apply what you learned to your own project',
      courseIds: ids,
    })
  }
  return plan
}

/**
 * POST /api/ai/roadmap/generate: a week-by-week plan over real, not-yet-taken courses. Locally:
 * the student's ranking, boosted by the goal's words, one course a week (more when there are more
 * courses than weeks), prerequisites first. With a model: it may choose and phrase among the
 * same candidates; unknown or repeated ids are dropped and the order is re-checked against
 * prerequisites.
 */
export async function generateRoadmap(
  req: PayloadRequest,
  student: User,
  { goal, weeks }: { goal?: string; weeks: number },
): Promise<{ roadmap: Roadmap; source: Source }> {
  const [catalog, co, profile] = await Promise.all([
    loadCatalog(req),
    loadCoEnrollment(req),
    loadStudent(req, student.id),
  ])
  const index = indexCatalog(catalog)
  const aim =
    goal?.trim() ||
    (profile.interests.length
      ? `Grow in ${profile.interests.join(', ')}`
      : 'Build a strong foundation')
  const ranked = rankForStudent(index, co, profile, 30)
    .map((s) => ({ ...s, score: s.score + 0.5 * goalMatch(index, s.courseId, aim) }))
    .sort((a, b) => b.score - a.score)
  const count = Math.min(ranked.length, weeks, 8)
  const chosen = ranked.slice(0, count).map((s) => index.courses.get(s.courseId)!)
  const local: Roadmap = {
    goal: aim,
    weeks: spread(
      index,
      orderByPrerequisites(chosen).map((c) => c.id),
      weeks,
    ),
  }
  let roadmap = local
  let source: Source = 'local'
  if (openaiClient() && ranked.length) {
    const candidates = ranked.slice(0, 20)
    const answer = await askModel(req.payload, {
      schema: modelRoadmap,
      name: 'roadmap',
      system:
        `Plan ${weeks} weeks of study for a learner toward their goal. Use ONLY course ids from ` +
        '"candidates" (at most one or two a week, each once, a prerequisite before the course ' +
        'that needs it); weeks without a course are practice weeks. Keep the goal in their words.',
      user: {
        goal: aim,
        weeks,
        interests: profile.interests,
        candidates: candidates.map((s) => ({
          id: s.courseId,
          title: s.title,
          tags: index.courses.get(s.courseId)?.tags ?? [],
          prerequisites: index.courses.get(s.courseId)?.prerequisites ?? [],
        })),
      },
    })
    const offered = new Set(candidates.map((s) => s.courseId))
    const seen = new Set<string>()
    const picked = (answer?.weeks ?? [])
      .filter((w) => w.week >= 1 && w.week <= weeks)
      .sort((a, b) => a.week - b.week)
      .flatMap((w) => w.courseIds.filter((id) => offered.has(id) && !seen.has(id) && seen.add(id)))
    if (answer && picked.length) {
      const focus = new Map(answer.weeks.map((w) => [w.week, w.focus]))
      const ordered = orderByPrerequisites(picked.map((id) => index.courses.get(id)!)).map(
        (c) => c.id,
      )
      roadmap = {
        goal: answer.goal.trim() || aim,
        weeks: spread(index, ordered, weeks).map((w) => ({
          ...w,
          focus: w.courseIds.length ? focus.get(w.week)?.trim() || w.focus : w.focus,
        })),
      }
      source = 'openai'
    }
  }
  await req.payload.update({
    collection: 'users',
    id: student.id,
    data: {
      studentProfile: {
        aiRoadmap: { ...roadmap, source, generatedAt: new Date().toISOString() },
      },
    },
    depth: 0,
    overrideAccess: false,
    user: req.user,
    req,
  })
  return { roadmap, source }
}

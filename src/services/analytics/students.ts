import type { PayloadRequest } from 'payload'

import { execute, sql } from '../../lib/sql'
import { addDays, dayOf, now } from './clock'
import { currentStreak, learningByDay, quizScores, streakReachedOn, type DayRange } from './metrics'

const num = (v: unknown) => Number(v ?? 0)

/** GET /api/students/:id/analytics */
export async function studentAnalytics(req: PayloadRequest, studentId: string) {
  const courses = await execute<{
    courseId: string
    title: string
    progressPercentage: string | null
    completedAt: string | null
  }>(
    req,
    sql`select e.course_id as "courseId", c.title, e.progress_percentage as "progressPercentage",
          e.completed_at as "completedAt"
        from enrollments e join courses c on c.id = e.course_id
        where e.student_id = ${studentId}
        order by e.enrolled_at desc`,
  )
  const [counts] = await execute<Record<string, string>>(
    req,
    sql`select
          (select count(*) from lesson_progress where student_id = ${studentId} and completed) as lessons,
          (select count(*) from certifications where student_id = ${studentId} and revoked_at is null) as certificates,
          (select max(created_at) from analytics_events where user_id = ${studentId}) as "lastActiveAt"`,
  )
  const quizzes = await quizScores(req, { studentId })
  const learning = await learningByDay(req, studentId)
  return {
    coursesEnrolled: courses.length,
    coursesCompleted: courses.filter((c) => c.completedAt).length,
    lessonsCompleted: num(counts?.lessons),
    quizzesTaken: quizzes.taken,
    quizzesPassed: quizzes.passed,
    averageQuizScore: quizzes.average,
    certificates: num(counts?.certificates),
    learningTimeSeconds: [...learning.values()].reduce((s, v) => s + v, 0),
    currentStreakDays: await currentStreak(req, studentId),
    lastActiveAt: counts?.lastActiveAt ? new Date(counts.lastActiveAt).toISOString() : null,
    courses: courses.map((c) => ({
      courseId: c.courseId,
      title: c.title,
      progressPercentage: num(c.progressPercentage),
      completedAt: c.completedAt ? new Date(c.completedAt).toISOString() : null,
    })),
  }
}

/** Monday of a day's ISO week. */
const weekOf = (day: string) => {
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7
  return addDays(day, -weekday)
}

/**
 * GET /api/students/:id/learning-time?from&to&granularity — every day (or week) in the range,
 * zeros included; default the last 30 days.
 */
export async function learningTime(
  req: PayloadRequest,
  studentId: string,
  {
    from,
    to,
    granularity,
  }: Required<Pick<DayRange, 'from' | 'to'>> & { granularity: 'day' | 'week' },
) {
  const byDay = await learningByDay(req, studentId, { from, to })
  const buckets = new Map<string, number>()
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const key = granularity === 'week' ? weekOf(d) : d
    buckets.set(key, (buckets.get(key) ?? 0) + (byDay.get(d) ?? 0))
  }
  const series = [...buckets].map(([date, seconds]) => ({ date, seconds }))
  return { totalSeconds: series.reduce((s, p) => s + p.seconds, 0), series }
}

export const defaultRange = (days = 30) => {
  const to = dayOf(now())
  return { from: addDays(to, -(days - 1)), to }
}

type Rule = {
  key: string
  title: string
  description: string
  earnedOn: (req: PayloadRequest, id: string) => Promise<string | null>
}

/** The nth event of a type by a user (its time), optionally filtered on its data. */
const nthEvent =
  (eventType: string, n = 1, filter = sql`true`) =>
  async (req: PayloadRequest, userId: string) => {
    const [row] = await execute<{ at: string }>(
      req,
      sql`select created_at as at from analytics_events
          where user_id = ${userId} and event_type = ${eventType} and ${filter}
          order by created_at offset ${n - 1} limit 1`,
    )
    return row ? new Date(row.at).toISOString() : null
  }

/** The achievement rules: what earns each, and when it was earned. */
export const ACHIEVEMENTS: Rule[] = [
  {
    key: 'first_lesson',
    title: 'First steps',
    description: 'Completed a first lesson',
    earnedOn: nthEvent('lesson_complete', 1, sql`(event_data->>'firstCompletion')::boolean`),
  },
  {
    key: 'first_course',
    title: 'Finisher',
    description: 'Completed a first course',
    earnedOn: nthEvent('course_complete'),
  },
  {
    key: 'perfect_quiz',
    title: 'Perfect score',
    description: 'Scored 100% on a quiz',
    earnedOn: nthEvent('quiz_submit', 1, sql`(event_data->>'score')::numeric >= 100`),
  },
  {
    key: 'streak_7',
    title: 'On a roll',
    description: 'Learned 7 days in a row',
    earnedOn: async (req, id) => {
      const day = await streakReachedOn(req, id, 7)
      return day ? `${day}T00:00:00.000Z` : null
    },
  },
  {
    key: 'three_certificates',
    title: 'Collector',
    description: 'Earned 3 certificates',
    earnedOn: nthEvent('certificate_issued', 3),
  },
  {
    key: 'ten_comments',
    title: 'Conversation starter',
    description: 'Wrote 10 community comments',
    earnedOn: nthEvent('comment_created', 10),
  },
]

/** GET /api/students/:id/achievements — the ones earned, in the order earned. */
export async function achievements(req: PayloadRequest, studentId: string) {
  const earned = await Promise.all(
    ACHIEVEMENTS.map(async ({ earnedOn, ...rule }) => ({
      ...rule,
      earnedAt: await earnedOn(req, studentId),
    })),
  )
  return {
    achievements: earned
      .filter((a): a is typeof a & { earnedAt: string } => Boolean(a.earnedAt))
      .sort((a, b) => a.earnedAt.localeCompare(b.earnedAt)),
  }
}

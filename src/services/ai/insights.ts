import type { PayloadRequest } from 'payload'
import { z } from 'zod'

import { execute, sql } from '../../lib/sql'
import type { Course } from '../../payload-types'
import { now } from '../analytics/clock'
import { askModel, openaiClient } from './openai'
import type { Source } from './recommendations'

const INACTIVE_DAYS = 7
const FAILING_ATTEMPTS = 2
/** Struggling: at least this many attempts, and this share of them failed. */
const MIN_ATTEMPTS = 3
const STRUGGLING_FAIL_RATE = 0.4

type Learner = {
  studentId: string
  fullName: string
  progressPercentage: number
  enrolledAt: string
  lastActiveAt: string | null
  failedAttempts: number
  passedQuizzes: number
}

const median = (values: number[]) => {
  if (!values.length) return 0
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** Progress per day enrolled (at least one day). */
const paceOf = (l: Learner, at: number) =>
  l.progressPercentage / Math.max(1, (at - new Date(l.enrolledAt).getTime()) / 86_400_000)

/**
 * The at-risk rule for a course: not completed and inactive for 7+ days, or 2+ failed quiz
 * attempts with that quiz not passed since, or under half the median pace of the course's
 * students. Each reason is listed.
 */
export function atRiskReasons(l: Learner, medianPace: number, at: number): string[] {
  const reasons: string[] = []
  const last = l.lastActiveAt
    ? new Date(l.lastActiveAt).getTime()
    : new Date(l.enrolledAt).getTime()
  const idle = Math.floor((at - last) / 86_400_000)
  if (idle >= INACTIVE_DAYS) reasons.push(`inactive for ${idle} days`)
  if (l.failedAttempts >= FAILING_ATTEMPTS && !l.passedQuizzes) {
    reasons.push(`failed quiz attempts: ${l.failedAttempts}`)
  }
  if (medianPace > 0 && paceOf(l, at) < medianPace / 2) reasons.push('behind the median pace')
  return reasons
}

const modelSummary = z.object({ summary: z.string().max(800) })

/**
 * POST /api/ai/student-insights/:courseId — who is slipping and which lessons trip students up.
 * The model, when configured, only writes the summary, from counts and pseudonymous rows; names
 * are joined in here, never sent.
 */
export async function studentInsights(req: PayloadRequest, course: Course) {
  const learners = (
    await execute<Record<string, string | null>>(
      req,
      sql`select e.student_id as "studentId", u.full_name as "fullName",
            e.progress_percentage as "progressPercentage", e.enrolled_at as "enrolledAt",
            (select max(ev.created_at) from analytics_events ev
              where ev.user_id = e.student_id and ev.course_id = e.course_id) as "lastActiveAt",
            (select count(*) from quiz_attempts qa where qa.student_id = e.student_id
              and qa.course_id = e.course_id and qa.score is not null and not qa.passed) as "failedAttempts",
            (select count(*) from quiz_attempts qa where qa.student_id = e.student_id
              and qa.course_id = e.course_id and qa.passed) as "passedQuizzes"
          from enrollments e join users u on u.id = e.student_id
          where e.course_id = ${course.id} and e.completed_at is null`,
    )
  ).map((r): Learner => ({
    studentId: String(r.studentId),
    fullName: String(r.fullName ?? ''),
    progressPercentage: Number(r.progressPercentage ?? 0),
    enrolledAt: new Date(String(r.enrolledAt)).toISOString(),
    lastActiveAt: r.lastActiveAt ? new Date(r.lastActiveAt).toISOString() : null,
    failedAttempts: Number(r.failedAttempts ?? 0),
    passedQuizzes: Number(r.passedQuizzes ?? 0),
  }))
  const at = now().getTime()
  const medianPace = median(learners.map((l) => paceOf(l, at)))
  const atRisk = learners
    .map((l) => ({ l, reasons: atRiskReasons(l, medianPace, at) }))
    .filter((x) => x.reasons.length)
    .sort(
      (a, b) =>
        b.reasons.length - a.reasons.length || a.l.progressPercentage - b.l.progressPercentage,
    )
    .map(({ l, reasons }) => ({
      studentId: l.studentId,
      fullName: l.fullName,
      progressPercentage: l.progressPercentage,
      lastActiveAt: l.lastActiveAt,
      reasons,
    }))
  const lessons = await execute<{
    lessonId: string
    title: string
    attempts: string
    failed: string
  }>(
    req,
    sql`select l.id as "lessonId", l.title, count(qa.id) as attempts,
          count(qa.id) filter (where not qa.passed) as failed
        from quiz_attempts qa
        join quizzes q on q.id = qa.quiz_id
        join lessons l on l.id = q.lesson_id
        where qa.course_id = ${course.id} and qa.score is not null
        group by l.id, l.title`,
  )
  const strugglingLessons = lessons
    .map((l) => ({
      lessonId: l.lessonId,
      title: l.title,
      attempts: Number(l.attempts),
      failRate: Math.round((Number(l.failed) / Number(l.attempts)) * 100) / 100,
    }))
    .filter((l) => l.attempts >= MIN_ATTEMPTS && l.failRate >= STRUGGLING_FAIL_RATE)
    .sort((a, b) => b.failRate - a.failRate)
    .map(({ attempts: _a, ...l }) => l)

  const inactive = atRisk.filter((s) => s.reasons.some((r) => r.startsWith('inactive'))).length
  const failing = atRisk.filter((s) => s.reasons.some((r) => r.startsWith('failed'))).length
  const localSummary =
    `${atRisk.length} of ${learners.length} active student${learners.length === 1 ? '' : 's'} ` +
    `${atRisk.length === 1 ? 'is' : 'are'} at risk (${inactive} inactive for a week or more, ` +
    `${failing} failing quizzes).` +
    (strugglingLessons.length
      ? ` "${strugglingLessons[0].title}" is the hardest lesson: ${Math.round(strugglingLessons[0].failRate * 100)}% of attempts fail.`
      : ' No lesson stands out as too hard.')
  let summary = localSummary
  let source: Source = 'local'
  if (openaiClient() && learners.length) {
    const answer = await askModel(req.payload, {
      schema: modelSummary,
      name: 'student_insights',
      system:
        'Summarise, in two or three sentences for the educator, how the students of a course are ' +
        'doing and what to do next. Use only the data given.',
      user: {
        course: course.title,
        students: learners.length,
        atRisk: atRisk.map((s, i) => ({
          student: `#${i + 1}`,
          progress: s.progressPercentage,
          reasons: s.reasons,
        })),
        strugglingLessons: strugglingLessons.map((l) => ({ title: l.title, failRate: l.failRate })),
      },
    })
    if (answer?.summary.trim()) {
      summary = answer.summary.trim()
      source = 'openai'
    }
  }
  return { summary, atRisk, strugglingLessons, source }
}

import { eq } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

import { hasRole, isAdminUser } from '../../access'
import { idOf } from '../../lib/ids'
import { conflict, forbidden, notFound } from '../../lib/errors'
import { isUUID, requireUser, withTransaction } from '../../lib/http'
import { lockEnrollment, lockEnrollmentAndRead, lockRow, lockRows } from '../../lib/locks'
import { execute, sql, table, transactionDb } from '../../lib/sql'
import type { Course, Enrollment, Lesson } from '../../payload-types'
import { now as analyticsNow } from '../analytics/clock'
import { courseCompletedEffects } from './completion'
import { findEnrollment } from './enrollment'

const DAY_MS = 24 * 60 * 60 * 1000

/** The caller's enrollment in a course, or 403. */
export async function ownEnrollment(req: PayloadRequest, course: Course): Promise<Enrollment> {
  const user = requireUser(req)
  const enrollment = await findEnrollment(req, user.id, course.id)
  if (!enrollment) throw forbidden('You are not enrolled in this course')
  return enrollment
}

/** The caller's enrollment once a drip-scheduled lesson (or its quiz) opens; 403 with the date. */
export async function openEnrollment(
  req: PayloadRequest,
  course: Course,
  lesson: Lesson,
  what: 'lesson' | 'quiz' = 'lesson',
): Promise<Enrollment> {
  const enrollment = await ownEnrollment(req, course)
  const opensAt = unlocksAt(enrollment, lesson)
  if (opensAt) throw forbidden(`This ${what} unlocks on ${opensAt.toISOString()}`)
  return enrollment
}

/** When a drip-scheduled lesson opens for this enrollment (null = open now). */
export function unlocksAt(
  enrollment: Pick<Enrollment, 'enrolledAt'>,
  lesson: Pick<Lesson, 'availableAfterDays'>,
) {
  const days = lesson.availableAfterDays ?? 0
  if (!days) return null
  const at = new Date(new Date(enrollment.enrolledAt).getTime() + days * DAY_MS)
  return at.getTime() > Date.now() ? at : null
}

type ProgressSummary = {
  totalLessons: number
  completedLessons: number
  progressPercentage: number
  allQuizzesPassed: boolean
}

/** The tables progress is counted from, with the columns these queries use. */
const learningTables = (req: PayloadRequest) => ({
  courses: table(req, 'courses', ['id', 'title']),
  enrollments: table(req, 'enrollments', [
    'id',
    'course',
    'student',
    'progressPercentage',
    'completedAt',
    'lastAccessedLesson',
    'enrolledAt',
  ]),
  lessons: table(req, 'lessons', ['id', 'course']),
  progress: table(req, 'lesson-progress', ['id', 'enrollment', 'lesson', 'completed', 'timeSpent']),
  quizzes: table(req, 'quizzes', ['id', 'lesson']),
  attempts: table(req, 'quiz-attempts', ['quiz', 'enrollment', 'passed']),
})

/** Completed lessons and passed quizzes of one enrollment, counted in SQL. */
async function summarize(req: PayloadRequest, enrollment: Enrollment): Promise<ProgressSummary> {
  const courseId = String(idOf(enrollment.course))
  const { lessons, progress, quizzes, attempts } = learningTables(req)
  const [row] = await execute<{ total: number; done: number; quizzes: number; passed: number }>(
    req,
    sql`select
      (select count(*)::int from ${lessons} where ${lessons.course} = ${courseId}) as total,
      (select count(*)::int from ${progress} join ${lessons} on ${lessons.id} = ${progress.lesson}
        where ${progress.enrollment} = ${enrollment.id} and ${progress.completed}
          and ${lessons.course} = ${courseId}) as done,
      (select count(*)::int from ${quizzes} join ${lessons} on ${lessons.id} = ${quizzes.lesson}
        where ${lessons.course} = ${courseId}) as quizzes,
      (select count(distinct ${attempts.quiz})::int from ${attempts}
        join ${quizzes} on ${quizzes.id} = ${attempts.quiz}
        join ${lessons} on ${lessons.id} = ${quizzes.lesson}
        where ${attempts.enrollment} = ${enrollment.id} and ${attempts.passed}
          and ${lessons.course} = ${courseId}) as passed`,
  )
  const total = row?.total ?? 0
  const done = row?.done ?? 0
  return {
    totalLessons: total,
    completedLessons: done,
    progressPercentage: total ? Math.round((100 * done) / total) : 0,
    allQuizzesPassed: (row?.passed ?? 0) >= (row?.quizzes ?? 0),
  }
}

/** What completing a lesson needs to know of its enrollment. */
type EnrollmentRef = { id: string; student: Enrollment['student']; course: Enrollment['course'] }

/**
 * Marks a lesson complete for an enrollment (idempotent), refreshes the percentage and completes
 * the enrollment when every lesson is done and every quiz passed. Callers hold the enrollment lock.
 *
 * The hot path of learning, so one statement in req's transaction instead of Local API calls: the
 * progress row's upsert (a repeat changes nothing; a longer time spent is kept), the
 * lesson_complete event that LessonProgress's hook records for a write through the Local API
 * (src/hooks/analytics.ts: the first completion with its time, later only a longer time's
 * difference), and the enrollment's percentage and completion from the counts. A completion of
 * the course then has its event and certificate (courseCompletedEffects), as the Enrollments hook
 * gives one made through the Local API.
 */
export async function recordLessonCompletion(
  req: PayloadRequest,
  enrollment: EnrollmentRef,
  lesson: Pick<Lesson, 'id'>,
  timeSpent?: number,
) {
  const courseId = String(idOf(enrollment.course))
  const studentId = String(idOf(enrollment.student))
  const at = new Date().toISOString()
  const eventAt = analyticsNow().toISOString()
  const [row] = await execute<{
    total: number
    done: number
    quizzes: number
    passed: number
    progressPercentage: string
    completedAt: string | null
    newlyCompleted: boolean
  }>(
    req,
    sql`with before as (
          select completed, time_spent from lesson_progress
          where enrollment_id = ${enrollment.id} and lesson_id = ${lesson.id}),
        written as (
          insert into lesson_progress as p (enrollment_id, lesson_id, student_id, course_id,
            completed, completed_at, time_spent, created_at, updated_at)
          values (${enrollment.id}, ${lesson.id}, ${studentId}, ${courseId}, true, ${at},
            ${timeSpent ?? 0}, ${at}, ${at})
          on conflict (enrollment_id, lesson_id) do update set
            completed = true,
            completed_at = coalesce(p.completed_at, excluded.completed_at),
            -- Clients report the total time on the lesson; retries must not add it twice.
            time_spent = greatest(coalesce(p.time_spent, 0), excluded.time_spent),
            updated_at = excluded.updated_at
          where p.completed is not true or excluded.time_spent > coalesce(p.time_spent, 0)
          returning time_spent),
        change as (
          select (select completed from before) is not true as first,
            coalesce((select time_spent from before), 0) as earlier,
            (select time_spent from written) as now),
        event as (
          insert into analytics_events (user_id, course_id, event_type, event_data, created_at,
            updated_at)
          select ${studentId}, ${courseId}, 'lesson_complete',
            jsonb_build_object('lessonId', ${lesson.id}::text,
              'timeSpent', greatest(0, now - case when first then 0 else earlier end),
              'firstCompletion', first),
            ${eventAt}, ${eventAt}
          from change where now is not null and (first or now > earlier)
          on conflict do nothing),
        counts as (select
          (select count(*)::int from lessons where course_id = ${courseId}) as total,
          -- The statement's snapshot is from before the upsert: this lesson counts once more
          -- when it was not complete yet.
          (select count(*)::int from lesson_progress p join lessons l on l.id = p.lesson_id
            where p.enrollment_id = ${enrollment.id} and p.completed
              and l.course_id = ${courseId})
            + (select case when first then 1 else 0 end from change) as done,
          (select count(*)::int from quizzes q join lessons l on l.id = q.lesson_id
            where l.course_id = ${courseId}) as quizzes,
          (select count(distinct a.quiz_id)::int from quiz_attempts a
            join quizzes q on q.id = a.quiz_id join lessons l on l.id = q.lesson_id
            where a.enrollment_id = ${enrollment.id} and a.passed
              and l.course_id = ${courseId}) as passed),
        earlier as (select completed_at from enrollments where id = ${enrollment.id})
        update enrollments e set
          progress_percentage = case when counts.total > 0
            then round(100.0 * counts.done / counts.total) else 0 end,
          last_accessed_lesson_id = ${lesson.id},
          completed_at = case when e.completed_at is null and counts.total > 0
              and counts.done = counts.total and counts.passed >= counts.quizzes
            then ${at}::timestamptz else e.completed_at end,
          updated_at = ${at}
        from counts
        where e.id = ${enrollment.id}
        returning counts.total, counts.done, counts.quizzes, counts.passed,
          e.progress_percentage as "progressPercentage", e.completed_at as "completedAt",
          ((select completed_at from earlier) is null and e.completed_at is not null)
            as "newlyCompleted"`,
  )
  if (!row) throw notFound('Enrollment not found')
  if (row.newlyCompleted) {
    await courseCompletedEffects(req, { enrollmentId: enrollment.id, studentId, courseId })
  }
  const summary: ProgressSummary = {
    totalLessons: row.total,
    completedLessons: row.done,
    progressPercentage: Number(row.progressPercentage),
    allQuizzesPassed: row.passed >= row.quizzes,
  }
  return { summary, courseCompleted: Boolean(row.completedAt) }
}

/** What completing a lesson needs of its course, its lesson and the caller's enrollment. */
export type LearnerLesson = {
  course: { id: string }
  lesson: Pick<Lesson, 'id' | 'lessonType' | 'availableAfterDays'>
  enrollment: { id: string; enrolledAt: string } | null
}

/**
 * The course and lesson of POST .../lessons/:lessonId/complete, and the caller's enrollment, in one
 * query, by the rules of visibleCourse and lessonOfCourse: 404 for an unknown course or one the
 * caller may not see (drafts: their educator and admins), 404 for a lesson not of that course.
 */
export async function learnerLesson(
  req: PayloadRequest,
  courseId: unknown,
  lessonId: unknown,
): Promise<LearnerLesson> {
  const user = req.user
  const [row] = isUUID(courseId)
    ? await execute<{
        status: string | null
        educator: string | null
        lessonId: string | null
        lessonCourse: string | null
        lessonType: Lesson['lessonType']
        availableAfterDays: string | null
        enrollmentId: string | null
        enrolledAt: string | null
      }>(
        req,
        sql`select c._status as status, c.educator_id as educator, l.id as "lessonId",
              l.course_id as "lessonCourse", l.lesson_type as "lessonType",
              l.available_after_days as "availableAfterDays", e.id as "enrollmentId",
              e.enrolled_at as "enrolledAt"
            from courses c
            left join lessons l on l.id = ${isUUID(lessonId) ? lessonId : null}
            left join enrollments e on e.course_id = c.id and e.student_id = ${user?.id ?? null}
            where c.id = ${courseId}`,
      )
    : []
  const visible =
    row &&
    (row.status === 'published' ||
      isAdminUser(user) ||
      (hasRole(user, 'educator') && row.educator === user!.id))
  if (!visible) throw notFound('Course not found')
  if (!row.lessonId || row.lessonCourse !== courseId) throw notFound('Lesson not found')
  return {
    course: { id: courseId as string },
    lesson: {
      id: row.lessonId,
      lessonType: row.lessonType,
      availableAfterDays: row.availableAfterDays === null ? null : Number(row.availableAfterDays),
    },
    enrollment:
      row.enrollmentId && row.enrolledAt
        ? { id: row.enrollmentId, enrolledAt: row.enrolledAt }
        : null,
  }
}

/**
 * The locks a learner's write takes (lockEnrollment: the course's `keyShare`, then the enrollment),
 * then the lesson is looked up again under them: it may have been deleted meanwhile.
 */
export async function lockLearning(
  req: PayloadRequest,
  {
    courseId,
    enrollmentId,
    lessonId,
  }: { courseId: string; enrollmentId: string; lessonId: string },
) {
  if (!(await lockEnrollment(req, { courseId, enrollmentId }))) {
    throw notFound('Enrollment not found')
  }
  const { lessons } = learningTables(req)
  const db = await transactionDb(req)
  const [lesson] = await db.select({ id: lessons.id }).from(lessons).where(eq(lessons.id, lessonId))
  if (!lesson) throw notFound('Lesson not found')
}

/**
 * POST /api/courses/:id/lessons/:lessonId/complete — for the caller's enrollment (403 without one,
 * or before a drip-scheduled lesson opens); then under the learner's locks (lockEnrollment) the
 * lesson must still exist and its quiz, if any, be passed (409), and the completion is recorded.
 */
export async function completeLesson(
  req: PayloadRequest,
  { course, lesson, enrollment }: LearnerLesson,
  timeSpent?: number,
) {
  const user = requireUser(req)
  if (!enrollment) throw forbidden('You are not enrolled in this course')
  const opensAt = unlocksAt(enrollment, lesson)
  if (opensAt) throw forbidden(`This lesson unlocks on ${opensAt.toISOString()}`)
  return withTransaction(req, async () => {
    // Under the locks: the lesson may have been deleted meanwhile, or its quiz added.
    const current = await lockEnrollmentAndRead<{
      lesson: boolean | null
      hasQuiz: boolean | null
      passed: boolean | null
    }>(
      req,
      { courseId: course.id, enrollmentId: enrollment.id },
      {
        lesson: sql`select true from lessons where id = ${lesson.id}`,
        hasQuiz: sql`select true from quizzes where lesson_id = ${lesson.id} limit 1`,
        passed: sql`select true from quiz_attempts a join quizzes q on q.id = a.quiz_id
          where q.lesson_id = ${lesson.id} and a.enrollment_id = ${enrollment.id} and a.passed
          limit 1`,
      },
    )
    if (!current) throw notFound('Enrollment not found')
    if (!current.lesson) throw notFound('Lesson not found')
    if (lesson.lessonType === 'quiz' && current.hasQuiz && !current.passed) {
      throw conflict("Pass this lesson's quiz to complete it")
    }
    const result = await recordLessonCompletion(
      req,
      { id: enrollment.id, student: user.id, course: course.id },
      lesson,
      timeSpent,
    )
    return {
      completed: true,
      progressPercentage: result.summary.progressPercentage,
      courseCompleted: result.courseCompleted,
    }
  })
}

/** GET /api/courses/:id/progress — the caller's progress in a course. */
export async function courseProgress(req: PayloadRequest, course: Course) {
  const enrollment = await ownEnrollment(req, course)
  const summary = await summarize(req, enrollment)
  const completed = await req.payload.find({
    collection: 'lesson-progress',
    where: { and: [{ enrollment: { equals: enrollment.id } }, { completed: { equals: true } }] },
    depth: 0,
    pagination: false,
    select: { lesson: true, completedAt: true, timeSpent: true },
    overrideAccess: false,
    user: req.user,
    req,
  })
  return {
    enrollmentId: enrollment.id,
    progressPercentage: summary.progressPercentage,
    completedLessons: summary.completedLessons,
    totalLessons: summary.totalLessons,
    lastAccessedLesson: idOf(enrollment.lastAccessedLesson) ?? null,
    completedAt: enrollment.completedAt ?? null,
    lessons: completed.docs.map((p) => ({
      lesson: idOf(p.lesson),
      completedAt: p.completedAt,
      timeSpent: p.timeSpent,
    })),
  }
}

/** GET /api/students/:id/progress — one summary row per enrollment. */
export async function studentProgress(req: PayloadRequest, studentId: string) {
  const { enrollments: e, courses: c, lessons, progress } = learningTables(req)
  const rows = await execute<{
    enrollment_id: string
    course_id: string
    title: string
    progress_percentage: number
    completed_at: string | null
    last_accessed_lesson_id: string | null
    total: number
    done: number
    time_spent: number
  }>(
    req,
    sql`select ${e.id} as enrollment_id, ${c.id} as course_id, ${c.title} as title,
          ${e.progressPercentage} as progress_percentage, ${e.completedAt} as completed_at,
          ${e.lastAccessedLesson} as last_accessed_lesson_id,
          (select count(*)::int from ${lessons} where ${lessons.course} = ${c.id}) as total,
          (select count(*)::int from ${progress}
            where ${progress.enrollment} = ${e.id} and ${progress.completed}) as done,
          (select coalesce(sum(${progress.timeSpent}), 0)::int from ${progress}
            where ${progress.enrollment} = ${e.id}) as time_spent
        from ${e} join ${c} on ${c.id} = ${e.course}
        where ${e.student} = ${studentId}
        order by ${e.enrolledAt} desc`,
  )
  return {
    docs: rows.map((r) => ({
      enrollmentId: r.enrollment_id,
      course: { id: r.course_id, title: r.title },
      progressPercentage: Number(r.progress_percentage ?? 0),
      completedLessons: r.done,
      totalLessons: r.total,
      timeSpent: r.time_spent,
      lastAccessedLesson: r.last_accessed_lesson_id,
      completedAt: r.completed_at,
    })),
  }
}

/**
 * A lesson was added or removed: every enrollment's percentage in that course changes, and an
 * enrollment whose last missing lesson (or quiz) went away is now complete.
 */
export async function recomputeCourseProgress(req: PayloadRequest, courseId: string) {
  // Under the course's `write` lock (held already when a lesson is deleted), so two lesson changes
  // never update the same enrollments in different orders.
  if (!(await lockRow(req, 'courses', courseId))) return
  const { enrollments: e, lessons, progress } = learningTables(req)
  const db = await transactionDb(req)
  await db
    .update(e)
    .set({
      progressPercentage: sql`coalesce((
        select round(100.0 * count(${progress.id}) / nullif(count(${lessons.id}), 0))
        from ${lessons} left join ${progress} on ${progress.lesson} = ${lessons.id}
          and ${progress.enrollment} = ${e.id} and ${progress.completed}
        where ${lessons.course} = ${e.course}), 0)`,
    })
    .where(eq(e.course, courseId))
  await completeFinishedEnrollments(req, courseId)
}

/**
 * Completes the course's enrollments that have every lesson done and every quiz passed but no
 * completedAt yet (the course changed under them). Through the Local API, so the course-completed
 * event fires once for each, under the same enrollment lock lesson completion takes.
 */
export async function completeFinishedEnrollments(req: PayloadRequest, courseId: string) {
  const { enrollments: e, lessons, progress, quizzes, attempts } = learningTables(req)
  const finished = await execute<{ id: string }>(
    req,
    sql`select ${e.id} as id from ${e}
        where ${e.course} = ${courseId} and ${e.completedAt} is null
          and exists (select 1 from ${lessons} where ${lessons.course} = ${e.course})
          and not exists (
            select 1 from ${lessons} where ${lessons.course} = ${e.course} and not exists (
              select 1 from ${progress}
              where ${progress.lesson} = ${lessons.id} and ${progress.enrollment} = ${e.id}
                and ${progress.completed}))
          and not exists (
            select 1 from ${quizzes} join ${lessons} on ${lessons.id} = ${quizzes.lesson}
            where ${lessons.course} = ${e.course} and not exists (
              select 1 from ${attempts}
              where ${attempts.quiz} = ${quizzes.id} and ${attempts.enrollment} = ${e.id}
                and ${attempts.passed}))`,
  )
  // Under the course's lock (the caller's); the enrollments in id order.
  const ids = await lockRows(
    req,
    'enrollments',
    finished.map((f) => f.id),
  )
  for (const id of ids) {
    const current = await req.payload.findByID({
      collection: 'enrollments',
      id,
      depth: 0,
      disableErrors: true,
      // A cascade after a lesson or quiz changed: every enrollment of the course, whoever asked.
      overrideAccess: true,
      req,
    })
    if (!current || current.completedAt) continue
    await req.payload.update({
      collection: 'enrollments',
      id,
      data: { completedAt: new Date().toISOString(), progressPercentage: 100 },
      depth: 0,
      // The same cascade.
      overrideAccess: true,
      req,
    })
  }
}

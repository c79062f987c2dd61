import type { PayloadRequest } from 'payload'

import { idOf } from '../../lib/ids'
import { conflict, forbidden, notFound } from '../../lib/errors'
import { requireUser, withTransaction } from '../../lib/http'
import { execute, lockRow, sql } from '../../lib/sql'
import type { Course, Enrollment, Lesson } from '../../payload-types'
import { findEnrollment } from './enrollment'

const DAY_MS = 24 * 60 * 60 * 1000

/** The caller's enrollment in a course, or 403. */
export async function ownEnrollment(req: PayloadRequest, course: Course): Promise<Enrollment> {
  const user = requireUser(req)
  const enrollment = await findEnrollment(req, user.id, course.id)
  if (!enrollment) throw forbidden('You are not enrolled in this course')
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

/** Completed lessons and passed quizzes of one enrollment, counted in SQL. */
async function summarize(req: PayloadRequest, enrollment: Enrollment): Promise<ProgressSummary> {
  const courseId = String(idOf(enrollment.course))
  const [row] = await execute<{ total: number; done: number; quizzes: number; passed: number }>(
    req,
    sql`select
      (select count(*)::int from lessons where course_id = ${courseId}) as total,
      (select count(*)::int from lesson_progress lp join lessons l on l.id = lp.lesson_id
        where lp.enrollment_id = ${enrollment.id} and lp.completed and l.course_id = ${courseId}) as done,
      (select count(*)::int from quizzes q join lessons l on l.id = q.lesson_id where l.course_id = ${courseId}) as quizzes,
      (select count(distinct a.quiz_id)::int from quiz_attempts a join quizzes q on q.id = a.quiz_id
        join lessons l on l.id = q.lesson_id
        where a.enrollment_id = ${enrollment.id} and a.passed and l.course_id = ${courseId}) as passed`,
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

/**
 * Marks a lesson complete for an enrollment (idempotent), refreshes the percentage and completes
 * the enrollment when every lesson is done and every quiz passed. Callers hold the enrollment lock.
 */
export async function recordLessonCompletion(
  req: PayloadRequest,
  enrollment: Enrollment,
  lesson: Lesson,
  timeSpent?: number,
) {
  const { docs } = await req.payload.find({
    collection: 'lesson-progress',
    where: { and: [{ enrollment: { equals: enrollment.id } }, { lesson: { equals: lesson.id } }] },
    limit: 1,
    depth: 0,
    // Progress is server-written bookkeeping (closed to API writes), here and below.
    overrideAccess: true,
    req,
  })
  const existing = docs[0]
  const now = new Date().toISOString()
  if (!existing) {
    await req.payload.create({
      collection: 'lesson-progress',
      data: {
        enrollment: enrollment.id,
        lesson: lesson.id,
        student: idOf(enrollment.student)!,
        course: idOf(enrollment.course)!,
        completed: true,
        completedAt: now,
        timeSpent: timeSpent ?? 0,
      },
      // Server-written progress (see above).
      overrideAccess: true,
      req,
    })
  } else if (!existing.completed || (timeSpent ?? 0) > (existing.timeSpent ?? 0)) {
    await req.payload.update({
      collection: 'lesson-progress',
      id: existing.id,
      data: {
        completed: true,
        completedAt: existing.completedAt ?? now,
        // Clients report the total time on the lesson; retries must not add it twice.
        timeSpent: Math.max(existing.timeSpent ?? 0, timeSpent ?? 0),
      },
      // Server-written progress (see above).
      overrideAccess: true,
      req,
    })
  }
  const summary = await summarize(req, enrollment)
  const courseCompleted =
    summary.totalLessons > 0 &&
    summary.completedLessons === summary.totalLessons &&
    summary.allQuizzesPassed
  const updated = await req.payload.update({
    collection: 'enrollments',
    id: enrollment.id,
    data: {
      progressPercentage: summary.progressPercentage,
      lastAccessedLesson: lesson.id,
      ...(courseCompleted && !enrollment.completedAt ? { completedAt: now } : {}),
    },
    depth: 0,
    // The enrollment's progress and completion are server-written (admin-only over REST).
    overrideAccess: true,
    req,
  })
  return { enrollment: updated, summary, courseCompleted: Boolean(updated.completedAt) }
}

/**
 * The locks a learner's write takes, in the order every writer under a course uses: the course row
 * (KEY SHARE: does not block enrollments, but waits while the course, one of its lessons or quizzes
 * is being deleted), then the enrollment row, which serializes one student's completions and quiz
 * submissions. The lesson is looked up again under the locks: it may have been deleted meanwhile.
 */
export async function lockLearning(
  req: PayloadRequest,
  {
    courseId,
    enrollmentId,
    lessonId,
  }: { courseId: string; enrollmentId: string; lessonId: string },
) {
  const [course] = await execute(
    req,
    sql`select id from courses where id = ${courseId} for key share`,
  )
  if (!course || !(await lockRow(req, 'enrollments', enrollmentId))) {
    throw notFound('Enrollment not found')
  }
  const [lesson] = await execute(req, sql`select id from lessons where id = ${lessonId}`)
  if (!lesson) throw notFound('Lesson not found')
}

/** POST /api/courses/:id/lessons/:lessonId/complete */
export async function completeLesson(
  req: PayloadRequest,
  course: Course,
  lesson: Lesson,
  timeSpent?: number,
) {
  const enrollment = await ownEnrollment(req, course)
  const opensAt = unlocksAt(enrollment, lesson)
  if (opensAt) throw forbidden(`This lesson unlocks on ${opensAt.toISOString()}`)
  return withTransaction(req, async () => {
    await lockLearning(req, {
      courseId: course.id,
      enrollmentId: enrollment.id,
      lessonId: lesson.id,
    })
    const current = await req.payload.findByID({
      collection: 'enrollments',
      id: enrollment.id,
      depth: 0,
      // The caller's own enrollment, read again under its lock.
      overrideAccess: true,
      req,
    })
    if (lesson.lessonType === 'quiz') {
      const quiz = await req.payload.find({
        collection: 'quizzes',
        where: { lesson: { equals: lesson.id } },
        limit: 1,
        depth: 0,
        // Students cannot read quizzes (answer keys); the completion rule needs to know of one.
        overrideAccess: true,
        req,
      })
      if (quiz.docs.length) {
        const passed = await req.payload.count({
          collection: 'quiz-attempts',
          where: {
            and: [
              { quiz: { equals: quiz.docs[0].id } },
              { enrollment: { equals: enrollment.id } },
              { passed: { equals: true } },
            ],
          },
          // What the completion rule needs.
          overrideAccess: true,
          req,
        })
        if (!passed.totalDocs) throw conflict("Pass this lesson's quiz to complete it")
      }
    }
    const result = await recordLessonCompletion(req, current, lesson, timeSpent)
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
    sql`select e.id as enrollment_id, c.id as course_id, c.title, e.progress_percentage,
          e.completed_at, e.last_accessed_lesson_id,
          (select count(*)::int from lessons l where l.course_id = c.id) as total,
          (select count(*)::int from lesson_progress lp where lp.enrollment_id = e.id and lp.completed) as done,
          (select coalesce(sum(lp.time_spent), 0)::int from lesson_progress lp where lp.enrollment_id = e.id) as time_spent
        from enrollments e join courses c on c.id = e.course_id
        where e.student_id = ${studentId}
        order by e.enrolled_at desc`,
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
  await execute(
    req,
    sql`update enrollments e set progress_percentage = coalesce((
          select round(100.0 * count(lp.id) / nullif(count(l.id), 0))
          from lessons l
          left join lesson_progress lp on lp.lesson_id = l.id and lp.enrollment_id = e.id and lp.completed
          where l.course_id = e.course_id), 0)
        where e.course_id = ${courseId}`,
  )
  await completeFinishedEnrollments(req, courseId)
}

/**
 * Completes the course's enrollments that have every lesson done and every quiz passed but no
 * completedAt yet (the course changed under them). Through the Local API, so the course-completed
 * event fires once for each, under the same enrollment lock lesson completion takes.
 */
export async function completeFinishedEnrollments(req: PayloadRequest, courseId: string) {
  const finished = await execute<{ id: string }>(
    req,
    sql`select e.id from enrollments e
        where e.course_id = ${courseId} and e.completed_at is null
          and exists (select 1 from lessons l where l.course_id = e.course_id)
          and not exists (
            select 1 from lessons l where l.course_id = e.course_id and not exists (
              select 1 from lesson_progress lp
              where lp.lesson_id = l.id and lp.enrollment_id = e.id and lp.completed))
          and not exists (
            select 1 from quizzes q join lessons l on l.id = q.lesson_id
            where l.course_id = e.course_id and not exists (
              select 1 from quiz_attempts a
              where a.quiz_id = q.id and a.enrollment_id = e.id and a.passed))`,
  )
  for (const { id } of finished) {
    await lockRow(req, 'enrollments', id)
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

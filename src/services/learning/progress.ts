import { eq } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

import { idOf } from '../../lib/ids'
import { conflict, forbidden, notFound } from '../../lib/errors'
import { requireUser, withTransaction } from '../../lib/http'
import { lockEnrollment, lockRow, lockRows } from '../../lib/locks'
import { execute, sql, table, transactionDb } from '../../lib/sql'
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

/** POST /api/courses/:id/lessons/:lessonId/complete */
export async function completeLesson(
  req: PayloadRequest,
  course: Course,
  lesson: Lesson,
  timeSpent?: number,
) {
  const enrollment = await openEnrollment(req, course, lesson)
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

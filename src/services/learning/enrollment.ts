import { inArray } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

import { hasRole, isAdminUser } from '../../access'
import { idOf } from '../../lib/ids'
import { forbidden, notFound, paymentRequired } from '../../lib/errors'
import { isUUID, requireUser, withTransaction } from '../../lib/http'
import { formatMoney } from '../../lib/money'
import { lockRow, lockRows } from '../../lib/locks'
import { table, transactionDb } from '../../lib/sql'
import type { Course, Enrollment } from '../../payload-types'
import { isCourseOwner } from './courses'

type EnrollArgs = {
  courseId: string
  studentId: string
  source: Enrollment['source']
  cohortId?: string
}

export async function findEnrollment(req: PayloadRequest, studentId: string, courseId: string) {
  const { docs } = await req.payload.find({
    collection: 'enrollments',
    where: { and: [{ student: { equals: studentId } }, { course: { equals: courseId } }] },
    limit: 1,
    depth: 0,
    // What the enrollment rules need (is this student enrolled?), asked on anyone's behalf.
    overrideAccess: true,
    req,
  })
  return docs[0] ?? null
}

/**
 * Enrolls a student exactly once. Enrollments of one course are serialized on the course row, so
 * parallel requests for the same student cannot both insert, and the counters stay exact.
 */
export async function enrollStudent(
  req: PayloadRequest,
  { courseId, studentId, source, cohortId }: EnrollArgs,
): Promise<{ doc: Enrollment; created: boolean }> {
  return withTransaction(req, async () => {
    if (!(await lockRow(req, 'courses', courseId))) throw notFound('Course not found')
    const existing = await findEnrollment(req, studentId, courseId)
    if (existing) return { doc: existing, created: false }
    const doc = await req.payload.create({
      collection: 'enrollments',
      data: {
        student: studentId,
        course: courseId,
        source,
        cohort: cohortId,
        enrolledAt: new Date().toISOString(),
      },
      depth: 0,
      // Enrollments are created only by enrolling, purchases and cohorts (admin-only over REST).
      overrideAccess: true,
      req,
    })
    return { doc, created: true }
  })
}

/**
 * Enrolls students in several courses in one transaction (cohorts). Every course row and then
 * every educator row is locked up front, each in id order, so this cannot deadlock with another
 * multi-course enrollment or with single enrollments (which lock one course, then its educator).
 */
export async function enrollInCourses(
  req: PayloadRequest,
  {
    courseIds,
    studentIds,
    source,
    cohortId,
  }: Omit<EnrollArgs, 'courseId' | 'studentId'> & { courseIds: string[]; studentIds: string[] },
) {
  const courses = [...new Set(courseIds)].sort()
  if (!courses.length || !studentIds.length) return
  await withTransaction(req, async () => {
    await lockRows(req, 'courses', courses)
    const rows = table(req, 'courses', ['id', 'educator'])
    const db = await transactionDb(req)
    const educators = await db
      .selectDistinct({ educator: rows.educator })
      .from(rows)
      .where(inArray(rows.id, courses))
    await lockRows(
      req,
      'users',
      educators.flatMap((e) => (e.educator ? [String(e.educator)] : [])),
    )
    for (const courseId of courses) {
      for (const studentId of studentIds) {
        await enrollStudent(req, { courseId, studentId, source, cohortId })
      }
    }
  })
}

/** Courses in `prerequisites` the student has not completed yet. */
async function missingPrerequisites(req: PayloadRequest, course: Course, studentId: string) {
  const required = (course.prerequisites ?? []).map((p) => String(idOf(p)))
  if (!required.length) return []
  const done = await req.payload.find({
    collection: 'enrollments',
    where: {
      and: [
        { student: { equals: studentId } },
        { course: { in: required } },
        { completedAt: { exists: true } },
      ],
    },
    depth: 0,
    pagination: false,
    select: { course: true },
    // What the prerequisite rule needs.
    overrideAccess: true,
    req,
  })
  const completed = new Set(done.docs.map((e) => String(idOf(e.course))))
  const missing = required.filter((id) => !completed.has(id))
  if (!missing.length) return []
  const courses = await req.payload.find({
    collection: 'courses',
    where: { id: { in: missing } },
    depth: 0,
    pagination: false,
    select: { title: true },
    // Names the missing prerequisites (published when chosen, but possibly unpublished since).
    overrideAccess: true,
    req,
  })
  return courses.docs.map((c) => ({ id: c.id, title: c.title }))
}

/** Whether the student has paid for the course (and not been refunded). */
async function hasCompletedPurchase(req: PayloadRequest, studentId: string, courseId: string) {
  const { totalDocs } = await req.payload.count({
    collection: 'purchases',
    where: {
      and: [
        { student: { equals: studentId } },
        { course: { equals: courseId } },
        { status: { equals: 'completed' } },
      ],
    },
    overrideAccess: true, // the enrollment rule checks the caller's own purchases
    req,
  })
  return totalDocs > 0
}

/**
 * POST /api/courses/:id/enroll: free courses directly; paid ones with a completed purchase
 * (POST /api/payments/checkout), otherwise 402. Cohort seats enroll through the cohort.
 */
export async function enrollInCourse(req: PayloadRequest, course: Course) {
  const user = requireUser(req)
  if (!hasRole(user, 'student')) throw forbidden('Only student accounts can enroll in courses')
  const existing = await findEnrollment(req, user.id, course.id)
  if (existing) return { doc: existing, created: false }
  const paid = (course.price ?? 0) > 0
  if (paid && (await hasCompletedPurchase(req, user.id, course.id))) {
    return enrollStudent(req, { courseId: course.id, studentId: user.id, source: 'purchase' })
  }
  if (paid) {
    throw paymentRequired(
      `This course costs ${formatMoney(course.price!, course.currency ?? 'usd')}; buy it with POST /api/payments/checkout to enroll`,
      { price: course.price, currency: course.currency },
    )
  }
  const missing = await missingPrerequisites(req, course, user.id)
  if (missing.length) {
    throw forbidden(
      `Complete the prerequisite course${missing.length > 1 ? 's' : ''} first: ${missing.map((c) => `"${c.title}"`).join(', ')}`,
    )
  }
  return enrollStudent(req, { courseId: course.id, studentId: user.id, source: 'free' })
}

/** DELETE /api/courses/:id/enrollments/:userId — the course educator, an admin, or the student. */
export async function removeEnrollment(req: PayloadRequest, course: Course, studentId: unknown) {
  const user = requireUser(req)
  if (!isUUID(studentId)) throw notFound('Enrollment not found')
  if (!isAdminUser(user) && !isCourseOwner(req, course) && user.id !== studentId) throw forbidden()
  await withTransaction(req, async () => {
    // Course row first, as enrolling and deleting the course do, so none can deadlock another.
    if (!(await lockRow(req, 'courses', course.id))) throw notFound('Course not found')
    const enrollment = await findEnrollment(req, studentId, course.id)
    if (!enrollment) throw notFound('Enrollment not found')
    await req.payload.delete({
      collection: 'enrollments',
      id: enrollment.id,
      // Admin-only over REST: unenrolling goes through here, which locks the course row first.
      overrideAccess: true,
      req,
    })
  })
}

/** GET /api/courses/:id/enrollments — the course educator or an admin. */
export async function listCourseEnrollments(
  req: PayloadRequest,
  course: Course,
  { page, limit }: { page: number; limit: number },
) {
  return req.payload.find({
    collection: 'enrollments',
    where: { course: { equals: course.id } },
    sort: '-enrolledAt',
    page,
    limit,
    depth: 1,
    populate: { users: { fullName: true, profileImage: true }, courses: { title: true } },
    select: {
      student: true,
      source: true,
      enrolledAt: true,
      completedAt: true,
      progressPercentage: true,
      lastAccessedLesson: true,
    },
    overrideAccess: false,
    user: req.user,
    req,
  })
}

/** GET /api/students/:id/enrollments — what the student is taking, newest first. */
export async function listStudentEnrollments(
  req: PayloadRequest,
  studentId: string,
  { page, limit }: { page: number; limit: number },
) {
  return req.payload.find({
    collection: 'enrollments',
    where: { student: { equals: studentId } },
    sort: '-enrolledAt',
    page,
    limit,
    depth: 1,
    populate: {
      courses: { title: true, slug: true, courseType: true, thumbnail: true, educator: true },
      lessons: { title: true, orderIndex: true },
    },
    overrideAccess: false,
    user: req.user,
    req,
  })
}

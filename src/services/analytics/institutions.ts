import type { PayloadRequest } from 'payload'

import { notFound } from '../../lib/errors'
import { findById } from '../../lib/lookup'
import { idOf } from '../../lib/ids'
import { execute, sql } from '../../lib/sql'
import type { Cohort } from '../../payload-types'
import { seatsOf } from '../payments/seats'
import { activeUsers, completionRate, round2, uuidArray } from './metrics'

const num = (v: unknown) => Number(v ?? 0)
const iso = (v: string | null | undefined) => (v ? new Date(v).toISOString() : null)

/**
 * The learning a set of cohorts covers: each member × each course of their cohort, with the
 * enrollment (if any) and the certificate (if issued and not revoked).
 */
export const memberCoursesSQL = (cohortScope: ReturnType<typeof sql>) => sql`
  select co.id as "cohortId", co.name as "cohortName",
    m.student_id as "studentId", u.full_name as "fullName", u.email,
    c.id as "courseId", c.title,
    coalesce(e.progress_percentage, 0) as "progressPercentage", e.completed_at as "completedAt",
    e.id is not null as enrolled,
    cert.id as "certificateId", cert.verification_code as "certificateCode"
  from cohorts co
  join cohort_enrollments m on m.cohort_id = co.id
  join users u on u.id = m.student_id
  join cohorts_rels r on r.parent_id = co.id and r.path = 'courses'
  join courses c on c.id = r.courses_id
  left join enrollments e on e.student_id = m.student_id and e.course_id = c.id
  left join certifications cert on cert.student_id = m.student_id and cert.course_id = c.id
    and cert.revoked_at is null
  where ${cohortScope}`

type MemberCourse = {
  cohortId: string
  cohortName: string
  studentId: string
  fullName: string
  email: string
  courseId: string
  title: string
  progressPercentage: string
  completedAt: string | null
  enrolled: boolean
  certificateId: string | null
  certificateCode: string | null
}

function summarize(rows: MemberCourse[]) {
  const students = new Set(rows.map((r) => r.studentId))
  const completed = rows.filter((r) => r.completedAt).length
  return {
    students: students.size,
    averageProgress: rows.length
      ? round2(rows.reduce((s, r) => s + num(r.progressPercentage), 0) / rows.length)
      : 0,
    completionRate: completionRate(completed, rows.length),
    certificatesIssued: rows.filter((r) => r.certificateId).length,
  }
}

/** GET /api/institutions/:id/analytics — over every cohort the institution owns. */
export async function institutionAnalytics(req: PayloadRequest, institutionId: string) {
  const [cohorts] = await execute<{ n: string }>(
    req,
    sql`select count(*) as n from cohorts where institution_id = ${institutionId}`,
  )
  const rows = await execute<MemberCourse>(
    req,
    memberCoursesSQL(sql`co.institution_id = ${institutionId}`),
  )
  const members = await execute<{ studentId: string }>(
    req,
    sql`select distinct m.student_id as "studentId" from cohort_enrollments m
        join cohorts co on co.id = m.cohort_id where co.institution_id = ${institutionId}`,
  )
  const summary = summarize(rows)
  const seats = await seatsOf(req, institutionId)
  return {
    cohorts: num(cohorts?.n),
    students: members.length,
    activeStudents30d: await activeUsers(
      req,
      members.map((m) => m.studentId),
    ),
    averageProgress: summary.averageProgress,
    completionRate: summary.completionRate,
    certificatesIssued: summary.certificatesIssued,
    seats: { total: seats.total, used: seats.used },
  }
}

/** The institution's cohort, or 404 (also for another institution's cohort). */
export async function cohortOf(req: PayloadRequest, institutionId: string, cohortId: unknown) {
  const cohort = await findById(req, 'cohorts', cohortId)
  if (!cohort || idOf(cohort.institution) !== institutionId) throw notFound('Cohort not found')
  return cohort
}

/**
 * GET /api/institutions/:id/cohorts/:cohortId/report — one statement for the whole cohort: each
 * member × each cohort course (a member of a cohort without courses once, with none), the
 * enrollment and the certificate looked up by their (student, course) indexes, so the cost follows
 * the cohort's size rather than the size of the enrollments table (a LIMIT 1 keeps each lookup a
 * probe: both pairs are unique).
 */
export async function cohortReport(req: PayloadRequest, cohort: Cohort) {
  const rows = await execute<Omit<MemberCourse, 'cohortId' | 'cohortName' | 'certificateCode'>>(
    req,
    sql`select m.student_id as "studentId", u.full_name as "fullName", u.email,
          c.id as "courseId", c.title,
          coalesce(e.progress_percentage, 0) as "progressPercentage", e.completed_at as "completedAt",
          e.enrolled is not null as enrolled, cert.id as "certificateId"
        from cohort_enrollments m
        join users u on u.id = m.student_id
        left join (cohorts_rels r join courses c on c.id = r.courses_id)
          on r.parent_id = m.cohort_id and r.path = 'courses'
        left join lateral (
          select true as enrolled, x.progress_percentage, x.completed_at from enrollments x
          where x.student_id = m.student_id and x.course_id = c.id limit 1) e on true
        left join lateral (
          select x.id from certifications x
          where x.student_id = m.student_id and x.course_id = c.id and x.revoked_at is null
          limit 1) cert on true
        where m.cohort_id = ${cohort.id}
        order by r."order"`,
  )
  const byStudent = new Map<
    string,
    { studentId: string; fullName: string; email: string; courses: unknown[] }
  >()
  const pairs: typeof rows = []
  for (const r of rows) {
    let entry = byStudent.get(r.studentId)
    if (!entry) {
      entry = { studentId: r.studentId, fullName: r.fullName, email: r.email, courses: [] }
      byStudent.set(r.studentId, entry)
    }
    if (!r.courseId) continue
    pairs.push(r)
    entry.courses.push({
      courseId: r.courseId,
      title: r.title,
      progressPercentage: num(r.progressPercentage),
      completedAt: iso(r.completedAt),
      certificateId: r.certificateId,
    })
  }
  const summary = summarize(pairs as MemberCourse[])
  const byName = new Intl.Collator().compare
  return {
    cohort: {
      id: cohort.id,
      name: cohort.name,
      startDate: cohort.startDate ?? null,
      endDate: cohort.endDate ?? null,
    },
    summary: { ...summary, students: byStudent.size },
    students: [...byStudent.values()].sort((a, b) => byName(a.fullName, b.fullName)),
  }
}

export { uuidArray }

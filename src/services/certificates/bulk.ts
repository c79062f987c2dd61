import { and, eq, isNotNull } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

import { hasRole, isAdminUser } from '../../access'
import { enqueue } from '../../jobs/enqueue'
import { forbidden, notFound } from '../../lib/errors'
import { isUUID, requireUser, withTransaction } from '../../lib/http'
import { idOf } from '../../lib/ids'
import { relationTable, table, transactionDb } from '../../lib/sql'
import { certificateJobKey } from './issue'

/** Completed enrollments of a cohort's members in the cohort's courses, with their certificate ids. */
async function cohortCompletions(req: PayloadRequest, cohortId: string) {
  const members = table(req, 'cohort-enrollments', ['cohort', 'student'])
  const courses = relationTable(req, 'cohorts', 'courses', 'courses')
  const enrollments = table(req, 'enrollments', ['id', 'student', 'course', 'completedAt'])
  const certificates = table(req, 'certifications', ['id', 'student', 'course'])
  const db = await transactionDb(req)
  const rows = await db
    .select({ enrollment: enrollments.id, certificate: certificates.id })
    .from(members)
    .innerJoin(courses.table, and(eq(courses.parent, members.cohort), courses.isField))
    .innerJoin(
      enrollments,
      and(eq(enrollments.student, members.student), eq(enrollments.course, courses.target)),
    )
    .leftJoin(
      certificates,
      and(
        eq(certificates.student, enrollments.student),
        eq(certificates.course, enrollments.course),
      ),
    )
    .where(and(eq(members.cohort, cohortId), isNotNull(enrollments.completedAt)))
  return rows.map((r) => ({
    enrollment_id: String(r.enrollment),
    certification_id: r.certificate ? String(r.certificate) : null,
  }))
}

/** The cohort an institution owns (admins: any), or 404/403. */
export async function ownedCohort(req: PayloadRequest, institutionId: unknown, cohortId: unknown) {
  const user = requireUser(req)
  if (!isUUID(institutionId) || !isUUID(cohortId)) throw notFound('Cohort not found')
  if (!isAdminUser(user) && !(hasRole(user, 'institution') && user.id === institutionId))
    throw forbidden()
  const cohort = await req.payload.findByID({
    collection: 'cohorts',
    id: cohortId,
    depth: 0,
    disableErrors: true,
    overrideAccess: true,
    req,
  })
  if (!cohort || idOf(cohort.institution) !== institutionId) throw notFound('Cohort not found')
  return cohort
}

export async function cohortCertificateStatus(req: PayloadRequest, cohortId: string) {
  const rows = await cohortCompletions(req, cohortId)
  const issued = rows.filter((r) => r.certification_id).length
  return {
    cohort: cohortId,
    completed: rows.length,
    issued,
    pending: rows.length - issued,
  }
}

/**
 * Bulk issue for a cohort: one certificate job per completed enrollment without a certificate.
 * Issuing is idempotent per enrollment, so repeating the request while jobs run (or after) issues
 * nothing twice.
 */
export async function bulkIssueCohortCertificates(req: PayloadRequest, cohortId: string) {
  const missing = (await cohortCompletions(req, cohortId)).filter((r) => !r.certification_id)
  await withTransaction(req, async () => {
    for (const { enrollment_id: enrollmentId } of missing) {
      await enqueue(
        req,
        'certificate.issue',
        { enrollmentId },
        { key: certificateJobKey(enrollmentId) },
      )
    }
  })
  return {
    ...(await cohortCertificateStatus(req, cohortId)),
    queued: missing.length,
  }
}

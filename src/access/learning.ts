import { and, eq, sql } from '@payloadcms/db-postgres/drizzle'
import { alias } from '@payloadcms/db-postgres/drizzle/pg-core'
import type { Access, PayloadRequest, Where } from 'payload'

import { hasRole, isAdminUser } from './index'
import { exists, rowsWhere } from './subqueries'
import { memo } from '../lib/requestCache'
import { execute, relationTable, table } from '../lib/sql'

/** Collections of learner records: each row has a `student` and a `course`. */
export type LearnerRecords = 'enrollments' | 'lesson-progress' | 'quiz-attempts' | 'certifications'

/**
 * Rows of `records` whose student is in one of the caller's cohorts that includes the row's
 * course — the same cohort for both, so a member's other courses stay private.
 */
function ofOwnCohorts(req: PayloadRequest, records: LearnerRecords) {
  const row = alias(table(req, records, ['id', 'student', 'course']), 'access_row')
  const member = table(req, 'cohort-enrollments', ['cohort', 'student'])
  const cohort = table(req, 'cohorts', ['id', 'institution'])
  const courses = relationTable(req, 'cohorts', 'courses', 'courses')
  const db = req.payload.db.drizzle
  const inCohort = db
    .select({ one: sql`1` })
    .from(member)
    .innerJoin(cohort, eq(cohort.id, member.cohort))
    .innerJoin(courses.table, and(eq(courses.parent, cohort.id), courses.isField))
    .where(
      and(
        eq(cohort.institution, req.user!.id),
        eq(member.student, row.student),
        eq(courses.target, row.course),
      ),
    )
  return rowsWhere(
    db.select({ id: row.id }).from(row).where(exists(inCohort)),
    `${records} of the caller's cohorts`,
  )
}

/**
 * Enrollments of the caller's cohorts: the database keeps one reading institution on each
 * enrollment (an index range, whatever the size of the cohorts) and lists any others beside it;
 * only an institution that is such an other reader somewhere pays for the second condition.
 */
async function enrollmentsOfOwnCohorts(req: PayloadRequest): Promise<Where> {
  const id = req.user!.id
  const own: Where = { institution: { equals: id } }
  const alsoReadsOthers = await memo(req, 'enrollments:extraInstitution', async () => {
    const found = await execute(
      req,
      sql`select 1 from enrollment_extra_institutions where institution_id = ${id} limit 1`,
    )
    return found.length > 0
  })
  if (!alsoReadsOthers) return own
  const extra = sql`(select enrollment_id from enrollment_extra_institutions where institution_id = ${id})`
  return { or: [own, rowsWhere(extra, 'enrollments the caller reads beside another institution')] }
}

/**
 * Learner records (enrollments, progress, attempts, certificates — each with `student` and
 * `course`): the student themself, the course's educator, institutions for each cohort's students
 * in that cohort's courses (not a member's other courses), admins.
 */
export const learnerRecordReaders =
  (records: LearnerRecords): Access =>
  ({ req }) => {
    const { user } = req
    if (!user) return false
    if (isAdminUser(user)) return true
    if (hasRole(user, 'student')) return { student: { equals: user.id } }
    if (hasRole(user, 'educator')) {
      // Enrollments carry their course's educator (a column the database keeps).
      const path = records === 'enrollments' ? 'educator' : 'course.educator'
      return { [path]: { equals: user.id } }
    }
    if (hasRole(user, 'institution')) {
      return records === 'enrollments' ? enrollmentsOfOwnCohorts(req) : ofOwnCohorts(req, records)
    }
    return false
  }

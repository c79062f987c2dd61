import type { PayloadRequest } from 'payload'

import { execute, lockRow, sql } from '../lib/sql'

/**
 * Counters are recomputed from count(*) under the parent row's lock, inside the transaction that
 * changed the children: the next writer waits for the lock and its fresh statement sees this one's
 * commit, so the stored number always equals the real count however many requests run at once.
 */

export async function recountCourseEnrollments(req: PayloadRequest, courseId: string) {
  if (!(await lockRow(req, 'courses', courseId))) return
  const [course] = await execute<{ educator_id: string | null }>(
    req,
    sql`update courses
        set total_enrollments = (select count(*) from enrollments where course_id = ${courseId})
        where id = ${courseId}
        returning educator_id`,
  )
  if (course?.educator_id) await recountEducatorStudents(req, course.educator_id)
}

/** Distinct students across all of an educator's courses. */
export async function recountEducatorStudents(req: PayloadRequest, educatorId: string) {
  if (!(await lockRow(req, 'users', educatorId))) return
  await execute(
    req,
    sql`update users
        set educator_profile_total_students = (
          select count(distinct e.student_id)
          from enrollments e join courses c on c.id = e.course_id
          where c.educator_id = ${educatorId})
        where id = ${educatorId}`,
  )
}

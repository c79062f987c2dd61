import type { PayloadRequest } from 'payload'

import { execute, sql } from '../../../lib/sql'

/**
 * Lock order under a course: every writer (enroll, leave, complete a lesson, submit a quiz, add
 * cohort members) locks the course row first. Deleting a course, a lesson or a quiz takes the
 * course row's strongest lock (the one deleting the course needs) before touching anything else,
 * so those writers wait at their first step holding nothing: no deadlock, no lock upgrade, and no
 * new row can slip in under something being deleted.
 */
export async function lockCourseForDelete(req: PayloadRequest, courseId: string | undefined) {
  if (courseId) await execute(req, sql`select id from courses where id = ${courseId} for update`)
}

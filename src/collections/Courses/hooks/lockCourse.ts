import type { CollectionBeforeDeleteHook } from 'payload'

import { lockRow } from '../../../lib/locks'

/**
 * First of a course's beforeDelete hooks: the course's `delete` lock, before anything under it is
 * touched (src/lib/locks.ts). The lessons, quizzes, enrollments and discussion deleted with it
 * find the lock held and take it no second time.
 */
export const lockCourse: CollectionBeforeDeleteHook = async ({ id, req }) => {
  await lockRow(req, 'courses', String(id), 'delete')
}

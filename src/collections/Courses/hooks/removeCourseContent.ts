import type { CollectionBeforeDeleteHook } from 'payload'

import { lockCourseForDelete } from './courseLocks'

/**
 * A deleted course takes its enrollments (with their progress and attempts, so the counters
 * follow), quizzes and lessons along, in the delete's transaction. Without this the foreign keys
 * of those rows (NOT NULL, ON DELETE SET NULL) make every delete of a built course fail.
 */
export const removeCourseContent: CollectionBeforeDeleteHook = async ({ id, req }) => {
  await lockCourseForDelete(req, String(id))
  const where = { course: { equals: id } }
  await req.payload.delete({ collection: 'enrollments', where, overrideAccess: true, req })
  await req.payload.delete({ collection: 'lessons', where, overrideAccess: true, req })
}

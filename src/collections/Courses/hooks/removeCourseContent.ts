import type { CollectionBeforeDeleteHook } from 'payload'

/**
 * A deleted course takes its enrollments (with their progress and attempts, so the counters
 * follow), quizzes, lessons and question banks along, in the delete's transaction. Without this the foreign keys
 * of those rows (NOT NULL, ON DELETE SET NULL) make every delete of a built course fail. The
 * course is already locked (lockCourse).
 *
 * Cascades, here and in every collection, delete through the Local API rather than in SQL: the
 * removed rows' own hooks then run (counters, course communities, their own cascades, and whatever
 * a collection adds later), so what follows a delete is read from that collection's hooks and is
 * the same whichever path deleted it. The cost is a few statements per row, which the sizes here
 * afford; each cascade runs under its root's `delete` lock (src/lib/locks.ts).
 */
export const removeCourseContent: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const where = { course: { equals: id } }
  await req.payload.delete({ collection: 'enrollments', where, overrideAccess: true, req })
  await req.payload.delete({ collection: 'lessons', where, overrideAccess: true, req })
  await req.payload.delete({ collection: 'course-reviews', where, overrideAccess: true, req })
  // After the lessons: their quizzes drew from these banks.
  await req.payload.delete({ collection: 'question-banks', where, overrideAccess: true, req })
}

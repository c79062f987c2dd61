import type { CollectionBeforeDeleteHook } from 'payload'

import { idOf } from '../../../lib/ids'
import { lockRow } from '../../../lib/locks'

/**
 * A deleted lesson takes its quiz (and that quiz's attempts) and the progress rows that point at
 * it, whichever API deletes it; their foreign keys would otherwise fail the delete. The course row
 * is locked for `delete` first (src/lib/locks.ts) so a student completing this lesson meanwhile
 * cannot deadlock; under a course delete it is already held.
 */
export const removeLessonRecords: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const lesson = await req.payload.findByID({
    collection: 'lessons',
    id,
    depth: 0,
    disableErrors: true,
    overrideAccess: true,
    req,
  })
  const courseId = idOf(lesson?.course)
  if (courseId) await lockRow(req, 'courses', courseId, 'delete')
  const where = { lesson: { equals: id } }
  await req.payload.delete({ collection: 'quizzes', where, overrideAccess: true, req })
  await req.payload.delete({ collection: 'lesson-progress', where, overrideAccess: true, req })
}

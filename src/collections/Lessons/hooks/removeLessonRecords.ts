import type { CollectionBeforeDeleteHook } from 'payload'

import { idOf } from '../../../lib/ids'
import { lockCourseForDelete } from '../../Courses/hooks/courseLocks'

/**
 * A deleted lesson takes its quiz (and that quiz's attempts) and the progress rows that point at
 * it, whichever API deletes it; their foreign keys would otherwise fail the delete. The course row
 * is locked first (see courseLocks) so a student completing this lesson meanwhile cannot deadlock.
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
  await lockCourseForDelete(req, idOf(lesson?.course))
  const where = { lesson: { equals: id } }
  await req.payload.delete({ collection: 'quizzes', where, overrideAccess: true, req })
  await req.payload.delete({ collection: 'lesson-progress', where, overrideAccess: true, req })
}

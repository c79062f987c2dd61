import type { CollectionBeforeDeleteHook } from 'payload'

import { idOf } from '../../../lib/ids'
import { lockRow } from '../../../lib/locks'

/**
 * An enrollment's progress and quiz attempts go with it. Its course is locked first (`write`, as
 * enrolling and leaving take it; root first, src/lib/locks.ts), whichever path deletes it; the
 * course's own delete and unenrolling hold it already.
 */
export const removeLearnerRecords: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const enrollment = await req.payload.findByID({
    collection: 'enrollments',
    id,
    depth: 0,
    disableErrors: true,
    select: { course: true },
    overrideAccess: true,
    req,
  })
  const courseId = idOf(enrollment?.course)
  if (courseId) await lockRow(req, 'courses', courseId)
  const where = { enrollment: { equals: id } }
  await req.payload.delete({ collection: 'lesson-progress', where, overrideAccess: true, req })
  await req.payload.delete({ collection: 'quiz-attempts', where, overrideAccess: true, req })
}

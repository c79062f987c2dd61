import type { CollectionAfterDeleteHook, CollectionBeforeDeleteHook } from 'payload'

import { idOf } from '../../../lib/ids'
import { completeFinishedEnrollments } from '../../../services/learning/progress'
import { lockRow } from '../../../lib/locks'

/**
 * A deleted quiz takes its attempts along (their quiz foreign key is NOT NULL), after locking the
 * course row for `delete` (src/lib/locks.ts) so a submission meanwhile cannot deadlock; under a
 * course delete it is already held.
 */
export const removeAttempts: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const quiz = await req.payload.findByID({
    collection: 'quizzes',
    id,
    depth: 0,
    disableErrors: true,
    overrideAccess: true,
    req,
  })
  const courseId = idOf(quiz?.course)
  if (courseId) await lockRow(req, 'courses', courseId, 'delete')
  await req.payload.delete({
    collection: 'quiz-attempts',
    where: { quiz: { equals: id } },
    overrideAccess: true,
    req,
  })
}

/** Without this quiz, students who had done everything else have now completed the course. */
export const completeWithoutQuiz: CollectionAfterDeleteHook = async ({ doc, req }) => {
  const courseId = idOf(doc.course)
  if (courseId) await completeFinishedEnrollments(req, courseId)
}

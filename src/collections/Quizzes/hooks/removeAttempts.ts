import type { CollectionAfterDeleteHook, CollectionBeforeDeleteHook } from 'payload'

import { idOf } from '../../../access/courses'
import { completeFinishedEnrollments } from '../../../services/progress'

/** A deleted quiz takes its attempts along (their quiz foreign key is NOT NULL). */
export const removeAttempts: CollectionBeforeDeleteHook = async ({ id, req }) => {
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

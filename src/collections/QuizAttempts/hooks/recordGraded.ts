import type { CollectionAfterChangeHook } from 'payload'

import { idOf } from '../../../lib/ids'
import type { QuizAttempt } from '../../../payload-types'
import { recordEvent } from '../../../services/analytics/events'

/** quiz_submit once an attempt has its score: on submission, or when its essays are graded. */
export const recordGraded: CollectionAfterChangeHook<QuizAttempt> = async ({
  doc,
  previousDoc,
  operation,
  req,
}) => {
  const graded = doc.status === 'graded'
  const before = operation === 'update' && previousDoc?.status === 'graded'
  if (!graded || before) return doc
  await recordEvent(req, 'quiz_submit', {
    user: idOf(doc.student),
    course: idOf(doc.course),
    data: {
      quizId: idOf(doc.quiz),
      score: doc.score,
      passed: doc.passed,
      attemptNumber: doc.attemptNumber,
    },
  })
  return doc
}

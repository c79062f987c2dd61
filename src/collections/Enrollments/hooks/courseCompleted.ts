import type { CollectionAfterChangeHook } from 'payload'

import { idOf } from '../../../lib/ids'
import type { Enrollment } from '../../../payload-types'
import { courseCompletedEffects } from '../../../services/learning/completion'

/** Whichever path completed the course through the Local API: its event and certificate. */
export const courseCompleted: CollectionAfterChangeHook<Enrollment> = async ({
  doc,
  previousDoc,
  req,
}) => {
  if (!doc.completedAt || previousDoc?.completedAt) return doc
  await courseCompletedEffects(req, {
    enrollmentId: doc.id,
    studentId: idOf(doc.student) ?? null,
    courseId: idOf(doc.course) ?? null,
  })
  return doc
}

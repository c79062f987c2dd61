import type { CollectionAfterChangeHook } from 'payload'

import { raiseCourseCompleted } from '../../../services/learning/courseCompletion'
import type { Enrollment } from '../../../payload-types'

/** The one place a completed enrollment is noticed, whichever path completed it. */
export const announceCourseCompleted: CollectionAfterChangeHook<Enrollment> = async ({
  doc,
  previousDoc,
  req,
}) => {
  if (doc.completedAt && !previousDoc?.completedAt) await raiseCourseCompleted(req, doc)
  return doc
}

import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import { idOf } from '../../../lib/ids'
import { recountCourseEnrollments } from '../../../hooks/counters'

// Whatever path adds or removes an enrollment (endpoint, cohort, admin UI), the counters follow
// in the same transaction.

export const countEnrollmentAdded: CollectionAfterChangeHook = async ({ doc, operation, req }) => {
  if (operation === 'create') await recountCourseEnrollments(req, String(idOf(doc.course)))
  return doc
}

export const countEnrollmentRemoved: CollectionAfterDeleteHook = async ({ doc, req }) => {
  await recountCourseEnrollments(req, String(idOf(doc.course)))
}

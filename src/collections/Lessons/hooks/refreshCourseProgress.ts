import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import { idOf } from '../../../lib/ids'
import { recomputeCourseProgress } from '../../../services/learning/progress'

// Adding or removing a lesson changes every enrollment's percentage in that course.

export const refreshProgressOnCreate: CollectionAfterChangeHook = async ({
  doc,
  operation,
  req,
}) => {
  if (operation === 'create') await recomputeCourseProgress(req, String(idOf(doc.course)))
  return doc
}

export const refreshProgressOnDelete: CollectionAfterDeleteHook = async ({ doc, req }) => {
  await recomputeCourseProgress(req, String(idOf(doc.course)))
}

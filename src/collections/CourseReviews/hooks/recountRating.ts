import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import { recountCourseRating } from '../../../hooks/counters'
import { idOf } from '../../../lib/ids'
import type { CourseReview } from '../../../payload-types'

export const countReviewChange: CollectionAfterChangeHook<CourseReview> = async ({
  doc,
  previousDoc,
  operation,
  req,
}) => {
  const changed =
    operation === 'create' ||
    doc.rating !== previousDoc?.rating ||
    Boolean(doc.hidden) !== Boolean(previousDoc?.hidden)
  const courseId = idOf(doc.course)
  if (changed && courseId) await recountCourseRating(req, courseId)
  return doc
}

export const countReviewRemoved: CollectionAfterDeleteHook<CourseReview> = async ({ doc, req }) => {
  const courseId = idOf(doc.course)
  if (courseId) await recountCourseRating(req, courseId)
}

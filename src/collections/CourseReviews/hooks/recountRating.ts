import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import { recountCourseRating } from '../../../hooks/counters'
import { idOf } from '../../../lib/ids'
import type { CourseReview } from '../../../payload-types'

/**
 * Every write recounts, even when `previousDoc` says rating and hidden did not change: Payload
 * reads `previousDoc` before the course lock is taken, so a parallel edit may have changed the row
 * since (proved by the parallel edits test).
 */
export const countReviewChange: CollectionAfterChangeHook<CourseReview> = async ({ doc, req }) => {
  const courseId = idOf(doc.course)
  if (courseId) await recountCourseRating(req, courseId)
  return doc
}

export const countReviewRemoved: CollectionAfterDeleteHook<CourseReview> = async ({ doc, req }) => {
  const courseId = idOf(doc.course)
  if (courseId) await recountCourseRating(req, courseId)
}

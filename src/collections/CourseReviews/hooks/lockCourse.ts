import type { CollectionBeforeChangeHook, CollectionBeforeDeleteHook } from 'payload'

import { lockRow } from '../../../lib/locks'
import { idOf } from '../../../lib/ids'

/**
 * Root first (src/lib/locks.ts): a review's write locks its course before the review row, so the
 * recount that follows never waits on the course while holding the review.
 */
export const lockReviewedCourse: CollectionBeforeChangeHook = async ({
  data,
  originalDoc,
  req,
}) => {
  const courseId = idOf(originalDoc?.course ?? data.course)
  if (courseId) await lockRow(req, 'courses', courseId)
  return data
}

export const lockCourseOfDeletedReview: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const review = await req.payload.findByID({
    collection: 'course-reviews',
    id,
    depth: 0,
    select: { course: true },
    disableErrors: true,
    overrideAccess: true,
    req,
  })
  const courseId = idOf(review?.course)
  if (courseId) await lockRow(req, 'courses', courseId)
}

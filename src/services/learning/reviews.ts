import type { PayloadRequest, Where } from 'payload'

import { isAdminUser } from '../../access'
import { conflict, forbidden, notFound } from '../../lib/errors'
import { requireUser, withTransaction } from '../../lib/http'
import { idOf } from '../../lib/ids'
import { lockRow } from '../../lib/locks'
import { findById } from '../../lib/lookup'
import type { Course, CourseReview } from '../../payload-types'
import { isCourseOwner } from './courses'
import { findEnrollment } from './enrollment'

/** Percent of a course's lessons a student must have completed to review it. */
export const reviewMinProgress = () => Number(process.env.REVIEW_MIN_PROGRESS ?? 50)

export type ReviewInput = { rating: number; text?: string | null }

const AUTHOR = { users: { fullName: true, profileImage: true } } as const

/** The course's visible reviews, newest first (hidden ones are left out for everyone). */
export const listReviews = (
  req: PayloadRequest,
  course: Course,
  { page, limit }: { page: number; limit: number },
) =>
  req.payload.find({
    collection: 'course-reviews',
    where: { and: [{ course: { equals: course.id } }, { hidden: { not_equals: true } }] },
    sort: '-createdAt',
    page,
    limit,
    depth: 1,
    populate: AUTHOR,
    overrideAccess: false,
    user: req.user,
    req,
  })

/** A review of this course the caller may read, or 404. */
export async function reviewOfCourse(req: PayloadRequest, course: Course, reviewId: unknown) {
  const review = await findById(req, 'course-reviews', reviewId, { asCaller: true })
  if (!review || idOf(review.course) !== course.id) throw notFound('Review not found')
  return review
}

const findReview = async (req: PayloadRequest, where: Where) =>
  (
    await req.payload.find({
      collection: 'course-reviews',
      where,
      limit: 1,
      depth: 0,
      // Under the course lock: whether one exists, whoever may read it.
      overrideAccess: true,
      req,
    })
  ).docs[0] ?? null

/**
 * A student's one review of a course they have progressed far enough in. Reviews of one course are
 * serialized on the course row, so a second POST (in parallel too) finds the first: 409.
 */
export async function createReview(req: PayloadRequest, course: Course, input: ReviewInput) {
  const user = requireUser(req)
  const enrollment = await findEnrollment(req, user.id, course.id)
  if (!enrollment) throw forbidden('Only students enrolled in the course can review it')
  const minimum = reviewMinProgress()
  const progress = enrollment.progressPercentage ?? 0
  if (progress < minimum) {
    throw forbidden(
      `Complete at least ${minimum}% of the course to review it (you have completed ${Math.floor(progress)}%)`,
    )
  }
  return withTransaction(req, async () => {
    if (!(await lockRow(req, 'courses', course.id))) throw notFound('Course not found')
    const where: Where = {
      and: [{ course: { equals: course.id } }, { student: { equals: user.id } }],
    }
    if (await findReview(req, where)) {
      throw conflict('You have already reviewed this course; edit your review instead')
    }
    return req.payload.create({
      collection: 'course-reviews',
      data: { course: course.id, student: user.id, rating: input.rating, text: input.text },
      depth: 0,
      // Access cannot say "enrolled with enough progress": checked above, under the course lock.
      overrideAccess: true,
      req,
    })
  })
}

const isAuthor = (req: PayloadRequest, review: CourseReview) =>
  Boolean(req.user && idOf(review.student) === req.user.id)

export async function updateReview(
  req: PayloadRequest,
  review: CourseReview,
  data: Partial<ReviewInput>,
) {
  requireUser(req)
  if (!isAuthor(req, review)) throw forbidden('Only the author can edit a review')
  return req.payload.update({
    collection: 'course-reviews',
    id: review.id,
    data,
    depth: 0,
    overrideAccess: false,
    user: req.user,
    req,
  })
}

/** The author or an admin. */
export async function deleteReview(req: PayloadRequest, review: CourseReview) {
  requireUser(req)
  if (!isAuthor(req, review) && !isAdminUser(req.user)) {
    throw forbidden('Only the author or an admin can delete a review')
  }
  await req.payload.delete({
    collection: 'course-reviews',
    id: review.id,
    overrideAccess: false,
    user: req.user,
    req,
  })
}

/** The course's educator answers a review once; the second reply is a 409. */
export async function replyToReview(
  req: PayloadRequest,
  course: Course,
  review: CourseReview,
  text: string,
) {
  requireUser(req)
  if (!isCourseOwner(req, course)) throw forbidden("Only the course's educator can reply")
  return withTransaction(req, async () => {
    if (!(await lockRow(req, 'courses', course.id))) throw notFound('Course not found')
    const current = await findReview(req, { id: { equals: review.id } })
    if (!current) throw notFound('Review not found')
    if (current.repliedAt) throw conflict('This review already has a reply')
    return req.payload.update({
      collection: 'course-reviews',
      id: review.id,
      data: { reply: text, repliedAt: new Date().toISOString() },
      depth: 0,
      // `reply` is written only here (never over REST), by the educator checked above.
      overrideAccess: true,
      req,
    })
  })
}

/** Admins hide a review (it stops showing and counting) or show it again. */
export async function setReviewHidden(req: PayloadRequest, review: CourseReview, hidden: boolean) {
  requireUser(req)
  if (!isAdminUser(req.user)) throw forbidden('Only admins can moderate reviews')
  return req.payload.update({
    collection: 'course-reviews',
    id: review.id,
    data: { hidden },
    depth: 0,
    overrideAccess: false,
    user: req.user,
    req,
  })
}

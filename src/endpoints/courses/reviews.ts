import type { PayloadRequest } from 'payload'

import { json, readBody, requireUser } from '../../lib/http'
import { pageSchema, pagination } from '../../lib/pagination'
import type { DocumentedEndpoint } from '../../openapi/operation'
import { collectionDoc, deleted, docOf, pageOf } from '../../openapi/schema'
import { visibleCourse } from '../../services/learning/courses'
import {
  createReview,
  deleteReview,
  listReviews,
  replyToReview,
  reviewOfCourse,
  setReviewHidden,
  updateReview,
} from '../../services/learning/reviews'
import { reviewCreate, reviewHide, reviewReply, reviewUpdate } from './schemas'

/** 401 before anything else, then the course and the review as the caller may see them (404). */
async function reviewFromRoute(req: PayloadRequest) {
  requireUser(req)
  const course = await visibleCourse(req, req.routeParams?.id)
  const review = await reviewOfCourse(req, course, req.routeParams?.reviewId)
  return { course, review }
}

const notAuthor = 'Not the author of the review'
const unknownReview = 'Unknown course or review'

export const reviewEndpoints: DocumentedEndpoint[] = [
  {
    path: '/:id/reviews',
    method: 'get',
    custom: {
      openapi: {
        tags: ['reviews'],
        summary: "A course's reviews",
        description:
          'Visible reviews (not hidden by a moderator), newest first, with the author’s name and ' +
          'image. The course carries `averageRating` and `reviewCount`.',
        access: 'optional',
        query: pageSchema,
        responses: {
          200: {
            description: 'One page of reviews',
            schema: pageOf(collectionDoc('course-reviews')),
          },
        },
      },
    },
    handler: async (req) => {
      const course = await visibleCourse(req, req.routeParams?.id)
      return json(await listReviews(req, course, pagination(req)))
    },
  },
  {
    path: '/:id/reviews',
    method: 'post',
    custom: {
      openapi: {
        tags: ['reviews'],
        summary: 'Review a course',
        description:
          'Enrolled students who have completed at least `REVIEW_MIN_PROGRESS` percent of the ' +
          'course (default 50); one review per student per course.',
        access: 'user',
        body: reviewCreate,
        responses: { 201: { description: 'The new review', schema: docOf('course-reviews') } },
        errors: {
          403: 'Not enrolled, or not far enough in the course yet (the message says how far)',
          409: 'The caller has already reviewed this course',
        },
      },
    },
    handler: async (req) => {
      requireUser(req)
      const course = await visibleCourse(req, req.routeParams?.id)
      const input = await readBody(req, reviewCreate)
      return json({ doc: await createReview(req, course, input) }, 201)
    },
  },
  {
    path: '/:id/reviews/:reviewId',
    method: 'put',
    custom: {
      openapi: {
        tags: ['reviews'],
        summary: 'Edit a review',
        description: 'Its author only.',
        access: 'user',
        body: reviewUpdate,
        responses: { 200: { description: 'The updated review', schema: docOf('course-reviews') } },
        errors: { 403: notAuthor, 404: unknownReview },
      },
    },
    handler: async (req) => {
      const { review } = await reviewFromRoute(req)
      const data = await readBody(req, reviewUpdate)
      return json({ doc: await updateReview(req, review, data) })
    },
  },
  {
    path: '/:id/reviews/:reviewId',
    method: 'delete',
    custom: {
      openapi: {
        tags: ['reviews'],
        summary: 'Delete a review',
        description: 'Its author or an admin.',
        access: 'user',
        responses: { 200: { description: 'Deleted', schema: deleted } },
        errors: { 403: 'Not the author or an admin', 404: unknownReview },
      },
    },
    handler: async (req) => {
      const { review } = await reviewFromRoute(req)
      await deleteReview(req, review)
      return json({ message: 'Review deleted', id: review.id })
    },
  },
  {
    path: '/:id/reviews/:reviewId/reply',
    method: 'post',
    custom: {
      openapi: {
        tags: ['reviews'],
        summary: 'Reply to a review',
        description: "The course's educator, once per review.",
        access: 'user',
        body: reviewReply,
        responses: {
          200: { description: 'The review with its reply', schema: docOf('course-reviews') },
        },
        errors: {
          403: "Not the course's educator",
          404: unknownReview,
          409: 'The review already has a reply',
        },
      },
    },
    handler: async (req) => {
      const { course, review } = await reviewFromRoute(req)
      const { text } = await readBody(req, reviewReply)
      return json({ doc: await replyToReview(req, course, review, text) })
    },
  },
  {
    path: '/:id/reviews/:reviewId/hide',
    method: 'post',
    custom: {
      openapi: {
        tags: ['reviews'],
        summary: 'Hide or show a review',
        description:
          'Admins. A hidden review is left out of the list, `averageRating` and `reviewCount`; ' +
          'its author, the course’s educator and admins still read it.',
        access: 'user',
        body: reviewHide,
        responses: { 200: { description: 'The review', schema: docOf('course-reviews') } },
        errors: { 403: 'Not an admin', 404: unknownReview },
      },
    },
    handler: async (req) => {
      const { review } = await reviewFromRoute(req)
      const { hidden } = await readBody(req, reviewHide)
      return json({ doc: await setReviewHidden(req, review, hidden) })
    },
  },
]

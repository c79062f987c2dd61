import type { CollectionConfig, NumberFieldSingleValidation } from 'payload'

import { adminField, admins, adminsOrOwn, never } from '../../access'
import { ownedByUser } from '../../fields/relations'
import { serverSet } from '../../fields/serverSet'
import { checkEditLockInTransaction } from '../../hooks/editLockInTransaction'
import { readReviews } from './access'
import { lockCourseOfDeletedReview, lockReviewedCourse } from './hooks/lockCourse'
import { countReviewChange, countReviewRemoved } from './hooks/recountRating'

export const REVIEW_TEXT_MAX = 5000

/**
 * One review per student per course (unique index), written through POST /api/courses/:id/reviews,
 * which checks enrollment and progress. The course's ratingSum, reviewCount and averageRating
 * count the reviews that are not hidden, recounted under the course lock by the hooks below.
 */
export const CourseReviews: CollectionConfig = {
  slug: 'course-reviews',
  admin: { defaultColumns: ['course', 'student', 'rating', 'hidden', 'createdAt'] },
  access: {
    read: readReviews,
    // Creating needs enrollment and progress checks: only our endpoint (and admins) create.
    create: admins,
    update: adminsOrOwn('student'),
    delete: adminsOrOwn('student'),
  },
  hooks: {
    beforeOperation: [checkEditLockInTransaction],
    beforeChange: [lockReviewedCourse],
    afterChange: [countReviewChange],
    beforeDelete: [lockCourseOfDeletedReview],
    afterDelete: [countReviewRemoved],
  },
  indexes: [{ fields: ['course', 'student'], unique: true }],
  fields: [
    {
      name: 'course',
      type: 'relationship',
      relationTo: 'courses',
      required: true,
      index: true,
      access: { update: never },
    },
    ownedByUser('student', { access: { update: never } }),
    {
      name: 'rating',
      type: 'number',
      required: true,
      min: 1,
      max: 5,
      validate: ((value) =>
        Number.isInteger(value) && value! >= 1 && value! <= 5
          ? true
          : 'rating must be a whole number from 1 to 5') as NumberFieldSingleValidation,
    },
    { name: 'text', type: 'textarea', maxLength: REVIEW_TEXT_MAX },
    {
      name: 'hidden',
      type: 'checkbox',
      defaultValue: false,
      index: true,
      access: { create: adminField, update: adminField },
      admin: { position: 'sidebar', description: 'Hidden by a moderator: not shown or counted' },
    },
    {
      name: 'reply',
      type: 'textarea',
      maxLength: REVIEW_TEXT_MAX,
      // Written once by the course's educator through POST .../reviews/:reviewId/reply.
      access: { create: never, update: never },
      admin: { readOnly: true },
    },
    serverSet({ name: 'repliedAt', type: 'date' }),
  ],
}

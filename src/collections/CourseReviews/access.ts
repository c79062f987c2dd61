import type { Access, Where } from 'payload'

import { isAdminUser } from '../../access'

const visibleOnPublishedCourse: Where = {
  and: [{ hidden: { not_equals: true } }, { 'course._status': { equals: 'published' } }],
}

/**
 * Visible reviews of published courses to anyone; a hidden one also to its author; every review
 * of a course to its educator; everything to admins.
 */
export const readReviews: Access = ({ req: { user } }) => {
  if (isAdminUser(user)) return true
  if (!user) return visibleOnPublishedCourse
  return {
    or: [
      visibleOnPublishedCourse,
      { student: { equals: user.id } },
      { 'course.educator': { equals: user.id } },
    ],
  }
}

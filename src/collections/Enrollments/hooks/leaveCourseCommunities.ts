import type { CollectionAfterDeleteHook } from 'payload'

import { idOf } from '../../../lib/ids'
import type { Enrollment } from '../../../payload-types'

/**
 * A student who is no longer enrolled loses the course's communities too (membership and the
 * member count), not just the right to read them.
 */
export const leaveCourseCommunities: CollectionAfterDeleteHook<Enrollment> = async ({
  doc,
  req,
}) => {
  const courseId = idOf(doc.course)
  const studentId = idOf(doc.student)
  if (!courseId || !studentId) return
  await req.payload.delete({
    collection: 'community-members',
    where: {
      and: [{ user: { equals: studentId } }, { 'community.course': { equals: courseId } }],
    },
    overrideAccess: true,
    req,
  })
}

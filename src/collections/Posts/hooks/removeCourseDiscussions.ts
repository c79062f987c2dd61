import type { CollectionBeforeDeleteHook } from 'payload'

import { removePosts } from './removePosts'

/**
 * Registered on `courses` (its beforeDelete hooks, after lockCourse): a deleted course takes its
 * discussion (posts with their comments and reactions) along. Its course communities stay, as
 * members-only communities, so their members keep what they wrote; they are detached before the
 * posts go (communities before posts: src/lib/locks.ts).
 */
export const removeCourseDiscussions: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const courseId = String(id)
  await req.payload.update({
    collection: 'communities',
    where: { course: { equals: courseId } },
    data: { visibility: 'members', course: null },
    overrideAccess: true,
    req,
  })
  await removePosts(req, 'course', courseId)
}

import type { CollectionBeforeDeleteHook } from 'payload'

import { lockRow } from '../../../lib/locks'
import { removePosts } from '../../Posts/hooks/removePosts'

/**
 * A deleted community takes its posts (with their comments and reactions) and memberships along,
 * in the delete's transaction, through the Local API like every cascade (see removeCourseContent).
 * The community is locked for `delete` first, so a join, a new post or comment waits and then
 * finds the community gone instead of leaving orphans behind.
 */
export const removeCommunityContent: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const communityId = String(id)
  await lockRow(req, 'communities', communityId, 'delete')
  await removePosts(req, 'community', communityId)
  await req.payload.delete({
    collection: 'community-members',
    where: { community: { equals: communityId } },
    overrideAccess: true,
    req,
  })
}

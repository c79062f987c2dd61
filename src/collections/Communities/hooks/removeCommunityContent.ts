import type { CollectionBeforeDeleteHook } from 'payload'

import { lockCommunityRecord } from '../../../hooks/counters'
import { execute, sql } from '../../../lib/sql'
import { removePosts } from '../../Posts/hooks/removePosts'

/**
 * A deleted community takes its posts (with their comments and reactions) and memberships along,
 * in the delete's transaction. The community row is locked first, so a join or a new post waits
 * and then finds the community gone instead of leaving orphans behind.
 */
export const removeCommunityContent: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const communityId = String(id)
  await lockCommunityRecord(req, 'communities', communityId)
  await removePosts(req, 'community_id', communityId)
  await execute(req, sql`delete from community_members where community_id = ${communityId}`)
}

import type { CollectionBeforeDeleteHook } from 'payload'

import { lockCommunityRecord } from '../../../hooks/counters'
import { execute, sql } from '../../../lib/sql'

/**
 * A deleted community takes its posts (with their comments and reactions) and memberships along,
 * in the delete's transaction. The community row is locked first, so a join or a new post waits
 * and then finds the community gone instead of leaving orphans behind.
 */
export const removeCommunityContent: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const communityId = String(id)
  await lockCommunityRecord(req, 'communities', communityId)
  await execute(req, sql`select id from posts where community_id = ${communityId} for update`)
  await execute(
    req,
    sql`select c.id from comments c join posts p on p.id = c.post_id
        where p.community_id = ${communityId} for update of c`,
  )
  await execute(
    req,
    sql`delete from reactions
        where post_id in (select id from posts where community_id = ${communityId})
           or comment_id in (select c.id from comments c join posts p on p.id = c.post_id
                             where p.community_id = ${communityId})`,
  )
  await execute(
    req,
    sql`delete from comments
        where post_id in (select id from posts where community_id = ${communityId})`,
  )
  await execute(req, sql`delete from posts where community_id = ${communityId}`)
  await execute(req, sql`delete from community_members where community_id = ${communityId}`)
}

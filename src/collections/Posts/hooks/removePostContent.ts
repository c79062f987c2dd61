import type { CollectionBeforeDeleteHook } from 'payload'

import { lockCommunityRecord } from '../../../hooks/counters'
import { execute, sql } from '../../../lib/sql'

/**
 * A deleted post takes its comments and all their reactions along, in the delete's transaction.
 * The post and its comments are locked first: a comment or reaction being added right now finishes
 * (and is removed here) or waits and then finds the post gone — never an orphan.
 */
export const removePostContent: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const postId = String(id)
  await lockCommunityRecord(req, 'posts', postId)
  await execute(req, sql`select id from comments where post_id = ${postId} for update`)
  await execute(
    req,
    sql`delete from reactions
        where post_id = ${postId}
           or comment_id in (select id from comments where post_id = ${postId})`,
  )
  await execute(req, sql`delete from comments where post_id = ${postId}`)
}

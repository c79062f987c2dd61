import type { CollectionBeforeDeleteHook } from 'payload'

import { lockCommunityRecord } from '../../../hooks/counters'
import { execute, sql } from '../../../lib/sql'

/**
 * A deleted comment takes its replies and the reactions on both along. The post is locked first
 * (the order every comment writer uses), then the comment and its replies, so a reaction being
 * added right now is either removed here or finds the comment gone.
 */
export const removeCommentContent: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const commentId = String(id)
  const [row] = await execute<{ post_id: string | null }>(
    req,
    sql`select post_id from comments where id = ${commentId}`,
  )
  if (!row) return
  if (row.post_id) await lockCommunityRecord(req, 'posts', row.post_id)
  await execute(
    req,
    sql`select id from comments where id = ${commentId} or parent_id = ${commentId} for update`,
  )
  await execute(
    req,
    sql`delete from reactions
        where comment_id in (select id from comments where id = ${commentId} or parent_id = ${commentId})`,
  )
  await execute(req, sql`delete from comments where parent_id = ${commentId}`)
}

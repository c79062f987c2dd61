import type { PayloadRequest } from 'payload'

import { execute, sql } from '../../../lib/sql'

/**
 * Deletes the posts of one community or one course discussion with their comments and reactions.
 * Posts, then comments, are locked first so parallel writers wait and then find them gone.
 */
export async function removePosts(
  req: PayloadRequest,
  owner: 'community_id' | 'course_id',
  id: string,
) {
  const column = sql.identifier(owner)
  const posts = sql`select id from posts where ${column} = ${id}`
  const comments = sql`select c.id from comments c join posts p on p.id = c.post_id where p.${column} = ${id}`
  await execute(req, sql`${posts} for update`)
  await execute(req, sql`${comments} for update of c`)
  await execute(
    req,
    sql`delete from reactions where post_id in (${posts}) or comment_id in (${comments})`,
  )
  await execute(req, sql`delete from comments where post_id in (${posts})`)
  await execute(req, sql`delete from posts where ${column} = ${id}`)
}

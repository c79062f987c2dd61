import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { sql, type SQL } from '@payloadcms/db-postgres/drizzle'
import { randomUUID } from 'node:crypto'
import type { Payload } from 'payload'

import type { Comment, Community, Post } from '../../src/payload-types'
import { expectStatus } from './courses'
import { api } from './http'

export { sql }

type CommunityBody = {
  name?: string
  topic?: Community['topic']
  visibility?: Community['visibility']
  course?: string
  description?: string
  [key: string]: unknown
}

/** POST /api/communities (educators and admins): the creator becomes its moderator. */
export async function createCommunity(token: string, body: CommunityBody = {}): Promise<Community> {
  const res = await api('POST', '/api/communities', {
    token,
    body: { name: `Community ${randomUUID().slice(0, 8)}`, topic: 'funding', ...body },
  })
  expectStatus(res, 201)
  return res.body.doc
}

export async function join(token: string, communityId: string) {
  const res = await api('POST', `/api/communities/${communityId}/join`, { token })
  expectStatus(res, 201)
  return res.body
}

export async function createPost(
  token: string,
  communityId: string,
  body: { content?: string; type?: Post['type']; isPinned?: boolean } = {},
): Promise<Post & { myReactions: string[] }> {
  const res = await api('POST', `/api/communities/${communityId}/posts`, {
    token,
    body: { content: `Post ${randomUUID().slice(0, 8)}`, ...body },
  })
  expectStatus(res, 201)
  return res.body.doc
}

export async function createComment(
  token: string,
  postId: string,
  body: { content?: string; parent?: string } = {},
): Promise<Comment> {
  const res = await api('POST', `/api/posts/${postId}/comments`, {
    token,
    body: { content: `Comment ${randomUUID().slice(0, 8)}`, ...body },
  })
  expectStatus(res, 201)
  return res.body.doc
}

/** Raw SQL on the test database (outside any request). */
export async function rows<T>(payload: Payload, query: SQL): Promise<T[]> {
  const db = (payload.db as unknown as PostgresAdapter).drizzle
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows
}

/** Stored counters next to count(*) for the given communities, posts and comments. */
export async function countersAndTruth(
  payload: Payload,
  ids: { communities?: string[]; posts?: string[]; comments?: string[] },
) {
  const communities = ids.communities ?? []
  const posts = ids.posts ?? []
  const comments = ids.comments ?? []
  const none = ['00000000-0000-0000-0000-000000000000']
  const list = (values: string[]) => (values.length ? values : none)
  const members = await rows<{ id: string; stored: number; actual: number }>(
    payload,
    sql`select c.id, c.member_count::int as stored,
          (select count(*)::int from community_members m where m.community_id = c.id) as actual
        from communities c where c.id in ${list(communities)}`,
  )
  const postRows = await rows<{
    id: string
    comments_stored: number
    comments_actual: number
    reactions_stored: number
    reactions_actual: number
  }>(
    payload,
    sql`select p.id,
          p.comment_count::int as comments_stored,
          (select count(*)::int from comments c where c.post_id = p.id) as comments_actual,
          p.reaction_count::int as reactions_stored,
          (select count(*)::int from reactions r where r.post_id = p.id) as reactions_actual
        from posts p where p.id in ${list(posts)}`,
  )
  const commentRows = await rows<{ id: string; stored: number; actual: number }>(
    payload,
    sql`select c.id, c.reaction_count::int as stored,
          (select count(*)::int from reactions r where r.comment_id = c.id) as actual
        from comments c where c.id in ${list(comments)}`,
  )
  return {
    memberCount: {
      stored: Object.fromEntries(members.map((r) => [r.id, r.stored])),
      actual: Object.fromEntries(members.map((r) => [r.id, r.actual])),
    },
    commentCount: {
      stored: Object.fromEntries(postRows.map((r) => [r.id, r.comments_stored])),
      actual: Object.fromEntries(postRows.map((r) => [r.id, r.comments_actual])),
    },
    postReactions: {
      stored: Object.fromEntries(postRows.map((r) => [r.id, r.reactions_stored])),
      actual: Object.fromEntries(postRows.map((r) => [r.id, r.reactions_actual])),
    },
    commentReactions: {
      stored: Object.fromEntries(commentRows.map((r) => [r.id, r.stored])),
      actual: Object.fromEntries(commentRows.map((r) => [r.id, r.actual])),
    },
  }
}

/** Removes communities with everything in them (Communities beforeDelete). */
export async function deleteCommunities(payload: Payload, ids: (string | undefined)[]) {
  const communityIds = ids.filter((id): id is string => Boolean(id))
  if (!communityIds.length) return
  await payload.delete({
    collection: 'communities',
    where: { id: { in: communityIds } },
    overrideAccess: true,
  })
}

export { countQueries } from './queries'

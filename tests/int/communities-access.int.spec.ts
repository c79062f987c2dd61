import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Comment, Community, Post } from '../../src/payload-types'
import {
  createComment,
  createCommunity,
  createPost,
  deleteCommunities,
  join,
} from '../helpers/communities'
import { expectStatus } from '../helpers/courses'
import { api, graphql, type ApiResponse } from '../helpers/http'
import { getTestPayload } from '../helpers/payload'
import { createUser, deleteUsers, type TestUser } from '../helpers/users'

/**
 * The access matrix of issue 6 over REST (our endpoints and Payload's own routes) and GraphQL:
 * anonymous, a non-member, a member, the author, a moderator, an admin.
 */
type Viewer = 'anonymous' | 'nonMember' | 'member' | 'author' | 'moderator' | 'admin'
const VIEWERS: Viewer[] = ['anonymous', 'nonMember', 'member', 'author', 'moderator', 'admin']

let payload: Payload
const users = {} as Record<Exclude<Viewer, 'anonymous'>, TestUser>
const token = (v: Viewer) => (v === 'anonymous' ? undefined : users[v].token)

/** Public and members-only communities, each with a post and a comment by `author`. */
let pub: Community
let mem: Community
let pubPost: Post
let memPost: Post
let pubComment: Comment
let memComment: Comment
const communityIds: string[] = []

/** Runs one request per viewer and compares the statuses with the expected row. */
async function matrix(
  expected: Record<Viewer, number>,
  request: (viewer: Viewer) => Promise<ApiResponse>,
) {
  const actual = {} as Record<Viewer, number>
  const bodies = {} as Record<Viewer, unknown>
  for (const viewer of VIEWERS) {
    const res = await request(viewer)
    actual[viewer] = res.status
    bodies[viewer] = res.body
  }
  expect({ actual, bodies }).toMatchObject({ actual: expected })
}

const row = (
  anonymous: number,
  nonMember: number,
  member: number,
  author: number,
  moderator: number,
  admin: number,
): Record<Viewer, number> => ({ anonymous, nonMember, member, author, moderator, admin })

beforeAll(async () => {
  payload = await getTestPayload()
  const [nonMember, member, author, moderator, admin] = await Promise.all([
    createUser(payload, 'student', { fullName: 'Non Member' }),
    createUser(payload, 'student', { fullName: 'Plain Member' }),
    createUser(payload, 'student', { fullName: 'Post Author' }),
    createUser(payload, 'student', { fullName: 'Student Moderator' }),
    createUser(payload, 'admin', { fullName: 'Admin' }),
  ])
  Object.assign(users, { nonMember, member, author, moderator, admin })
  pub = await createCommunity(admin.token, { visibility: 'public', topic: 'branding' })
  mem = await createCommunity(admin.token, { visibility: 'members', topic: 'ai' })
  communityIds.push(pub.id, mem.id)
  for (const community of [pub, mem]) {
    for (const u of [member, author, moderator]) await join(u.token, community.id)
    // Admins appoint moderators by changing the membership's role.
    const { docs } = await payload.find({
      collection: 'community-members',
      where: {
        and: [{ community: { equals: community.id } }, { user: { equals: moderator.user.id } }],
      },
    })
    const promoted = await api('PATCH', `/api/community-members/${docs[0].id}`, {
      token: admin.token,
      body: { role: 'moderator' },
    })
    expectStatus(promoted, 200)
  }
  pubPost = await createPost(author.token, pub.id, { content: 'Public post' })
  memPost = await createPost(author.token, mem.id, { content: 'Members-only post' })
  pubComment = await createComment(author.token, pubPost.id, { content: 'Public comment' })
  memComment = await createComment(author.token, memPost.id, { content: 'Members comment' })
})

afterAll(async () => {
  await deleteCommunities(payload, communityIds)
  await deleteUsers(payload, ...Object.values(users))
})

describe('reading', () => {
  it('shows public community posts to everyone', async () => {
    await matrix(row(200, 200, 200, 200, 200, 200), (v) =>
      api('GET', `/api/communities/${pub.id}/posts`, { token: token(v) }),
    )
    await matrix(row(200, 200, 200, 200, 200, 200), (v) =>
      api('GET', `/api/posts/${pubPost.id}`, { token: token(v) }),
    )
    await matrix(row(200, 200, 200, 200, 200, 200), (v) =>
      api('GET', `/api/posts/${pubPost.id}/comments`, { token: token(v) }),
    )
  })

  it('lists members-only communities to everyone but hides their posts from non-members', async () => {
    await matrix(row(200, 200, 200, 200, 200, 200), (v) =>
      api('GET', `/api/communities/${mem.id}`, { token: token(v) }),
    )
    await matrix(row(401, 403, 200, 200, 200, 200), (v) =>
      api('GET', `/api/communities/${mem.id}/posts`, { token: token(v) }),
    )
    await matrix(row(404, 404, 200, 200, 200, 200), (v) =>
      api('GET', `/api/posts/${memPost.id}`, { token: token(v) }),
    )
    await matrix(row(404, 404, 200, 200, 200, 200), (v) =>
      api('GET', `/api/posts/${memPost.id}/comments`, { token: token(v) }),
    )
  })

  it("applies the same rules to Payload's REST routes", async () => {
    const seen = async (v: Viewer, path: string) => {
      const res = await api('GET', path, { token: token(v) })
      expectStatus(res, 200)
      return res.body.totalDocs as number
    }
    for (const v of VIEWERS) {
      const insider = !['anonymous', 'nonMember'].includes(v)
      expect(await seen(v, `/api/posts?where[id][equals]=${memPost.id}`), v).toBe(insider ? 1 : 0)
      expect(await seen(v, `/api/posts?where[id][equals]=${pubPost.id}`), v).toBe(1)
      expect(await seen(v, `/api/comments?where[id][equals]=${memComment.id}`), v).toBe(
        insider ? 1 : 0,
      )
      expect(await seen(v, `/api/comments?where[id][equals]=${pubComment.id}`), v).toBe(1)
      expect(await seen(v, `/api/posts?where[community][equals]=${mem.id}&limit=100`), v).toBe(
        insider ? 1 : 0,
      )
    }
    // Filtering on the hidden post's content does not leak it either.
    const probe = await api('GET', `/api/posts?where[content][like]=Members-only`, {
      token: token('nonMember'),
    })
    expect(probe.body.docs.map((p: Post) => p.id)).not.toContain(memPost.id)
  })

  it('applies the same rules to GraphQL', async () => {
    const query = `query ($post: String, $comment: String) {
      Posts(where: { id: { equals: $post } }) { docs { id content } }
      Comments(where: { id: { equals: $comment } }) { docs { id content } }
    }`
    for (const v of VIEWERS) {
      const insider = !['anonymous', 'nonMember'].includes(v)
      const res = await graphql(
        query,
        { post: memPost.id, comment: memComment.id },
        { token: token(v) },
      )
      expect(res.body.errors, v).toBeUndefined()
      expect(res.body.data.Posts.docs, v).toHaveLength(insider ? 1 : 0)
      expect(res.body.data.Comments.docs, v).toHaveLength(insider ? 1 : 0)
      const open = await graphql(
        query,
        { post: pubPost.id, comment: pubComment.id },
        { token: token(v) },
      )
      expect(open.body.data.Posts.docs, v).toHaveLength(1)
    }
    const byId = await graphql(
      `
        query ($id: String!) {
          Post(id: $id) {
            id
            content
          }
        }
      `,
      {
        id: memPost.id,
      },
    )
    expect(byId.body.data?.Post ?? null).toBeNull()
  })

  it('shows memberships to fellow members and reactions only to their owner', async () => {
    await api('POST', `/api/posts/${pubPost.id}/reactions`, {
      token: token('member'),
      body: { type: 'like' },
    })
    const members = async (v: Viewer) =>
      api('GET', `/api/community-members?where[community][equals]=${mem.id}&limit=100`, {
        token: token(v),
      })
    expectStatus(await members('anonymous'), 403)
    const outsider = await members('nonMember')
    expect(outsider.body.totalDocs).toBe(0)
    const insider = await members('member')
    expect(insider.body.totalDocs).toBe(4) // admin (creator), member, author, moderator
    const reactions = async (v: Viewer) =>
      api('GET', `/api/reactions?where[post][equals]=${pubPost.id}`, { token: token(v) })
    expectStatus(await reactions('anonymous'), 403)
    expect((await reactions('author')).body.totalDocs).toBe(0)
    expect((await reactions('member')).body.totalDocs).toBe(1)
    expect((await reactions('admin')).body.totalDocs).toBe(1)
  })
})

describe('writing', () => {
  it('lets only members post, in members-only and public communities alike', async () => {
    for (const community of [mem, pub]) {
      await matrix(row(401, 403, 201, 201, 201, 201), (v) =>
        api('POST', `/api/communities/${community.id}/posts`, {
          token: token(v),
          body: { content: `By ${v}` },
        }),
      )
    }
  })

  it('applies the membership rule to GraphQL mutations too', async () => {
    // An `author` naming someone else is replaced with the caller.
    const mutation = `mutation ($community: String, $content: String!, $author: String) {
      createPost(data: { community: $community, content: $content, author: $author, type: discussion }) {
        id content author { id }
      }
    }`
    for (const v of VIEWERS) {
      const res = await graphql(
        mutation,
        { community: mem.id, content: `GraphQL by ${v}`, author: users.author.user.id },
        { token: token(v) },
      )
      const allowed = !['anonymous', 'nonMember'].includes(v)
      if (allowed) {
        expect(res.body.data?.createPost?.content, v).toBe(`GraphQL by ${v}`)
        if (v !== 'admin' && v !== 'anonymous') {
          expect(res.body.data.createPost.author.id, v).toBe(users[v].user.id)
        }
      } else expect(res.body.errors?.[0]?.message, v).toMatch(/not allowed/i)
    }
  })

  it('lets only members comment and react', async () => {
    await matrix(row(401, 403, 201, 201, 201, 201), (v) =>
      api('POST', `/api/posts/${pubPost.id}/comments`, {
        token: token(v),
        body: { content: `Comment by ${v}` },
      }),
    )
    // A post the caller cannot see is not there for them.
    await matrix(row(404, 404, 201, 201, 201, 201), (v) =>
      api('POST', `/api/posts/${memPost.id}/comments`, {
        token: token(v),
        body: { content: `Comment by ${v}` },
      }),
    )
    await matrix(row(401, 403, 201, 201, 201, 201), (v) =>
      api('POST', `/api/posts/${pubPost.id}/reactions`, {
        token: token(v),
        body: { type: 'celebrate' },
      }),
    )
    await matrix(row(401, 403, 201, 201, 201, 201), (v) =>
      api('POST', `/api/comments/${pubComment.id}/reactions`, {
        token: token(v),
        body: { type: 'insightful' },
      }),
    )
    await matrix(row(404, 404, 201, 201, 201, 201), (v) =>
      api('POST', `/api/comments/${memComment.id}/reactions`, {
        token: token(v),
        body: { type: 'insightful' },
      }),
    )
  })

  it('keeps announcements and pinning for moderators and admins', async () => {
    await matrix(row(401, 403, 403, 403, 201, 201), (v) =>
      api('POST', `/api/communities/${pub.id}/posts`, {
        token: token(v),
        body: { content: `Announcement by ${v}`, type: 'announcement' },
      }),
    )
    await matrix(row(401, 403, 403, 403, 200, 200), (v) =>
      api('PUT', `/api/posts/${pubPost.id}`, { token: token(v), body: { isPinned: true } }),
    )
  })

  it('lets only the author (and admins) edit a post or a comment', async () => {
    await matrix(row(401, 403, 403, 200, 403, 200), (v) =>
      api('PUT', `/api/posts/${pubPost.id}`, {
        token: token(v),
        body: { content: `Edited by ${v}` },
      }),
    )
    await matrix(row(403, 403, 403, 200, 403, 200), (v) =>
      api('PATCH', `/api/comments/${pubComment.id}`, {
        token: token(v),
        body: { content: `Edited by ${v}` },
      }),
    )
  })

  it('lets authors, moderators and admins delete posts and comments', async () => {
    const posts: Record<Viewer, Post> = {} as Record<Viewer, Post>
    const comments: Record<Viewer, Comment> = {} as Record<Viewer, Comment>
    for (const v of VIEWERS) {
      posts[v] = await createPost(users.author.token, mem.id, { content: `Delete me (${v})` })
      comments[v] = await createComment(users.author.token, pubPost.id, { content: `x ${v}` })
    }
    await matrix(row(404, 404, 403, 200, 200, 200), (v) =>
      api('DELETE', `/api/posts/${posts[v].id}`, { token: token(v) }),
    )
    await matrix(row(403, 403, 403, 200, 200, 200), (v) =>
      api('DELETE', `/api/comments/${comments[v].id}`, { token: token(v) }),
    )
  })

  it('lets moderators edit their community, and admins appoint moderators', async () => {
    await matrix(row(403, 403, 403, 403, 200, 200), (v) =>
      api('PATCH', `/api/communities/${pub.id}`, {
        token: token(v),
        body: { description: `Described by ${v}` },
      }),
    )
    const { docs } = await payload.find({
      collection: 'community-members',
      where: {
        and: [{ community: { equals: pub.id } }, { user: { equals: users.member.user.id } }],
      },
    })
    for (const v of ['member', 'moderator'] as const) {
      expectStatus(
        await api('PATCH', `/api/community-members/${docs[0].id}`, {
          token: token(v),
          body: { role: 'moderator' },
        }),
        403,
      )
    }
    // Moderators may remove a member; the member rejoins afterwards.
    expectStatus(
      await api('DELETE', `/api/community-members/${docs[0].id}`, { token: token('author') }),
      403,
    )
    expectStatus(
      await api('DELETE', `/api/community-members/${docs[0].id}`, { token: token('moderator') }),
      200,
    )
    await join(users.member.token, pub.id)
  })
})

import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Community, Post, User } from '../../src/payload-types'
import { DEMO_COMMUNITIES, seedCommunities } from '../../src/seed/communities'
import { countersAndTruth, deleteCommunities, rows, sql } from '../helpers/communities'
import { expectStatus } from '../helpers/courses'
import { api, graphql } from '../helpers/http'
import { getTestPayload } from '../helpers/payload'
import { createUser, deleteUsers, type TestUser } from '../helpers/users'

let payload: Payload
const users: TestUser[] = []
const communityIds: string[] = []

beforeAll(async () => {
  payload = await getTestPayload()
})

afterAll(async () => {
  await deleteCommunities(payload, communityIds)
  await deleteUsers(payload, ...users)
})

async function person(role: User['role'], fullName: string) {
  const u = await createUser(payload, role, { fullName })
  users.push(u)
  return u
}

describe('done when: students join topic communities, post, comment and react; moderators pin and remove', () => {
  it('plays the whole story over REST and GraphQL with exact counters', async () => {
    const [maya, zoe, sam, amara, spammer, outsider] = await Promise.all([
      person('educator', 'Maya Moderator'),
      person('student', 'Zoe'),
      person('student', 'Sam'),
      person('student', 'Amara'),
      person('student', 'Spammer'),
      person('student', 'Outsider'),
    ])

    // An educator opens a members-only community on AI; she moderates it.
    const created = await api('POST', '/api/communities', {
      token: maya.token,
      body: {
        name: 'AI for Shops',
        topic: 'ai',
        visibility: 'members',
        description: 'Small shops automating the boring parts.',
      },
    })
    expectStatus(created, 201)
    const community: Community = created.body.doc
    communityIds.push(community.id)

    // Students find it in the directory but cannot read it yet.
    const directory = await api('GET', `/api/communities?where[topic][equals]=ai&limit=100`, {
      token: zoe.token,
    })
    const listed = directory.body.docs.find((c: Community) => c.id === community.id)
    expect(listed).toMatchObject({ name: 'AI for Shops', viewerRole: null })
    expectStatus(
      await api('GET', `/api/communities/${community.id}/posts`, { token: zoe.token }),
      403,
    )

    // They join — all at once, some twice.
    const joins = await Promise.all(
      [zoe, sam, amara, zoe, sam].map((s) =>
        api('POST', `/api/communities/${community.id}/join`, { token: s.token }),
      ),
    )
    expect(joins.map((r) => r.status).sort()).toEqual([200, 200, 201, 201, 201])
    const joined = await api('GET', `/api/communities/${community.id}`, { token: zoe.token })
    expect(joined.body).toMatchObject({ memberCount: 4, viewerRole: 'member' })

    // Zoe asks a question; Sam and Amara answer and react at the same time.
    const asked = await api('POST', `/api/communities/${community.id}/posts`, {
      token: zoe.token,
      body: { content: 'Which tasks did you automate first?', type: 'question' },
    })
    expectStatus(asked, 201)
    const question: Post = asked.body.doc
    const burst = await Promise.all([
      api('POST', `/api/posts/${question.id}/comments`, {
        token: sam.token,
        body: { content: 'Invoices, then appointment reminders.' },
      }),
      api('POST', `/api/posts/${question.id}/comments`, {
        token: amara.token,
        body: { content: 'Product descriptions for the web shop.' },
      }),
      api('POST', `/api/posts/${question.id}/reactions`, {
        token: sam.token,
        body: { type: 'insightful' },
      }),
      api('POST', `/api/posts/${question.id}/reactions`, {
        token: amara.token,
        body: { type: 'like' },
      }),
      api('POST', `/api/posts/${question.id}/reactions`, {
        token: maya.token,
        body: { type: 'support' },
      }),
    ])
    expect(burst.map((r) => r.status)).toEqual([201, 201, 201, 201, 201])
    const samComment = burst[0].body.doc
    const reply = await api('POST', `/api/posts/${question.id}/comments`, {
      token: zoe.token,
      body: { content: 'Reminders — great idea!', parent: samComment.id },
    })
    expectStatus(reply, 201)
    expectStatus(
      await api('POST', `/api/comments/${samComment.id}/reactions`, {
        token: zoe.token,
        body: { type: 'celebrate' },
      }),
      201,
    )

    // The moderator pins the question and posts an announcement.
    expectStatus(
      await api('PUT', `/api/posts/${question.id}`, {
        token: maya.token,
        body: { isPinned: true },
      }),
      200,
    )
    const announced = await api('POST', `/api/communities/${community.id}/posts`, {
      token: maya.token,
      body: { content: 'Show-and-tell on Friday!', type: 'announcement' },
    })
    expectStatus(announced, 201)

    // A spammer joins, posts, and the moderator removes the post with everything on it.
    await api('POST', `/api/communities/${community.id}/join`, { token: spammer.token })
    const spam = await api('POST', `/api/communities/${community.id}/posts`, {
      token: spammer.token,
      body: { content: 'BUY FOLLOWERS NOW' },
    })
    expectStatus(spam, 201)
    await api('POST', `/api/posts/${spam.body.doc.id}/comments`, {
      token: sam.token,
      body: { content: 'Please stop.' },
    })
    await api('POST', `/api/posts/${spam.body.doc.id}/reactions`, {
      token: spammer.token,
      body: { type: 'celebrate' },
    })
    expectStatus(await api('DELETE', `/api/posts/${spam.body.doc.id}`, { token: maya.token }), 200)

    // The feed: pinned first, then newest; counters as the readers see them.
    const feed = await api('GET', `/api/communities/${community.id}/posts`, { token: zoe.token })
    expectStatus(feed, 200)
    expect(feed.body.docs.map((p: Post) => p.id)).toEqual([question.id, announced.body.doc.id])
    expect(feed.body.docs[0]).toMatchObject({
      isPinned: true,
      commentCount: 3,
      reactionCount: 3,
      author: { fullName: 'Zoe' },
      myReactions: [],
    })
    const thread = await api('GET', `/api/posts/${question.id}/comments`, { token: zoe.token })
    expect(thread.body.totalDocs).toBe(2)
    const samThread = thread.body.docs.find((c: { id: string }) => c.id === samComment.id)
    expect(samThread).toMatchObject({ reactionCount: 1, myReactions: ['celebrate'] })
    expect(samThread.replies.map((r: { id: string }) => r.id)).toEqual([reply.body.doc.id])

    // Non-members see nothing of it, whichever door they try.
    expectStatus(
      await api('GET', `/api/communities/${community.id}/posts`, { token: outsider.token }),
      403,
    )
    expectStatus(await api('GET', `/api/posts/${question.id}`, { token: outsider.token }), 404)
    const rest = await api('GET', `/api/posts?where[community][equals]=${community.id}`, {
      token: outsider.token,
    })
    expect(rest.body.totalDocs).toBe(0)
    const gqlQuery = `query ($c: JSON) {
      Posts(where: { community: { equals: $c } }) { docs { id } }
      Comments(where: { community: { equals: $c } }) { docs { id } }
    }`
    const gql = await graphql(gqlQuery, { c: community.id }, { token: outsider.token })
    expect(gql.body.data).toEqual({ Posts: { docs: [] }, Comments: { docs: [] } })
    const insider = await graphql(gqlQuery, { c: community.id }, { token: zoe.token })
    expect(insider.body.data.Posts.docs).toHaveLength(2)
    expect(insider.body.data.Comments.docs).toHaveLength(3)

    // Amara leaves and loses access; her reaction and comment stay.
    const left = await api('DELETE', `/api/communities/${community.id}/leave`, {
      token: amara.token,
    })
    expect(left.body).toEqual({ left: true, memberCount: 4 })
    expectStatus(
      await api('GET', `/api/communities/${community.id}/posts`, { token: amara.token }),
      403,
    )

    const truth = await countersAndTruth(payload, {
      communities: [community.id],
      posts: [question.id, announced.body.doc.id],
      comments: [samComment.id],
    })
    expect(truth.memberCount.stored).toEqual(truth.memberCount.actual)
    expect(truth.commentCount.stored).toEqual(truth.commentCount.actual)
    expect(truth.postReactions.stored).toEqual(truth.postReactions.actual)
    expect(truth.commentReactions.stored).toEqual(truth.commentReactions.actual)
  })
})

describe('demo data', () => {
  it('seeds funding, ai and branding communities with members, posts, comments and reactions, idempotently', async () => {
    // The seed looks people up by their demo e-mail; stand-ins keep this suite's data its own.
    const demoEmails = [
      'maya.educator@thereadylab.dev',
      'diego.educator@thereadylab.dev',
      ...['zoe', 'sam', 'amara', 'li', 'lucia'].map((h) => `${h}.student@thereadylab.dev`),
    ]
    const map = new Map<string, User>()
    for (const e of demoEmails) {
      map.set(e, (await person(e.includes('educator') ? 'educator' : 'student', e)).user)
    }
    const existing = await payload.count({
      collection: 'communities',
      where: { slug: { in: ['funding', 'ai', 'branding'] } },
    })
    expect(existing.totalDocs).toBe(0)

    const first = await seedCommunities(payload, map)
    communityIds.push(...[...first.values()].map((c) => c.id))
    const ids = [...first.values()].map((c) => c.id)
    const snapshot = async () =>
      (
        await rows<{ members: number; posts: number; comments: number; reactions: number }>(
          payload,
          sql`select
              (select count(*)::int from community_members where community_id in ${ids}) as members,
              (select count(*)::int from posts where community_id in ${ids}) as posts,
              (select count(*)::int from comments c join posts p on p.id = c.post_id
                 where p.community_id in ${ids}) as comments,
              (select count(*)::int from reactions r join posts p on p.id = r.post_id
                 where p.community_id in ${ids}) as reactions`,
        )
      )[0]
    const once = await snapshot()
    await seedCommunities(payload, map)
    expect(await snapshot()).toEqual(once)

    expect([...first.keys()].sort()).toEqual(['ai', 'branding', 'funding'])
    const expectedPosts = DEMO_COMMUNITIES.reduce((n, c) => n + c.posts.length, 0)
    expect(once.posts).toBe(expectedPosts)
    expect(once.comments).toBeGreaterThanOrEqual(8)
    expect(once.reactions).toBeGreaterThanOrEqual(10)
    // creators (moderators) + members
    expect(once.members).toBe(DEMO_COMMUNITIES.reduce((n, c) => n + c.members.length + 1, 0))

    const posts = await payload.find({
      collection: 'posts',
      where: { community: { in: ids } },
      pagination: false,
      depth: 0,
    })
    const comments = await payload.find({
      collection: 'comments',
      where: { post: { in: posts.docs.map((p) => p.id) } },
      pagination: false,
      depth: 0,
    })
    const truth = await countersAndTruth(payload, {
      communities: ids,
      posts: posts.docs.map((p) => p.id),
      comments: comments.docs.map((c) => c.id),
    })
    expect(truth.memberCount.stored).toEqual(truth.memberCount.actual)
    expect(truth.commentCount.stored).toEqual(truth.commentCount.actual)
    expect(truth.postReactions.stored).toEqual(truth.postReactions.actual)

    // Branding is members-only: visible in the directory, its posts are not.
    const branding = first.get('branding')!
    expectStatus(await api('GET', `/api/communities/${branding.id}/posts`), 401)
    const funding = await api('GET', `/api/communities/${first.get('funding')!.id}/posts`)
    expectStatus(funding, 200)
    expect(funding.body.docs[0]).toMatchObject({ isPinned: true, type: 'announcement' })
  })
})

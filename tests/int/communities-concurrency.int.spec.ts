import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Comment, Community, Post } from '../../src/payload-types'
import {
  countersAndTruth,
  createComment,
  createCommunity,
  createPost,
  deleteCommunities,
  join,
  rows,
  sql,
} from '../helpers/communities'
import { api, type ApiResponse } from '../helpers/http'
import { getTestPayload } from '../helpers/payload'
import { createUser, deleteUsers, type TestUser } from '../helpers/users'

let payload: Payload
let admin: TestUser
const students: TestUser[] = []
const communityIds: string[] = []

type Call = { kind: string; who: TestUser; promise: Promise<ApiResponse> }

/** Fires every call at once and groups the statuses by kind. */
async function fire(calls: Call[]) {
  const results = await Promise.all(calls.map((c) => c.promise))
  const byKind = (kind: string) =>
    results.filter((_, i) => calls[i].kind === kind).map((r) => r.status)
  const all = results.map((r, i) => ({ ...calls[i], res: r }))
  return { results, byKind, all }
}

beforeAll(async () => {
  payload = await getTestPayload()
  admin = await createUser(payload, 'admin')
  students.push(
    ...(await Promise.all(Array.from({ length: 30 }, () => createUser(payload, 'student')))),
  )
})

afterAll(async () => {
  await deleteCommunities(payload, communityIds)
  await deleteUsers(payload, admin, ...students)
})

describe('memberCount under parallel joins and leaves', () => {
  let community: Community

  beforeAll(async () => {
    community = await createCommunity(admin.token, { visibility: 'members' })
    communityIds.push(community.id)
  })

  it('stays equal to count(*) through 60 parallel joins and leaves, duplicates and races included', async () => {
    const s = students
    for (const student of s.slice(0, 15)) await join(student.token, community.id)
    const calls: Call[] = []
    const add = (kind: string, who: TestUser, method: 'POST' | 'DELETE') =>
      calls.push({
        kind,
        who,
        promise: api(
          method,
          `/api/communities/${community.id}/${method === 'POST' ? 'join' : 'leave'}`,
          { token: who.token },
        ),
      })
    for (const who of s.slice(0, 10)) add('leave', who, 'DELETE')
    for (const who of s.slice(0, 10)) add('leave again', who, 'DELETE')
    for (const who of s.slice(15, 30)) add('join', who, 'POST')
    for (const who of s.slice(15, 30)) add('join again', who, 'POST')
    // Members joining and leaving at once: either order is fine.
    for (const who of s.slice(10, 15)) add('race join', who, 'POST')
    for (const who of s.slice(10, 15)) add('race leave', who, 'DELETE')
    expect(calls.length).toBe(60)

    const { byKind, all } = await fire(calls)
    for (const kind of ['leave', 'leave again', 'race leave']) {
      for (const status of byKind(kind)) expect(status, kind).toBe(200)
    }
    for (const kind of ['join', 'join again', 'race join']) {
      for (const status of byKind(kind)) expect([200, 201], kind).toContain(status)
    }
    // Exactly one 201 for each newcomer; each pre-joined student was removed exactly once.
    const created = all.filter((c) => c.res.status === 201 && c.kind.startsWith('join'))
    expect(new Set(created.map((c) => c.who.user.id)).size).toBe(15)
    expect(created).toHaveLength(15)
    const removed = all.filter((c) => c.kind.includes('leave') && c.res.body.left)
    expect(removed.filter((c) => c.kind !== 'race leave')).toHaveLength(10)

    const truth = await countersAndTruth(payload, { communities: [community.id] })
    expect(truth.memberCount.stored).toEqual(truth.memberCount.actual)
    // The racers start as members: a join that came after the leave re-created the membership.
    const raceStayed = all.filter((c) => c.kind === 'race join' && c.res.status === 201).length
    // admin (creator) + 15 newcomers + racers whose join came last
    expect(truth.memberCount.actual[community.id]).toBe(1 + 15 + raceStayed)
    const [dupes] = await rows<{ n: number }>(
      payload,
      sql`select count(*)::int as n from (select user_id from community_members
          where community_id = ${community.id} group by user_id having count(*) > 1) d`,
    )
    expect(dupes.n).toBe(0)
  })
})

describe('commentCount and reactionCount under parallel writes', () => {
  let community: Community
  let post: Post
  let comments: Comment[]

  beforeAll(async () => {
    community = await createCommunity(admin.token)
    communityIds.push(community.id)
    await Promise.all(students.map((s) => join(s.token, community.id)))
    post = await createPost(students[0].token, community.id, { content: 'Busy thread' })
    comments = []
    for (const s of students.slice(0, 10)) comments.push(await createComment(s.token, post.id))
  })

  it('keeps commentCount exact through 60 parallel comments, replies and deletes', async () => {
    const calls: Call[] = []
    students.forEach((who, i) => {
      calls.push({
        kind: 'comment',
        who,
        promise: api('POST', `/api/posts/${post.id}/comments`, {
          token: who.token,
          body: { content: `parallel ${i}` },
        }),
      })
    })
    students.slice(0, 20).forEach((who, i) => {
      // Replies through our endpoint and through Payload's own POST /api/comments.
      const body = { content: `reply ${i}`, parent: comments[i % 10].id }
      calls.push({
        kind: 'reply',
        who,
        promise:
          i % 2
            ? api('POST', `/api/posts/${post.id}/comments`, { token: who.token, body })
            : api('POST', '/api/comments', {
                token: who.token,
                body: { ...body, post: post.id },
              }),
      })
    })
    // Their authors delete five of the original comments (with any replies they get).
    students.slice(5, 10).forEach((who, i) => {
      calls.push({
        kind: 'delete',
        who,
        promise: api('DELETE', `/api/comments/${comments[5 + i].id}`, { token: who.token }),
      })
    })
    // More comments from the first five students.
    students.slice(0, 5).forEach((who, i) => {
      calls.push({
        kind: 'comment',
        who,
        promise: api('POST', `/api/posts/${post.id}/comments`, {
          token: who.token,
          body: { content: `second ${i}` },
        }),
      })
    })
    expect(calls.length).toBe(60)

    const { byKind } = await fire(calls)
    expect(byKind('comment').every((s) => s === 201)).toBe(true)
    expect(byKind('delete').every((s) => s === 200)).toBe(true)
    // A reply to a comment being deleted either lands first (and goes with it) or finds it gone.
    for (const status of byKind('reply')) expect([201, 400]).toContain(status)

    const truth = await countersAndTruth(payload, { posts: [post.id] })
    expect(truth.commentCount.stored).toEqual(truth.commentCount.actual)
    const survivingReplies = await rows<{ n: number }>(
      payload,
      sql`select count(*)::int as n from comments where post_id = ${post.id} and parent_id is not null`,
    )
    // 10 originals - 5 deleted + 35 new top-level comments + the surviving replies
    expect(truth.commentCount.actual[post.id]).toBe(5 + 35 + survivingReplies[0].n)
    const [orphans] = await rows<{ n: number }>(
      payload,
      sql`select count(*)::int as n from comments c where c.post_id = ${post.id}
          and c.parent_id is not null
          and not exists (select 1 from comments p where p.id = c.parent_id)`,
    )
    expect(orphans.n).toBe(0)
  })

  it('keeps reactionCount exact through 90 parallel reactions and unreactions on a post and a comment', async () => {
    const comment = comments[0]
    // Half of the students start with a like on each.
    for (const s of students.slice(0, 15)) {
      await api('POST', `/api/posts/${post.id}/reactions`, {
        token: s.token,
        body: { type: 'like' },
      })
      await api('POST', `/api/comments/${comment.id}/reactions`, {
        token: s.token,
        body: { type: 'like' },
      })
    }
    const calls: Call[] = []
    const react = (
      kind: string,
      who: TestUser,
      target: string,
      method: 'POST' | 'DELETE',
      type: string,
    ) =>
      calls.push({
        kind,
        who,
        promise:
          method === 'POST'
            ? api('POST', `${target}/reactions`, { token: who.token, body: { type } })
            : api('DELETE', `${target}/reactions?type=${type}`, { token: who.token }),
      })
    const postPath = `/api/posts/${post.id}`
    const commentPath = `/api/comments/${comment.id}`
    for (const who of students.slice(0, 15)) react('unlike post', who, postPath, 'DELETE', 'like')
    for (const who of students.slice(15, 30)) react('like post', who, postPath, 'POST', 'like')
    for (const who of students.slice(15, 30))
      react('like post again', who, postPath, 'POST', 'like')
    for (const who of students.slice(0, 15)) react('support post', who, postPath, 'POST', 'support')
    for (const who of students.slice(0, 15))
      react('unlike comment', who, commentPath, 'DELETE', 'like')
    for (const who of students.slice(15, 30))
      react('celebrate comment', who, commentPath, 'POST', 'celebrate')
    expect(calls.length).toBe(90)

    const { byKind } = await fire(calls)
    expect(byKind('unlike post').every((s) => s === 200)).toBe(true)
    expect(byKind('unlike comment').every((s) => s === 200)).toBe(true)
    expect(byKind('support post').every((s) => s === 201)).toBe(true)
    expect(byKind('celebrate comment').every((s) => s === 201)).toBe(true)
    const likes = [...byKind('like post'), ...byKind('like post again')]
    expect(likes.filter((s) => s === 201)).toHaveLength(15)
    expect(likes.filter((s) => s === 200)).toHaveLength(15)

    const truth = await countersAndTruth(payload, { posts: [post.id], comments: [comment.id] })
    expect(truth.postReactions.stored).toEqual(truth.postReactions.actual)
    expect(truth.commentReactions.stored).toEqual(truth.commentReactions.actual)
    expect(truth.postReactions.actual[post.id]).toBe(15 + 15) // 15 new likes + 15 supports
    expect(truth.commentReactions.actual[comment.id]).toBe(15) // the celebrations
    const [dupes] = await rows<{ n: number }>(
      payload,
      sql`select count(*)::int as n from (select 1 from reactions
          where post_id = ${post.id} or comment_id = ${comment.id}
          group by user_id, target_key, type having count(*) > 1) d`,
    )
    expect(dupes.n).toBe(0)
  })

  it('deletes a post while comments and reactions pour in: no errors, no orphans', async () => {
    const doomed = await createPost(students[1].token, community.id, { content: 'Doomed' })
    const target = await createComment(students[2].token, doomed.id)
    const calls: Call[] = []
    students.forEach((who, i) => {
      calls.push({
        kind: 'write',
        who,
        promise:
          i % 3 === 0
            ? api('POST', `/api/posts/${doomed.id}/comments`, {
                token: who.token,
                body: { content: `late ${i}` },
              })
            : i % 3 === 1
              ? api('POST', `/api/posts/${doomed.id}/reactions`, {
                  token: who.token,
                  body: { type: 'like' },
                })
              : api('POST', `/api/comments/${target.id}/reactions`, {
                  token: who.token,
                  body: { type: 'support' },
                }),
      })
      if (i === 10) {
        calls.push({
          kind: 'delete',
          who: students[1],
          promise: api('DELETE', `/api/posts/${doomed.id}`, { token: students[1].token }),
        })
      }
    })
    const { byKind } = await fire(calls)
    expect(byKind('delete')).toEqual([200])
    // Each write either landed before the delete (and went with the post) or found it gone.
    for (const status of byKind('write')) expect([200, 201, 400, 404]).toContain(status)
    const [left] = await rows<{ n: number }>(
      payload,
      sql`select (select count(*)::int from comments where post_id = ${doomed.id})
            + (select count(*)::int from reactions
                where post_id = ${doomed.id} or comment_id = ${target.id}
                   or target_key in (${`post:${doomed.id}`}, ${`comment:${target.id}`})) as n`,
    )
    expect(left.n).toBe(0)
  })
})

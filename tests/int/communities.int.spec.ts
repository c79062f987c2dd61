import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { POST_MAX_LENGTH, COMMENT_MAX_LENGTH } from '../../src/collections/Communities/constants'
import type { Community, Course } from '../../src/payload-types'
import {
  countersAndTruth,
  countQueries,
  createComment,
  createCommunity,
  createPost,
  deleteCommunities,
  join,
  rows,
  sql,
} from '../helpers/communities'
import { buildCourse, deleteCourses, enroll, expectStatus } from '../helpers/courses'
import { api, errorMessage } from '../helpers/http'
import { getTestPayload } from '../helpers/payload'
import { createCast, createUser, deleteUsers, type TestUser } from '../helpers/users'

let payload: Payload
let cast: Awaited<ReturnType<typeof createCast>>
/** Joined members of `open` besides the moderator (the creating educator). */
let member: TestUser
let author: TestUser
const extraUsers: TestUser[] = []
const communityIds: string[] = []
const courseIds: string[] = []

/** Public community created by the educator (its moderator). */
let open: Community
/** Members-only community created by the admin. */
let closed: Community

beforeAll(async () => {
  payload = await getTestPayload()
  cast = await createCast(payload)
  ;[member, author] = await Promise.all([
    createUser(payload, 'student', { fullName: 'Mia Member' }),
    createUser(payload, 'student', { fullName: 'Ari Author' }),
  ])
  extraUsers.push(member, author)
  open = await createCommunity(cast.educator.token, { topic: 'funding', visibility: 'public' })
  closed = await createCommunity(cast.admin.token, { topic: 'ai', visibility: 'members' })
  communityIds.push(open.id, closed.id)
  await Promise.all([join(member.token, open.id), join(author.token, open.id)])
})

afterAll(async () => {
  await deleteCommunities(payload, communityIds)
  await deleteCourses(payload, courseIds)
  await deleteUsers(payload, ...Object.values(cast), ...extraUsers)
})

describe('communities', () => {
  it('lets educators and admins create communities; the creator moderates it', async () => {
    expect(open.slug).toMatch(/^community-/)
    expect(open.memberCount).toBe(0) // the response predates the creator's membership
    const res = await api('GET', `/api/communities/${open.id}`, { token: cast.educator.token })
    expectStatus(res, 200)
    expect(res.body).toMatchObject({ id: open.id, viewerRole: 'moderator', memberCount: 3 })
    const asMember = await api('GET', `/api/communities/${open.id}`, { token: member.token })
    expect(asMember.body.viewerRole).toBe('member')
    const anonymous = await api('GET', `/api/communities/${open.id}`)
    expect(anonymous.body.viewerRole).toBeNull()

    const student = await api('POST', '/api/communities', {
      token: cast.student.token,
      body: { name: 'Nope', topic: 'ai' },
    })
    expectStatus(student, 403)
    const counterForged = await api('POST', '/api/communities', {
      token: cast.admin.token,
      body: { name: 'Forged', topic: 'ai', memberCount: 999 },
    })
    expectStatus(counterForged, 201)
    communityIds.push(counterForged.body.doc.id)
    expect(counterForged.body.doc.memberCount).toBe(0)
    const updated = await api('PATCH', `/api/communities/${counterForged.body.doc.id}`, {
      token: cast.admin.token,
      body: { memberCount: 500, description: 'Changed' },
    })
    expectStatus(updated, 200)
    expect(updated.body.doc).toMatchObject({ memberCount: 1, description: 'Changed' })
  })

  it('rejects an unknown topic or visibility with a 400 naming the field', async () => {
    const res = await api('POST', '/api/communities', {
      token: cast.admin.token,
      body: { name: 'Bad topic', topic: 'astrology' },
    })
    expectStatus(res, 400)
    expect(JSON.stringify(res.body)).toContain('topic')
    const vis = await api('POST', '/api/communities', {
      token: cast.admin.token,
      body: { name: 'Bad visibility', topic: 'ai', visibility: 'secret' },
    })
    expectStatus(vis, 400)
    expect(JSON.stringify(vis.body)).toContain('visibility')
  })

  it('lists communities newest first with pagination, to anyone', async () => {
    const res = await api(
      'GET',
      `/api/communities?limit=1&page=1&where[id][in]=${open.id},${closed.id}`,
    )
    expectStatus(res, 200)
    expect(res.body).toMatchObject({ totalDocs: 2, limit: 1, page: 1, totalPages: 2 })
    expect(res.body.hasNextPage).toBe(true)
    expect(res.body.docs[0].id).toBe(closed.id) // created after `open`
    const page2 = await api(
      'GET',
      `/api/communities?limit=1&page=2&where[id][in]=${open.id},${closed.id}`,
    )
    expect(page2.body.docs[0].id).toBe(open.id)
    const byTopic = await api('GET', `/api/communities?where[topic][equals]=ai&limit=100`)
    expect(byTopic.body.docs.map((c: Community) => c.id)).toContain(closed.id)
    expect(byTopic.body.docs.every((c: Community) => c.topic === 'ai')).toBe(true)
  })

  it('answers 404 for unknown or malformed community ids', async () => {
    for (const path of [
      `/api/communities/${crypto.randomUUID()}/join`,
      '/api/communities/not-a-uuid/join',
    ]) {
      expectStatus(await api('POST', path, { token: member.token }), 404)
    }
    expectStatus(await api('GET', `/api/communities/${crypto.randomUUID()}`), 404)
    expectStatus(
      await api('GET', `/api/communities/${crypto.randomUUID()}/posts`, { token: member.token }),
      404,
    )
  })
})

describe('joining and leaving', () => {
  it('joins once (201, then 200) and leaves once, keeping memberCount exact', async () => {
    const user = await createUser(payload, 'student')
    extraUsers.push(user)
    const first = await api('POST', `/api/communities/${closed.id}/join`, { token: user.token })
    expectStatus(first, 201)
    expect(first.body).toMatchObject({ created: true, doc: { role: 'member' } })
    const before = first.body.memberCount
    const again = await api('POST', `/api/communities/${closed.id}/join`, { token: user.token })
    expectStatus(again, 200)
    expect(again.body).toMatchObject({ created: false, memberCount: before })
    expect(again.body.doc.id).toBe(first.body.doc.id)

    const left = await api('DELETE', `/api/communities/${closed.id}/leave`, { token: user.token })
    expectStatus(left, 200)
    expect(left.body).toEqual({ left: true, memberCount: before - 1 })
    const leftAgain = await api('DELETE', `/api/communities/${closed.id}/leave`, {
      token: user.token,
    })
    expect(leftAgain.body).toEqual({ left: false, memberCount: before - 1 })
    const truth = await countersAndTruth(payload, { communities: [closed.id] })
    expect(truth.memberCount.stored).toEqual(truth.memberCount.actual)
  })

  it('asks anonymous visitors to log in', async () => {
    expectStatus(await api('POST', `/api/communities/${open.id}/join`), 401)
    expectStatus(await api('DELETE', `/api/communities/${open.id}/leave`), 401)
  })
})

describe('course communities and discussions', () => {
  let course: Course
  let courseCommunity: Community
  let enrolled: TestUser
  let outsider: TestUser

  beforeAll(async () => {
    ;[enrolled, outsider] = await Promise.all([
      createUser(payload, 'student', { fullName: 'Enrolled Student' }),
      createUser(payload, 'student', { fullName: 'Outsider Student' }),
    ])
    extraUsers.push(enrolled, outsider)
    course = (await buildCourse(cast.educator.token)).course
    courseIds.push(course.id)
    await enroll(enrolled.token, course.id)
    courseCommunity = await createCommunity(cast.educator.token, {
      topic: 'funding',
      visibility: 'course',
      course: course.id,
    })
    communityIds.push(courseCommunity.id)
  })

  it("only attaches a community to the creator's own course", async () => {
    const foreign = await api('POST', '/api/communities', {
      token: cast.otherEducator.token,
      body: { name: 'Hijack', topic: 'ai', visibility: 'course', course: course.id },
    })
    expectStatus(foreign, 400)
    expect(errorMessage(foreign) + JSON.stringify(foreign.body)).toContain('course')
    const missing = await api('POST', '/api/communities', {
      token: cast.admin.token,
      body: { name: 'No course', topic: 'ai', visibility: 'course' },
    })
    expectStatus(missing, 400)
  })

  it('lets only enrolled students (and the educator) see and join a course community', async () => {
    expectStatus(await api('GET', `/api/communities/${courseCommunity.id}`), 404)
    expectStatus(
      await api('GET', `/api/communities/${courseCommunity.id}`, { token: outsider.token }),
      404,
    )
    expectStatus(
      await api('POST', `/api/communities/${courseCommunity.id}/join`, { token: outsider.token }),
      404,
    )
    const seen = await api('GET', `/api/communities/${courseCommunity.id}`, {
      token: enrolled.token,
    })
    expectStatus(seen, 200)
    expect(seen.body.viewerRole).toBeNull()
    const joined = await api('POST', `/api/communities/${courseCommunity.id}/join`, {
      token: enrolled.token,
    })
    expectStatus(joined, 201)
    // Enrolled in another course only: visible? no — and cannot join.
    const other = await api('POST', `/api/communities/${courseCommunity.id}/join`, {
      token: cast.student.token,
    })
    expectStatus(other, 404)
    const post = await createPost(enrolled.token, courseCommunity.id, { content: 'Course talk' })
    expect(post.community).toMatchObject({ id: courseCommunity.id })
  })

  it('serves course discussions to enrolled students and the educator', async () => {
    const res = await api('POST', `/api/courses/${course.id}/discussions`, {
      token: enrolled.token,
      body: { content: 'How do I size my seed round?', type: 'question' },
    })
    expectStatus(res, 201)
    expect(res.body.doc).toMatchObject({
      course: { id: course.id, title: course.title },
      community: null,
      type: 'question',
      author: { id: enrolled.user.id, fullName: 'Enrolled Student' },
      commentCount: 0,
      reactionCount: 0,
      myReactions: [],
    })
    const announcement = await api('POST', `/api/courses/${course.id}/discussions`, {
      token: cast.educator.token,
      body: { content: 'Office hours on Friday', type: 'announcement', isPinned: true },
    })
    expectStatus(announcement, 201)
    const studentAnnouncement = await api('POST', `/api/courses/${course.id}/discussions`, {
      token: enrolled.token,
      body: { content: 'I am the teacher now', type: 'announcement' },
    })
    expectStatus(studentAnnouncement, 403)

    const list = await api('GET', `/api/courses/${course.id}/discussions`, {
      token: enrolled.token,
    })
    expectStatus(list, 200)
    expect(list.body.docs.map((p: { id: string }) => p.id)).toEqual([
      announcement.body.doc.id,
      res.body.doc.id,
    ])
    const comment = await createComment(cast.educator.token, res.body.doc.id, {
      content: 'Start from 18 months of runway.',
    })
    expect(comment).toMatchObject({ course: { id: course.id }, community: null })

    expectStatus(await api('GET', `/api/courses/${course.id}/discussions`), 401)
    expectStatus(
      await api('GET', `/api/courses/${course.id}/discussions`, { token: outsider.token }),
      403,
    )
    expectStatus(
      await api('POST', `/api/courses/${course.id}/discussions`, {
        token: cast.otherEducator.token,
        body: { content: 'Hello' },
      }),
      403,
    )
    expectStatus(await api('GET', `/api/posts/${res.body.doc.id}`, { token: outsider.token }), 404)
    const admin = await api('GET', `/api/courses/${course.id}/discussions`, {
      token: cast.admin.token,
    })
    expect(admin.body.totalDocs).toBe(2)
    expectStatus(
      await api('GET', `/api/courses/${crypto.randomUUID()}/discussions`, {
        token: enrolled.token,
      }),
      404,
    )
  })

  it('removes the discussion with the course and keeps its community as members-only', async () => {
    const built = await buildCourse(cast.educator.token)
    const student = await createUser(payload, 'student')
    extraUsers.push(student)
    await enroll(student.token, built.course.id)
    const community = await createCommunity(cast.educator.token, {
      visibility: 'course',
      course: built.course.id,
    })
    communityIds.push(community.id)
    const res = await api('POST', `/api/courses/${built.course.id}/discussions`, {
      token: student.token,
      body: { content: 'Before the course goes away' },
    })
    expectStatus(res, 201)
    await createComment(student.token, res.body.doc.id)
    await api('POST', `/api/posts/${res.body.doc.id}/reactions`, {
      token: student.token,
      body: { type: 'like' },
    })
    await deleteCourses(payload, [built.course.id])
    const left = await rows<{ n: number }>(
      payload,
      sql`select (select count(*)::int from posts where id = ${res.body.doc.id})
            + (select count(*)::int from comments where post_id = ${res.body.doc.id})
            + (select count(*)::int from reactions where post_id = ${res.body.doc.id}) as n`,
    )
    expect(left[0].n).toBe(0)
    const kept = await payload.findByID({ collection: 'communities', id: community.id })
    expect(kept).toMatchObject({ visibility: 'members', course: null })
  })
})

describe('posts', () => {
  it('lets members post; lists pinned first, then newest first, paginated', async () => {
    const community = await createCommunity(cast.educator.token)
    communityIds.push(community.id)
    await join(member.token, community.id)
    const a = await createPost(member.token, community.id, { content: 'first' })
    const b = await createPost(member.token, community.id, { content: 'second', type: 'question' })
    const pinned = await createPost(cast.educator.token, community.id, {
      content: 'Read me first',
      type: 'announcement',
      isPinned: true,
    })
    const c = await createPost(member.token, community.id, { content: 'third' })
    expect(a).toMatchObject({
      content: 'first',
      type: 'discussion',
      isPinned: false,
      author: { id: member.user.id, fullName: 'Mia Member' },
      community: { id: community.id, name: community.name },
    })
    expect(a.author).not.toHaveProperty('email')

    const page1 = await api('GET', `/api/communities/${community.id}/posts?limit=2`)
    expectStatus(page1, 200)
    expect(page1.body).toMatchObject({ totalDocs: 4, totalPages: 2, hasNextPage: true, page: 1 })
    expect(page1.body.docs.map((p: { id: string }) => p.id)).toEqual([pinned.id, c.id])
    const page2 = await api('GET', `/api/communities/${community.id}/posts?limit=2&page=2`)
    expect(page2.body.docs.map((p: { id: string }) => p.id)).toEqual([b.id, a.id])
    const questions = await api('GET', `/api/communities/${community.id}/posts?type=question`)
    expect(questions.body.docs.map((p: { id: string }) => p.id)).toEqual([b.id])
    expectStatus(await api('GET', `/api/communities/${community.id}/posts?type=rant`), 400)
    expectStatus(await api('GET', `/api/communities/${community.id}/posts?limit=0`), 400)
  })

  it('keeps non-members, anonymous visitors and plain members from what they may not do', async () => {
    const outsider = await api('POST', `/api/communities/${open.id}/posts`, {
      token: cast.otherStudent.token,
      body: { content: 'Let me in' },
    })
    expectStatus(outsider, 403)
    expect(errorMessage(outsider)).toMatch(/join/i)
    expectStatus(
      await api('POST', `/api/communities/${open.id}/posts`, { body: { content: 'anon' } }),
      401,
    )
    const announce = await api('POST', `/api/communities/${open.id}/posts`, {
      token: member.token,
      body: { content: 'Big news', type: 'announcement' },
    })
    expectStatus(announce, 403)
    const pin = await api('POST', `/api/communities/${open.id}/posts`, {
      token: member.token,
      body: { content: 'Pin me', isPinned: true },
    })
    expectStatus(pin, 403)
  })

  it('shows a post with its author and my reactions', async () => {
    const post = await createPost(author.token, open.id, { content: 'Show me' })
    await api('POST', `/api/posts/${post.id}/reactions`, {
      token: member.token,
      body: { type: 'insightful' },
    })
    const res = await api('GET', `/api/posts/${post.id}`, { token: member.token })
    expectStatus(res, 200)
    expect(res.body).toMatchObject({
      id: post.id,
      content: 'Show me',
      reactionCount: 1,
      myReactions: ['insightful'],
      author: { id: author.user.id, fullName: 'Ari Author' },
    })
    const anonymous = await api('GET', `/api/posts/${post.id}`)
    expect(anonymous.body.myReactions).toEqual([])
    expectStatus(await api('GET', `/api/posts/${crypto.randomUUID()}`), 404)
    expectStatus(await api('GET', '/api/posts/not-a-uuid'), 404)
    // Payload's own count route still answers under the same rules.
    const count = await api('GET', `/api/posts/count?where[id][equals]=${post.id}`)
    expectStatus(count, 200)
    expect(count.body.totalDocs).toBe(1)
  })

  it('lets the author edit (editedAt) and moderators pin, not the other way round', async () => {
    const post = await createPost(author.token, open.id, { content: 'Draft thought' })
    expect(post.editedAt).toBeFalsy()
    const edited = await api('PUT', `/api/posts/${post.id}`, {
      token: author.token,
      body: { content: 'Refined thought', type: 'question' },
    })
    expectStatus(edited, 200)
    expect(edited.body.doc).toMatchObject({ content: 'Refined thought', type: 'question' })
    expect(edited.body.doc.editedAt).toBeTruthy()

    expectStatus(
      await api('PUT', `/api/posts/${post.id}`, {
        token: author.token,
        body: { isPinned: true },
      }),
      403,
    )
    expectStatus(
      await api('PUT', `/api/posts/${post.id}`, {
        token: author.token,
        body: { type: 'announcement' },
      }),
      403,
    )
    expectStatus(
      await api('PUT', `/api/posts/${post.id}`, {
        token: member.token,
        body: { content: 'Not yours' },
      }),
      403,
    )
    expectStatus(
      await api('PUT', `/api/posts/${post.id}`, {
        token: cast.educator.token,
        body: { content: 'Moderators do not rewrite' },
      }),
      403,
    )
    const pinned = await api('PUT', `/api/posts/${post.id}`, {
      token: cast.educator.token,
      body: { isPinned: true },
    })
    expectStatus(pinned, 200)
    expect(pinned.body.doc).toMatchObject({ isPinned: true, content: 'Refined thought' })
    const unpinned = await api('PUT', `/api/posts/${post.id}`, {
      token: cast.admin.token,
      body: { isPinned: false },
    })
    expect(unpinned.body.doc.isPinned).toBe(false)
    expectStatus(await api('PUT', `/api/posts/${post.id}`, { body: { content: 'x' } }), 401)
    expectStatus(await api('PUT', `/api/posts/${post.id}`, { token: author.token, body: {} }), 400)
  })

  it("applies the same rules to Payload's PATCH /api/posts/:id", async () => {
    const post = await createPost(author.token, open.id, { content: 'Original' })
    expectStatus(
      await api('PATCH', `/api/posts/${post.id}`, {
        token: member.token,
        body: { content: 'Hijacked' },
      }),
      403,
    )
    const moderator = await api('PATCH', `/api/posts/${post.id}`, {
      token: cast.educator.token,
      body: { content: 'Rewritten', isPinned: true, commentCount: 99 },
    })
    expectStatus(moderator, 200)
    // Content is the author's; counters are the server's.
    expect(moderator.body.doc).toMatchObject({
      content: 'Original',
      isPinned: true,
      commentCount: 0,
    })
    const own = await api('PATCH', `/api/posts/${post.id}`, {
      token: author.token,
      body: { content: 'Mine to change', isPinned: false, reactionCount: 7 },
    })
    expectStatus(own, 200)
    expect(own.body.doc).toMatchObject({
      content: 'Mine to change',
      isPinned: true,
      reactionCount: 0,
    })
    expect(own.body.doc.editedAt).toBeTruthy()
    const announcement = await api('PATCH', `/api/posts/${post.id}`, {
      token: author.token,
      body: { type: 'announcement' },
    })
    expectStatus(announcement, 403)
    // Creating through Payload's POST /api/posts follows the membership rule too.
    expectStatus(
      await api('POST', '/api/posts', {
        token: cast.otherStudent.token,
        body: { community: open.id, content: 'Backdoor' },
      }),
      403,
    )
    const direct = await api('POST', '/api/posts', {
      token: member.token,
      body: { community: open.id, content: 'Front door', author: author.user.id, isPinned: true },
    })
    expectStatus(direct, 201)
    expect(direct.body.doc).toMatchObject({ author: { id: member.user.id }, isPinned: false })
  })

  it('lets authors, moderators and admins delete a post with its comments and reactions', async () => {
    const post = await createPost(author.token, open.id, { content: 'Going away' })
    const comment = await createComment(member.token, post.id)
    await createComment(author.token, post.id, { parent: comment.id })
    await api('POST', `/api/posts/${post.id}/reactions`, {
      token: member.token,
      body: { type: 'like' },
    })
    await api('POST', `/api/comments/${comment.id}/reactions`, {
      token: author.token,
      body: { type: 'support' },
    })
    expectStatus(await api('DELETE', `/api/posts/${post.id}`, { token: member.token }), 403)
    expectStatus(await api('DELETE', `/api/posts/${post.id}`), 401)
    const res = await api('DELETE', `/api/posts/${post.id}`, { token: cast.educator.token })
    expectStatus(res, 200)
    expect(res.body).toEqual({ message: 'Post deleted', id: post.id })
    const [left] = await rows<{ posts: number; comments: number; reactions: number }>(
      payload,
      sql`select (select count(*)::int from posts where id = ${post.id}) as posts,
                 (select count(*)::int from comments where post_id = ${post.id}) as comments,
                 (select count(*)::int from reactions
                    where post_id = ${post.id} or comment_id = ${comment.id}) as reactions`,
    )
    expect(left).toEqual({ posts: 0, comments: 0, reactions: 0 })
    expectStatus(await api('GET', `/api/posts/${post.id}`), 404)
    expectStatus(await api('DELETE', `/api/posts/${post.id}`, { token: cast.admin.token }), 404)

    const own = await createPost(author.token, open.id)
    expectStatus(await api('DELETE', `/api/posts/${own.id}`, { token: author.token }), 200)
    const byAdmin = await createPost(author.token, open.id)
    expectStatus(await api('DELETE', `/api/posts/${byAdmin.id}`, { token: cast.admin.token }), 200)
  })

  it('answers 400 for empty, oversized or malformed posts, naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ content: '' }, 'content'],
      [{ content: '   \n ' }, 'content'],
      [{ content: 'x'.repeat(POST_MAX_LENGTH + 1) }, 'content'],
      [{}, 'content'],
      [{ content: 42 }, 'content'],
      [{ content: 'ok', type: 'rant' }, 'type'],
      [{ content: 'ok', isPinned: 'yes' }, 'isPinned'],
      [{ content: 'ok', community: closed.id }, 'community'],
    ]
    for (const [body, field] of cases) {
      const res = await api('POST', `/api/communities/${open.id}/posts`, {
        token: member.token,
        body,
      })
      expectStatus(res, 400)
      expect(errorMessage(res)).toContain(field)
    }
    const malformed = await api('POST', `/api/communities/${open.id}/posts`, {
      token: member.token,
      body: '{"content": ',
      headers: { 'Content-Type': 'application/json' },
    })
    expectStatus(malformed, 400)
    const ok = await createPost(member.token, open.id, { content: 'x'.repeat(POST_MAX_LENGTH) })
    expect(ok.content).toHaveLength(POST_MAX_LENGTH)
    // Payload's own route validates too.
    const blank = await api('POST', '/api/posts', {
      token: member.token,
      body: { community: open.id, content: '  ' },
    })
    expectStatus(blank, 400)
  })

  it('rate-limits posting and commenting per client address (429)', async () => {
    const ip = `192.0.2.${Math.floor(Math.random() * 200) + 1}`
    const max = Number(process.env.RATE_LIMIT_POSTING_MAX || 30)
    const post = await createPost(member.token, open.id)
    const statuses: number[] = []
    for (let i = 0; i < max; i++) {
      const res =
        i % 2
          ? await api('POST', `/api/posts/${post.id}/comments`, {
              token: member.token,
              ip,
              body: { content: `flood ${i}` },
            })
          : await api('POST', `/api/communities/${open.id}/posts`, {
              token: member.token,
              ip,
              body: { content: `flood ${i}` },
            })
      statuses.push(res.status)
    }
    expect(statuses.every((s) => s === 201)).toBe(true)
    const limited = await api('POST', `/api/communities/${open.id}/posts`, {
      token: member.token,
      ip,
      body: { content: 'one too many' },
    })
    expectStatus(limited, 429)
    const limitedComment = await api('POST', `/api/posts/${post.id}/comments`, {
      token: member.token,
      ip,
      body: { content: 'one too many' },
    })
    expectStatus(limitedComment, 429)
    const viaPayload = await api('POST', '/api/comments', {
      token: member.token,
      ip,
      body: { post: post.id, content: 'through the side door' },
    })
    expectStatus(viaPayload, 429)
    // Another address is unaffected.
    await createComment(member.token, post.id)
  })

  it('loads a page of posts with a fixed number of queries, however long the page', async () => {
    const community = await createCommunity(cast.admin.token)
    communityIds.push(community.id)
    const writers = await Promise.all(
      Array.from({ length: 5 }, () => createUser(payload, 'student')),
    )
    extraUsers.push(...writers)
    for (const w of writers) await join(w.token, community.id)
    const all = []
    for (let i = 0; i < 25; i++) all.push(await createPost(writers[i % 5].token, community.id))
    for (const p of all.slice(0, 10)) {
      await api('POST', `/api/posts/${p.id}/reactions`, {
        token: writers[0].token,
        body: { type: 'like' },
      })
    }
    const list = (limit: number) =>
      api('GET', `/api/communities/${community.id}/posts?limit=${limit}`, {
        token: writers[0].token,
      })
    await list(1) // warm-up: the first request of a kind loads code and caches
    const small = await countQueries(payload, () => list(2))
    const large = await countQueries(payload, () => list(25))
    expect(small.result.body.docs).toHaveLength(2)
    expect(large.result.body.docs).toHaveLength(25)
    expect(large.count).toBe(small.count)
    expect(large.count).toBeLessThanOrEqual(12)
    const mine = large.result.body.docs.filter((p: { myReactions: string[] }) =>
      p.myReactions.includes('like'),
    )
    expect(mine).toHaveLength(10)
    expect(
      large.result.body.docs.every((p: { author: { fullName?: string } }) => p.author.fullName),
    ).toBe(true)
  })
})

describe('comments', () => {
  it('takes comments and one level of replies, listed newest first with replies nested', async () => {
    const post = await createPost(author.token, open.id)
    const first = await createComment(member.token, post.id, { content: 'First!' })
    const second = await createComment(author.token, post.id, { content: 'Thanks' })
    const reply1 = await createComment(author.token, post.id, {
      content: 'Reply one',
      parent: first.id,
    })
    const reply2 = await createComment(cast.educator.token, post.id, {
      content: 'Reply two',
      parent: first.id,
    })
    expect(reply1).toMatchObject({ parent: { id: first.id }, community: { id: open.id } })

    const nested = await api('POST', `/api/posts/${post.id}/comments`, {
      token: member.token,
      body: { content: 'Too deep', parent: reply1.id },
    })
    expectStatus(nested, 400)
    expect(errorMessage(nested) + JSON.stringify(nested.body)).toContain('parent')
    const other = await createPost(member.token, open.id)
    const foreign = await api('POST', `/api/posts/${other.id}/comments`, {
      token: member.token,
      body: { content: 'Wrong post', parent: first.id },
    })
    expectStatus(foreign, 400)
    const unknownParent = await api('POST', `/api/posts/${other.id}/comments`, {
      token: member.token,
      body: { content: 'Ghost', parent: crypto.randomUUID() },
    })
    expectStatus(unknownParent, 400)

    const list = await api('GET', `/api/posts/${post.id}/comments`, { token: member.token })
    expectStatus(list, 200)
    expect(list.body.totalDocs).toBe(2)
    expect(list.body.docs.map((c: { id: string }) => c.id)).toEqual([second.id, first.id])
    expect(list.body.docs[1].replies.map((c: { id: string }) => c.id)).toEqual([
      reply1.id,
      reply2.id,
    ])
    expect(list.body.docs[1].author).toMatchObject({ fullName: 'Mia Member' })
    expect(list.body.docs[1].replies[0].myReactions).toEqual([])
    const paged = await api('GET', `/api/posts/${post.id}/comments?limit=1&page=2`)
    expect(paged.body.docs.map((c: { id: string }) => c.id)).toEqual([first.id])

    const stored = await payload.findByID({ collection: 'posts', id: post.id })
    expect(stored.commentCount).toBe(4)
  })

  it('rejects empty, oversized and unknown-post comments', async () => {
    const post = await createPost(author.token, open.id)
    for (const content of ['', '  ', 'x'.repeat(COMMENT_MAX_LENGTH + 1)]) {
      const res = await api('POST', `/api/posts/${post.id}/comments`, {
        token: member.token,
        body: { content },
      })
      expectStatus(res, 400)
      expect(errorMessage(res)).toContain('content')
    }
    expectStatus(
      await api('POST', `/api/posts/${post.id}/comments`, {
        token: member.token,
        body: { content: 'ok', parent: 'nope' },
      }),
      400,
    )
    expectStatus(
      await api('POST', `/api/posts/${crypto.randomUUID()}/comments`, {
        token: member.token,
        body: { content: 'ok' },
      }),
      404,
    )
    expectStatus(
      await api('POST', `/api/posts/${post.id}/comments`, {
        token: cast.otherStudent.token,
        body: { content: 'not a member' },
      }),
      403,
    )
    expectStatus(
      await api('POST', '/api/comments', {
        token: member.token,
        body: { post: crypto.randomUUID(), content: 'orphan' },
      }),
      400,
    )
  })

  it('lets authors edit and authors/moderators delete comments through Payload, counters following', async () => {
    const post = await createPost(author.token, open.id)
    const comment = await createComment(member.token, post.id, { content: 'v1' })
    const reply = await createComment(author.token, post.id, { parent: comment.id })
    await api('POST', `/api/comments/${reply.id}/reactions`, {
      token: member.token,
      body: { type: 'like' },
    })
    expectStatus(
      await api('PATCH', `/api/comments/${comment.id}`, {
        token: author.token,
        body: { content: 'not mine' },
      }),
      403,
    )
    const edited = await api('PATCH', `/api/comments/${comment.id}`, {
      token: member.token,
      body: { content: 'v2', reactionCount: 50 },
    })
    expectStatus(edited, 200)
    expect(edited.body.doc).toMatchObject({ content: 'v2', reactionCount: 0 })
    expect(edited.body.doc.editedAt).toBeTruthy()
    expectStatus(
      await api('DELETE', `/api/comments/${comment.id}`, { token: cast.otherStudent.token }),
      403,
    )
    // The moderator removes the comment; its reply and the reply's reaction go too.
    expectStatus(
      await api('DELETE', `/api/comments/${comment.id}`, { token: cast.educator.token }),
      200,
    )
    const [left] = await rows<{ comments: number; reactions: number }>(
      payload,
      sql`select (select count(*)::int from comments where post_id = ${post.id}) as comments,
                 (select count(*)::int from reactions where comment_id = ${reply.id}) as reactions`,
    )
    expect(left).toEqual({ comments: 0, reactions: 0 })
    const stored = await payload.findByID({ collection: 'posts', id: post.id })
    expect(stored.commentCount).toBe(0)

    const own = await createComment(author.token, post.id)
    expectStatus(await api('DELETE', `/api/comments/${own.id}`, { token: author.token }), 200)
  })
})

describe('reactions', () => {
  it('reacts once per type on posts and comments, and unreacts idempotently', async () => {
    const post = await createPost(author.token, open.id)
    const comment = await createComment(author.token, post.id)
    const like = await api('POST', `/api/posts/${post.id}/reactions`, {
      token: member.token,
      body: { type: 'like' },
    })
    expectStatus(like, 201)
    expect(like.body).toMatchObject({
      created: true,
      reactionCount: 1,
      myReactions: ['like'],
      doc: { type: 'like', post: post.id, comment: null, targetKey: `post:${post.id}` },
    })
    const again = await api('POST', `/api/posts/${post.id}/reactions`, {
      token: member.token,
      body: { type: 'like' },
    })
    expectStatus(again, 200)
    expect(again.body).toMatchObject({ created: false, reactionCount: 1 })
    const celebrate = await api('POST', `/api/posts/${post.id}/reactions`, {
      token: member.token,
      body: { type: 'celebrate' },
    })
    expect(celebrate.body.reactionCount).toBe(2)
    expect(celebrate.body.myReactions.sort()).toEqual(['celebrate', 'like'])
    // A filter object where a value belongs is a 400, not "every type" (it removed all before).
    for (const query of ['type[$ne]=1', 'type[]=like', 'type[in]=like']) {
      const bad = await api('DELETE', `/api/posts/${post.id}/reactions?${query}`, {
        token: member.token,
      })
      expect([query, bad.status]).toEqual([query, 400])
    }

    const removed = await api('DELETE', `/api/posts/${post.id}/reactions?type=like`, {
      token: member.token,
    })
    expectStatus(removed, 200)
    expect(removed.body).toEqual({ removed: 1, reactionCount: 1, myReactions: ['celebrate'] })
    const removedAgain = await api('DELETE', `/api/posts/${post.id}/reactions`, {
      token: member.token,
      body: { type: 'like' },
    })
    expect(removedAgain.body).toEqual({ removed: 0, reactionCount: 1, myReactions: ['celebrate'] })
    const all = await api('DELETE', `/api/posts/${post.id}/reactions`, { token: member.token })
    expect(all.body).toEqual({ removed: 1, reactionCount: 0, myReactions: [] })

    const onComment = await api('POST', `/api/comments/${comment.id}/reactions`, {
      token: member.token,
      body: { type: 'support' },
    })
    expectStatus(onComment, 201)
    expect(onComment.body).toMatchObject({ reactionCount: 1, doc: { comment: comment.id } })
    const twice = await api('POST', `/api/comments/${comment.id}/reactions`, {
      token: member.token,
      body: { type: 'support' },
    })
    expectStatus(twice, 200)
    const off = await api('DELETE', `/api/comments/${comment.id}/reactions?type=support`, {
      token: member.token,
    })
    expect(off.body).toEqual({ removed: 1, reactionCount: 0, myReactions: [] })
    const truth = await countersAndTruth(payload, { posts: [post.id], comments: [comment.id] })
    expect(truth.postReactions.stored).toEqual(truth.postReactions.actual)
    expect(truth.commentReactions.stored).toEqual(truth.commentReactions.actual)
  })

  it('answers 400 for unknown types, 404 for unknown targets, 401/403 for outsiders', async () => {
    const post = await createPost(author.token, open.id)
    for (const body of [{ type: 'love' }, {}, { type: 'like', extra: 1 }]) {
      const res = await api('POST', `/api/posts/${post.id}/reactions`, {
        token: member.token,
        body,
      })
      expectStatus(res, 400)
      expect(errorMessage(res)).toMatch(/type|extra/)
    }
    expectStatus(
      await api('DELETE', `/api/posts/${post.id}/reactions?type=love`, { token: member.token }),
      400,
    )
    expectStatus(
      await api('POST', `/api/posts/${crypto.randomUUID()}/reactions`, {
        token: member.token,
        body: { type: 'like' },
      }),
      404,
    )
    expectStatus(
      await api('POST', `/api/comments/${crypto.randomUUID()}/reactions`, {
        token: member.token,
        body: { type: 'like' },
      }),
      404,
    )
    expectStatus(
      await api('POST', `/api/posts/${post.id}/reactions`, { body: { type: 'like' } }),
      401,
    )
    expectStatus(
      await api('POST', `/api/posts/${post.id}/reactions`, {
        token: cast.otherStudent.token,
        body: { type: 'like' },
      }),
      403,
    )
  })

  it('keeps the unique (user, target, type) rule in the database, NULL targets included', async () => {
    const post = await createPost(author.token, open.id)
    const comment = await createComment(author.token, post.id)
    await payload.create({
      collection: 'reactions',
      data: { user: member.user.id, comment: comment.id, type: 'like', targetKey: '' },
    })
    await expect(
      payload.create({
        collection: 'reactions',
        data: { user: member.user.id, comment: comment.id, type: 'like', targetKey: '' },
      }),
    ).rejects.toThrow()
    await expect(
      payload.create({
        collection: 'reactions',
        data: {
          user: member.user.id,
          post: post.id,
          comment: comment.id,
          type: 'like',
          targetKey: '',
        },
      }),
    ).rejects.toThrow(/invalid: post/)
    const stored = await payload.findByID({ collection: 'comments', id: comment.id })
    expect(stored.reactionCount).toBe(1)
  })
})

describe('deleting users and communities', () => {
  it("removes a deleted user's memberships, posts, comments and reactions with exact counters", async () => {
    const leaver = await createUser(payload, 'student')
    await join(leaver.token, open.id)
    const theirPost = await createPost(leaver.token, open.id)
    await createComment(member.token, theirPost.id)
    const otherPost = await createPost(author.token, open.id)
    const theirComment = await createComment(leaver.token, otherPost.id)
    await createComment(author.token, otherPost.id, { parent: theirComment.id })
    await api('POST', `/api/posts/${otherPost.id}/reactions`, {
      token: leaver.token,
      body: { type: 'like' },
    })
    await payload.delete({ collection: 'users', id: leaver.user.id })
    const [left] = await rows<{ n: number }>(
      payload,
      sql`select (select count(*)::int from community_members where user_id = ${leaver.user.id})
            + (select count(*)::int from posts where author_id = ${leaver.user.id})
            + (select count(*)::int from comments where author_id = ${leaver.user.id})
            + (select count(*)::int from reactions where user_id = ${leaver.user.id}) as n`,
    )
    expect(left.n).toBe(0)
    const truth = await countersAndTruth(payload, {
      communities: [open.id],
      posts: [otherPost.id],
    })
    expect(truth.memberCount.stored).toEqual(truth.memberCount.actual)
    expect(truth.commentCount.stored).toEqual(truth.commentCount.actual)
    expect(truth.commentCount.actual[otherPost.id]).toBe(0)
    expect(truth.postReactions.stored).toEqual(truth.postReactions.actual)
  })

  it('deletes a community with its memberships, posts, comments and reactions (admins only)', async () => {
    const community = await createCommunity(cast.educator.token)
    await join(member.token, community.id)
    const post = await createPost(member.token, community.id)
    const comment = await createComment(cast.educator.token, post.id)
    await api('POST', `/api/comments/${comment.id}/reactions`, {
      token: member.token,
      body: { type: 'like' },
    })
    expectStatus(
      await api('DELETE', `/api/communities/${community.id}`, { token: cast.educator.token }),
      403,
    )
    expectStatus(
      await api('DELETE', `/api/communities/${community.id}`, { token: cast.admin.token }),
      200,
    )
    const [left] = await rows<{ n: number }>(
      payload,
      sql`select (select count(*)::int from community_members where community_id = ${community.id})
            + (select count(*)::int from posts where community_id = ${community.id})
            + (select count(*)::int from comments where post_id = ${post.id})
            + (select count(*)::int from reactions where comment_id = ${comment.id}) as n`,
    )
    expect(left.n).toBe(0)
  })
})

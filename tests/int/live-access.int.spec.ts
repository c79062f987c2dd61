import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { LiveStream, VideoAsset } from '../../src/payload-types'
import { muxEvent } from '../fakes/mux'
import { buildCourse, deleteCourses, expectStatus, type BuiltCourse } from '../helpers/courses'
import { api, graphql, type ApiResponse } from '../helpers/http'
import { deliverMuxEvent, useFakeMux } from '../helpers/mux'
import { getTestPayload } from '../helpers/payload'
import { createCast, createUser, deleteUsers, type TestUser } from '../helpers/users'

/**
 * One read rule for live sessions (src/access/live.ts) and owner-only video assets, seen from
 * every kind of caller over Payload's REST and GraphQL: public sessions for anyone logged in,
 * course sessions (and their polls and chat) only for the course's enrolled students, its
 * educator and admins; stream keys only for the owner (and admins); Mux playback ids of a paid
 * lesson only through the playback endpoint, for those who may watch.
 */

const CALLERS = ['anonymous', 'outsider', 'enrolled', 'otherEducator', 'owner', 'admin'] as const
type Caller = (typeof CALLERS)[number]

let payload: Payload
let mux: Awaited<ReturnType<typeof useFakeMux>>
let cast: Awaited<ReturnType<typeof createCast>>
let enrolled: TestUser
let built: BuiltCourse
let courseSession: LiveStream
let publicSession: LiveStream
let coursePollId: string
let publicPollId: string
let chatId: string
let asset: VideoAsset
const streamIds: string[] = []

const tokens = (): Record<Caller, string | undefined> => ({
  anonymous: undefined,
  outsider: cast.student.token,
  enrolled: enrolled.token,
  otherEducator: cast.otherEducator.token,
  owner: cast.educator.token,
  admin: cast.admin.token,
})

/** Who sees course-only rows (the course session, its poll and chat). */
const member: Record<Caller, boolean> = {
  anonymous: false,
  outsider: false,
  enrolled: true,
  otherEducator: false,
  owner: true,
  admin: true,
}

const inAnHour = () => new Date(Date.now() + 3600_000).toISOString()

async function schedule(body: Record<string, unknown> = {}): Promise<LiveStream> {
  const res = await api('POST', '/api/live/schedule', {
    token: cast.educator.token,
    body: { title: `Access check ${Date.now()}`, scheduledAt: inAnHour(), ...body },
  })
  expectStatus(res, 201)
  streamIds.push(res.body.doc.id)
  return res.body.doc
}

async function askPoll(streamId: string) {
  const res = await api('POST', `/api/live/${streamId}/polls`, {
    token: cast.educator.token,
    body: { question: 'Which topic next?', options: ['Pricing', 'Hiring'] },
  })
  expectStatus(res, 201)
  return res.body.doc.id as string
}

/** The ids of ours among a page of docs (other suites share the database). */
const ours = (res: ApiResponse, ids: string[]) =>
  ((res.body?.docs ?? []) as { id: string }[])
    .map((d) => d.id)
    .filter((id) => ids.includes(id))
    .sort()

const secrets = () => [
  courseSession.playbackId!,
  courseSession.muxLiveStreamId!,
  courseSession.streamKey!,
  publicSession.streamKey!,
  asset.playbackId!,
]

beforeAll(async () => {
  payload = await getTestPayload()
  mux = await useFakeMux()
  mux.set()
  cast = await createCast(payload)
  enrolled = await createUser(payload, 'student')
  built = await buildCourse(cast.educator.token, {
    course: { price: 4900, currency: 'usd' },
    lessons: [{ lessonType: 'video' }],
  })
  // A paid course: the enrollment a completed purchase would have made.
  await payload.create({
    collection: 'enrollments',
    data: {
      student: enrolled.user.id,
      course: built.course.id,
      source: 'purchase',
      enrolledAt: new Date().toISOString(),
    },
    overrideAccess: true,
  })

  courseSession = await schedule({ courseId: built.course.id })
  publicSession = await schedule()
  coursePollId = await askPoll(courseSession.id)
  publicPollId = await askPoll(publicSession.id)
  const chat = await api('POST', `/api/live/${courseSession.id}/chat`, {
    token: enrolled.token,
    body: { message: 'Members only' },
  })
  expectStatus(chat, 201)
  chatId = chat.body.doc.id

  const lesson = built.lessons[0]
  const upload = await api('POST', `/api/courses/${built.course.id}/lessons/${lesson.id}/video`, {
    token: cast.educator.token,
  })
  expectStatus(upload, 201)
  const muxAssetId = `asset-${upload.body.videoAsset.id}`
  const ready = await deliverMuxEvent(
    muxEvent('video.asset.ready', {
      id: muxAssetId,
      upload_id: upload.body.uploadId,
      passthrough: upload.body.videoAsset.id,
      status: 'ready',
      duration: 60,
      playback_ids: [{ id: `pb-${muxAssetId}`, policy: 'public' }],
    }),
  )
  expectStatus(ready, 200)
  asset = await payload.findByID({
    collection: 'video-assets',
    id: upload.body.videoAsset.id,
    overrideAccess: true,
  })
  expect(asset.playbackId).toBe(`pb-${muxAssetId}`)
  expect(courseSession.streamKey && courseSession.playbackId).toBeTruthy()
})

afterAll(async () => {
  mux.clear()
  const inStreams = { liveStream: { in: streamIds } }
  await payload.delete({
    collection: 'live-poll-votes',
    where: { 'poll.liveStream': { in: streamIds } },
    overrideAccess: true,
  })
  for (const collection of ['live-chat-messages', 'live-participants', 'live-polls'] as const) {
    await payload.delete({ collection, where: inStreams, overrideAccess: true })
  }
  await payload.delete({
    collection: 'live-streams',
    where: { id: { in: streamIds } },
    overrideAccess: true,
  })
  await payload.delete({
    collection: 'video-assets',
    where: { owner: { equals: cast.educator.user.id } },
    overrideAccess: true,
  })
  await deleteCourses(payload, [built.course.id])
  await deleteUsers(payload, enrolled, ...Object.values(cast))
  await mux.fake.close()
})

describe('REST', () => {
  it.each(CALLERS)(
    'GET /api/live-streams as %s lists course sessions only to members',
    async (who) => {
      const res = await api('GET', '/api/live-streams?limit=100&depth=0', { token: tokens()[who] })
      if (who === 'anonymous') return expect(res.status).toBe(403)
      expect(res.status).toBe(200)
      const expected = member[who] ? [courseSession.id, publicSession.id] : [publicSession.id]
      expect(ours(res, streamIds)).toEqual(expected.sort())
      const body = JSON.stringify(res.body)
      if (!member[who]) {
        expect(body).not.toContain(courseSession.playbackId)
        expect(body).not.toContain(courseSession.muxLiveStreamId)
      }
      const withKeys = who === 'owner' || who === 'admin'
      for (const key of [courseSession.streamKey!, publicSession.streamKey!]) {
        if (withKeys) expect(body).toContain(key)
        else expect(body).not.toContain(key)
      }
    },
  )

  it.each(CALLERS)('GET /api/live-streams/:id as %s', async (who) => {
    const token = tokens()[who]
    const course = await api('GET', `/api/live-streams/${courseSession.id}`, { token })
    const open = await api('GET', `/api/live-streams/${publicSession.id}`, { token })
    if (who === 'anonymous') {
      expect([course.status, open.status]).toEqual([403, 403])
      return
    }
    expect(open.status).toBe(200)
    expect(open.body.playbackId).toBe(publicSession.playbackId)
    if (member[who]) {
      expect(course.status).toBe(200)
      expect(course.body).toMatchObject({
        playbackId: courseSession.playbackId,
        muxLiveStreamId: courseSession.muxLiveStreamId,
      })
      expect(course.body.streamKey).toBe(who === 'enrolled' ? undefined : courseSession.streamKey)
    } else {
      expect(course.status).toBe(404)
      expect(JSON.stringify(course.body)).not.toContain(courseSession.playbackId)
    }
    // The custom endpoint follows the same rule, answering 403 where REST says 404.
    const live = await api('GET', `/api/live/${courseSession.id}`, { token })
    expect(live.status).toBe(member[who] ? 200 : 403)
  })

  it.each(CALLERS)('GET /api/live-polls and chat as %s', async (who) => {
    const token = tokens()[who]
    const polls = await api('GET', '/api/live-polls?limit=100', { token })
    const chat = await api('GET', '/api/live-chat-messages?limit=100', { token })
    if (who === 'anonymous') {
      expect([polls.status, chat.status]).toEqual([403, 403])
      return
    }
    expect(polls.status).toBe(200)
    const expected = member[who] ? [coursePollId, publicPollId] : [publicPollId]
    expect(ours(polls, [coursePollId, publicPollId])).toEqual(expected.sort())
    expect(ours(chat, [chatId])).toEqual(member[who] ? [chatId] : [])
    const custom = await api('GET', `/api/live/${courseSession.id}/polls`, { token })
    expect(custom.status).toBe(member[who] ? 200 : 403)
  })

  it.each(CALLERS)('PATCH /api/live-polls/:id as %s: only the owner and admins', async (who) => {
    const res = await api('PATCH', `/api/live-polls/${publicPollId}`, {
      token: tokens()[who],
      body: { isActive: true },
    })
    expect(res.status).toBe(who === 'owner' || who === 'admin' ? 200 : 403)
  })

  it.each(CALLERS)('GET /api/video-assets as %s: the owner and admins only', async (who) => {
    const res = await api('GET', '/api/video-assets?limit=100', { token: tokens()[who] })
    if (who === 'owner' || who === 'admin') {
      expect(res.status).toBe(200)
      expect(ours(res, [asset.id])).toEqual([asset.id])
      expect(JSON.stringify(res.body)).toContain(asset.playbackId)
      return
    }
    // Students and visitors may not list assets at all; another educator sees only their own.
    expect(res.status).toBe(who === 'otherEducator' ? 200 : 403)
    expect(JSON.stringify(res.body)).not.toContain(asset.playbackId)
    const one = await api('GET', `/api/video-assets/${asset.id}`, { token: tokens()[who] })
    expect(one.status).toBe(who === 'otherEducator' ? 404 : 403)
  })

  it.each(CALLERS)(
    'the paid lesson and its course never carry the playback id for %s',
    async (who) => {
      const token = tokens()[who]
      const lesson = built.lessons[0]
      const asLesson = await api('GET', `/api/lessons/${lesson.id}?depth=2`, { token })
      const list = await api(
        'GET',
        `/api/lessons?depth=2&where[course][equals]=${built.course.id}`,
        {
          token,
        },
      )
      const course = await api('GET', `/api/courses/${built.course.id}?depth=2`, { token })
      for (const res of [asLesson, list, course]) {
        expect(res.status).toBe(200)
        if (who !== 'owner' && who !== 'admin') {
          expect(JSON.stringify(res.body)).not.toContain(asset.playbackId)
        }
      }
      // Viewers get the id of the asset, never someone else's asset document.
      expect(asLesson.body.videoAsset).toEqual(
        who === 'owner' || who === 'admin'
          ? expect.objectContaining({ playbackId: asset.playbackId })
          : who === 'enrolled'
            ? asset.id
            : undefined,
      )
      // The enrollments join behind the access rule is never returned.
      expect(course.body).not.toHaveProperty('enrollments')
      const playback = await api(
        'GET',
        `/api/courses/${built.course.id}/lessons/${lesson.id}/playback`,
        { token },
      )
      const mayWatch = ['enrolled', 'owner', 'admin'].includes(who)
      expect(playback.status).toBe(mayWatch ? 200 : 403)
      if (mayWatch) expect(playback.body.playbackId).toBe(asset.playbackId)
    },
  )
})

describe('GraphQL', () => {
  const LISTS = `{
    LiveStreams(limit: 100) { docs { id playbackId muxLiveStreamId streamKey } }
    LivePolls(limit: 100) { docs { id question } }
    LiveChatMessages(limit: 100) { docs { id message } }
  }`

  it.each(CALLERS)('lists as %s follow the same rules', async (who) => {
    const res = await graphql(LISTS, {}, { token: tokens()[who] })
    expect(res.status).toBe(200)
    const data = res.body.data ?? {}
    const body = JSON.stringify(res.body)
    if (who === 'anonymous') {
      expect(data.LiveStreams ?? null).toBeNull()
      expect(res.body.errors?.length).toBeGreaterThan(0)
      for (const secret of secrets()) expect(body).not.toContain(secret)
      return
    }
    const streams = ours({ ...res, body: data.LiveStreams }, streamIds)
    expect(streams).toEqual(
      (member[who] ? [courseSession.id, publicSession.id] : [publicSession.id]).sort(),
    )
    expect(ours({ ...res, body: data.LivePolls }, [coursePollId, publicPollId])).toEqual(
      (member[who] ? [coursePollId, publicPollId] : [publicPollId]).sort(),
    )
    expect(ours({ ...res, body: data.LiveChatMessages }, [chatId])).toEqual(
      member[who] ? [chatId] : [],
    )
    const mine = (data.LiveStreams.docs as Partial<LiveStream>[]).find(
      (d) => d.id === publicSession.id,
    )!
    expect(mine.playbackId).toBe(publicSession.playbackId)
    expect(mine.streamKey ?? null).toBe(
      who === 'owner' || who === 'admin' ? publicSession.streamKey : null,
    )
    if (!member[who]) {
      expect(body).not.toContain(courseSession.playbackId)
      expect(body).not.toContain(courseSession.muxLiveStreamId)
    }
    if (who !== 'owner' && who !== 'admin') expect(body).not.toContain(courseSession.streamKey)
  })

  it.each(CALLERS)(
    "the course's enrollments join shows %s no more than the enrollments rule",
    async (who) => {
      const res = await graphql(
        `
          query ($id: String!) {
            Course(id: $id) {
              id
              enrollments {
                docs {
                  student {
                    id
                  }
                }
              }
            }
          }
        `,
        { id: built.course.id },
        { token: tokens()[who] },
      )
      const students = (res.body.data?.Course?.enrollments?.docs ?? []).map(
        (e: { student: { id: string } | string }) =>
          typeof e.student === 'string' ? e.student : e.student.id,
      )
      expect(students).toEqual(
        ['enrolled', 'owner', 'admin'].includes(who) ? [enrolled.user.id] : [],
      )
    },
  )

  it.each(CALLERS)('single documents and video assets as %s', async (who) => {
    const res = await graphql(
      `
        query ($session: String!, $asset: String!, $lesson: String!) {
          LiveStream(id: $session) {
            id
            playbackId
            muxLiveStreamId
          }
          VideoAsset(id: $asset) {
            id
            playbackId
          }
          Lesson(id: $lesson) {
            id
            videoAsset {
              id
              playbackId
            }
          }
        }
      `,
      { session: courseSession.id, asset: asset.id, lesson: built.lessons[0].id },
      { token: tokens()[who] },
    )
    expect(res.status).toBe(200)
    const data = res.body.data ?? {}
    const body = JSON.stringify(res.body)
    expect(data.LiveStream?.playbackId ?? null).toBe(member[who] ? courseSession.playbackId : null)
    const ownerOrAdmin = who === 'owner' || who === 'admin'
    expect(data.VideoAsset?.playbackId ?? null).toBe(ownerOrAdmin ? asset.playbackId : null)
    if (!ownerOrAdmin) expect(body).not.toContain(asset.playbackId)
    if (!member[who]) expect(body).not.toContain(courseSession.playbackId)
  })
})

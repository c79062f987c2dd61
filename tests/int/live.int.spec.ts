import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { LiveStream } from '../../src/payload-types'
import { muxEvent } from '../fakes/mux'
import { buildCourse, deleteCourses, enroll, type BuiltCourse } from '../helpers/courses'
import { api, errorMessage, graphql } from '../helpers/http'
import { deliverMuxEvent, useFakeMux } from '../helpers/mux'
import { getTestPayload } from '../helpers/payload'
import { createCast, createUser, deleteUsers, type TestUser } from '../helpers/users'

let payload: Payload
let mux: Awaited<ReturnType<typeof useFakeMux>>
let cast: Awaited<ReturnType<typeof createCast>>
let enrolled: TestUser
let built: BuiltCourse
const extraUsers: TestUser[] = []
const streamIds: string[] = []

const inAnHour = () => new Date(Date.now() + 3600_000).toISOString()

async function schedule(token: string, body: Record<string, unknown> = {}) {
  const res = await api('POST', '/api/live/schedule', {
    token,
    body: { title: `Office hours ${Date.now()}`, scheduledAt: inAnHour(), ...body },
  })
  if (res.status === 201) streamIds.push(res.body.doc.id)
  return res
}

const streamRow = (id: string) =>
  payload.findByID({
    collection: 'live-streams',
    id,
    depth: 0,
    overrideAccess: true,
  }) as Promise<LiveStream>

const activeParticipants = async (id: string) =>
  (
    await payload.count({
      collection: 'live-participants',
      where: { and: [{ liveStream: { equals: id } }, { leftAt: { exists: false } }] },
      overrideAccess: true,
    })
  ).totalDocs

beforeAll(async () => {
  payload = await getTestPayload()
  mux = await useFakeMux()
  mux.set()
  cast = await createCast(payload)
  enrolled = await createUser(payload, 'student')
  built = await buildCourse(cast.educator.token, { lessons: [{ lessonType: 'live' }] })
  await enroll(enrolled.token, built.course.id)
})

afterAll(async () => {
  mux.clear()
  for (const collection of [
    'live-poll-votes',
    'live-chat-messages',
    'live-participants',
  ] as const) {
    const field = collection === 'live-poll-votes' ? 'poll.liveStream' : 'liveStream'
    await payload.delete({
      collection,
      where: { [field]: { in: streamIds } },
      overrideAccess: true,
    })
  }
  await payload.delete({
    collection: 'live-polls',
    where: { liveStream: { in: streamIds } },
    overrideAccess: true,
  })
  await payload.delete({
    collection: 'video-assets',
    where: { liveStream: { in: streamIds } },
    overrideAccess: true,
  })
  await payload.delete({
    collection: 'live-streams',
    where: { id: { in: streamIds } },
    overrideAccess: true,
  })
  await deleteCourses(payload, [built.course.id])
  await deleteUsers(payload, enrolled, ...extraUsers, ...Object.values(cast))
  await mux.fake.close()
})

describe('scheduling', () => {
  it('an educator schedules a session; Mux creates the live stream', async () => {
    const res = await schedule(cast.educator.token, {
      description: 'Bring questions',
      maxParticipants: 50,
    })
    expect(res.status).toBe(201)
    expect(res.body.doc).toMatchObject({
      status: 'scheduled',
      participantCount: 0,
      maxParticipants: 50,
    })
    expect(res.body.doc.streamKey).toMatch(/^sk-/)
    expect(res.body.doc.muxLiveStreamId).toMatch(/^live-/)
    const sent = mux.fake.requests.filter((r) => r.path === '/video/v1/live-streams').at(-1)!
    expect(sent.body.playback_policies).toEqual(['public'])
  })

  it('only educators (for their own courses) schedule; bad input is a 400', async () => {
    expect((await schedule(enrolled.token)).status).toBe(403)
    expect(
      (await api('POST', '/api/live/schedule', { body: { title: 'x', scheduledAt: inAnHour() } }))
        .status,
    ).toBe(401)
    expect((await schedule(cast.otherEducator.token, { courseId: built.course.id })).status).toBe(
      403,
    )
    const missing = await api('POST', '/api/live/schedule', {
      token: cast.educator.token,
      body: { scheduledAt: inAnHour() },
    })
    expect(missing.status).toBe(400)
    expect(errorMessage(missing)).toMatch(/title/)
    const badDate = await schedule(cast.educator.token, { scheduledAt: 'tomorrow' })
    expect(badDate.status).toBe(400)
    expect(errorMessage(badDate)).toMatch(/scheduledAt/)
  })

  it('answers 503 without Mux credentials', async () => {
    mux.clear()
    try {
      const res = await schedule(cast.educator.token)
      expect(res.status).toBe(503)
    } finally {
      mux.set()
    }
  })

  it('never shows the stream key to anyone but the owner and admins', async () => {
    const { body } = await schedule(cast.educator.token)
    const id = body.doc.id
    const key = body.doc.streamKey
    expect(
      (await api('GET', `/api/live/${id}`, { token: cast.educator.token })).body.doc.streamKey,
    ).toBe(key)
    expect(
      (await api('GET', `/api/live/${id}`, { token: cast.admin.token })).body.doc.streamKey,
    ).toBe(key)
    const asStudent = await api('GET', `/api/live/${id}`, { token: enrolled.token })
    expect(asStudent.status).toBe(200)
    expect(asStudent.body.doc.streamKey).toBeUndefined()
    const rest = await api('GET', `/api/live-streams/${id}`, { token: cast.otherEducator.token })
    expect(rest.status).toBe(200)
    expect(JSON.stringify(rest.body)).not.toContain(key)
    const gql = await graphql(
      `
        {
          LiveStreams {
            docs {
              id
              streamKey
            }
          }
        }
      `,
      {},
      { token: enrolled.token },
    )
    expect(JSON.stringify(gql.body)).not.toContain(key)
    expect((await api('GET', `/api/live/${id}`)).status).toBe(401)
  })
})

describe('lifecycle', () => {
  it('start and end by the owner; Mux is told the broadcast is complete; an ended session stays ended', async () => {
    const id = (await schedule(cast.educator.token)).body.doc.id
    expect((await api('PUT', `/api/live/${id}/start`, { token: enrolled.token })).status).toBe(403)
    expect(
      (await api('PUT', `/api/live/${id}/start`, { token: cast.otherEducator.token })).status,
    ).toBe(403)
    const started = await api('PUT', `/api/live/${id}/start`, { token: cast.educator.token })
    expect(started.status).toBe(200)
    expect(started.body.doc.status).toBe('live')
    expect(started.body.doc.startedAt).toBeTruthy()
    await api('POST', `/api/live/${id}/join`, { token: enrolled.token })
    const ended = await api('PUT', `/api/live/${id}/end`, { token: cast.educator.token })
    expect(ended.body.doc.status).toBe('ended')
    expect(ended.body.doc.participantCount).toBe(0)
    const stream = await streamRow(id)
    expect(
      mux.fake.requests.some(
        (r) =>
          r.method === 'PUT' &&
          r.path === `/video/v1/live-streams/${stream.muxLiveStreamId}/complete`,
      ),
    ).toBe(true)
    expect((await api('PUT', `/api/live/${id}/start`, { token: cast.educator.token })).status).toBe(
      409,
    )
    expect((await api('POST', `/api/live/${id}/join`, { token: enrolled.token })).status).toBe(409)
    expect(
      (
        await api('PUT', '/api/live/00000000-0000-4000-8000-000000000000/start', {
          token: cast.educator.token,
        })
      ).status,
    ).toBe(404)
  })

  it('follows Mux live-stream webhooks (active → live, idle → ended), once per event', async () => {
    const id = (await schedule(cast.educator.token)).body.doc.id
    const stream = await streamRow(id)
    const active = muxEvent('video.live_stream.active', {
      id: stream.muxLiveStreamId,
      status: 'active',
    })
    expect((await deliverMuxEvent(active)).status).toBe(200)
    expect((await deliverMuxEvent(active)).body.duplicate).toBe(true)
    expect((await streamRow(id)).status).toBe('live')
    await deliverMuxEvent(
      muxEvent('video.live_stream.idle', { id: stream.muxLiveStreamId, status: 'idle' }),
    )
    expect((await streamRow(id)).status).toBe('ended')
    await deliverMuxEvent(
      muxEvent('video.live_stream.active', { id: stream.muxLiveStreamId, status: 'active' }),
    )
    expect((await streamRow(id)).status).toBe('ended')
  })

  it("keeps the recording and attaches it to one of the educator's lessons", async () => {
    const id = (await schedule(cast.educator.token)).body.doc.id
    const stream = await streamRow(id)
    const assetId = `rec-${id}`
    const recording = { id: assetId, live_stream_id: stream.muxLiveStreamId, status: 'preparing' }
    await deliverMuxEvent(muxEvent('video.asset.created', recording))
    await deliverMuxEvent(
      muxEvent('video.asset.ready', {
        ...recording,
        status: 'ready',
        duration: 1800,
        playback_ids: [{ id: `pb-${assetId}`, policy: 'public' }],
      }),
    )
    const withRecording = await streamRow(id)
    expect(withRecording.recordingAsset).toBeTruthy()
    const asset = await payload.findByID({
      collection: 'video-assets',
      id: String(withRecording.recordingAsset),
      overrideAccess: true,
    })
    expect(asset).toMatchObject({ status: 'ready', muxAssetId: assetId, duration: 1800 })

    const lesson = built.lessons[0]
    const path = `/api/live/${id}/recording/attach`
    expect(
      (await api('POST', path, { token: enrolled.token, body: { lessonId: lesson.id } })).status,
    ).toBe(403)
    const attached = await api('POST', path, {
      token: cast.educator.token,
      body: { lessonId: lesson.id },
    })
    expect(attached.status).toBe(200)
    expect(attached.body.doc.videoAsset).toBe(asset.id)
    expect(attached.body.doc.duration).toBe(1800)
  })
})

describe('participants', () => {
  it('join and leave are idempotent and the count follows', async () => {
    const id = (await schedule(cast.educator.token)).body.doc.id
    const first = await api('POST', `/api/live/${id}/join`, { token: cast.student.token })
    expect(first.body).toMatchObject({ joined: true, alreadyJoined: false, participantCount: 1 })
    const again = await api('POST', `/api/live/${id}/join`, { token: cast.student.token })
    expect(again.body).toMatchObject({ alreadyJoined: true, participantCount: 1 })
    expect(
      (await api('POST', `/api/live/${id}/leave`, { token: cast.student.token })).body
        .participantCount,
    ).toBe(0)
    expect(
      (await api('POST', `/api/live/${id}/leave`, { token: cast.student.token })).body
        .participantCount,
    ).toBe(0)
    expect(
      (await api('POST', `/api/live/${id}/join`, { token: cast.student.token })).body
        .participantCount,
    ).toBe(1)
    const list = await api('GET', `/api/live/${id}/participants`, { token: cast.educator.token })
    expect(list.status).toBe(200)
    expect(list.body.docs.map((p: any) => p.user.id)).toEqual([cast.student.user.id])
    expect(list.body.docs[0].user.fullName).toBe('Test Student')
    expect(
      (await api('GET', `/api/live/${id}/participants`, { token: cast.student.token })).status,
    ).toBe(403)
  })

  it('course sessions are for the enrolled students, the educator and admins', async () => {
    const id = (await schedule(cast.educator.token, { courseId: built.course.id })).body.doc.id
    expect((await api('POST', `/api/live/${id}/join`, { token: enrolled.token })).status).toBe(200)
    expect(
      (await api('POST', `/api/live/${id}/join`, { token: cast.otherStudent.token })).status,
    ).toBe(403)
    expect((await api('POST', `/api/live/${id}/join`)).status).toBe(401)
    expect(
      (
        await api('POST', `/api/live/${id}/chat`, {
          token: cast.otherStudent.token,
          body: { message: 'hi' },
        })
      ).status,
    ).toBe(403)
  })

  it('parallel joins never exceed maxParticipants and the count equals the rows', async () => {
    const id = (await schedule(cast.educator.token, { maxParticipants: 10 })).body.doc.id
    const crowd = await Promise.all(
      Array.from({ length: 30 }, () => createUser(payload, 'student')),
    )
    extraUsers.push(...crowd)
    const results = await Promise.all(
      crowd.map((u) => api('POST', `/api/live/${id}/join`, { token: u.token })),
    )
    expect(results.filter((r) => r.status === 200)).toHaveLength(10)
    expect(results.filter((r) => r.status === 409)).toHaveLength(20)
    expect(errorMessage(results.find((r) => r.status === 409)!)).toMatch(/full/)
    expect((await streamRow(id)).participantCount).toBe(10)
    expect(await activeParticipants(id)).toBe(10)

    // Parallel leaves and re-joins end exact as well.
    const joined = crowd.filter((_, i) => results[i].status === 200)
    await Promise.all([
      ...joined.slice(0, 5).map((u) => api('POST', `/api/live/${id}/leave`, { token: u.token })),
      ...joined.slice(0, 5).map((u) => api('POST', `/api/live/${id}/join`, { token: u.token })),
    ])
    expect((await streamRow(id)).participantCount).toBe(await activeParticipants(id))
  })
})

describe('chat', () => {
  it('participants post; the chat pages back in time', async () => {
    const id = (await schedule(cast.educator.token)).body.doc.id
    for (let i = 0; i < 5; i++) {
      const res = await api('POST', `/api/live/${id}/chat`, {
        token: cast.student.token,
        body: { message: `message ${i}` },
      })
      expect(res.status).toBe(201)
      expect(res.body.doc.user.fullName).toBe('Test Student')
    }
    const page1 = await api('GET', `/api/live/${id}/chat?limit=3`, {
      token: cast.otherStudent.token,
    })
    expect(page1.status).toBe(200)
    expect(page1.body.docs.map((m: any) => m.message)).toEqual([
      'message 4',
      'message 3',
      'message 2',
    ])
    expect(page1.body.hasMore).toBe(true)
    const page2 = await api(
      'GET',
      `/api/live/${id}/chat?limit=3&before=${encodeURIComponent(page1.body.next.before)}`,
      {
        token: cast.otherStudent.token,
      },
    )
    expect(page2.body.docs.map((m: any) => m.message)).toEqual(['message 1', 'message 0'])
    expect(page2.body.hasMore).toBe(false)
  })

  it('rejects empty or oversized messages and bad cursors', async () => {
    const id = (await schedule(cast.educator.token)).body.doc.id
    for (const message of ['', '   ', 'x'.repeat(1001)]) {
      const res = await api('POST', `/api/live/${id}/chat`, {
        token: cast.student.token,
        body: { message },
      })
      expect(res.status).toBe(400)
      expect(errorMessage(res)).toMatch(/message/)
    }
    expect(
      (await api('GET', `/api/live/${id}/chat?before=yesterday`, { token: cast.student.token }))
        .status,
    ).toBe(400)
    expect(
      (await api('GET', `/api/live/${id}/chat?limit=0`, { token: cast.student.token })).status,
    ).toBe(400)
  })
})

describe('polls', () => {
  it('the owner asks; everyone votes once on an open poll; results count per option', async () => {
    const id = (await schedule(cast.educator.token)).body.doc.id
    const ask = (token: string, body: unknown) =>
      api('POST', `/api/live/${id}/polls`, { token, body })
    expect((await ask(cast.student.token, { question: 'Q?', options: ['a', 'b'] })).status).toBe(
      403,
    )
    expect((await ask(cast.educator.token, { question: 'Q?', options: ['only one'] })).status).toBe(
      400,
    )
    const created = await ask(cast.educator.token, {
      question: 'Which topic next?',
      options: ['Pricing', 'Hiring', 'Legal'],
    })
    expect(created.status).toBe(201)
    const pollId = created.body.doc.id
    const vote = (user: TestUser, optionIndex: unknown) =>
      api('POST', `/api/live/${id}/polls/${pollId}/vote`, {
        token: user.token,
        body: { optionIndex },
      })

    const voters = await Promise.all(
      Array.from({ length: 9 }, () => createUser(payload, 'student')),
    )
    extraUsers.push(...voters)
    const results = await Promise.all(voters.map((u, i) => vote(u, i % 3)))
    expect(results.every((r) => r.status === 201)).toBe(true)
    const again = await Promise.all([vote(voters[0], 1), vote(voters[0], 2)])
    expect(again.map((r) => r.status)).toEqual([409, 409])
    expect((await vote(cast.student, 7)).status).toBe(400)
    expect((await vote(cast.student, 'b')).status).toBe(400)

    const list = await api('GET', `/api/live/${id}/polls`, { token: voters[0].token })
    const poll = list.body.docs.find((p: any) => p.id === pollId)
    expect(poll.options.map((o: any) => o.votes)).toEqual([3, 3, 3])
    expect(poll.totalVotes).toBe(9)
    expect(poll.myVote).toBe(0)

    expect(
      (
        await api('PUT', `/api/live/${id}/polls/${pollId}`, {
          token: cast.student.token,
          body: { isActive: false },
        })
      ).status,
    ).toBe(403)
    const closed = await api('PUT', `/api/live/${id}/polls/${pollId}`, {
      token: cast.educator.token,
      body: { isActive: false },
    })
    expect(closed.body.doc.isActive).toBe(false)
    expect((await vote(cast.student, 0)).status).toBe(409)
    expect(
      (
        await api('POST', `/api/live/${id}/polls/00000000-0000-4000-8000-000000000000/vote`, {
          token: cast.student.token,
          body: { optionIndex: 0 },
        })
      ).status,
    ).toBe(404)
  })
})

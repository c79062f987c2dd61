import { generateKeyPairSync, verify as verifySignature } from 'node:crypto'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Lesson, VideoAsset } from '../../src/payload-types'
import { buildCourse, deleteCourses, enroll, type BuiltCourse } from '../helpers/courses'
import { api, errorMessage } from '../helpers/http'
import { getTestPayload } from '../helpers/payload'
import { createCast, createUser, deleteUsers, type TestUser } from '../helpers/users'
import { muxEvent, muxSignature } from '../fakes/mux'
import { deliverMuxEvent, MUX_WEBHOOK_SECRET, useFakeMux } from '../helpers/mux'

let payload: Payload
let cast: Awaited<ReturnType<typeof createCast>>
let learner: TestUser
let built: BuiltCourse
const courseIds: string[] = []
let fake: Awaited<ReturnType<typeof useFakeMux>>['fake']
let setMuxEnv: () => void
let clearMuxEnv: () => void
const WEBHOOK_SECRET = MUX_WEBHOOK_SECRET
const deliver = deliverMuxEvent

const assetById = (id: string) =>
  payload.findByID({
    collection: 'video-assets',
    id,
    depth: 0,
    overrideAccess: true,
  }) as Promise<VideoAsset>

const lessonById = (id: string) =>
  payload.findByID({ collection: 'lessons', id, depth: 0, overrideAccess: true }) as Promise<Lesson>

const webhookRows = async (eventId: string) =>
  (
    await payload.count({
      collection: 'webhook-events',
      where: { eventId: { equals: eventId } },
      overrideAccess: true,
    })
  ).totalDocs

async function startUpload(lesson = built.lessons[0]) {
  const res = await api('POST', `/api/courses/${built.course.id}/lessons/${lesson.id}/video`, {
    token: cast.educator.token,
  })
  expect(res.status).toBe(201)
  return res.body as { uploadUrl: string; uploadId: string; videoAsset: VideoAsset }
}

const readyData = (
  upload: { uploadId: string; videoAsset: VideoAsset },
  assetId: string,
  extra = {},
) => ({
  id: assetId,
  upload_id: upload.uploadId,
  passthrough: upload.videoAsset.id,
  status: 'ready',
  duration: 123.4,
  aspect_ratio: '16:9',
  playback_ids: [{ id: `pb-${assetId}`, policy: upload.videoAsset.playbackPolicy }],
  ...extra,
})

beforeAll(async () => {
  payload = await getTestPayload()
  ;({ fake, set: setMuxEnv, clear: clearMuxEnv } = await useFakeMux())
  cast = await createCast(payload)
  learner = await createUser(payload, 'student')
  built = await buildCourse(cast.educator.token, {
    lessons: [
      { lessonType: 'video' },
      { lessonType: 'video', isFreePreview: true },
      { lessonType: 'video' },
    ],
  })
  courseIds.push(built.course.id)
  await enroll(learner.token, built.course.id)
})

afterAll(async () => {
  clearMuxEnv()
  await payload.delete({
    collection: 'video-assets',
    where: { owner: { equals: cast.educator.user.id } },
    overrideAccess: true,
  })
  await deleteCourses(payload, courseIds)
  await deleteUsers(payload, learner, ...Object.values(cast))
  await fake.close()
})

describe('without Mux credentials', () => {
  it('answers 503 with a clear message and writes nothing', async () => {
    clearMuxEnv()
    // This educator's assets only: other test files create and delete theirs meanwhile.
    const mine = { owner: { equals: cast.educator.user.id } }
    const assets = async () =>
      (await payload.count({ collection: 'video-assets', where: mine, overrideAccess: true }))
        .totalDocs
    const before = await assets()
    const res = await api(
      'POST',
      `/api/courses/${built.course.id}/lessons/${built.lessons[0].id}/video`,
      {
        token: cast.educator.token,
      },
    )
    expect(res.status).toBe(503)
    expect(errorMessage(res)).toMatch(/MUX_TOKEN_ID/)
    expect(await assets()).toBe(before)
    expect((await deliver(muxEvent('video.asset.ready', { id: 'x' }))).status).toBe(503)
  })
})

describe('lesson video upload', () => {
  beforeAll(() => setMuxEnv())

  it('creates a Mux direct upload with English and Spanish generated captions and attaches the asset', async () => {
    const upload = await startUpload()
    expect(upload.uploadUrl).toMatch(/^https:\/\/storage\.fake-mux\.test\//)
    expect(upload.videoAsset.status).toBe('waiting')
    const sent = fake.requests.filter((r) => r.path === '/video/v1/uploads').at(-1)!
    expect(sent.authorized).toBe(true)
    expect(sent.body.new_asset_settings.passthrough).toBe(upload.videoAsset.id)
    expect(sent.body.new_asset_settings.playback_policies).toEqual(['public'])
    const languages = sent.body.new_asset_settings.inputs[0].generated_subtitles.map(
      (s: any) => s.language_code,
    )
    expect(languages).toEqual(['en', 'es'])
    expect((await lessonById(built.lessons[0].id)).videoAsset).toBe(upload.videoAsset.id)
  })

  it('is for the course educator only', async () => {
    const path = `/api/courses/${built.course.id}/lessons/${built.lessons[0].id}/video`
    expect((await api('POST', path)).status).toBe(401)
    expect((await api('POST', path, { token: learner.token })).status).toBe(403)
    expect((await api('POST', path, { token: cast.otherEducator.token })).status).toBe(403)
    expect(
      (
        await api(
          'POST',
          `/api/courses/${built.course.id}/lessons/00000000-0000-4000-8000-000000000000/video`,
          {
            token: cast.educator.token,
          },
        )
      ).status,
    ).toBe(404)
  })

  it('becomes ready with captions through signed webhooks, fills the lesson duration and plays for enrolled students', async () => {
    const upload = await startUpload(built.lessons[2])
    const assetId = `asset-${upload.videoAsset.id}`
    expect(
      (
        await deliver(
          muxEvent('video.upload.asset_created', { id: upload.uploadId, asset_id: assetId }),
        )
      ).status,
    ).toBe(200)
    expect((await assetById(upload.videoAsset.id)).status).toBe('preparing')
    expect((await deliver(muxEvent('video.asset.ready', readyData(upload, assetId)))).status).toBe(
      200,
    )
    for (const language_code of ['en', 'es']) {
      const res = await deliver(
        muxEvent('video.asset.track.ready', {
          id: `track-${language_code}-${assetId}`,
          asset_id: assetId,
          type: 'text',
          text_source: 'generated_vod',
          language_code,
          status: 'ready',
          name: language_code,
        }),
      )
      expect(res.status).toBe(200)
    }
    const asset = await assetById(upload.videoAsset.id)
    expect(asset).toMatchObject({
      status: 'ready',
      muxAssetId: assetId,
      playbackId: `pb-${assetId}`,
      duration: 123.4,
    })
    expect(asset.captions?.map((c) => [c.language, c.status]).sort()).toEqual([
      ['en', 'ready'],
      ['es', 'ready'],
    ])
    expect((await lessonById(built.lessons[2].id)).duration).toBe(123)

    const path = `/api/courses/${built.course.id}/lessons/${built.lessons[2].id}/playback`
    const play = await api('GET', path, { token: learner.token })
    expect(play.status).toBe(200)
    expect(play.body).toMatchObject({
      ready: true,
      playbackId: `pb-${assetId}`,
      policy: 'public',
      token: null,
    })
    expect(play.body.streamUrl).toBe(`https://stream.mux.com/pb-${assetId}.m3u8`)
    expect(play.body.captions.map((c: any) => c.language).sort()).toEqual(['en', 'es'])
    const outsider = await createUser(payload, 'student')
    try {
      expect((await api('GET', path, { token: outsider.token })).status).toBe(403)
      expect((await api('GET', path)).status).toBe(403)
    } finally {
      await deleteUsers(payload, outsider)
    }
  })

  it('free preview videos play for anyone', async () => {
    const upload = await startUpload(built.lessons[1])
    await deliver(
      muxEvent('video.asset.ready', readyData(upload, `asset-preview-${upload.videoAsset.id}`)),
    )
    const res = await api(
      'GET',
      `/api/courses/${built.course.id}/lessons/${built.lessons[1].id}/playback`,
    )
    expect(res.status).toBe(200)
    expect(res.body.ready).toBe(true)
  })
})

describe('webhook verification and idempotency', () => {
  beforeAll(() => setMuxEnv())

  it('rejects a bad, missing or stale signature with 400 and writes nothing', async () => {
    const upload = await startUpload()
    const event = muxEvent(
      'video.asset.ready',
      readyData(upload, `asset-bad-${upload.videoAsset.id}`),
    )
    const body = JSON.stringify(event)
    const attempts = [
      await deliver(event, { secret: 'not-the-secret' }),
      await deliver(event, { timestamp: Math.floor(Date.now() / 1000) - 3600 }),
      await api('POST', '/api/webhooks/mux', {
        body,
        headers: { 'content-type': 'application/json' },
      }),
      await api('POST', '/api/webhooks/mux', {
        body: body.replace('ready', 'errored'),
        headers: {
          'content-type': 'application/json',
          'mux-signature': muxSignature(body, WEBHOOK_SECRET),
        },
      }),
    ]
    for (const res of attempts) expect(res.status).toBe(400)
    expect(await webhookRows(event.id)).toBe(0)
    expect((await assetById(upload.videoAsset.id)).status).toBe('waiting')
  })

  it('applies a duplicate delivery once, even when the copies arrive in parallel', async () => {
    const upload = await startUpload()
    const event = muxEvent('video.upload.asset_created', {
      id: upload.uploadId,
      asset_id: `asset-dup-${upload.videoAsset.id}`,
    })
    const results = await Promise.all(Array.from({ length: 6 }, () => deliver(event)))
    expect(results.every((r) => r.status === 200)).toBe(true)
    expect(results.filter((r) => r.body.duplicate === false)).toHaveLength(1)
    expect(await webhookRows(event.id)).toBe(1)
    expect((await assetById(upload.videoAsset.id)).status).toBe('preparing')
  })

  it('out-of-order events never move a status backwards', async () => {
    const upload = await startUpload()
    const assetId = `asset-ooo-${upload.videoAsset.id}`
    await deliver(muxEvent('video.asset.ready', readyData(upload, assetId)))
    await deliver(
      muxEvent('video.asset.created', {
        id: assetId,
        upload_id: upload.uploadId,
        passthrough: upload.videoAsset.id,
        status: 'preparing',
      }),
    )
    await deliver(
      muxEvent('video.upload.asset_created', { id: upload.uploadId, asset_id: assetId }),
    )
    await deliver(muxEvent('video.asset.errored', { id: assetId, errors: { messages: ['late'] } }))
    expect(await assetById(upload.videoAsset.id)).toMatchObject({
      status: 'ready',
      muxAssetId: assetId,
    })
  })

  it('asks Mux to retry a caption event for an asset it does not know yet', async () => {
    const upload = await startUpload()
    const assetId = `asset-early-${upload.videoAsset.id}`
    const track = muxEvent('video.asset.track.ready', {
      id: `track-en-${assetId}`,
      asset_id: assetId,
      type: 'text',
      language_code: 'en',
      status: 'ready',
    })
    expect((await deliver(track)).status).toBe(503)
    expect(await webhookRows(track.id)).toBe(0)
    await deliver(
      muxEvent('video.upload.asset_created', { id: upload.uploadId, asset_id: assetId }),
    )
    expect((await deliver(track)).status).toBe(200)
    const asset = await assetById(upload.videoAsset.id)
    expect(asset.captions?.find((c) => c.language === 'en')?.status).toBe('ready')
  })

  it('records an errored asset with its message', async () => {
    const upload = await startUpload()
    const assetId = `asset-err-${upload.videoAsset.id}`
    await deliver(
      muxEvent('video.asset.errored', {
        id: assetId,
        passthrough: upload.videoAsset.id,
        errors: { type: 'invalid_input', messages: ['unsupported codec'] },
      }),
    )
    expect(await assetById(upload.videoAsset.id)).toMatchObject({
      status: 'errored',
      errorMessage: 'unsupported codec',
    })
  })
})

describe('signed playback', () => {
  beforeAll(() => setMuxEnv())

  it('creates signed assets and hands out a short-lived token from the SDK when a signing key is set', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    process.env.MUX_SIGNING_KEY_ID = 'signing-key-1'
    process.env.MUX_SIGNING_KEY = Buffer.from(
      privateKey.export({ type: 'pkcs1', format: 'pem' }),
    ).toString('base64')
    try {
      const upload = await startUpload()
      expect(upload.videoAsset.playbackPolicy).toBe('signed')
      expect(
        fake.requests.filter((r) => r.path === '/video/v1/uploads').at(-1)!.body.new_asset_settings
          .playback_policies,
      ).toEqual(['signed'])
      const assetId = `asset-signed-${upload.videoAsset.id}`
      await deliver(muxEvent('video.asset.ready', readyData(upload, assetId)))
      const res = await api(
        'GET',
        `/api/courses/${built.course.id}/lessons/${built.lessons[0].id}/playback`,
        { token: learner.token },
      )
      expect(res.status).toBe(200)
      expect(res.body.policy).toBe('signed')
      const [header, claims, signature] = (res.body.token as string).split('.')
      const decoded = JSON.parse(Buffer.from(claims, 'base64url').toString())
      expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toMatchObject({
        alg: 'RS256',
      })
      expect(decoded).toMatchObject({ sub: `pb-${assetId}`, aud: 'v', kid: 'signing-key-1' })
      expect(decoded.exp - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(2 * 3600)
      const valid = verifySignature(
        'RSA-SHA256',
        Buffer.from(`${header}.${claims}`),
        publicKey,
        Buffer.from(signature, 'base64url'),
      )
      expect(valid).toBe(true)
      expect(res.body.streamUrl).toBe(
        `https://stream.mux.com/pb-${assetId}.m3u8?token=${res.body.token}`,
      )
    } finally {
      delete process.env.MUX_SIGNING_KEY_ID
      delete process.env.MUX_SIGNING_KEY
    }
  })
})

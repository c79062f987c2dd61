import { and, eq, sql } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest, Where } from 'payload'

import { idOf } from '../../lib/ids'
import { badRequest, serviceUnavailable } from '../../lib/errors'
import { isUUID, withTransaction } from '../../lib/http'
import { table, transactionDb } from '../../lib/sql'
import type { VideoAsset } from '../../payload-types'
import { muxClient } from './mux'
import {
  assetEventChanges,
  captionUpdates,
  liveEventChanges,
  trackStatus,
  uploadEventChanges,
  type MuxData,
} from './muxTransitions'

type MuxEvent = { id: string; type: string; data: MuxData }

const webhookEvents = (req: PayloadRequest) =>
  table(req, 'webhook-events', [
    'id',
    'provider',
    'eventId',
    'type',
    'outcome',
    'updatedAt',
    'createdAt',
  ])

/** Every asset change here is a webhook write: the verified signature is the authorization. */
const saveAsset = (req: PayloadRequest, id: string, data: Partial<VideoAsset>) =>
  req.payload.update({ collection: 'video-assets', id, data, overrideAccess: true, req })

/** Inserts the event id; false when it was already there (a redelivery). */
async function claimEvent(req: PayloadRequest, event: MuxEvent) {
  const events = webhookEvents(req)
  const db = await transactionDb(req)
  const rows = await db
    .insert(events)
    .values({
      provider: 'mux',
      eventId: event.id,
      type: event.type,
      updatedAt: sql`now()`,
      createdAt: sql`now()`,
    })
    .onConflictDoNothing({ target: [events.provider, events.eventId] })
    .returning({ id: events.id })
  return rows.length > 0
}

async function findAsset(req: PayloadRequest, data: Record<string, any>, byAssetIdOnly = false) {
  const candidates: Where[] = []
  if (data.asset_id) candidates.push({ muxAssetId: { equals: String(data.asset_id) } })
  if (!byAssetIdOnly) {
    if (data.id) candidates.push({ muxAssetId: { equals: String(data.id) } })
    if (isUUID(data.passthrough)) candidates.push({ id: { equals: data.passthrough } })
    if (data.upload_id) candidates.push({ muxUploadId: { equals: String(data.upload_id) } })
  }
  for (const where of candidates) {
    const { docs } = await req.payload.find({
      collection: 'video-assets',
      where,
      limit: 1,
      depth: 0,
      overrideAccess: true, // Mux webhook: the verified signature is the authorization
      req,
    })
    if (docs[0]) return docs[0]
  }
  return null
}

async function findLiveStream(req: PayloadRequest, muxLiveStreamId: unknown) {
  if (!muxLiveStreamId) return null
  const { docs } = await req.payload.find({
    collection: 'live-streams',
    where: { muxLiveStreamId: { equals: String(muxLiveStreamId) } },
    limit: 1,
    depth: 0,
    overrideAccess: true, // Mux webhook: the verified signature is the authorization
    req,
  })
  return docs[0] ?? null
}

/** A live stream's recording arrives as a new asset: create it and link it to the stream. */
async function recordingAsset(req: PayloadRequest, data: Record<string, any>) {
  const stream = await findLiveStream(req, data.live_stream_id)
  if (!stream) return null
  const asset = await req.payload.create({
    collection: 'video-assets',
    data: {
      owner: String(idOf(stream.educator)),
      liveStream: stream.id,
      muxAssetId: String(data.id),
      status: 'preparing',
      playbackPolicy: data.playback_ids?.[0]?.policy === 'signed' ? 'signed' : 'public',
    },
    overrideAccess: true, // Mux webhook: the verified signature is the authorization
    req,
  })
  await req.payload.update({
    collection: 'live-streams',
    id: stream.id,
    data: { recordingAsset: asset.id },
    overrideAccess: true, // Mux webhook: the verified signature is the authorization
    req,
  })
  return asset
}

async function applyAssetEvent(req: PayloadRequest, event: MuxEvent, status: VideoAsset['status']) {
  const { data } = event
  const asset =
    (await findAsset(req, data)) ?? (data.live_stream_id ? await recordingAsset(req, data) : null)
  if (!asset) return 'unknown asset'
  const changes = assetEventChanges(asset, status, data)
  if (!Object.keys(changes).length) return 'no change'
  await saveAsset(req, asset.id, changes)
  const lessonId = idOf(asset.lesson)
  if (typeof changes.duration === 'number' && lessonId) {
    await req.payload.update({
      collection: 'lessons',
      id: lessonId,
      data: { duration: Math.round(changes.duration) },
      overrideAccess: true, // Mux webhook: the verified signature is the authorization
      req,
    })
  }
  return `asset ${changes.status ?? asset.status}`
}

async function applyUploadEvent(req: PayloadRequest, event: MuxEvent) {
  const { data } = event
  const asset = await findAsset(req, { upload_id: data.id, asset_id: data.asset_id })
  if (!asset) return 'unknown upload'
  const changes = uploadEventChanges(asset, event.type, data)
  if (!Object.keys(changes).length) return 'no change'
  await saveAsset(req, asset.id, changes)
  return event.type === 'video.upload.asset_created' ? 'upload linked' : 'upload failed'
}

async function applyTrackEvent(req: PayloadRequest, event: MuxEvent) {
  const asset = await findAsset(req, { asset_id: event.data.asset_id }, true)
  if (!asset) {
    // Mux sent the track before we learned the asset id: refuse so Mux redelivers it later.
    throw serviceUnavailable('Asset not known yet; retry later')
  }
  const status = trackStatus(event.type)
  const captions = captionUpdates(asset.captions, [{ ...event.data, status }])
  await saveAsset(req, asset.id, { captions })
  return `track ${status}`
}

async function applyLiveEvent(req: PayloadRequest, event: MuxEvent) {
  const stream = await findLiveStream(req, event.data.id)
  if (!stream) return 'unknown live stream'
  const changes = liveEventChanges(stream, event.type, new Date().toISOString())
  if (!changes) return 'no change'
  await req.payload.update({
    collection: 'live-streams',
    id: stream.id,
    data: changes,
    overrideAccess: true, // Mux webhook: the verified signature is the authorization
    req,
  })
  return changes.status
}

async function applyEvent(req: PayloadRequest, event: MuxEvent) {
  switch (event.type) {
    case 'video.upload.asset_created':
    case 'video.upload.errored':
    case 'video.upload.cancelled':
      return applyUploadEvent(req, event)
    case 'video.asset.created':
      return applyAssetEvent(req, event, 'preparing')
    case 'video.asset.ready':
      return applyAssetEvent(req, event, 'ready')
    case 'video.asset.errored':
      return applyAssetEvent(req, event, 'errored')
    case 'video.asset.track.created':
    case 'video.asset.track.ready':
    case 'video.asset.track.errored':
      return event.data.type === 'text' ? applyTrackEvent(req, event) : 'ignored'
    case 'video.live_stream.active':
    case 'video.live_stream.idle':
      return applyLiveEvent(req, event)
    default:
      return 'ignored'
  }
}

/**
 * POST /api/webhooks/mux: verify the signature on the raw body, then — in one transaction — record
 * the event id and apply it. A redelivery finds the id and changes nothing.
 */
export async function receiveMuxWebhook(req: PayloadRequest) {
  const mux = muxClient()
  const secret = process.env.MUX_WEBHOOK_SECRET
  if (!mux || !secret)
    throw serviceUnavailable('Mux webhooks are not configured (MUX_WEBHOOK_SECRET)')
  const body = typeof req.text === 'function' ? await req.text() : ''
  let event: MuxEvent
  try {
    event = (await mux.webhooks.unwrap(body, req.headers, secret)) as unknown as MuxEvent
  } catch {
    throw badRequest('mux-signature: the webhook signature is missing, invalid or too old')
  }
  if (!event?.id || !event.type || !event.data) throw badRequest('body: not a Mux event')
  return withTransaction(req, async () => {
    if (!(await claimEvent(req, event))) return { received: true, duplicate: true }
    const outcome = await applyEvent(req, event)
    const events = webhookEvents(req)
    const db = await transactionDb(req)
    await db
      .update(events)
      .set({ outcome })
      .where(and(eq(events.provider, 'mux'), eq(events.eventId, event.id)))
    return { received: true, duplicate: false, outcome }
  })
}

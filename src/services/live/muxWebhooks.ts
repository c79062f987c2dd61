import type { PayloadRequest, Where } from 'payload'

import { idOf } from '../../lib/ids'
import { badRequest, serviceUnavailable } from '../../lib/errors'
import { isUUID, withTransaction } from '../../lib/http'
import { execute, sql } from '../../lib/sql'
import type { LiveStream, VideoAsset } from '../../payload-types'
import { muxClient } from './mux'

type MuxEvent = { id: string; type: string; data: Record<string, any> }
type Status = VideoAsset['status']

// Statuses only move forward: a late or repeated event never undoes a later one.
const ASSET_RANK: Record<Status, number> = { waiting: 0, preparing: 1, ready: 2, errored: 2 }
const TRACK_RANK = { preparing: 0, ready: 1, errored: 1 } as const
const LIVE_RANK: Record<LiveStream['status'], number> = { scheduled: 0, live: 1, ended: 2 }

/** Inserts the event id; false when it was already there (a redelivery). */
async function claimEvent(req: PayloadRequest, event: MuxEvent) {
  const rows = await execute(
    req,
    sql`insert into webhook_events (provider, event_id, type, updated_at, created_at)
        values ('mux', ${event.id}, ${event.type}, now(), now())
        on conflict (provider, event_id) do nothing
        returning id`,
  )
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
      overrideAccess: true,
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
    overrideAccess: true,
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
    overrideAccess: true,
    req,
  })
  await req.payload.update({
    collection: 'live-streams',
    id: stream.id,
    data: { recordingAsset: asset.id },
    overrideAccess: true,
    req,
  })
  return asset
}

const captionUpdates = (asset: VideoAsset, tracks: Record<string, any>[]) => {
  const captions = [...(asset.captions ?? [])]
  for (const track of tracks) {
    if (track.type !== 'text' || !['en', 'es'].includes(track.language_code)) continue
    const status = (
      ['preparing', 'ready', 'errored'].includes(track.status) ? track.status : 'preparing'
    ) as 'preparing' | 'ready' | 'errored'
    const index = captions.findIndex(
      (c) => c.trackId === track.id || (!c.trackId && c.language === track.language_code),
    )
    const current = index >= 0 ? captions[index] : null
    if (current && TRACK_RANK[current.status ?? 'preparing'] > TRACK_RANK[status]) continue
    const next = {
      language: track.language_code,
      name: track.name ?? current?.name,
      trackId: track.id,
      status,
    }
    if (index >= 0) captions[index] = { ...current, ...next }
    else captions.push(next)
  }
  return captions
}

async function applyAssetEvent(req: PayloadRequest, event: MuxEvent, status: Status) {
  const { data } = event
  const asset =
    (await findAsset(req, data)) ?? (data.live_stream_id ? await recordingAsset(req, data) : null)
  if (!asset) return 'unknown asset'
  const forward = ASSET_RANK[status] > ASSET_RANK[asset.status]
  const changes: Partial<VideoAsset> = {}
  if (!asset.muxAssetId && data.id) changes.muxAssetId = String(data.id)
  if (forward) changes.status = status
  if (status === 'ready' && (forward || asset.status === 'ready')) {
    const playback =
      data.playback_ids?.find((p: any) => p.policy === asset.playbackPolicy) ??
      data.playback_ids?.[0]
    if (playback) changes.playbackId = playback.id
    if (typeof data.duration === 'number') changes.duration = data.duration
    if (data.aspect_ratio) changes.aspectRatio = data.aspect_ratio
  }
  if (status === 'errored' && forward) {
    changes.errorMessage =
      (data.errors?.messages ?? []).join('; ') ||
      data.errors?.type ||
      'Mux could not process the video'
  }
  if (Array.isArray(data.tracks)) changes.captions = captionUpdates(asset, data.tracks)
  if (!Object.keys(changes).length) return 'no change'
  await req.payload.update({
    collection: 'video-assets',
    id: asset.id,
    data: changes,
    overrideAccess: true,
    req,
  })
  const lessonId = idOf(asset.lesson)
  if (typeof changes.duration === 'number' && lessonId) {
    await req.payload.update({
      collection: 'lessons',
      id: lessonId,
      data: { duration: Math.round(changes.duration) },
      overrideAccess: true,
      req,
    })
  }
  return `asset ${changes.status ?? asset.status}`
}

async function applyUploadEvent(req: PayloadRequest, event: MuxEvent) {
  const { data } = event
  const asset = await findAsset(req, { upload_id: data.id, asset_id: data.asset_id })
  if (!asset) return 'unknown upload'
  if (event.type === 'video.upload.asset_created') {
    const changes: Partial<VideoAsset> = {}
    if (!asset.muxAssetId && data.asset_id) changes.muxAssetId = String(data.asset_id)
    if (ASSET_RANK.preparing > ASSET_RANK[asset.status]) changes.status = 'preparing'
    if (!Object.keys(changes).length) return 'no change'
    await req.payload.update({
      collection: 'video-assets',
      id: asset.id,
      data: changes,
      overrideAccess: true,
      req,
    })
    return 'upload linked'
  }
  if (ASSET_RANK[asset.status] >= ASSET_RANK.errored) return 'no change'
  await req.payload.update({
    collection: 'video-assets',
    id: asset.id,
    data: { status: 'errored', errorMessage: `Upload ${event.type.split('.').pop()}` },
    overrideAccess: true,
    req,
  })
  return 'upload failed'
}

async function applyTrackEvent(req: PayloadRequest, event: MuxEvent) {
  const asset = await findAsset(req, { asset_id: event.data.asset_id }, true)
  if (!asset) {
    // Mux sent the track before we learned the asset id: refuse so Mux redelivers it later.
    throw serviceUnavailable('Asset not known yet; retry later')
  }
  const status = event.type.endsWith('.ready')
    ? 'ready'
    : event.type.endsWith('.errored')
      ? 'errored'
      : 'preparing'
  const captions = captionUpdates(asset, [{ ...event.data, status }])
  await req.payload.update({
    collection: 'video-assets',
    id: asset.id,
    data: { captions },
    overrideAccess: true,
    req,
  })
  return `track ${status}`
}

async function applyLiveEvent(req: PayloadRequest, event: MuxEvent) {
  const stream = await findLiveStream(req, event.data.id)
  if (!stream) return 'unknown live stream'
  const now = new Date().toISOString()
  if (event.type === 'video.live_stream.active' && LIVE_RANK[stream.status] < LIVE_RANK.live) {
    await req.payload.update({
      collection: 'live-streams',
      id: stream.id,
      data: { status: 'live', startedAt: stream.startedAt ?? now },
      overrideAccess: true,
      req,
    })
    return 'live'
  }
  // Idle after being live: the broadcast is over (Mux waited out its reconnect window).
  if (event.type === 'video.live_stream.idle' && stream.status === 'live') {
    await req.payload.update({
      collection: 'live-streams',
      id: stream.id,
      data: { status: 'ended', endedAt: now },
      overrideAccess: true,
      req,
    })
    return 'ended'
  }
  return 'no change'
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
    await execute(
      req,
      sql`update webhook_events set outcome = ${outcome} where provider = 'mux' and event_id = ${event.id}`,
    )
    return { received: true, duplicate: false, outcome }
  })
}

import type { LiveStream, VideoAsset } from '../../payload-types'

/** The `data` of a Mux webhook event (an asset, an upload, a track or a live stream). */
export type MuxData = Record<string, any>
type AssetStatus = VideoAsset['status']
type Caption = NonNullable<VideoAsset['captions']>[number]
type TrackStatus = NonNullable<Caption['status']>

// Statuses only move forward: a late or repeated event never undoes a later one.
const ASSET_RANK: Record<AssetStatus, number> = { waiting: 0, preparing: 1, ready: 2, errored: 2 }
const TRACK_RANK: Record<TrackStatus, number> = { preparing: 0, ready: 1, errored: 1 }
const LIVE_RANK: Record<LiveStream['status'], number> = { scheduled: 0, live: 1, ended: 2 }
const TRACK_STATUSES = Object.keys(TRACK_RANK)
const CAPTION_LANGUAGES = ['en', 'es']

/** A caption track's status from the track event that reports it. */
export const trackStatus = (eventType: string): TrackStatus =>
  eventType.endsWith('.ready') ? 'ready' : eventType.endsWith('.errored') ? 'errored' : 'preparing'

/**
 * The asset's captions once Mux reports these tracks: English and Spanish text tracks only, matched
 * by track id (or by language before Mux named the track), and never moved back (ready stays ready).
 */
export function captionUpdates(captions: Caption[] | null | undefined, tracks: MuxData[]) {
  const next = [...(captions ?? [])]
  for (const track of tracks) {
    if (track.type !== 'text' || !CAPTION_LANGUAGES.includes(track.language_code)) continue
    const status: TrackStatus = TRACK_STATUSES.includes(track.status) ? track.status : 'preparing'
    const index = next.findIndex(
      (c) => c.trackId === track.id || (!c.trackId && c.language === track.language_code),
    )
    const current = index >= 0 ? next[index] : null
    if (current && TRACK_RANK[current.status ?? 'preparing'] > TRACK_RANK[status]) continue
    const caption = {
      language: track.language_code,
      name: track.name ?? current?.name,
      trackId: track.id,
      status,
    }
    if (index >= 0) next[index] = { ...current, ...caption }
    else next.push(caption)
  }
  return next
}

/**
 * What a video.asset.* event (created → preparing, ready, errored) changes on the asset: the status
 * when it moves forward; playback id, duration and aspect ratio once ready; the error once errored;
 * the captions it lists. Empty when nothing changes.
 */
export function assetEventChanges(
  asset: Pick<VideoAsset, 'status' | 'muxAssetId' | 'playbackPolicy' | 'captions'>,
  status: AssetStatus,
  data: MuxData,
): Partial<VideoAsset> {
  const forward = ASSET_RANK[status] > ASSET_RANK[asset.status]
  const changes: Partial<VideoAsset> = {}
  if (!asset.muxAssetId && data.id) changes.muxAssetId = String(data.id)
  if (forward) changes.status = status
  if (status === 'ready' && (forward || asset.status === 'ready')) {
    const playback =
      data.playback_ids?.find((p: MuxData) => p.policy === asset.playbackPolicy) ??
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
  if (Array.isArray(data.tracks)) changes.captions = captionUpdates(asset.captions, data.tracks)
  return changes
}

/**
 * What a video.upload.* event changes: asset_created links the Mux asset and moves a waiting asset
 * to preparing; errored or cancelled marks an asset that is not yet ready or errored as errored.
 */
export function uploadEventChanges(
  asset: Pick<VideoAsset, 'status' | 'muxAssetId'>,
  eventType: string,
  data: MuxData,
): Partial<VideoAsset> {
  const changes: Partial<VideoAsset> = {}
  if (eventType === 'video.upload.asset_created') {
    if (!asset.muxAssetId && data.asset_id) changes.muxAssetId = String(data.asset_id)
    if (ASSET_RANK.preparing > ASSET_RANK[asset.status]) changes.status = 'preparing'
  } else if (ASSET_RANK[asset.status] < ASSET_RANK.errored) {
    changes.status = 'errored'
    changes.errorMessage = `Upload ${eventType.split('.').pop()}`
  }
  return changes
}

/**
 * What a video.live_stream.* event changes: active starts a scheduled stream (keeping the first
 * start time); idle after being live ends it (Mux waited out its reconnect window). Null otherwise.
 */
export function liveEventChanges(
  stream: Pick<LiveStream, 'status' | 'startedAt'>,
  eventType: string,
  now: string,
): Pick<LiveStream, 'status' | 'startedAt' | 'endedAt'> | null {
  if (eventType === 'video.live_stream.active' && LIVE_RANK[stream.status] < LIVE_RANK.live) {
    return { status: 'live', startedAt: stream.startedAt ?? now }
  }
  if (eventType === 'video.live_stream.idle' && stream.status === 'live') {
    return { status: 'ended', endedAt: now }
  }
  return null
}

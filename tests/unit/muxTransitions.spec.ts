import { describe, expect, it } from 'vitest'

import {
  assetEventChanges,
  captionUpdates,
  liveEventChanges,
  trackStatus,
  uploadEventChanges,
} from '../../src/services/live/muxTransitions'

const track = (fields: Record<string, unknown>) => ({
  type: 'text',
  id: 'trk-en',
  language_code: 'en',
  name: 'English (generated)',
  status: 'preparing',
  ...fields,
})

describe('trackStatus', () => {
  it('reads the status from the track event', () => {
    expect(trackStatus('video.asset.track.ready')).toBe('ready')
    expect(trackStatus('video.asset.track.errored')).toBe('errored')
    expect(trackStatus('video.asset.track.created')).toBe('preparing')
  })
})

describe('captionUpdates', () => {
  it('adds English and Spanish text tracks and ignores the rest', () => {
    const captions = captionUpdates(null, [
      track({}),
      track({ id: 'trk-es', language_code: 'es', name: 'Español' }),
      track({ id: 'trk-fr', language_code: 'fr' }),
      track({ id: 'trk-audio', type: 'audio' }),
    ])
    expect(captions).toEqual([
      { language: 'en', name: 'English (generated)', trackId: 'trk-en', status: 'preparing' },
      { language: 'es', name: 'Español', trackId: 'trk-es', status: 'preparing' },
    ])
  })

  it('moves a caption forward: preparing → ready', () => {
    const preparing = captionUpdates([], [track({})])
    expect(captionUpdates(preparing, [track({ status: 'ready' })])).toEqual([
      expect.objectContaining({ trackId: 'trk-en', status: 'ready' }),
    ])
  })

  it('never moves a caption back: a late "preparing" leaves ready or errored alone', () => {
    for (const done of ['ready', 'errored']) {
      const current = [{ language: 'en' as const, trackId: 'trk-en', status: done as 'ready' }]
      expect(captionUpdates(current, [track({ status: 'preparing' })])).toEqual(current)
    }
  })

  it('fills in the track id of a caption requested before Mux named it', () => {
    const requested = [{ language: 'es' as const, name: 'Español', status: 'preparing' as const }]
    expect(
      captionUpdates(requested, [track({ id: 'trk-es', language_code: 'es', name: undefined })]),
    ).toEqual([{ language: 'es', name: 'Español', trackId: 'trk-es', status: 'preparing' }])
  })

  it('treats an unknown status as preparing and leaves the input untouched', () => {
    const current = [{ language: 'en' as const, trackId: 'trk-en', status: 'ready' as const }]
    const copy = structuredClone(current)
    expect(captionUpdates(current, [track({ status: 'weird' })])).toEqual(current)
    expect(current).toEqual(copy)
  })
})

describe('assetEventChanges', () => {
  const waiting = {
    status: 'waiting' as const,
    muxAssetId: null,
    playbackPolicy: 'signed' as const,
    captions: [],
  }
  const ready = { ...waiting, status: 'ready' as const, muxAssetId: 'asset-1' }

  it('links the Mux asset and moves waiting → preparing on created', () => {
    expect(assetEventChanges(waiting, 'preparing', { id: 'asset-1' })).toEqual({
      muxAssetId: 'asset-1',
      status: 'preparing',
    })
  })

  it('on ready takes the playback id of the asset policy, duration and aspect ratio', () => {
    const data = {
      id: 'asset-1',
      duration: 61.5,
      aspect_ratio: '16:9',
      playback_ids: [
        { id: 'pb-public', policy: 'public' },
        { id: 'pb-signed', policy: 'signed' },
      ],
    }
    expect(assetEventChanges({ ...waiting, status: 'preparing' }, 'ready', data)).toEqual({
      muxAssetId: 'asset-1',
      status: 'ready',
      playbackId: 'pb-signed',
      duration: 61.5,
      aspectRatio: '16:9',
    })
  })

  it('ignores a late created event once the asset is ready', () => {
    expect(assetEventChanges(ready, 'preparing', { id: 'asset-1' })).toEqual({})
  })

  it('does not let errored undo ready (or ready undo errored)', () => {
    expect(assetEventChanges(ready, 'errored', { errors: { messages: ['bad'] } })).toEqual({})
    const errored = { ...ready, status: 'errored' as const }
    expect(assetEventChanges(errored, 'ready', { playback_ids: [{ id: 'pb' }] })).toEqual({})
  })

  it('records why processing failed', () => {
    const preparing = { ...ready, status: 'preparing' as const }
    expect(
      assetEventChanges(preparing, 'errored', { errors: { messages: ['too short', 'no audio'] } }),
    ).toEqual({ status: 'errored', errorMessage: 'too short; no audio' })
    expect(assetEventChanges(preparing, 'errored', {}).errorMessage).toBe(
      'Mux could not process the video',
    )
  })

  it('updates captions listed with the asset', () => {
    expect(assetEventChanges(ready, 'ready', { tracks: [track({ status: 'ready' })] })).toEqual({
      captions: [
        { language: 'en', name: 'English (generated)', trackId: 'trk-en', status: 'ready' },
      ],
    })
  })
})

describe('uploadEventChanges', () => {
  it('links the asset and moves waiting → preparing when the upload becomes an asset', () => {
    expect(
      uploadEventChanges({ status: 'waiting', muxAssetId: null }, 'video.upload.asset_created', {
        asset_id: 'asset-1',
      }),
    ).toEqual({ muxAssetId: 'asset-1', status: 'preparing' })
  })

  it('marks a failed or cancelled upload errored, but never a ready asset', () => {
    expect(uploadEventChanges({ status: 'waiting' }, 'video.upload.cancelled', {})).toEqual({
      status: 'errored',
      errorMessage: 'Upload cancelled',
    })
    expect(uploadEventChanges({ status: 'ready' }, 'video.upload.errored', {})).toEqual({})
  })
})

describe('liveEventChanges', () => {
  const now = '2026-01-01T10:00:00.000Z'

  it('starts a scheduled stream when Mux reports it active', () => {
    expect(liveEventChanges({ status: 'scheduled' }, 'video.live_stream.active', now)).toEqual({
      status: 'live',
      startedAt: now,
    })
  })

  it('keeps the first start time and never reopens an ended stream', () => {
    const started = '2026-01-01T09:00:00.000Z'
    expect(
      liveEventChanges(
        { status: 'scheduled', startedAt: started },
        'video.live_stream.active',
        now,
      ),
    ).toEqual({ status: 'live', startedAt: started })
    expect(liveEventChanges({ status: 'live' }, 'video.live_stream.active', now)).toBeNull()
    expect(liveEventChanges({ status: 'ended' }, 'video.live_stream.active', now)).toBeNull()
  })

  it('ends a live stream when it goes idle; idle before going live changes nothing', () => {
    expect(liveEventChanges({ status: 'live' }, 'video.live_stream.idle', now)).toEqual({
      status: 'ended',
      endedAt: now,
    })
    expect(liveEventChanges({ status: 'scheduled' }, 'video.live_stream.idle', now)).toBeNull()
  })
})

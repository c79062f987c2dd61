import type { PayloadRequest } from 'payload'

import { isAdminUser } from '../../access'
import { idOf } from '../../lib/ids'
import { mayViewLesson } from '../../collections/Lessons/access'
import { forbidden, notFound } from '../../lib/errors'
import { withTransaction } from '../../lib/http'
import type { Course, Lesson, VideoAsset } from '../../payload-types'
import { CAPTION_LANGUAGES, playbackPolicy, playbackToken, requireMux } from './mux'

/**
 * POST /api/courses/:id/lessons/:lessonId/video: a Mux direct upload with English and Spanish
 * generated captions; the new asset is attached to the lesson right away (status "waiting").
 */
export async function createLessonUpload(req: PayloadRequest, course: Course, lesson: Lesson) {
  const mux = requireMux()
  const policy = playbackPolicy()
  return withTransaction(req, async () => {
    const asset = await req.payload.create({
      collection: 'video-assets',
      data: {
        owner: String(idOf(course.educator)),
        lesson: lesson.id,
        status: 'waiting',
        playbackPolicy: policy,
        captions: CAPTION_LANGUAGES.map((c) => ({
          language: c.language_code,
          name: c.name,
          status: 'preparing' as const,
        })),
      },
      // Video assets are closed to API writes: born here, filled in by Mux webhooks.
      overrideAccess: true,
      req,
    })
    const upload = await mux.video.uploads.create({
      cors_origin: process.env.MUX_CORS_ORIGIN || process.env.PUBLIC_URL || '*',
      new_asset_settings: {
        playback_policies: [policy],
        passthrough: asset.id,
        video_quality: 'basic',
        inputs: [{ generated_subtitles: CAPTION_LANGUAGES.map((c) => ({ ...c })) }],
      },
    })
    const updated = await req.payload.update({
      collection: 'video-assets',
      id: asset.id,
      data: { muxUploadId: upload.id },
      // As above.
      overrideAccess: true,
      req,
    })
    await req.payload.update({
      collection: 'lessons',
      id: lesson.id,
      data: { videoAsset: asset.id },
      overrideAccess: false,
      user: req.user,
      req,
    })
    return { uploadUrl: upload.url, uploadId: upload.id, videoAsset: updated }
  })
}

/** Playback for whoever may view the lesson: signed token when configured. */
export async function lessonPlayback(req: PayloadRequest, course: Course, lesson: Lesson) {
  if (!(await mayViewLesson(req, lesson))) {
    throw req.user
      ? forbidden('Enroll in this course to watch this lesson')
      : forbidden('Log in and enroll to watch')
  }
  const assetId = idOf(lesson.videoAsset)
  const asset: VideoAsset | null = assetId
    ? await req.payload.findByID({
        collection: 'video-assets',
        id: assetId,
        depth: 0,
        disableErrors: true,
        // Assets are for their owner; mayViewLesson (the lesson's videoAsset rule) just decided.
        overrideAccess: true,
        req,
      })
    : null
  if (!asset) throw notFound('This lesson has no video')
  if (asset.status !== 'ready' || !asset.playbackId) {
    return { status: asset.status, ready: false }
  }
  const token = asset.playbackPolicy === 'signed' ? await playbackToken(asset.playbackId) : null
  const query = token ? `?token=${token}` : ''
  return {
    status: asset.status,
    ready: true,
    playbackId: asset.playbackId,
    policy: asset.playbackPolicy,
    token,
    streamUrl: `https://stream.mux.com/${asset.playbackId}.m3u8${query}`,
    thumbnailUrl: token ? null : `https://image.mux.com/${asset.playbackId}/thumbnail.webp`,
    duration: asset.duration,
    aspectRatio: asset.aspectRatio,
    captions: (asset.captions ?? [])
      .filter((c) => c.status === 'ready')
      .map((c) => ({ language: c.language, name: c.name })),
    canManage: isAdminUser(req.user) || idOf(course.educator) === req.user?.id,
  }
}

import { z } from 'zod'

import { json } from '../../lib/http'
import type { DocumentedEndpoint } from '../../openapi/operation'
import { collectionDoc } from '../../openapi/schema'
import { lessonOfCourse, managedCourse, visibleCourse } from '../../services/learning/courses'
import { createLessonUpload, lessonPlayback } from '../../services/live/video'
import { notOwner } from '../courses/schemas'

const playback = z.union([
  z.object({ status: z.string(), ready: z.literal(false) }),
  z.object({
    status: z.literal('ready'),
    ready: z.literal(true),
    playbackId: z.string(),
    policy: z.enum(['signed', 'public']),
    token: z.string().nullable().describe('Signed playback: a short-lived token'),
    streamUrl: z.url(),
    thumbnailUrl: z.url().nullable(),
    duration: z.number().nullish(),
    aspectRatio: z.string().nullish(),
    captions: z.array(z.object({ language: z.string(), name: z.string().nullish() })),
    canManage: z.boolean(),
  }),
])

/** Course collection endpoints for lesson videos. */
export const videoEndpoints: DocumentedEndpoint[] = [
  {
    path: '/:id/lessons/:lessonId/video',
    method: 'post',
    custom: {
      openapi: {
        tags: ['video'],
        summary: "Start a Mux direct upload for a lesson's video",
        description:
          'The course educator or an admin. PUT the file to `uploadUrl`; English and Spanish ' +
          'captions are generated. Status arrives through the Mux webhook.',
        access: 'user',
        responses: {
          201: {
            description: 'The upload',
            schema: z.object({
              uploadUrl: z.url(),
              uploadId: z.string(),
              videoAsset: collectionDoc('video-assets'),
            }),
          },
        },
        errors: { 403: notOwner, 503: 'Mux is not configured on this server' },
      },
    },
    handler: async (req) => {
      const course = await managedCourse(req, req.routeParams?.id)
      const lesson = await lessonOfCourse(req, course, req.routeParams?.lessonId)
      return json(await createLessonUpload(req, course, lesson), 201)
    },
  },
  {
    path: '/:id/lessons/:lessonId/playback',
    method: 'get',
    custom: {
      openapi: {
        tags: ['video'],
        summary: "Play a lesson's video",
        description:
          'Free previews for anyone; otherwise enrolled students, the educator and admins. ' +
          'Signed playback carries a short-lived token.',
        access: 'optional',
        responses: {
          200: { description: 'Playback (or `ready: false` while processing)', schema: playback },
        },
        errors: {
          403: 'Not allowed to watch this lesson',
          404: 'Unknown course or lesson, or no video',
        },
      },
    },
    handler: async (req) => {
      const course = await visibleCourse(req, req.routeParams?.id)
      const lesson = await lessonOfCourse(req, course, req.routeParams?.lessonId)
      return json(await lessonPlayback(req, course, lesson))
    },
  },
]

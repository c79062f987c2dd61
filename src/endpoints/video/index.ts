import type { Endpoint } from 'payload'

import { json } from '../../lib/http'
import { lessonOfCourse, managedCourse, visibleCourse } from '../../services/learning/courses'
import { createLessonUpload, lessonPlayback } from '../../services/live/video'

/** Course collection endpoints for lesson videos. */
export const videoEndpoints: Endpoint[] = [
  {
    path: '/:id/lessons/:lessonId/video',
    method: 'post',
    handler: async (req) => {
      const course = await managedCourse(req, req.routeParams?.id)
      const lesson = await lessonOfCourse(req, course, req.routeParams?.lessonId)
      return json(await createLessonUpload(req, course, lesson), 201)
    },
  },
  {
    path: '/:id/lessons/:lessonId/playback',
    method: 'get',
    handler: async (req) => {
      const course = await visibleCourse(req, req.routeParams?.id)
      const lesson = await lessonOfCourse(req, course, req.routeParams?.lessonId)
      return json(await lessonPlayback(req, course, lesson))
    },
  },
]

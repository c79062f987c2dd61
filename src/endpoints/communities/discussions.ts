import type { Endpoint } from 'payload'

import { json, parseInput, readBody } from '../../lib/http'
import { queryParams } from '../../lib/pagination'
import { discussionCourse } from '../../services/community/communities'
import { createPost, listPosts } from '../../services/community/posts'
import { postCreate, postList } from './schemas'

/** Course discussions: posts with a course, for its enrolled students, educator and admins. */
export const discussionEndpoints: Endpoint[] = [
  {
    path: '/:id/discussions',
    method: 'get',
    handler: async (req) => {
      const course = await discussionCourse(req, req.routeParams?.id)
      const query = parseInput(postList, queryParams(req))
      return json(await listPosts(req, { course: course.id }, query))
    },
  },
  {
    path: '/:id/discussions',
    method: 'post',
    handler: async (req) => {
      const course = await discussionCourse(req, req.routeParams?.id)
      const input = await readBody(req, postCreate)
      return json({ doc: await createPost(req, { course: course.id }, input) }, 201)
    },
  },
]

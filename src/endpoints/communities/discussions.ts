import { json, parseInput, readBody } from '../../lib/http'
import { queryParams } from '../../lib/pagination'
import type { DocumentedEndpoint } from '../../openapi/operation'
import { discussionCourse } from '../../services/community/communities'
import { createPost, listPosts } from '../../services/community/posts'
import {
  communityOperation,
  creatingPost,
  listingPosts,
  pinRule,
  postCreate,
  postList,
} from './schemas'

/** Course discussions: posts with a course, for its enrolled students, educator and admins. */
export const discussionEndpoints: DocumentedEndpoint[] = [
  {
    path: '/:id/discussions',
    method: 'get',
    custom: {
      openapi: communityOperation({
        summary: "A course's discussion",
        description:
          "The course's enrolled students, its educator and admins. Pinned first, then newest " +
          'first.',
        ...listingPosts,
        errors: { 403: 'Neither enrolled nor the educator' },
      }),
    },
    handler: async (req) => {
      const course = await discussionCourse(req, req.routeParams?.id)
      const query = parseInput(postList, queryParams(req))
      return json(await listPosts(req, { course: course.id }, query))
    },
  },
  {
    path: '/:id/discussions',
    method: 'post',
    custom: {
      openapi: communityOperation({
        summary: 'Post in a course discussion',
        description: `Enrolled students and the educator. ${pinRule}`,
        ...creatingPost,
      }),
    },
    handler: async (req) => {
      const course = await discussionCourse(req, req.routeParams?.id)
      const input = await readBody(req, postCreate)
      return json({ doc: await createPost(req, { course: course.id }, input) }, 201)
    },
  },
]

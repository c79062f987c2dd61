import { z } from 'zod'

import { json, parseInput, readBody } from '../../lib/http'
import { queryParams } from '../../lib/pagination'
import type { DocumentedEndpoint } from '../../openapi/operation'
import { collectionDoc } from '../../openapi/schema'
import {
  joinCommunity,
  leaveCommunity,
  requireCommunityReader,
  visibleCommunity,
} from '../../services/community/communities'
import { createPost, listPosts } from '../../services/community/posts'
import {
  communityOperation,
  creatingPost,
  listingPosts,
  pinRule,
  postCreate,
  postList,
} from './schemas'

const membership = (created: boolean) =>
  z.object({
    doc: collectionDoc('community-members'),
    created: z.literal(created),
    memberCount: z.number().int(),
  })

/**
 * Collection endpoints of `communities`. Payload itself serves the list (GET /api/communities,
 * paginated, newest first) and GET /api/communities/:id under the collection's access rules.
 */
export const communityEndpoints: DocumentedEndpoint[] = [
  {
    path: '/:id/join',
    method: 'post',
    custom: {
      openapi: communityOperation({
        summary: 'Join a community',
        description:
          "Course communities: the course's enrolled students (its educator joins as " +
          'moderator). Joining again changes nothing (200).',
        responses: {
          201: { description: 'Joined', schema: membership(true) },
          200: { description: 'Already a member', schema: membership(false) },
        },
        errors: { 403: "Not enrolled in the community's course" },
      }),
    },
    handler: async (req) => {
      const community = await visibleCommunity(req, req.routeParams?.id)
      const result = await joinCommunity(req, community)
      return json(result, result.created ? 201 : 200)
    },
  },
  {
    path: '/:id/leave',
    method: 'delete',
    custom: {
      openapi: communityOperation({
        summary: 'Leave a community',
        description: 'Idempotent: leaving when not a member changes nothing (`left: false`).',
        responses: {
          200: {
            description: 'Left',
            schema: z.object({ left: z.boolean(), memberCount: z.number().int() }),
          },
        },
      }),
    },
    handler: async (req) => {
      const community = await visibleCommunity(req, req.routeParams?.id)
      return json(await leaveCommunity(req, community))
    },
  },
  {
    path: '/:id/posts',
    method: 'post',
    custom: {
      openapi: communityOperation({
        summary: 'Post in a community',
        description: `Members. ${pinRule}`,
        ...creatingPost,
      }),
    },
    handler: async (req) => {
      const community = await visibleCommunity(req, req.routeParams?.id)
      const input = await readBody(req, postCreate)
      return json({ doc: await createPost(req, { community: community.id }, input) }, 201)
    },
  },
  {
    path: '/:id/posts',
    method: 'get',
    custom: {
      openapi: communityOperation({
        summary: "A community's posts",
        description:
          'Public communities are open to read; the rest to members (and admins). ' +
          'Pinned first, then newest first.',
        access: 'optional',
        ...listingPosts,
        errors: { 401: 'A members-only community and no login', 403: 'Not a member' },
      }),
    },
    handler: async (req) => {
      const community = await visibleCommunity(req, req.routeParams?.id)
      const query = parseInput(postList, queryParams(req))
      await requireCommunityReader(req, community)
      return json(await listPosts(req, { community: community.id }, query))
    },
  },
]

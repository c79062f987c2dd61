import type { Endpoint } from 'payload'

import { json, parseInput, readBody } from '../../lib/http'
import { queryParams } from '../../lib/pagination'
import {
  joinCommunity,
  leaveCommunity,
  requireCommunityReader,
  visibleCommunity,
} from '../../services/community/communities'
import { createPost, listPosts } from '../../services/community/posts'
import { postCreate, postList } from './schemas'

/**
 * Collection endpoints of `communities`. Payload itself serves the list (GET /api/communities,
 * paginated, newest first) and GET /api/communities/:id under the collection's access rules.
 */
export const communityEndpoints: Endpoint[] = [
  {
    path: '/:id/join',
    method: 'post',
    handler: async (req) => {
      const community = await visibleCommunity(req, req.routeParams?.id)
      const result = await joinCommunity(req, community)
      return json(result, result.created ? 201 : 200)
    },
  },
  {
    path: '/:id/leave',
    method: 'delete',
    handler: async (req) => {
      const community = await visibleCommunity(req, req.routeParams?.id)
      return json(await leaveCommunity(req, community))
    },
  },
  {
    path: '/:id/posts',
    method: 'post',
    handler: async (req) => {
      const community = await visibleCommunity(req, req.routeParams?.id)
      const input = await readBody(req, postCreate)
      return json({ doc: await createPost(req, { community: community.id }, input) }, 201)
    },
  },
  {
    path: '/:id/posts',
    method: 'get',
    handler: async (req) => {
      const community = await visibleCommunity(req, req.routeParams?.id)
      const query = parseInput(postList, queryParams(req))
      await requireCommunityReader(req, community)
      return json(await listPosts(req, { community: community.id }, query))
    },
  },
]

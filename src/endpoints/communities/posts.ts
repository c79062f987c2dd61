import type { Endpoint, PayloadRequest } from 'payload'

import { json, parseInput, readBody, readJSON } from '../../lib/http'
import { pagination, queryParams } from '../../lib/pagination'
import {
  createComment,
  deletePost,
  listComments,
  postForCaller,
  updatePost,
  visibleComment,
  visiblePost,
} from '../../services/community/posts'
import { react, unreact, type ReactionTarget } from '../../services/community/reactions'
import { commentCreate, postUpdate, reactionCreate, reactionDelete } from './schemas'

// Only UUIDs: Payload's own GET /api/posts/count (and /versions) keep working.
const UUID_ID = '/:id([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})'

/** DELETE .../reactions takes `type` from the query string or the body; without it, all of mine. */
async function reactionTypeToRemove(req: PayloadRequest) {
  const fromQuery = queryParams(req).type
  const body = fromQuery === undefined ? await readJSON(req) : { type: fromQuery }
  return parseInput(reactionDelete, body).type
}

const postTarget = async (req: PayloadRequest): Promise<ReactionTarget> => ({
  kind: 'post',
  doc: await visiblePost(req, req.routeParams?.id),
})

const commentTarget = async (req: PayloadRequest): Promise<ReactionTarget> => ({
  kind: 'comment',
  doc: await visibleComment(req, req.routeParams?.id),
})

/** POST (react, idempotent: 201 new, 200 existing) and DELETE (unreact) on `/:id/reactions`. */
function reactionEndpoints(target: (req: PayloadRequest) => Promise<ReactionTarget>): Endpoint[] {
  return [
    {
      path: '/:id/reactions',
      method: 'post',
      handler: async (req) => {
        const on = await target(req)
        const { type } = await readBody(req, reactionCreate)
        const result = await react(req, on, type)
        return json(result, result.created ? 201 : 200)
      },
    },
    {
      path: '/:id/reactions',
      method: 'delete',
      handler: async (req) =>
        json(await unreact(req, await target(req), await reactionTypeToRemove(req))),
    },
  ]
}

/**
 * Collection endpoints of `posts`, matched before Payload's own: GET/PUT/DELETE /api/posts/:id,
 * comments and reactions. Payload still serves GET /api/posts and PATCH /api/posts/:id under the
 * same access rules.
 */
export const postEndpoints: Endpoint[] = [
  {
    path: UUID_ID,
    method: 'get',
    handler: async (req) => json(await postForCaller(req, req.routeParams?.id)),
  },
  {
    path: '/:id',
    method: 'put',
    handler: async (req) => {
      const post = await visiblePost(req, req.routeParams?.id)
      const input = await readBody(req, postUpdate)
      return json({ doc: await updatePost(req, post, input) })
    },
  },
  {
    path: '/:id',
    method: 'delete',
    handler: async (req) => {
      const post = await visiblePost(req, req.routeParams?.id)
      await deletePost(req, post)
      return json({ message: 'Post deleted', id: post.id })
    },
  },
  {
    path: '/:id/comments',
    method: 'post',
    handler: async (req) => {
      const post = await visiblePost(req, req.routeParams?.id)
      const input = await readBody(req, commentCreate)
      return json({ doc: await createComment(req, post, input) }, 201)
    },
  },
  {
    path: '/:id/comments',
    method: 'get',
    handler: async (req) => {
      const post = await visiblePost(req, req.routeParams?.id)
      return json(await listComments(req, post, pagination(req)))
    },
  },
  ...reactionEndpoints(postTarget),
]

/** Collection endpoints of `comments`; Payload serves PATCH/DELETE /api/comments/:id. */
export const commentEndpoints: Endpoint[] = reactionEndpoints(commentTarget)

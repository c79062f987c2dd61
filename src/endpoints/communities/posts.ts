import type { PayloadRequest } from 'payload'
import { z } from 'zod'

import { json, parseInput, readBody, readJSON } from '../../lib/http'
import { pageSchema, pagination, queryParams } from '../../lib/pagination'
import type { DocumentedEndpoint } from '../../openapi/operation'
import { collectionDoc, deleted, pageOf } from '../../openapi/schema'
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
import {
  comment,
  commentCreate,
  communityOperation,
  post,
  postUpdate,
  reactionCreate,
  reactionDelete,
  reactionState,
  threadedComment,
} from './schemas'

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

const reaction = (created: boolean) =>
  z.object({ doc: collectionDoc('reactions'), created: z.literal(created), ...reactionState })

/** POST (react, idempotent: 201 new, 200 existing) and DELETE (unreact) on `/:id/reactions`. */
function reactionEndpoints(
  noun: 'post' | 'comment',
  target: (req: PayloadRequest) => Promise<ReactionTarget>,
): DocumentedEndpoint[] {
  return [
    {
      path: '/:id/reactions',
      method: 'post',
      custom: {
        openapi: communityOperation({
          summary: `React to a ${noun}`,
          description: 'Participants. Reacting again with the same type changes nothing (200).',
          body: reactionCreate,
          responses: {
            201: { description: 'Added', schema: reaction(true) },
            200: { description: 'Already there', schema: reaction(false) },
          },
          errors: { 403: 'Not a participant' },
        }),
      },
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
      custom: {
        openapi: communityOperation({
          summary: `Take back reactions to a ${noun}`,
          description:
            '`type` in the query string or the JSON body removes that one; without it, all of ' +
            "the caller's reactions on it. Removing what is not there changes nothing.",
          query: reactionDelete,
          body: reactionDelete,
          responses: {
            200: {
              description: 'Removed',
              schema: z.object({ removed: z.number().int(), ...reactionState }),
            },
          },
        }),
      },
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
export const postEndpoints: DocumentedEndpoint[] = [
  {
    path: UUID_ID,
    method: 'get',
    custom: {
      openapi: communityOperation({
        summary: 'A post',
        description: 'Whoever may read its community or discussion; hidden posts answer 404.',
        access: 'optional',
        responses: { 200: { description: 'The post', schema: post } },
      }),
    },
    handler: async (req) => json(await postForCaller(req, req.routeParams?.id)),
  },
  {
    path: '/:id',
    method: 'put',
    custom: {
      openapi: communityOperation({
        summary: 'Edit a post',
        description:
          'The author edits `content` and `type`; moderators, the course educator and admins ' +
          'pin and may change the type. At least one field.',
        body: postUpdate,
        responses: { 200: { description: 'The post', schema: z.object({ doc: post }) } },
        errors: { 403: 'Not the author or a moderator, or not allowed for that field' },
      }),
    },
    handler: async (req) => {
      const post = await visiblePost(req, req.routeParams?.id)
      const input = await readBody(req, postUpdate)
      return json({ doc: await updatePost(req, post, input) })
    },
  },
  {
    path: '/:id',
    method: 'delete',
    custom: {
      openapi: communityOperation({
        summary: 'Delete a post',
        description: 'The author, a moderator or an admin; its comments and reactions go with it.',
        responses: { 200: { description: 'Deleted', schema: deleted } },
        errors: { 403: 'Not the author, a moderator or an admin' },
      }),
    },
    handler: async (req) => {
      const post = await visiblePost(req, req.routeParams?.id)
      await deletePost(req, post)
      return json({ message: 'Post deleted', id: post.id })
    },
  },
  {
    path: '/:id/comments',
    method: 'post',
    custom: {
      openapi: communityOperation({
        summary: 'Comment on a post',
        description: 'Participants; `parent` makes it a reply (one level).',
        body: commentCreate,
        responses: { 201: { description: 'The comment', schema: z.object({ doc: comment }) } },
        errors: { 403: 'Not a participant', 429: 'Posting too fast' },
      }),
    },
    handler: async (req) => {
      const post = await visiblePost(req, req.routeParams?.id)
      const input = await readBody(req, commentCreate)
      return json({ doc: await createComment(req, post, input) }, 201)
    },
  },
  {
    path: '/:id/comments',
    method: 'get',
    custom: {
      openapi: communityOperation({
        summary: "A post's comments",
        description: 'Top-level comments newest first, each with its replies.',
        access: 'optional',
        query: pageSchema,
        responses: {
          200: { description: 'One page of comments', schema: pageOf(threadedComment) },
        },
      }),
    },
    handler: async (req) => {
      const post = await visiblePost(req, req.routeParams?.id)
      return json(await listComments(req, post, pagination(req)))
    },
  },
  ...reactionEndpoints('post', postTarget),
]

/** Collection endpoints of `comments`; Payload serves PATCH/DELETE /api/comments/:id. */
export const commentEndpoints: DocumentedEndpoint[] = reactionEndpoints('comment', commentTarget)

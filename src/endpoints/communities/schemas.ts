import { z } from 'zod'

import {
  COMMENT_MAX_LENGTH,
  POST_MAX_LENGTH,
  POST_TYPES,
  REACTION_TYPES,
} from '../../collections/Communities/constants'
import { pageSchema } from '../../lib/pagination'
import type { Operation } from '../../openapi/operation'
import { collectionDoc, pageOf } from '../../openapi/schema'

/** Plain text: surrounding whitespace is dropped; empty or too long is a 400 naming the field. */
const text = (max: number) =>
  z.string().trim().min(1, 'cannot be empty').max(max, `is limited to ${max} characters`)

export const postCreate = z
  .object({
    content: text(POST_MAX_LENGTH),
    type: z.enum(POST_TYPES).optional(),
    isPinned: z.boolean().optional(),
  })
  .strict()

export const postUpdate = z
  .object({
    content: text(POST_MAX_LENGTH),
    type: z.enum(POST_TYPES),
    isPinned: z.boolean(),
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'give content, type or isPinned')

export const postList = pageSchema.extend({ type: z.enum(POST_TYPES).optional() })

export const commentCreate = z
  .object({ content: text(COMMENT_MAX_LENGTH), parent: z.uuid().optional() })
  .strict()

export const reactionCreate = z.object({ type: z.enum(REACTION_TYPES) }).strict()
export const reactionDelete = z.object({ type: z.enum(REACTION_TYPES).optional() }).strict()

// What the endpoints answer, and the parts their OpenAPI operations share.

const myReactions = z.array(z.string()).describe("The caller's reaction types")

/** Posts and comments carry the caller's own reactions. */
export const post = collectionDoc('posts').and(z.object({ myReactions }))
export const comment = collectionDoc('comments').and(z.object({ myReactions }))
export const threadedComment = comment.and(
  z.object({ replies: z.array(comment).describe('One level of replies, oldest first') }),
)

export const reactionState = { reactionCount: z.number().int(), myReactions }

/** A community operation: tagged `communities`, for logged-in callers unless it says otherwise. */
export const communityOperation = (
  op: Omit<Operation, 'tags' | 'access'> & Partial<Pick<Operation, 'access'>>,
): Operation => ({ tags: ['communities'], access: 'user', ...op })

/** Listing the posts of a community or of a course discussion. */
export const listingPosts = {
  query: postList,
  responses: { 200: { description: 'One page of posts', schema: pageOf(post) } },
} satisfies Partial<Operation>

/** Posting in a community or a course discussion. */
export const creatingPost = {
  body: postCreate,
  responses: { 201: { description: 'The post', schema: z.object({ doc: post }) } },
  errors: {
    403: 'Not a participant, or not allowed to announce or pin',
    429: 'Posting too fast',
  },
} satisfies Partial<Operation>

export const pinRule = 'Announcements and pins need a moderator, the course educator or an admin.'

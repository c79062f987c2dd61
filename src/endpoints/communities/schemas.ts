import { z } from 'zod'

import {
  COMMENT_MAX_LENGTH,
  POST_MAX_LENGTH,
  POST_TYPES,
  REACTION_TYPES,
} from '../../collections/Communities/constants'
import { pageSchema } from '../../lib/pagination'

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

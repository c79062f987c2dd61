import type { CollectionBeforeValidateHook, TextareaFieldValidation } from 'payload'

import { isAdminUser } from '../../../access'
import { rateLimitOperations } from '../../../lib/rateLimit'

/** Posts and comments are written as the caller; admins may name another author. */
export const setAuthor: CollectionBeforeValidateHook = ({ data, operation, req }) => {
  if (data && operation === 'create' && req.user) {
    if (!isAdminUser(req.user) || !data.author) data.author = req.user.id
  }
  return data
}

/** Content must have something besides whitespace and stay within `max` characters. */
export const notBlank =
  (max: number): TextareaFieldValidation =>
  (value) => {
    if (typeof value !== 'string' || !value.trim()) return 'Content cannot be empty'
    if (value.length > max) return `Content is limited to ${max} characters`
    return true
  }

/**
 * New posts, comments and live chat messages from clients (REST, GraphQL, our endpoints) count
 * against the posting limit per client address; server-side work (seed, jobs) does not.
 */
export const rateLimitPosting = rateLimitOperations('posting', ['create'])

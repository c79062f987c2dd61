import {
  ValidationError,
  type CollectionBeforeChangeHook,
  type CollectionBeforeValidateHook,
} from 'payload'

import { isAdminUser } from '../../../access'
import { idOf } from '../../../lib/ids'
import { lockRow } from '../../../lib/locks'
import { isUUID } from '../../../lib/http'
import type { Reaction } from '../../../payload-types'

const invalid = (path: string, message: string) =>
  new ValidationError({ collection: 'reactions', errors: [{ path, message }] })

export const reactionTargetKey = (target: { post?: string | null; comment?: string | null }) =>
  target.post ? `post:${target.post}` : `comment:${target.comment}`

/** Exactly one of post/comment; targetKey follows it; the reacting user is the caller. */
export const setTarget: CollectionBeforeValidateHook<Reaction> = ({ data, operation, req }) => {
  if (!data || operation !== 'create') return data
  if (req.user && (!isAdminUser(req.user) || !data.user)) data.user = req.user.id
  const post = idOf(data.post) ?? null
  const comment = idOf(data.comment) ?? null
  if (Boolean(post) === Boolean(comment)) {
    throw invalid('post', 'A reaction targets either a post or a comment')
  }
  data.targetKey = reactionTargetKey({ post, comment })
  return data
}

/** The target row is locked before the insert: reactions on one target serialize with its delete. */
export const lockReactionTarget: CollectionBeforeChangeHook<Reaction> = async ({
  data,
  operation,
  req,
}) => {
  if (operation !== 'create') return data
  const post = idOf(data.post)
  const comment = idOf(data.comment)
  const [table, id, path] = post
    ? (['posts', post, 'post'] as const)
    : (['comments', comment, 'comment'] as const)
  if (isUUID(id) && !(await lockRow(req, table, id))) {
    throw invalid(path, `${path === 'post' ? 'Post' : 'Comment'} not found`)
  }
  return data
}

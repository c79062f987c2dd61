import type { CollectionBeforeDeleteHook } from 'payload'

import { idOf } from '../../../lib/ids'
import { lockRow } from '../../../lib/locks'

/**
 * A deleted comment takes its replies and the reactions on it along, through the Local API like
 * every cascade (see removeCourseContent). Its post is locked first (`write`, the lock every
 * comment writer of that post takes), then the comment for `delete`: a reply being added waits
 * and then finds the comment gone; a reaction being added finishes first and is removed here.
 */
export const removeCommentContent: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const comment = await req.payload.findByID({
    collection: 'comments',
    id,
    depth: 0,
    disableErrors: true,
    select: { post: true },
    overrideAccess: true,
    req,
  })
  if (!comment) return
  const postId = idOf(comment.post)
  if (postId) await lockRow(req, 'posts', postId)
  await lockRow(req, 'comments', String(id), 'delete')
  await req.payload.delete({
    collection: 'comments',
    where: { parent: { equals: id } },
    overrideAccess: true,
    req,
  })
  await req.payload.delete({
    collection: 'reactions',
    where: { comment: { equals: id } },
    overrideAccess: true,
    req,
  })
}

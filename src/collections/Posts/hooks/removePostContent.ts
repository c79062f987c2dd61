import type { CollectionBeforeDeleteHook } from 'payload'

import { lockRow } from '../../../lib/locks'

/**
 * A deleted post takes its comments (each with its replies and reactions) and its own reactions
 * along, through the Local API like every cascade (see removeCourseContent). The post is locked
 * for `delete` first: a comment or reaction being added right now finishes (and is removed here)
 * or waits and then finds the post gone — never an orphan.
 */
export const removePostContent: CollectionBeforeDeleteHook = async ({ id, req }) => {
  await lockRow(req, 'posts', String(id), 'delete')
  await req.payload.delete({
    collection: 'comments',
    // Replies go with their comment.
    where: { and: [{ post: { equals: id } }, { parent: { exists: false } }] },
    overrideAccess: true,
    req,
  })
  await req.payload.delete({
    collection: 'reactions',
    where: { post: { equals: id } },
    overrideAccess: true,
    req,
  })
}

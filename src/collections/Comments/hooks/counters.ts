import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import { idOf } from '../../../lib/ids'
import { recountPostComments } from '../../../hooks/counters'

// Every path that adds or removes comments (endpoints, Payload's routes, user deletion) keeps the
// post's commentCount equal to count(*) in the same transaction.

export const countCommentAdded: CollectionAfterChangeHook = async ({ doc, operation, req }) => {
  if (operation === 'create') await recountPostComments(req, String(idOf(doc.post)))
  return doc
}

export const countCommentRemoved: CollectionAfterDeleteHook = async ({ doc, req }) => {
  await recountPostComments(req, String(idOf(doc.post)))
}

import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import { idOf } from '../../../lib/ids'
import { recountReactions } from '../../../hooks/counters'

const targetOf = (doc: { post?: unknown; comment?: unknown }) => ({
  post: idOf(doc.post) ?? null,
  comment: idOf(doc.comment) ?? null,
})

export const countReactionAdded: CollectionAfterChangeHook = async ({ doc, operation, req }) => {
  if (operation === 'create') await recountReactions(req, targetOf(doc))
  return doc
}

export const countReactionRemoved: CollectionAfterDeleteHook = async ({ doc, req }) => {
  await recountReactions(req, targetOf(doc))
}

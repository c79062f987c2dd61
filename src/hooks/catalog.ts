import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import type { User } from '../payload-types'
import { invalidateCatalog } from '../services/learning/catalogCache'

// What a catalog card shows changed: the cached catalog pages are stale once this commits
// (src/services/learning/catalogCache.ts).

export const catalogChanged: CollectionAfterChangeHook = async ({ doc, req }) => {
  await invalidateCatalog(req)
  return doc
}

export const catalogRowDeleted: CollectionAfterDeleteHook = async ({ doc, req }) => {
  await invalidateCatalog(req)
  return doc
}

/** An educator's public profile is on their catalog cards and course pages. */
export const educatorProfileChanged: CollectionAfterChangeHook<User> = async ({
  doc,
  previousDoc,
  req,
}) => {
  if (doc.role === 'educator' || previousDoc?.role === 'educator') await invalidateCatalog(req)
  return doc
}

import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import { idOf } from '../lib/ids'
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

/** An educator's name or picture is on their catalog cards. */
export const educatorCardChanged: CollectionAfterChangeHook<User> = async ({
  doc,
  previousDoc,
  req,
}) => {
  const shown = (u?: Partial<User>) => JSON.stringify([u?.fullName, idOf(u?.profileImage) ?? null])
  if (
    (doc.role === 'educator' || previousDoc?.role === 'educator') &&
    shown(doc) !== shown(previousDoc)
  ) {
    await invalidateCatalog(req)
  }
  return doc
}

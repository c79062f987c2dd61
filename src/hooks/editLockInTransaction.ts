import { Locked, type CollectionBeforeOperationHook, type CollectionConfig } from 'payload'

import { isUUID } from '../lib/http'

/** Payload's default edit-lock duration (seconds); our collections do not change it. */
const LOCK_SECONDS = 300

/**
 * THE EDIT-LOCK POLICY, one for every collection: Payload's admin edit locks stay on (no collection
 * people edit sets `lockDocuments: false`), and every collection (`withEditLockInTransaction` in
 * the config) checks an update's or a delete's edit lock with this hook (beforeOperation), inside
 * the operation's own transaction, then tells Payload the check is done.
 *
 * Why not Payload's own check: when the request does not override locks (REST and the admin do
 * not), Payload runs it on a second pool connection while the operation's transaction holds the
 * first — for a delete after beforeDelete took its row locks (src/lib/locks.ts). With as many such
 * requests in flight as the pool has connections (10), each waits forever for a second one and the
 * app stalls (seen under the access matrix's parallel updates and deletes). The same check runs
 * here on the transaction's connection, before any row is locked; Payload still removes the
 * document's lock entry as a delete ends.
 */
export const checkEditLockInTransaction: CollectionBeforeOperationHook = async ({
  args,
  collection,
  operation,
  req,
}) => {
  const { id, overrideLock } = args as { id?: number | string; overrideLock?: boolean }
  if (operation !== 'delete' && operation !== 'update') return args
  // A malformed id names no document (and no lock): Payload answers 404 as usual.
  if (!isUUID(String(id)) || overrideLock !== false) return args
  const { docs } = await req.payload.db.find<{ updatedAt: string; user?: { value?: unknown } }>({
    collection: 'payload-locked-documents',
    where: {
      and: [
        { 'document.relationTo': { equals: collection.slug } },
        { 'document.value': { equals: id } },
      ],
    },
    sort: '-updatedAt',
    limit: 1,
    pagination: false,
    req,
  })
  const lock = docs[0]
  const value = lock?.user?.value
  const holder = value && typeof value === 'object' && 'id' in value ? value.id : value
  if (
    lock &&
    holder !== req.user?.id &&
    Date.now() - new Date(lock.updatedAt).getTime() <= LOCK_SECONDS * 1000
  ) {
    throw new Locked(
      `Document with ID ${id} is currently locked and cannot be ${operation === 'delete' ? 'deleted' : 'updated'}.`,
    )
  }
  return { ...args, overrideLock: true }
}

/** The collection with the hook, once (some register it beside their other beforeOperation hooks). */
export const withEditLockInTransaction = (collection: CollectionConfig): CollectionConfig => {
  const hooks = collection.hooks?.beforeOperation ?? []
  // Collections without edit locks (system records) have no entries to check.
  if (collection.lockDocuments === false || hooks.includes(checkEditLockInTransaction)) {
    return collection
  }
  return {
    ...collection,
    hooks: { ...collection.hooks, beforeOperation: [...hooks, checkEditLockInTransaction] },
  }
}

import { Locked, type CollectionBeforeOperationHook } from 'payload'

/** Payload's default edit-lock duration (seconds); our collections do not change it. */
const LOCK_SECONDS = 300

/**
 * THE EDIT-LOCK POLICY, one for every collection: Payload's admin edit locks stay on (no collection
 * people edit sets `lockDocuments: false`), and every collection whose delete runs hooks that may
 * lock rows — courses, lessons, quizzes, enrollments, cohorts, users, communities,
 * community-members, posts, comments, reactions — registers this hook (beforeOperation), which
 * checks a delete's edit lock inside the delete's own transaction and then tells Payload the check
 * is done. The other collections keep Payload's check, the same one.
 *
 * Why not Payload's own check: when the request does not override locks (REST and the admin do
 * not), Payload runs it on a separate pool connection, after beforeDelete took its row locks
 * (src/lib/locks.ts). With requests queued on those rows holding every pool connection, the delete
 * would wait forever for a connection and stall the app. The same check runs here, on the
 * transaction's connection, before any row is locked; Payload still removes the document's lock
 * entry as the delete ends.
 */
export const checkEditLockInTransaction: CollectionBeforeOperationHook = async ({
  args,
  collection,
  operation,
  req,
}) => {
  const { id, overrideLock } = args as { id?: number | string; overrideLock?: boolean }
  if (operation !== 'delete' || id === undefined || overrideLock !== false) return args
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
    throw new Locked(`Document with ID ${id} is currently locked and cannot be deleted.`)
  }
  return { ...args, overrideLock: true }
}

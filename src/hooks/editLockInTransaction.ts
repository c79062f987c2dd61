import { Locked, type CollectionBeforeOperationHook } from 'payload'

/** Payload's default edit-lock duration (seconds); our collections do not change it. */
const LOCK_SECONDS = 300

/**
 * Deletes that lock rows first (a course, lesson or quiz locks its course row; a user's delete
 * locks what it cascades into) must not let Payload check the admin edit lock afterwards: Payload
 * runs that check on a separate pool connection when the request does not override locks (REST
 * and the admin do not), and with writers queued on the locked rows holding every pool connection
 * the delete would wait forever and stall the app. The same check runs here, inside the delete's
 * transaction, and Payload's is then skipped.
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

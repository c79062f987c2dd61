import { Locked, type CollectionBeforeOperationHook, type PayloadRequest } from 'payload'

import { execute, sql } from '../../../lib/sql'

/**
 * Lock order under a course: every writer (enroll, leave, complete a lesson, submit a quiz, add
 * cohort members) locks the course row first. Deleting a course, a lesson or a quiz takes the
 * course row's strongest lock (the one deleting the course needs) before touching anything else,
 * so those writers wait at their first step holding nothing: no deadlock, no lock upgrade, and no
 * new row can slip in under something being deleted.
 */
export async function lockCourseForDelete(req: PayloadRequest, courseId: string | undefined) {
  if (courseId) await execute(req, sql`select id from courses where id = ${courseId} for update`)
}

/** Payload's default edit-lock duration (seconds); Courses does not change it. */
const LOCK_SECONDS = 300

/**
 * Deleting a course, lesson or quiz locks the course row (lockCourseForDelete) before Payload
 * checks the admin edit lock. Payload runs that check on a separate pool connection when the
 * request does not override locks (REST and the admin do not): with writers queued on the course
 * row holding every pool connection, the delete would wait forever and stall the app. The same
 * check runs here, inside the delete's transaction, and Payload's is then skipped.
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

import { eq, inArray, sql, type SQL } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

import { execute, table, transactionDb, type Column, type ColumnOf, type Table } from './sql'

/**
 * Every row lock the app takes, and the one order it takes them in.
 *
 * LOCK ORDER. A transaction that locks rows of several kinds locks them in this order, and rows of
 * one kind taken together in id order:
 *
 *   0. cohorts        a cohort's members added in bulk (as a cohort's own update does, before
 *                     the courses its members are enrolled in)
 *   1. courses        (a cohort enrolling into several: in id order)
 *   2. purchases      a sale's completion or refund (after its course, before its enrollment)
 *   3. enrollments
 *   4. users          educator counters (a reassignment touches two: in id order); an educator's
 *                     balance (payouts); an institution's seats, after its cohort's courses
 *                     and educators
 *   5. communities
 *   6. posts
 *   7. comments
 *   8. live-streams   (nothing else is locked with them)
 *
 * Three rules make that order hold without every path knowing every other:
 * - Root first. Work under a course or a community locks that root before anything below it:
 *   enroll and leave `write` the course; completing a lesson or submitting a quiz takes the
 *   course's `keyShare` (it must not block enrollments), then `write`s the enrollment; joins and
 *   leaves `write` the community; a new post `share`s its community or course (posts go in
 *   parallel, a delete waits for them); a new comment `keyShare`s the post's community or course,
 *   then `write`s the post; a course review's write (create, edit, hide, reply, delete) `write`s
 *   its course first. A comment's foreign keys take KEY SHARE on that root anyway: taken
 *   first, it can never be the lock that closes a cycle with a delete holding the root.
 * - Deletes lock their root for `delete` (FOR UPDATE) before touching anything: deleting a course,
 *   a lesson or a quiz locks the course; deleting a community locks the community; a post delete
 *   locks the post; a comment delete `write`s its post and locks the comment. Every writer under
 *   that root waits at its first step holding nothing, so the cascade runs alone in its subtree:
 *   no deadlock, no lock upgrade, and no new row slips in under something being deleted.
 * - Counters are recounted under their parent's `write` lock in the writer's transaction
 *   (src/hooks/counters.ts), so they come last on each path (an educator's after the course).
 *
 * A row is locked once per transaction: asking again for a lock the transaction already holds (as
 * strong or stronger) sends nothing, so a course delete locks its course once, however many
 * lessons, quizzes and enrollments it takes along. A row the transaction itself deleted still
 * counts as held; nothing here locks a row after deleting it.
 *
 * Paths that touch several roots take them up front, in this order: a cohort enrolling into
 * several courses (enrollInCourses), a user's delete (removePersonalData), an enrollment's delete
 * (its course first: removeLearnerRecords). Outside this order: the outbox relay's claim
 * (FOR UPDATE SKIP LOCKED on outbox rows, src/jobs/relay.ts) never waits and locks nothing else.
 */

/** Row lock strengths, strongest first. */
export type LockMode =
  /** FOR UPDATE: the lock DELETE takes; conflicts with every other lock, KEY SHARE included. */
  | 'delete'
  /** FOR NO KEY UPDATE: the lock UPDATE takes; one writer at a time, foreign keys still pass. */
  | 'write'
  /** FOR SHARE: many at once, but no writer or delete meanwhile. */
  | 'share'
  /** FOR KEY SHARE: what a foreign key check takes; only a delete waits for it (and it for one). */
  | 'keyShare'

const CLAUSE = {
  delete: 'update',
  write: 'no key update',
  share: 'share',
  keyShare: 'key share',
} as const
const STRENGTH: Record<LockMode, number> = { keyShare: 1, share: 2, write: 3, delete: 4 }

/** The collections whose rows are locked (see the order above). */
export type Lockable =
  | 'cohorts'
  | 'courses'
  | 'purchases'
  | 'enrollments'
  | 'users'
  | 'communities'
  | 'posts'
  | 'comments'
  | 'live-streams'

/** Locks held by req's current transaction: `slug:id` → strongest mode. */
const held = new WeakMap<PayloadRequest, { transaction: unknown; locks: Map<string, number> }>()

async function heldLocks(req: PayloadRequest) {
  const transaction = req.transactionID ? await req.transactionID : undefined
  if (transaction === undefined || transaction === null) return null
  let entry = held.get(req)
  if (!entry || entry.transaction !== transaction) {
    entry = { transaction, locks: new Map() }
    held.set(req, entry)
  }
  return entry.locks
}

/**
 * Locks the rows of `slug` with these ids (in id order) and reads the named columns. Returns the
 * rows that exist.
 */
export async function lockAndRead<S extends Lockable, C extends ColumnOf<S>>(
  req: PayloadRequest,
  slug: S,
  ids: string[],
  mode: LockMode,
  columns: readonly C[] = [],
) {
  const sorted = [...new Set(ids)].sort()
  if (!sorted.length) return []
  const rows = table(req, slug, ['id', ...columns] as (C | 'id')[]) as unknown as Table<'id'>
  const pick = rows as unknown as Record<string, Column>
  const db = await transactionDb(req)
  const found = (await db
    .select(Object.fromEntries(['id', ...columns].map((c) => [c, pick[c]])))
    .from(rows)
    .where(sorted.length === 1 ? eq(rows.id, sorted[0]) : inArray(rows.id, sorted))
    .orderBy(rows.id)
    .for(CLAUSE[mode])) as unknown as ({ id: string } & Record<C, unknown>)[]
  const locks = await heldLocks(req)
  for (const row of found) {
    const key = `${slug}:${row.id}`
    if (locks && (locks.get(key) ?? 0) < STRENGTH[mode]) locks.set(key, STRENGTH[mode])
  }
  return found
}

/** Locks one row; false when it does not exist. */
export async function lockRow(
  req: PayloadRequest,
  slug: Lockable,
  id: string,
  mode: LockMode = 'write',
): Promise<boolean> {
  const locks = await heldLocks(req)
  if ((locks?.get(`${slug}:${id}`) ?? 0) >= STRENGTH[mode]) return true
  return (await lockAndRead(req, slug, [id], mode)).length > 0
}

/** Locks several rows of one kind, in id order; returns the ids that exist. */
export async function lockRows(
  req: PayloadRequest,
  slug: Lockable,
  ids: string[],
  mode: LockMode = 'write',
): Promise<string[]> {
  const locks = await heldLocks(req)
  const missing = ids.filter((id) => (locks?.get(`${slug}:${id}`) ?? 0) < STRENGTH[mode])
  const found = await lockAndRead(req, slug, missing, mode)
  const known = new Set([...ids.filter((id) => !missing.includes(id)), ...found.map((r) => r.id)])
  return [...new Set(ids)].filter((id) => known.has(id)).sort()
}

/**
 * The locks a learner's write takes under a course: the course's `keyShare` (enrollments go on;
 * a delete of the course, one of its lessons or quizzes waits, or is waited for), then the
 * enrollment's `write`, which serializes one student's completions, submissions and certificate.
 * Without `courseId` the enrollment's course is read first (it never changes). False when either
 * row is gone.
 */
export async function lockEnrollment(
  req: PayloadRequest,
  { courseId, enrollmentId }: { courseId?: string; enrollmentId: string },
) {
  if (!courseId) {
    const enrollments = table(req, 'enrollments', ['id', 'course'])
    const [row] = await (
      await transactionDb(req)
    )
      .select({ course: enrollments.course })
      .from(enrollments)
      .where(eq(enrollments.id, enrollmentId))
    courseId = row?.course ? String(row.course) : undefined
  }
  return Boolean(
    courseId &&
    (await lockRow(req, 'courses', courseId, 'keyShare')) &&
    (await lockRow(req, 'enrollments', enrollmentId, 'write')),
  )
}

/**
 * lockEnrollment and what must be read under its locks, in one statement (a learner's hot path):
 * a SELECT list's sub-queries run in order, so the course's `keyShare` is taken, then the
 * enrollment's `write`, then each of `reads` (scalar SQL, named) sees both held. Null when either
 * row is gone.
 */
export async function lockEnrollmentAndRead<R extends Record<string, unknown>>(
  req: PayloadRequest,
  { courseId, enrollmentId }: { courseId: string; enrollmentId: string },
  reads: { [K in keyof R]: SQL },
): Promise<R | null> {
  const columns = Object.entries(reads).map(
    ([name, read]) => sql`, (${read}) as ${sql.identifier(name)}`,
  )
  const [row] = await execute<R & { locked_course: boolean; locked_enrollment: boolean }>(
    req,
    sql`select
          (select true from courses where id = ${courseId} for ${sql.raw(CLAUSE.keyShare)})
            as locked_course,
          (select true from enrollments where id = ${enrollmentId} for ${sql.raw(CLAUSE.write)})
            as locked_enrollment
          ${sql.join(columns)}`,
  )
  if (!row?.locked_course || !row.locked_enrollment) return null
  const locks = await heldLocks(req)
  for (const [key, mode] of [
    [`courses:${courseId}`, 'keyShare'],
    [`enrollments:${enrollmentId}`, 'write'],
  ] as const) {
    if (locks && (locks.get(key) ?? 0) < STRENGTH[mode]) locks.set(key, STRENGTH[mode])
  }
  return row
}

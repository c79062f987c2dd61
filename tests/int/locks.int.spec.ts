import { eq, sql } from '@payloadcms/db-postgres/drizzle'
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { createLocalReq, initTransaction, killTransaction, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { lockRow } from '../../src/lib/locks'
import { execute, table, transactionDb } from '../../src/lib/sql'
import { createCommunity, createPost, deleteCommunities, join, rows } from '../helpers/communities'
import {
  buildCourse,
  completeLesson,
  deleteCourses,
  enroll,
  THREE_QUESTIONS,
} from '../helpers/courses'
import { api } from '../helpers/http'
import { getTestPayload } from '../helpers/payload'
import { createUser, deleteUsers, type TestUser } from '../helpers/users'
import { until } from '../helpers/wait'

let payload: Payload
let admin: TestUser
let educator: TestUser
let student: TestUser
const courseIds: string[] = []
const communityIds: string[] = []

beforeAll(async () => {
  payload = await getTestPayload()
  ;[admin, educator, student] = await Promise.all([
    createUser(payload, 'admin'),
    createUser(payload, 'educator'),
    createUser(payload, 'student'),
  ])
})

afterAll(async () => {
  await deleteCommunities(payload, communityIds)
  await deleteCourses(payload, courseIds)
  await deleteUsers(payload, admin, educator, student)
})

/** The SQL text of every statement the app sends while fn runs. */
async function statements<T>(fn: () => Promise<T>) {
  type Query = (this: unknown, ...args: unknown[]) => unknown
  const pool = (payload.db as unknown as { pool: { Client: { prototype: { query: Query } } } }).pool
  const proto = pool.Client.prototype
  const original = proto.query
  const seen: string[] = []
  proto.query = function (this: unknown, ...args: unknown[]) {
    const [query] = args
    const text = typeof query === 'string' ? query : (query as { text?: string })?.text
    if (text) seen.push(text)
    return original.apply(this, args)
  }
  try {
    return { result: await fn(), seen }
  } finally {
    proto.query = original
  }
}

const rowLocksOn = (seen: string[], table: string) =>
  seen.filter((s) =>
    new RegExp(`from "${table}" .* for (update|no key update|share|key share)$`, 'i').test(s),
  )

describe('the one seam to the adapter (src/lib/sql.ts transactionDb)', () => {
  // If a Payload upgrade moves the transaction's drizzle handle, this is the test that says so.
  it("runs raw SQL inside the request's transaction: sees its uncommitted writes, rolls back with it", async () => {
    const req = await createLocalReq({}, payload)
    expect(await initTransaction(req)).toBe(true)
    const eventId = `seam-${randomUUID()}`
    const doc = await payload.create({
      collection: 'webhook-events',
      data: { provider: 'mux', eventId, type: 'seam.test' },
      overrideAccess: true,
      req,
    })
    const events = table(req, 'webhook-events', ['id', 'eventId', 'outcome'])
    const db = await transactionDb(req)
    // The Local API's uncommitted row is visible through the seam...
    const inside = await db
      .select({ id: events.id })
      .from(events)
      .where(eq(events.eventId, eventId))
    expect(inside.map((r) => r.id)).toEqual([doc.id])
    // ...and a raw write through the seam is part of the same transaction.
    await db.update(events).set({ outcome: 'raw' }).where(eq(events.id, doc.id))
    const [read] = await execute<{ outcome: string }>(
      req,
      sql`select ${events.outcome} as outcome from ${events} where ${events.id} = ${doc.id}`,
    )
    expect(read.outcome).toBe('raw')
    // Outside the transaction nothing exists yet.
    expect(await rows(payload, sql`select 1 from webhook_events where id = ${doc.id}`)).toEqual([])

    await killTransaction(req)
    expect(await rows(payload, sql`select 1 from webhook_events where id = ${doc.id}`)).toEqual([])
  })

  it("takes row locks on the request's own connection: another connection cannot lock the row", async () => {
    const { course } = await buildCourse(educator.token, { publish: false })
    courseIds.push(course.id)
    const req = await createLocalReq({}, payload)
    await initTransaction(req)
    try {
      expect(await lockRow(req, 'courses', course.id, 'delete')).toBe(true)
      await expect(
        rows(payload, sql`select id from courses where id = ${course.id} for update nowait`),
      ).rejects.toMatchObject({ cause: { code: '55P03' } })
    } finally {
      await killTransaction(req)
    }
    // Released with the transaction.
    expect(
      await rows(payload, sql`select id from courses where id = ${course.id} for update nowait`),
    ).toHaveLength(1)
  })

  it('refuses a transaction id the adapter does not know instead of falling back to the pool', async () => {
    const req = await createLocalReq({}, payload)
    req.transactionID = `gone-${randomUUID()}`
    await expect(transactionDb(req)).rejects.toThrow(/sessions/)
  })

  it('names columns from the schema: an unknown column fails before any SQL runs', async () => {
    const req = await createLocalReq({}, payload)
    expect(() =>
      table(req, 'courses', ['totalEnrollments', 'noSuchColumn' as 'totalEnrollments']),
    ).toThrow(/courses has no column "noSuchColumn"/)
  })
})

describe('lock order (src/lib/locks.ts)', () => {
  it('locks a course once when deleting it with its lessons, quiz, enrollments and discussion', async () => {
    const built = await buildCourse(educator.token, { quiz: { questions: THREE_QUESTIONS } })
    courseIds.push(built.course.id)
    await enroll(student.token, built.course.id)
    const done = await completeLesson(student.token, built.course.id, built.lessons[0].id)
    expect(done.status).toBe(200)
    const post = await api('POST', `/api/courses/${built.course.id}/discussions`, {
      token: student.token,
      body: { content: 'Before the course goes' },
    })
    expect(post.status).toBe(201)

    const { result: res, seen } = await statements(() =>
      api('DELETE', `/api/courses/${built.course.id}`, { token: educator.token }),
    )
    expect(res.status).toBe(200)
    const locks = rowLocksOn(seen, 'courses')
    expect(locks).toHaveLength(1)
    expect(locks[0]).toMatch(/for update$/i)
    const left = await rows<{ n: number }>(
      payload,
      sql`select (select count(*)::int from lessons where course_id = ${built.course.id})
        + (select count(*)::int from enrollments where course_id = ${built.course.id})
        + (select count(*)::int from posts where course_id = ${built.course.id}) as n`,
    )
    expect(left[0].n).toBe(0)
  })

  it('a lesson completion waits on its course before it holds the enrollment (root first, one statement)', async () => {
    const built = await buildCourse(educator.token, { lessons: [{}] })
    courseIds.push(built.course.id)
    const enrollment = await enroll(student.token, built.course.id)
    const connect = async () => {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
      await client.connect()
      return client
    }
    const [deleting, probe] = [await connect(), await connect()]
    try {
      // As a course delete does: FOR UPDATE on the course, held.
      await deleting.query('begin')
      await deleting.query('select id from courses where id = $1 for update', [built.course.id])
      const completing = completeLesson(student.token, built.course.id, built.lessons[0].id)
      await until(
        async () =>
          (
            await probe.query(`select 1 from pg_stat_activity
                               where wait_event_type = 'Lock' and query like '%locked_course%'`)
          ).rowCount,
        { timeoutMs: 10_000, what: 'the completion to wait on the course' },
      )
      // Waiting on the course, it holds nothing below it: the enrollment is free.
      await probe.query('begin')
      const free = await probe.query('select id from enrollments where id = $1 for update nowait', [
        enrollment.id,
      ])
      expect(free.rowCount).toBe(1)
      await probe.query('rollback')
      await deleting.query('rollback')
      expect((await completing).status).toBe(200)
    } finally {
      await deleting.end()
      await probe.end()
    }
  })

  it('locks a community once when deleting it with its posts and members', async () => {
    const community = await createCommunity(admin.token)
    communityIds.push(community.id)
    await join(student.token, community.id)
    await createPost(student.token, community.id)
    await createPost(student.token, community.id)
    const { result: res, seen } = await statements(() =>
      api('DELETE', `/api/communities/${community.id}`, { token: admin.token }),
    )
    expect(res.status).toBe(200)
    const locks = rowLocksOn(seen, 'communities')
    expect(locks).toHaveLength(1)
    expect(locks[0]).toMatch(/for update$/i)
  })
})

describe('one edit-lock policy (src/hooks/editLockInTransaction.ts)', () => {
  /** What the admin UI records when someone opens a document for editing. */
  const openInAdmin = (collection: 'posts' | 'communities', id: string, by: TestUser) =>
    payload.create({
      collection: 'payload-locked-documents',
      data: {
        document: { relationTo: collection, value: id },
        user: { relationTo: 'users', value: by.user.id },
      },
      overrideAccess: true,
    })

  it('refuses to delete a community post someone else is editing (423), in the delete transaction', async () => {
    const community = await createCommunity(admin.token)
    communityIds.push(community.id)
    await join(student.token, community.id)
    const post = await createPost(student.token, community.id)
    const lock = await openInAdmin('posts', post.id, admin)

    const refused = await api('DELETE', `/api/posts/${post.id}`, { token: student.token })
    expect(refused.status).toBe(423)
    const still = await api('GET', `/api/posts/${post.id}`, { token: student.token })
    expect(still.status).toBe(200)

    // The lock holder may delete it; so may anyone once the lock is gone.
    await payload.delete({
      collection: 'payload-locked-documents',
      id: lock.id,
      overrideAccess: true,
    })
    const deleted = await api('DELETE', `/api/posts/${post.id}`, { token: student.token })
    expect(deleted.status).toBe(200)
  })

  it('applies to communities too: the editing admin deletes, another admin waits', async () => {
    const other = await createUser(payload, 'admin')
    try {
      const community = await createCommunity(admin.token)
      communityIds.push(community.id)
      await openInAdmin('communities', community.id, admin)
      const refused = await api('DELETE', `/api/communities/${community.id}`, {
        token: other.token,
      })
      expect(refused.status).toBe(423)
      const deleted = await api('DELETE', `/api/communities/${community.id}`, {
        token: admin.token,
      })
      expect(deleted.status).toBe(200)
    } finally {
      await deleteUsers(payload, other)
    }
  })

  it('checks an update in its own transaction: more parallel edits than pool connections all finish', async () => {
    const community = await createCommunity(admin.token)
    communityIds.push(community.id)
    await join(student.token, community.id)
    const post = await createPost(student.token, community.id)
    const lock = await openInAdmin('posts', post.id, admin)
    const refused = await api('PATCH', `/api/posts/${post.id}`, {
      token: student.token,
      body: { content: 'edited while an admin has it open' },
    })
    expect(refused.status).toBe(423)
    await payload.delete({
      collection: 'payload-locked-documents',
      id: lock.id,
      overrideAccess: true,
    })

    // Payload's own check took a second pool connection while the update's transaction held one:
    // with more such requests than connections, every one of them waited forever.
    const edits = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        api('PATCH', `/api/posts/${post.id}`, {
          token: student.token,
          body: { content: `edit ${i}` },
        }),
      ),
    )
    expect(edits.map((e) => e.status)).toEqual(Array(30).fill(200))
  }, 60_000)
})

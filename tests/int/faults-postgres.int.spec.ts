import { randomUUID } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { getPayload, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createDatabaseIfMissing, startEmbeddedPostgres } from '../../scripts/lib/database.mjs'
import { applyMigrations } from '../../src/lib/migrations'
import { recordFaults } from '../helpers/faults'
import type { api as apiFn } from '../helpers/http'
import { createUser, type TestUser } from '../helpers/users'

// This suite stops Postgres, so it runs on a cluster of its own: the run's cluster serves every
// other suite at the same time.
let cluster: Awaited<ReturnType<typeof startEmbeddedPostgres>>
let databaseUrl: string
let payload: Payload
let api: typeof apiFn
let educator: TestUser

beforeAll(async () => {
  const dataDir = path.join(os.tmpdir(), `readylab-faults-pg-${process.pid}-${Date.now()}`)
  cluster = await startEmbeddedPostgres({ dataDir, persistent: false, log: () => {} })
  const url = new URL(cluster.url)
  await createDatabaseIfMissing(url.toString(), 'readylab_faults')
  url.pathname = '/readylab_faults'
  databaseUrl = url.toString()
  // The app (config, pool, HTTP handlers) is loaded only now, on this cluster; it migrates the
  // empty database the way `npm run worker` does, then starts (its outbox relay included).
  process.env.DATABASE_URL = databaseUrl
  const { default: config } = await import('../../src/payload.config')
  payload = await getPayload({ config, disableOnInit: true })
  await applyMigrations(payload)
  await payload.config.onInit?.(payload)
  ;({ api } = await import('../helpers/http'))
  await createUser(payload, 'admin') // the first account of a database is its admin
  educator = await createUser(payload, 'educator')
}, 120_000)

afterAll(async () => {
  await payload?.destroy()
  await cluster?.stop()
})

type Attempt = { title: string; status: number; id?: string; ms: number; at: number }

/** Stored course titles by id, read straight from Postgres (not through the app under test). */
async function storedCourses(ids: string[]) {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const { rows } = await client.query<{ id: string; title: string }>(
      'select id, title from courses where id = any($1::uuid[])',
      [ids],
    )
    return new Map(rows.map((r) => [r.id, r.title]))
  } finally {
    await client.end()
  }
}

describe('Postgres stopped and restarted under load', () => {
  it('the app recovers without a restart and every acknowledged write is stored', async () => {
    const attempts: Attempt[] = []
    let writing = true
    const writer = async () => {
      while (writing) {
        const title = `Fault course ${randomUUID()}`
        const started = Date.now()
        const res = await api('POST', '/api/courses', {
          token: educator.token,
          body: { title, courseType: 'microlearning' },
        })
        attempts.push({
          title,
          status: res.status,
          id: res.body?.doc?.id,
          ms: Date.now() - started,
          at: started,
        })
        // A failed write is retried by the client a little later, as a frontend would.
        if (res.status >= 300) await new Promise((resolve) => setTimeout(resolve, 50))
      }
    }
    const writers = Array.from({ length: 4 }, writer)

    const okSince = (since: number) =>
      attempts.filter((a) => a.at >= since && a.status === 201).length
    const waitFor = async (condition: () => boolean, what: string, timeoutMs = 20_000) => {
      const deadline = Date.now() + timeoutMs
      while (!condition()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    }

    const start = Date.now()
    await waitFor(() => okSince(start) >= 10, 'writes before the outage')
    const haltedAt = Date.now()
    await cluster.halt()
    // Down for two seconds while the writers keep going; the app must answer, not hang.
    await new Promise((resolve) => setTimeout(resolve, 2_000))
    const readyDuringOutage = await api('GET', '/api/ready')
    await cluster.resume()
    const resumedAt = Date.now()
    // Same process, same Payload instance: it must serve writes again by itself.
    await waitFor(() => okSince(resumedAt) >= 10, 'writes after the restart')
    writing = false
    await Promise.all(writers)

    const acknowledged = attempts.filter((a) => a.status === 201)
    const stored = await storedCourses(acknowledged.map((a) => a.id!))
    const kept = acknowledged.filter((a) => stored.get(a.id!) === a.title)
    const failed = attempts.filter((a) => a.status !== 201)
    const duringOutage = attempts.filter((a) => a.at >= haltedAt && a.at < resumedAt)

    recordFaults('postgres-restart', {
      faults: ['postgres fast shutdown for 2 s under 4 concurrent writers, then restarted'],
      acknowledged: acknowledged.length,
      stored: kept.length,
      details: {
        attempts: attempts.length,
        failedStatuses: [...new Set(failed.map((a) => a.status))],
        failed: failed.length,
        slowestMs: Math.max(...attempts.map((a) => a.ms)),
        readyDuringOutage: readyDuringOutage.status,
      },
    })

    // Zero lost: every 201 is in the database with the title it was sent with.
    expect(kept).toHaveLength(acknowledged.length)
    // The outage was felt, and answered with 503 ("try again"), never a hang or a 500.
    expect(duringOutage.length).toBeGreaterThan(0)
    expect(failed.length).toBeGreaterThan(0)
    expect(new Set(failed.map((a) => a.status))).toEqual(new Set([503]))
    expect(Math.max(...attempts.map((a) => a.ms))).toBeLessThan(5_000)
    expect(readyDuringOutage.status).toBe(503)
    expect(readyDuringOutage.body.checks.database.ok).toBe(false)

    // Recovered: reads, authenticated reads and readiness all answer again.
    expect((await api('GET', '/api/ready')).status).toBe(200)
    const mine = await api('GET', `/api/courses?where[educator][equals]=${educator.user.id}`, {
      token: educator.token,
    })
    expect(mine.status).toBe(200)
    // A write may commit and lose its answer in the outage: at least every acknowledged one is there.
    expect(mine.body.totalDocs).toBeGreaterThanOrEqual(acknowledged.length)
  })
})

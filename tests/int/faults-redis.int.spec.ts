import { Queue } from 'bullmq'
import { randomUUID } from 'node:crypto'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { QUEUES } from '../../src/jobs/definition'
import { startWorkers, type RunningWorkers } from '../../src/jobs/worker'
import { certificateJobKey } from '../../src/services/certificates/issue'
import {
  courseForFaults,
  enrollmentForFaults,
  isolatedPayload,
  recordFaults,
} from '../helpers/faults'
import type { api as apiFn } from '../helpers/http'
import { until } from '../helpers/wait'
import { startRedisServer } from '../setup/redis'

// This suite stops Redis, so it has a redis-server of its own, and a database of its own (other
// suites' relays must not take its outbox rows).
let redis: Awaited<ReturnType<typeof startRedisServer>>
let payload: Payload
let api: typeof apiFn
let workers: RunningWorkers
let queues: Queue[]
let courseId: string

const AUTH_MAX = 3

beforeAll(async () => {
  redis = await startRedisServer()
  process.env.REDIS_URL = redis.url
  process.env.JOB_BACKOFF_MS = '200'
  process.env.RATE_LIMIT_AUTH_MAX = String(AUTH_MAX)
  ;({ payload } = await isolatedPayload('faults_redis'))
  ;({ api } = await import('../helpers/http'))
  workers = startWorkers(payload, { redisUrl: redis.url })
  queues = QUEUES.map((name) => {
    const queue = new Queue(name, { connection: { url: redis.url, maxRetriesPerRequest: null } })
    queue.on('error', () => {})
    return queue
  })
  courseId = await courseForFaults(payload, 'Faults course')
}, 120_000)

afterAll(async () => {
  await workers?.close()
  for (const queue of queues ?? []) await queue.close()
  await payload?.destroy()
  await redis?.stop()
  delete process.env.REDIS_URL
})

const newEnrollment = () => enrollmentForFaults(payload, courseId)

const outboxRow = async (key: string) =>
  (
    await payload.find({
      collection: 'outbox',
      where: { key: { equals: key } },
      depth: 0,
      overrideAccess: true,
    })
  ).docs

const certificatesOf = async (enrollmentIds: string[]) =>
  (
    await payload.find({
      collection: 'certifications',
      where: { enrollment: { in: enrollmentIds } },
      depth: 0,
      limit: 100,
    })
  ).docs

describe('Redis down', () => {
  it('rate-limited requests answer at once, limited per instance in memory, and Redis counts again once back', async () => {
    const ip = `198.51.100.${Math.floor(Math.random() * 250)}`
    const login = async () => {
      const started = Date.now()
      const res = await api('POST', '/api/users/login', {
        ip,
        body: { email: `nobody-${randomUUID()}@test.readylab`, password: 'wrong-password' },
      })
      return { status: res.status, ms: Date.now() - started }
    }
    // Up: the count lives in Redis.
    expect((await login()).status).toBe(401)
    const probe = new Queue('probe', { connection: { url: redis.url } })
    const client = await probe.client
    expect(await client.get(`ratelimit:auth:${ip}`)).toBe('1')
    await probe.close()

    await redis.halt()
    const down: { status: number; ms: number }[] = []
    for (let i = 0; i < AUTH_MAX + 2; i++) down.push(await login())
    // Each answer within the command timeout (1 s) plus the request itself, never a hang.
    expect(Math.max(...down.map((d) => d.ms))).toBeLessThan(3_000)
    // Documented degradation: this instance counts in memory, so limits still apply (fail open
    // only across instances), and the count starts again from zero.
    expect(down.map((d) => d.status)).toEqual([401, 401, 401, 429, 429])

    await redis.resume()
    // Back: the shared count in Redis again (it lost the old window with the restart).
    await until(async () => (await login()).status === 401, { what: 'Redis counting again' })

    recordFaults('redis-down-rate-limit', {
      faults: ['redis-server stopped during rate-limited requests, then restarted'],
      acknowledged: down.length,
      stored: down.length,
      details: {
        statuses: down.map((d) => d.status),
        slowestMs: Math.max(...down.map((d) => d.ms)),
      },
    })
  })

  it('jobs queued while Redis is down stay in the outbox and run exactly once when it is back', async () => {
    const enrollmentIds = await Promise.all(Array.from({ length: 4 }, newEnrollment))
    await redis.halt()
    const downSince = Date.now()
    // Completing a course writes its certificate job to the outbox in the same transaction;
    // the change is acknowledged without Redis.
    for (const id of enrollmentIds) {
      const started = Date.now()
      await payload.update({
        collection: 'enrollments',
        id,
        data: { completedAt: new Date().toISOString(), progressPercentage: 100 },
      })
      expect(Date.now() - started).toBeLessThan(3_000)
    }
    // The relay tries, Redis refuses: the rows stay pending with the reason, nothing runs.
    await until(
      async () => {
        const rows = await Promise.all(enrollmentIds.map((id) => outboxRow(certificateJobKey(id))))
        return rows.every((r) => r[0]?.attempts >= 1)
      },
      { what: 'the relay to try while Redis is down' },
    )
    for (const id of enrollmentIds) {
      expect(await outboxRow(certificateJobKey(id))).toMatchObject([
        { status: 'pending', lastError: expect.stringMatching(/Redis|connect|Connection/i) },
      ])
    }
    expect(await certificatesOf(enrollmentIds)).toHaveLength(0)
    const downForMs = Date.now() - downSince

    await redis.resume()
    await until(
      async () => {
        const certificates = await certificatesOf(enrollmentIds)
        return (
          certificates.length === enrollmentIds.length && certificates.every((c) => c.emailedAt)
        )
      },
      { what: 'the certificates and their emails', timeoutMs: 30_000 },
    )
    const certificates = await certificatesOf(enrollmentIds)
    expect(new Set(certificates.map((c) => c.enrollment))).toEqual(new Set(enrollmentIds))
    // Exactly once: one BullMQ job per enrollment, which created the certificate; one PDF each.
    const certificateQueue = queues[QUEUES.indexOf('certificates')]
    for (const id of enrollmentIds) {
      const job = await certificateQueue.getJob(certificateJobKey(id))
      expect(await job?.isCompleted()).toBe(true)
      expect(job?.returnvalue).toMatchObject({ created: true })
      expect(await outboxRow(certificateJobKey(id))).toMatchObject([{ status: 'sent' }])
    }
    const files = await payload.count({ collection: 'certificate-files', overrideAccess: true })
    expect(files.totalDocs).toBe(enrollmentIds.length)
    expect(certificates.every((c) => c.pdf)).toBe(true)

    recordFaults('redis-down-jobs', {
      faults: [
        `redis-server stopped for ${Math.round(downForMs / 1000)} s while 4 courses were completed`,
      ],
      acknowledged: enrollmentIds.length,
      stored: certificates.length,
      details: { pdfs: files.totalDocs },
    })
  })
})

import { Queue } from 'bullmq'
import type { ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import pg from 'pg'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { QUEUES } from '../../src/jobs/definition'
import type { Certification } from '../../src/payload-types'
import { certificateJobKey } from '../../src/services/certificates/issue'
import { sentEmails } from '../../src/services/email'
import { startFakeS3, type FakeS3 } from '../fakes/s3'
import { isolatedPayload, isolatedRedisUrl } from '../helpers/faults'
import { startScript } from '../helpers/processes'
import { until } from '../helpers/wait'

// Two app instances and two workers on one Postgres, one Redis and one bucket:
//   instance A = this test process (the route handlers Next serves, called in-process);
//   instance B = tests/helpers/appServer.ts, its own process behind a loopback port, whose reads go
//                through a "read replica" (the primary again: it proves the option is wired);
//   two `npm run worker` processes, both running the schedules (every second) and relays.
// Its own database and Redis database: other suites' relays must not take its jobs.
let s3: FakeS3
let payload: Payload
let databaseUrl: string
let redisUrl: string
let queues: Queue[] = []
let instanceB: string
const children: ChildProcess[] = []
let http: typeof import('../helpers/http')
let users: typeof import('../helpers/users')
let courses: typeof import('../helpers/courses')

const AUTH_LIMIT = 3

function start(script: string, env: Record<string, string>, readyWhen: RegExp) {
  const { child, ready } = startScript(script, env, readyWhen)
  children.push(child)
  return ready
}

beforeAll(async () => {
  s3 = await startFakeS3()
  Object.assign(process.env, s3.env)
  redisUrl = isolatedRedisUrl(13)
  process.env.REDIS_URL = redisUrl
  process.env.RATE_LIMIT_AUTH_MAX = String(AUTH_LIMIT)
  ;({ payload, databaseUrl } = await isolatedPayload('scale_out'))
  queues = QUEUES.map((name) => new Queue(name, { connection: { url: redisUrl } }))
  await Promise.all(queues.map((queue) => queue.obliterate({ force: true })))
  const worker = {
    SCHEDULES: 'true',
    // Every second in both workers: each minute's slot must still be queued (and run) once.
    ANALYTICS_ROLLUP_CRON: '* * * * * *',
  }
  const [[, port]] = await Promise.all([
    start(
      'tests/helpers/appServer.ts',
      { SCHEDULES: 'false', DATABASE_READ_REPLICA_URLS: databaseUrl },
      /listening (\d+)/,
    ),
    start('src/jobs/run-worker.ts', worker, /\[worker\] consuming/),
    start('src/jobs/run-worker.ts', worker, /\[worker\] consuming/),
  ])
  instanceB = `http://127.0.0.1:${port}`
  http = await import('../helpers/http')
  users = await import('../helpers/users')
  courses = await import('../helpers/courses')
}, 240_000)

afterAll(async () => {
  await Promise.all(
    children.map(async (child) => {
      if (child.exitCode !== null) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
      await once(child, 'exit')
      clearTimeout(timer)
    }),
  )
  for (const queue of queues) {
    await queue.obliterate({ force: true }).catch(() => {})
    await queue.close()
  }
  await payload?.destroy()
  await s3?.stop()
  for (const name of [...Object.keys(s3?.env ?? {}), 'REDIS_URL', 'RATE_LIMIT_AUTH_MAX'])
    delete process.env[name]
}, 60_000)

/** A request to instance B over loopback HTTP. */
const onB = (
  method: string,
  route: string,
  options: { token?: string; body?: unknown; ip?: string } = {},
) =>
  fetch(new URL(route, instanceB), {
    method,
    headers: {
      ...(options.token ? { Authorization: `JWT ${options.token}` } : {}),
      ...(options.body ? { 'Content-Type': 'application/json' } : {}),
      'x-forwarded-for': options.ip ?? http.uniqueIp(),
    },
    body: options.body ? JSON.stringify(options.body) : undefined,
  })

async function rows<T extends pg.QueryResultRow>(text: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    return (await client.query<T>(text, values)).rows
  } finally {
    await client.end()
  }
}

describe('two app instances and two workers', () => {
  it('each scheduled slot is queued once and its job runs once, though both workers tick every second', async () => {
    await until(
      async () =>
        (await rows(`select 1 from outbox where key like 'analytics-rollup-%' and status = 'sent'`))
          .length > 0,
      { what: 'a scheduled rollup', timeoutMs: 30_000 },
    )
    // Both workers keep ticking for a few more seconds.
    await new Promise((resolve) => setTimeout(resolve, 3000))
    const slots = await rows<{ key: string; n: number; attempts: number }>(
      `select key, count(*)::int as n, max(attempts)::int as attempts from outbox
        where key like 'analytics-rollup-%' group by key`,
    )
    expect(slots.length).toBeGreaterThan(0)
    for (const slot of slots) expect(slot).toMatchObject({ n: 1, attempts: 1 })
    const analytics = queues[QUEUES.indexOf('analytics')]
    for (const slot of slots) {
      await until(async () => (await analytics.getJob(slot.key))?.finishedOn, {
        what: `the ${slot.key} run`,
      })
      const job = await analytics.getJob(slot.key)
      expect(job?.attemptsMade).toBe(1)
      expect(await job?.isCompleted()).toBe(true)
    }
  })

  it('outbox rows committed through either instance are relayed once: one certificate, one email each, downloadable from either instance', async () => {
    const [educator, admin] = await Promise.all([
      users.createUser(payload, 'educator'),
      users.createUser(payload, 'admin'),
    ])
    const course = await payload.create({
      collection: 'courses',
      data: { title: 'Scale-out course', courseType: 'microlearning', educator: educator.user.id },
    })
    const students = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        users.createUser(payload, 'student', { fullName: `Scale Student ${i}` }),
      ),
    )
    const enrollments = await Promise.all(
      students.map((student) =>
        payload.create({
          collection: 'enrollments',
          data: {
            student: student.user.id,
            course: course.id,
            source: 'admin',
            enrolledAt: new Date().toISOString(),
          },
        }),
      ),
    )
    // Completed at once from both instances: every relay (A, B and both workers') is woken.
    await Promise.all(
      enrollments.map((enrollment, i) =>
        i % 2
          ? payload.update({
              collection: 'enrollments',
              id: enrollment.id,
              data: { completedAt: new Date().toISOString(), progressPercentage: 100 },
            })
          : onB('PATCH', `/api/enrollments/${enrollment.id}`, {
              token: admin.token,
              body: { completedAt: new Date().toISOString(), progressPercentage: 100 },
            }).then(async (res) => expect(res.status, await res.text()).toBe(200)),
      ),
    )
    const certificates: Certification[] = []
    await until(
      async () => {
        certificates.length = 0
        for (const enrollment of enrollments) {
          const { docs } = await payload.find({
            collection: 'certifications',
            where: { enrollment: { equals: enrollment.id } },
            depth: 0,
          })
          if (docs[0]?.emailedAt) certificates.push(docs[0])
        }
        return certificates.length === enrollments.length
      },
      { what: 'every certificate and its email', timeoutMs: 90_000 },
    )
    const certificateQueue = queues[QUEUES.indexOf('certificates')]
    for (const enrollment of enrollments) {
      const key = certificateJobKey(enrollment.id)
      // One row, handed over (a delivery Redis refused is retried under the same job id)...
      expect(await rows(`select status from outbox where key = $1`, [key])).toEqual([
        { status: 'sent' },
      ])
      // ...and its job ran once, and created the certificate. (A worker whose job lock lapses on a
      // starved machine has its job run again: WORKER_LOCK_MS stays at its 30 s default here.)
      const job = await certificateQueue.getJob(key)
      expect(job?.attemptsMade).toBe(1)
      expect(job?.returnvalue).toMatchObject({ created: true })
      expect(
        (await rows(`select 1 from certifications where enrollment_id = $1`, [enrollment.id]))
          .length,
      ).toBe(1)
    }
    for (const student of students) {
      const emails = sentEmails().filter(
        (email) => email.to === student.email && /certificate/i.test(email.subject),
      )
      expect(emails).toHaveLength(1)
    }

    for (const [i, certificate] of certificates.entries()) {
      const token = students.find((s) => s.user.id === certificate.student)!.token
      const file = await payload.findByID({
        collection: 'certificate-files',
        id: String(certificate.pdf),
      })
      const stored = await s3.bytes(`certificate-files/${file.filename}`)
      expect(stored?.subarray(0, 5).toString()).toBe('%PDF-')
      const route = `/api/certifications/${certificate.id}/download`
      const fromA = await http.apiRaw('POST', route, { token })
      const fromB = await onB('POST', route, { token })
      expect([fromA.status, fromB.status]).toEqual([200, 200])
      expect(Buffer.from(await fromA.arrayBuffer()).equals(stored!), `A, certificate ${i}`).toBe(
        true,
      )
      expect(Buffer.from(await fromB.arrayBuffer()).equals(stored!), `B, certificate ${i}`).toBe(
        true,
      )
    }
  }, 150_000)

  it('rate limits are shared: the auth limit counts logins on both instances together', async () => {
    const ip = http.uniqueIp()
    const body = { email: 'nobody-scale-out@test.readylab', password: 'wrong-password' }
    const statuses: number[] = []
    for (let i = 0; i < AUTH_LIMIT * 2; i++) {
      const res =
        i % 2
          ? await onB('POST', '/api/users/login', { body, ip })
          : await http.api('POST', '/api/users/login', { body, ip })
      statuses.push(res.status)
    }
    expect(statuses.slice(0, AUTH_LIMIT).every((status) => status !== 429)).toBe(true)
    expect(statuses.slice(AUTH_LIMIT)).toEqual(Array(AUTH_LIMIT).fill(429))
  })

  it('a catalog change through one instance reaches the other instance’s cache at once', async () => {
    const educator = await users.createUser(payload, 'educator')
    const marker = `scaleout${Date.now()}`
    const built = await courses.buildCourse(educator.token, {
      course: { title: `Catalog ${marker}` },
    })
    const explore = async () => {
      const res = await onB('GET', `/api/courses/explore?q=${marker}`)
      expect(res.status).toBe(200)
      return ((await res.json()) as { docs: { id: string; title: string }[] }).docs
    }
    // B computes the page and keeps it.
    expect((await explore()).map((c) => c.title)).toEqual([`Catalog ${marker}`])
    expect((await explore()).map((c) => c.title)).toEqual([`Catalog ${marker}`])

    // A renames it: B's cached page must not be served any more.
    const renamed = await http.api('PUT', `/api/courses/${built.course.id}`, {
      token: educator.token,
      body: { title: `Renamed ${marker}` },
    })
    expect(renamed.status).toBe(200)
    expect((await explore()).map((c) => c.title)).toEqual([`Renamed ${marker}`])
  })
})

import { Queue } from 'bullmq'
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { once } from 'node:events'
import path from 'node:path'
import {
  createLocalReq,
  getPayload,
  initTransaction,
  killTransaction,
  type Payload,
  type PayloadRequest,
} from 'payload'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { createDatabaseIfMissing, projectRoot } from '../../scripts/lib/database.mjs'
import { migrateAndVerify } from '../../scripts/lib/run.mjs'
import { jobs } from '../../src/jobs'
import { enqueue } from '../../src/jobs/enqueue'
import { logContext, requestContext } from '../../src/lib/requestContext'
import { QUEUES, type JobDefinition } from '../../src/jobs/definition'
import { startRelay } from '../../src/jobs/relay'
import {
  createBullMQTransport,
  createInlineTransport,
  setJobTransport,
} from '../../src/jobs/transport'
import { startWorkers, type RunningWorkers } from '../../src/jobs/worker'
import { certificateJobKey } from '../../src/services/certificates/issue'
import { isolatedRedisUrl } from '../helpers/faults'
import { until } from '../helpers/wait'

// This suite has its own database and Redis database: suites share the main ones, and every test
// process runs a relay, which would take (and run) this suite's rows.
let databaseUrl: string
let redisUrl: string
// Two Payload instances, each with its own pool and relay: two app processes, as far as the
// database can tell.
let a: Payload
let b: Payload
let courseId: string

/** A job whose every run leaves a mark, so a second run of one row would show. */
const runs: string[] = []
const countJob: JobDefinition<{ marker: string }> = {
  queue: 'email',
  handler: async ({ marker }) => {
    runs.push(marker)
  },
}
/** Records what the log lines of a running job would carry. */
const contexts: Record<string, string>[] = []
const contextJob: JobDefinition<Record<string, never>> = {
  queue: 'email',
  handler: async () => {
    contexts.push(logContext())
  },
}
const testJobs = { ...jobs, 'test.count': countJob, 'test.context': contextJob }

beforeAll(async () => {
  const server = new URL(inject('databaseUrl'))
  const name = `readylab_test_outbox_${process.pid}_${Date.now()}`
  await createDatabaseIfMissing(server.toString(), name)
  server.pathname = `/${name}`
  databaseUrl = server.toString()
  await migrateAndVerify(databaseUrl, { PAYLOAD_LOG_LEVEL: 'warn' })
  redisUrl = isolatedRedisUrl(9)

  process.env.DATABASE_URL = databaseUrl
  // Relays start when a test says so.
  process.env.OUTBOX_RELAY = 'false'
  const { default: config } = await import('../../src/payload.config')
  a = await getPayload({ config })
  b = await getPayload({ config, key: 'outbox-second-instance' })

  const user = (role: 'admin' | 'educator' | 'student') =>
    a.create({
      collection: 'users',
      data: {
        email: `${role}-${randomUUID()}@test.readylab`,
        password: randomUUID(),
        fullName: `Outbox ${role}`,
        role,
      },
    })
  await user('admin') // the first account of a database is its admin
  const educator = await user('educator')
  const course = await a.create({
    collection: 'courses',
    data: { title: 'Outbox course', courseType: 'microlearning', educator: educator.id },
  })
  courseId = course.id
}, 300_000)

// Its database goes with the run's cluster (or stays on DATABASE_URL's server, as the run's own do).
afterAll(async () => {
  for (const payload of [a, b]) await payload?.destroy()
})

async function newEnrollment() {
  const student = await a.create({
    collection: 'users',
    data: {
      email: `student-${randomUUID()}@test.readylab`,
      password: randomUUID(),
      fullName: 'Outbox Student',
      role: 'student',
    },
  })
  const enrollment = await a.create({
    collection: 'enrollments',
    data: {
      student: student.id,
      course: courseId,
      source: 'admin',
      enrolledAt: new Date().toISOString(),
    },
  })
  return enrollment.id
}

const complete = (payload: Payload, enrollmentId: string, req?: PayloadRequest) =>
  payload.update({
    collection: 'enrollments',
    id: enrollmentId,
    data: { completedAt: new Date().toISOString(), progressPercentage: 100 },
    req,
  })

const outboxRows = async (key: string, req?: PayloadRequest) =>
  (
    await a.find({
      collection: 'outbox',
      where: { key: { equals: key } },
      depth: 0,
      overrideAccess: true,
      req,
    })
  ).docs

const certificateOf = async (enrollmentId: string) => {
  const { docs } = await a.find({
    collection: 'certifications',
    where: { enrollment: { equals: enrollmentId } },
    depth: 0,
  })
  expect(docs.length).toBeLessThanOrEqual(1)
  return docs[0]
}

const pendingRows = async () =>
  (await a.count({ collection: 'outbox', where: { status: { not_equals: 'sent' } } })).totalDocs

/** Another app process (tests/helpers/outboxProcess.ts) on this suite's database. */
const appProcess = (args: string[], env: Record<string, string>) =>
  spawn(
    process.execPath,
    ['--import', 'tsx', path.join(projectRoot, 'tests/helpers/outboxProcess.ts'), ...args],
    {
      cwd: projectRoot,
      env: {
        ...process.env,
        NODE_OPTIONS: '--no-deprecation --conditions=development',
        DATABASE_URL: databaseUrl,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )

describe.each(['inline', 'bullmq'] as const)('the outbox, %s transport', (kind) => {
  // Filled in once the suite's Redis is known.
  const env: Record<string, string> = { REDIS_URL: '' }
  let queues: Queue[] = []
  let workers: RunningWorkers | undefined

  /** Both instances relay through a fresh transport of this kind that also knows test.count. */
  const useTransports = () => {
    for (const payload of [a, b]) {
      setJobTransport(
        payload,
        kind === 'bullmq'
          ? createBullMQTransport(redisUrl, testJobs)
          : createInlineTransport(testJobs),
      )
    }
  }

  const queuesIdle = async () => {
    for (const queue of queues) {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized')
      if (Object.values(counts).some(Boolean)) return false
    }
    return true
  }

  beforeAll(async () => {
    if (kind !== 'bullmq') return
    env.REDIS_URL = redisUrl
    queues = QUEUES.map((name) => new Queue(name, { connection: { url: redisUrl } }))
    workers = startWorkers(a, { redisUrl, jobs: testJobs })
  })

  afterAll(async () => {
    await workers?.close()
    for (const queue of queues) {
      await queue.obliterate({ force: true })
      await queue.close()
    }
  })

  it('a job runs in the context of the request that queued it: its log lines carry the request id', async () => {
    useTransports()
    contexts.length = 0
    const relay = startRelay(a, { pollMs: 100 })
    try {
      const requestId = `req-${randomUUID()}`
      const key = `context-${kind}-${randomUUID()}`
      await requestContext.run({ requestId }, async () => {
        const req = await createLocalReq({}, a)
        await enqueue(req, 'test.context' as never, {} as never, { key })
      })
      expect(await outboxRows(key)).toMatchObject([{ requestId }])
      await until(() => contexts.length > 0, { what: 'the job' })
      expect(contexts).toEqual([{ requestId, job: 'test.context', jobId: key }])
    } finally {
      await relay.stop()
    }
  })

  it('a rolled-back transaction leaves no outbox row and no job', async () => {
    useTransports()
    const relays = [startRelay(a, { pollMs: 100 }), startRelay(b, { pollMs: 100 })]
    try {
      const enrollmentId = await newEnrollment()
      const key = certificateJobKey(enrollmentId)
      const req = await createLocalReq({}, a)
      await initTransaction(req)
      await complete(a, enrollmentId, req)
      expect(await outboxRows(key, req)).toHaveLength(1)
      await killTransaction(req)

      expect(await outboxRows(key)).toHaveLength(0)
      // A committed completion after it is relayed and run; the rolled-back one still is not.
      const control = await newEnrollment()
      await complete(a, control)
      await until(async () => (await certificateOf(control))?.emailedAt, { what: 'the control' })
      expect(await certificateOf(enrollmentId)).toBeUndefined()
      expect(await outboxRows(key)).toHaveLength(0)
      for (const queue of queues) expect(await queue.getJob(key)).toBeUndefined()
    } finally {
      await Promise.all(relays.map((relay) => relay.stop()))
    }
  })

  it('a process killed after its commit, before relaying, has the job run once after a restart', async () => {
    const enrollmentId = await newEnrollment()
    const key = certificateJobKey(enrollmentId)

    const crashing = appProcess(['complete', enrollmentId], { ...env, OUTBOX_RELAY: 'false' })
    await new Promise<void>((resolve, reject) => {
      crashing.stdout!.on('data', (chunk) => String(chunk).includes('committed') && resolve())
      crashing.on('exit', (code) => reject(new Error(`exited (${code}) before committing`)))
    })
    crashing.kill('SIGKILL')
    await once(crashing, 'exit')
    expect(await outboxRows(key)).toMatchObject([{ status: 'pending', attempts: 0 }])
    expect(await certificateOf(enrollmentId)).toBeUndefined()

    // The restarted app relays on start-up (inline: it also runs the job and its email).
    const restarted = appProcess(['relay'], { ...env, OUTBOX_RELAY: 'true' })
    const [code] = await once(restarted, 'exit')
    expect(code).toBe(0)
    expect(await outboxRows(key)).toMatchObject([{ status: 'sent', attempts: 1 }])

    // BullMQ: this process's workers run the job; its relay hands over the email that follows.
    useTransports()
    const relay = startRelay(a, { pollMs: 100 })
    try {
      await until(
        async () =>
          (await certificateOf(enrollmentId))?.emailedAt &&
          !(await pendingRows()) &&
          (await queuesIdle()),
        { what: 'the certificate and its email', timeoutMs: 60_000 },
      )
    } finally {
      await relay.stop()
    }
    expect(await outboxRows(key)).toMatchObject([{ status: 'sent', attempts: 1 }])
    if (kind === 'bullmq') {
      const job = await queues[0].getJob(key)
      expect(await job?.isCompleted()).toBe(true)
      expect(job?.returnvalue).toMatchObject({ created: true })
    }
  }, 240_000)

  it('two relays running at once never run a job twice', async () => {
    runs.length = 0
    useTransports()
    const relays = [startRelay(a, { pollMs: 100 }), startRelay(b, { pollMs: 100 })]
    try {
      const markers = Array.from({ length: 40 }, (_, i) => `${kind}-${i}-${randomUUID()}`)
      const enrollments = await Promise.all([newEnrollment(), newEnrollment(), newEnrollment()])
      // Committed from both instances at once: both relays are woken for every row.
      await Promise.all([
        ...markers.map((marker, i) =>
          (i % 2 ? a : b).create({
            collection: 'outbox',
            data: {
              job: 'test.count',
              data: { marker },
              key: marker,
              status: 'pending',
              attempts: 0,
            },
            overrideAccess: true,
          }),
        ),
        ...enrollments.map((id, i) => complete(i % 2 ? a : b, id)),
      ])
      await until(
        async () =>
          runs.length >= markers.length &&
          (await Promise.all(enrollments.map(certificateOf))).every((c) => c?.emailedAt) &&
          !(await pendingRows()) &&
          (await queuesIdle()),
        { what: 'every job', timeoutMs: 60_000 },
      )
      expect([...runs].sort()).toEqual([...markers].sort())
      for (const key of [...markers, ...enrollments.map(certificateJobKey)]) {
        expect(await outboxRows(key)).toMatchObject([{ status: 'sent', attempts: 1 }])
      }
    } finally {
      await Promise.all(relays.map((relay) => relay.stop()))
    }
  }, 120_000)
})

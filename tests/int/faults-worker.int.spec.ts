import { Queue } from 'bullmq'
import type { ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import pg from 'pg'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { certificateJobKey } from '../../src/services/certificates/issue'
import {
  courseForFaults,
  enrollmentForFaults,
  isolatedPayload,
  recordFaults,
  isolatedRedisUrl,
} from '../helpers/faults'
import { startScript } from '../helpers/processes'
import { until } from '../helpers/wait'

// Its own database (other suites' relays must not run its jobs) and Redis database.
let payload: Payload
let databaseUrl: string
let redisUrl: string
let queue: Queue
let courseId: string
const workers: ChildProcess[] = []

beforeAll(async () => {
  redisUrl = isolatedRedisUrl(11)
  // This process is an app instance: its relay hands committed jobs to BullMQ; only the worker
  // processes run them.
  process.env.REDIS_URL = redisUrl
  ;({ payload, databaseUrl } = await isolatedPayload('faults_worker'))
  queue = new Queue('certificates', { connection: { url: redisUrl } })
  await queue.obliterate({ force: true })
  courseId = await courseForFaults(payload, 'Worker faults course')
}, 120_000)

afterAll(async () => {
  for (const worker of workers) if (worker.exitCode === null) worker.kill('SIGKILL')
  await queue?.obliterate({ force: true }).catch(() => {})
  await queue?.close()
  await payload?.destroy()
  delete process.env.REDIS_URL
})

/** `npm run worker` (src/jobs/run-worker.ts) as its own process; resolves once it consumes. */
async function startWorker() {
  const { child, ready } = startScript(
    'src/jobs/run-worker.ts',
    {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      // A dead worker's job is taken over after ~2 lock periods instead of a minute.
      WORKER_LOCK_MS: '1500',
    },
    /\[worker\] consuming/,
  )
  workers.push(child)
  await ready
  return child
}

async function sql<T extends pg.QueryResultRow>(
  client: pg.Client,
  text: string,
  values?: unknown[],
) {
  return (await client.query<T>(text, values)).rows
}

describe('a worker killed mid-certificate', () => {
  it('leaves nothing half-made, and after a restart there is exactly one certificate and one PDF', async () => {
    const enrollmentId = await enrollmentForFaults(payload, courseId)
    const key = certificateJobKey(enrollmentId)
    const started = Date.now()
    const first = await startWorker()
    const bootMs = Date.now() - started
    let restarted: Promise<ChildProcess> | undefined
    let killedAt = 0

    // Hold the certificate's PDF insert: the worker will have created the certificate row in its
    // transaction and rendered the PDF, and waits on this lock — mid-certificate.
    const blocker = new pg.Client({ connectionString: databaseUrl })
    await blocker.connect()
    const observer = new pg.Client({ connectionString: databaseUrl })
    await observer.connect()
    try {
      await blocker.query('begin')
      await blocker.query('lock table certificate_files in share mode')
      await payload.update({
        collection: 'enrollments',
        id: enrollmentId,
        data: { completedAt: new Date().toISOString(), progressPercentage: 100 },
      })
      await until(
        async () =>
          Number(
            (
              await sql<{ n: string }>(
                observer,
                `select count(*) as n from pg_locks l join pg_class c on c.oid = l.relation
                 where c.relname = 'certificate_files' and not l.granted`,
              )
            )[0].n,
          ) > 0,
        { what: 'the worker to reach the PDF insert', timeoutMs: 30_000 },
      )
      expect(await (await queue.getJob(key))?.getState()).toBe('active')

      first.kill('SIGKILL')
      await once(first, 'exit')
      killedAt = Date.now()
    } finally {
      // A worker comes back (it boots while the checks below run).
      restarted = startWorker()
      restarted.catch(() => undefined)
      await blocker.query('rollback')
      await blocker.end()
    }
    // The killed worker's transaction dies with its connection: no certificate, no file.
    await until(
      async () =>
        Number(
          (
            await sql<{ n: string }>(
              observer,
              `select count(*) as n from pg_stat_activity
               where datname = current_database() and state like 'idle in transaction%'`,
            )
          )[0].n,
        ) === 0,
      { what: "the killed worker's transaction to end" },
    )
    const countRows = async (table: string) =>
      Number((await sql<{ n: string }>(observer, `select count(*) as n from ${table}`))[0].n)
    expect(await countRows('certifications')).toBe(0)
    expect(await countRows('certificate_files')).toBe(0)

    // Back: BullMQ finds the stalled job once its lock expires and runs it again, once.
    await restarted
    const certificate = await until(
      async () => {
        const { docs } = await payload.find({
          collection: 'certifications',
          where: { enrollment: { equals: enrollmentId } },
          depth: 0,
        })
        return docs[0]?.pdf && docs[0]?.emailedAt ? docs[0] : null
      },
      { what: 'the certificate after the restart', timeoutMs: 30_000 },
    )
    const recoveredMs = Date.now() - killedAt
    const job = await queue.getJob(key)
    expect(await job?.getState()).toBe('completed')
    expect(job?.returnvalue).toMatchObject({ created: true, certificate: certificate.id })
    expect(await countRows('certifications')).toBe(1)
    expect(await countRows('certificate_files')).toBe(1)
    await observer.end()

    recordFaults('worker-killed-mid-certificate', {
      faults: ['worker process SIGKILLed inside the certificate transaction, then restarted'],
      acknowledged: 1,
      stored: 1,
      details: { certificates: 1, pdfs: 1, jobAttempts: job?.attemptsMade, bootMs, recoveredMs },
    })
    for (const worker of workers) if (worker.exitCode === null) worker.kill('SIGTERM')
    // Two boots of the whole app in worker processes (tsx): slow on a busy machine.
  }, 120_000)
})

import { Queue } from 'bullmq'
import type { Payload } from 'payload'

import { backoffMs, DEFAULT_ATTEMPTS, runJob, type JobMap, type QueueName } from './definition'
import { jobs as allJobs } from './index'

/** A committed outbox row the relay has claimed. */
export type OutboxJob = {
  id: string
  job: string
  key: string | null
  data: unknown
  requestId?: string | null
  attempts: number
}

/** BullMQ job data: the job's own data, plus what its log lines should name. */
export type QueuedData = { data: unknown; requestId?: string }

/**
 * Where the relay hands committed outbox rows: BullMQ queues on Redis (workers run the jobs and
 * retry them), or this process (the handler runs while the relay holds the row; retries are
 * rescheduled on the row). The same job definitions run in both.
 */
export interface JobTransport {
  readonly kind: 'bullmq' | 'inline'
  /** The jobs it can run; the relay leaves rows of other jobs for a process that knows them. */
  readonly jobs: JobMap
  deliver(payload: Payload, row: OutboxJob): Promise<void>
  close(): Promise<void>
}

export const createInlineTransport = (jobs: JobMap = allJobs): JobTransport => ({
  kind: 'inline',
  jobs,
  async deliver(payload, row) {
    await runJob(jobs[row.job], row.data, {
      payload,
      attempt: row.attempts + 1,
      log: {
        requestId: row.requestId ?? undefined,
        job: row.job,
        jobId: row.key ?? `outbox-${row.id}`,
      },
    })
  },
  async close() {},
})

/** How long the relay waits for Redis to take a job before it leaves the row for a retry. */
const ADD_TIMEOUT_MS = 3000

export function createBullMQTransport(redisUrl: string, jobs: JobMap = allJobs): JobTransport {
  const queues = new Map<QueueName, Queue>()
  const queueFor = (name: QueueName) => {
    let queue = queues.get(name)
    if (!queue) {
      queue = new Queue(name, { connection: { url: redisUrl, maxRetriesPerRequest: null } })
      // Redis down: reconnection is automatic and deliver() fails by itself; no event storm.
      queue.on('error', () => {})
      queues.set(name, queue)
    }
    return queue
  }
  return {
    kind: 'bullmq',
    jobs,
    async deliver(_payload, row) {
      const definition = jobs[row.job]
      const queued: QueuedData = { data: row.data, requestId: row.requestId ?? undefined }
      const added = queueFor(definition.queue).add(row.job, queued, {
        // Derived from the row, so a relay that dies after this add and before marking the row
        // sent adds the same job id again, which BullMQ ignores.
        jobId: row.key ?? `outbox-${row.id}`,
        attempts: definition.attempts ?? DEFAULT_ATTEMPTS,
        backoff: { type: 'exponential', delay: backoffMs(1) },
        removeOnComplete: { age: 24 * 3600, count: 10_000 },
        removeOnFail: { age: 7 * 24 * 3600 },
      })
      // While Redis is down the add waits for it: give up instead, so the row stays pending in
      // the outbox (retried with backoff) and the relay does not hold its transaction open. An
      // add that still lands later carries the same job id as the retry, which BullMQ ignores.
      let timer: NodeJS.Timeout | undefined
      try {
        await Promise.race([
          added,
          new Promise<never>((_, reject) => {
            timer = setTimeout(
              () => reject(new Error(`Redis did not take the job in ${ADD_TIMEOUT_MS} ms`)),
              ADD_TIMEOUT_MS,
            )
          }),
        ])
      } finally {
        clearTimeout(timer)
        added.catch(() => undefined)
      }
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()))
      queues.clear()
    },
  }
}

const transports = new WeakMap<Payload, JobTransport>()

/** BullMQ when REDIS_URL is set, otherwise the in-process runner. */
export function jobTransport(payload: Payload): JobTransport {
  let transport = transports.get(payload)
  if (!transport) {
    transport = process.env.REDIS_URL
      ? createBullMQTransport(process.env.REDIS_URL)
      : createInlineTransport()
    transports.set(payload, transport)
  }
  return transport
}

/** Tests and alternative runtimes can swap the transport (e.g. BullMQ on a test Redis). */
export function setJobTransport(payload: Payload, transport: JobTransport) {
  transports.set(payload, transport)
}

/** Closes the transport's connections, if one was made. */
export async function closeJobTransport(payload: Payload) {
  const transport = transports.get(payload)
  transports.delete(payload)
  await transport?.close()
}

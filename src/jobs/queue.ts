import { Queue } from 'bullmq'
import type { Payload, PayloadRequest } from 'payload'

import { afterCommit, afterCommitSettled } from '../lib/afterCommit'

/** Queues by concern; a worker process consumes all of them. */
export const QUEUES = ['certificates', 'email', 'ai', 'analytics'] as const
export type QueueName = (typeof QUEUES)[number]

export type JobContext = { payload: Payload; attempt: number }
export type JobDefinition<T = any> = {
  queue: QueueName
  /** Attempts before the job is recorded in job-failures. */
  attempts?: number
  handler: (data: T, context: JobContext) => Promise<unknown>
}

const definitions = new Map<string, JobDefinition>()

export function defineJob<T>(name: string, definition: JobDefinition<T>) {
  definitions.set(name, definition as JobDefinition)
  return name
}

export function jobDefinition(name: string): JobDefinition {
  const definition = definitions.get(name)
  if (!definition) throw new Error(`Unknown job "${name}"`)
  return definition
}

export const DEFAULT_ATTEMPTS = 5
export const backoffMs = (attempt: number) =>
  Math.min(60_000, Number(process.env.JOB_BACKOFF_MS || 1000) * 2 ** (attempt - 1))

export type EnqueueOptions = {
  /** Deterministic id: a second enqueue with the same id while the first exists is ignored. */
  jobId?: string
  delayMs?: number
}

/** One interface, two transports: BullMQ on Redis, or in-process with the same retries. */
export interface JobTransport {
  readonly kind: 'bullmq' | 'inline'
  add(name: string, data: unknown, options: EnqueueOptions): Promise<void>
  /** Waits for in-flight work (inline) — used by tests and shutdown. */
  drain(): Promise<void>
  close(): Promise<void>
}

/** Records a job that gave up, for admins to see (collection job-failures). */
export async function recordJobFailure(
  payload: Payload,
  failure: {
    name: string
    queue: string
    jobId?: string
    data: unknown
    error: unknown
    attempts: number
  },
) {
  const error = failure.error instanceof Error ? failure.error : new Error(String(failure.error))
  payload.logger.error(
    { job: failure.name, jobId: failure.jobId, err: error },
    'job failed for good',
  )
  await payload
    .create({
      collection: 'job-failures',
      data: {
        jobName: failure.name,
        queue: failure.queue,
        jobId: failure.jobId,
        data: failure.data as Record<string, unknown>,
        error: `${error.message}\n${error.stack ?? ''}`.slice(0, 10_000),
        attempts: failure.attempts,
        failedAt: new Date().toISOString(),
      },
    })
    .catch((err) => payload.logger.error({ err }, 'could not record job failure'))
}

export function createInlineTransport(payload: Payload): JobTransport {
  const inFlight = new Map<string, Promise<void>>()
  let anonymous = 0
  const execute = async (name: string, data: unknown, jobId: string | undefined) => {
    const definition = jobDefinition(name)
    const attempts = definition.attempts ?? DEFAULT_ATTEMPTS
    for (let attempt = 1; ; attempt++) {
      try {
        await definition.handler(data, { payload, attempt })
        return
      } catch (error) {
        if (attempt >= attempts) {
          await recordJobFailure(payload, {
            name,
            queue: definition.queue,
            jobId,
            data,
            error,
            attempts,
          })
          return
        }
        await new Promise((r) => setTimeout(r, backoffMs(attempt)))
      }
    }
  }
  return {
    kind: 'inline',
    async add(name, data, { jobId, delayMs }) {
      jobDefinition(name)
      const key = jobId ?? `anonymous:${anonymous++}`
      if (inFlight.has(key)) return
      const run = (async () => {
        if (delayMs) await new Promise((r) => setTimeout(r, delayMs))
        await execute(name, data, jobId)
      })().finally(() => inFlight.delete(key))
      inFlight.set(key, run)
    },
    async drain() {
      do {
        await afterCommitSettled()
        await Promise.allSettled([...inFlight.values()])
      } while (inFlight.size)
    },
    async close() {
      await this.drain()
    },
  }
}

export function createBullMQTransport(redisUrl: string): JobTransport {
  const queues = new Map<QueueName, Queue>()
  const queueFor = (name: QueueName) => {
    let queue = queues.get(name)
    if (!queue) {
      queue = new Queue(name, { connection: { url: redisUrl, maxRetriesPerRequest: null } })
      queues.set(name, queue)
    }
    return queue
  }
  return {
    kind: 'bullmq',
    async add(name, data, { jobId, delayMs }) {
      const definition = jobDefinition(name)
      await queueFor(definition.queue).add(name, data, {
        jobId,
        delay: delayMs,
        attempts: definition.attempts ?? DEFAULT_ATTEMPTS,
        backoff: { type: 'exponential', delay: backoffMs(1) },
        removeOnComplete: { age: 24 * 3600, count: 10_000 },
        removeOnFail: { age: 7 * 24 * 3600 },
      })
    },
    async drain() {},
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
      : createInlineTransport(payload)
    transports.set(payload, transport)
  }
  return transport
}

/** Tests and alternative runtimes can swap the transport (e.g. BullMQ on a test Redis). */
export function setJobTransport(payload: Payload, transport: JobTransport) {
  transports.set(payload, transport)
}

/** Enqueues a job once req's transaction commits (immediately when there is none). */
export async function enqueue(
  req: Pick<PayloadRequest, 'payload' | 'transactionID'>,
  name: string,
  data: unknown,
  options: EnqueueOptions = {},
) {
  jobDefinition(name)
  await afterCommit(req, () => jobTransport(req.payload).add(name, data, options))
}

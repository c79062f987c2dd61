import type { Payload } from 'payload'

import { requestContext, type RequestContext } from '../lib/requestContext'

/** BullMQ queues by concern; a worker process consumes all of them. */
export const QUEUES = ['certificates', 'email', 'payments', 'analytics', 'ai'] as const
export type QueueName = (typeof QUEUES)[number]

export type JobContext = { payload: Payload; attempt: number }
export type JobDefinition<T = any> = {
  queue: QueueName
  /** Attempts before the job is recorded in job-failures. */
  attempts?: number
  /** Must be idempotent: a job may run again after a crash (see src/jobs/relay.ts). */
  handler: (data: T, context: JobContext) => Promise<unknown>
}
export type JobMap = Record<string, JobDefinition>

export const DEFAULT_ATTEMPTS = 5
export const backoffMs = (attempt: number) =>
  Math.min(60_000, Number(process.env.JOB_BACKOFF_MS || 1000) * 2 ** (attempt - 1))

/**
 * Runs one job by either transport, so its log lines (and the one saying it is done) name the job
 * and the request that queued it.
 */
export function runJob(
  definition: JobDefinition,
  data: unknown,
  context: JobContext & { log: Required<Pick<RequestContext, 'job' | 'jobId'>> & RequestContext },
): Promise<unknown> {
  const { payload, attempt, log } = context
  return requestContext.run(log, async () => {
    const started = performance.now()
    const result = await definition.handler(data, { payload, attempt })
    payload.logger.info(`job ${log.job} done in ${Math.round(performance.now() - started)} ms`)
    return result
  })
}

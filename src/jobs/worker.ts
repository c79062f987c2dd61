import { type Job, Worker } from 'bullmq'
import type { Payload } from 'payload'

import { DEFAULT_ATTEMPTS, QUEUES, runJob, type JobMap, type QueueName } from './definition'
import { recordJobFailure } from './failures'
import { jobs as allJobs } from './index'
import type { QueuedData } from './transport'

export type RunningWorkers = { workers: Worker[]; close: () => Promise<void> }

/**
 * BullMQ workers for every queue, all running the job definitions in this process. Start as many
 * worker processes as you like; BullMQ hands each job to exactly one of them at a time.
 */
export function startWorkers(
  payload: Payload,
  {
    redisUrl,
    queues = [...QUEUES],
    jobs = allJobs,
    concurrency = Number(process.env.WORKER_CONCURRENCY || 4),
  }: {
    redisUrl: string
    queues?: QueueName[]
    jobs?: JobMap
    concurrency?: number
  },
): RunningWorkers {
  const lockDuration = Number(process.env.WORKER_LOCK_MS || 30_000)
  const workers = queues.map((queue) => {
    const worker = new Worker(
      queue,
      async (job: Job<QueuedData>) => {
        const definition = jobs[job.name]
        if (!definition) throw new Error(`Unknown job "${job.name}"`)
        const { data, requestId } = job.data
        return runJob(definition, data, {
          payload,
          attempt: job.attemptsMade + 1,
          log: { requestId, job: job.name, jobId: job.id ?? '' },
        })
      },
      {
        connection: { url: redisUrl, maxRetriesPerRequest: null },
        concurrency,
        // A worker that dies mid-job stops renewing its lock; once the lock expires the next
        // stalled-job check (another worker, or this one restarted) runs the job again.
        lockDuration,
        stalledInterval: lockDuration,
      },
    )
    worker.on('failed', (job, error) => {
      if (!job) return
      const attempts = job.opts.attempts ?? DEFAULT_ATTEMPTS
      if (job.attemptsMade >= attempts) {
        void recordJobFailure(payload, {
          name: job.name,
          queue,
          jobId: job.id,
          data: job.data.data,
          error,
          attempts,
        })
      }
    })
    worker.on('error', (err) => payload.logger.error({ err, queue }, 'worker error'))
    return worker
  })
  return {
    workers,
    // close() lets active jobs finish before the connections go.
    close: async () => {
      await Promise.all(workers.map((w) => w.close()))
    },
  }
}

import type { PayloadRequest } from 'payload'

import { currentRequestId } from '../lib/requestContext'
import { table, transactionDb } from '../lib/sql'
import type { JobData, JobName } from './index'

export type EnqueueOptions = {
  /**
   * A deterministic id (e.g. `certificate-<enrollmentId>`; no ":", BullMQ rejects it): BullMQ ignores
   * a second job with the same id. Without one the job id is `outbox-<row id>`.
   */
  key?: string
}

/**
 * Queues a job in req's transaction, as an outbox row: it exists if and only if the change commits,
 * and the relay (src/jobs/relay.ts) hands it to BullMQ or the inline runner once it has.
 */
export async function enqueue<N extends JobName>(
  req: PayloadRequest,
  job: N,
  data: JobData<N>,
  { key }: EnqueueOptions = {},
) {
  // One INSERT (the collection has no hooks): jobs are queued on hot paths (a lesson completion).
  const outbox = table(req, 'outbox', [
    'job',
    'key',
    'data',
    'requestId',
    'status',
    'attempts',
    'createdAt',
    'updatedAt',
  ])
  const at = new Date().toISOString()
  await (await transactionDb(req)).insert(outbox).values({
    job,
    key: key ?? null,
    data,
    requestId: currentRequestId() ?? null,
    status: 'pending',
    attempts: 0,
    createdAt: at,
    updatedAt: at,
  })
}

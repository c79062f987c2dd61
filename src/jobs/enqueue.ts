import type { PayloadRequest } from 'payload'

import { currentRequestId } from '../lib/requestContext'
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
  await req.payload.create({
    collection: 'outbox',
    data: { job, data, key, requestId: currentRequestId(), status: 'pending', attempts: 0 },
    depth: 0,
    // System write: the outbox is not writable over any API.
    overrideAccess: true,
    req,
  })
}

import type { Payload } from 'payload'

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

import { count, eq, sql } from '@payloadcms/db-postgres/drizzle'
import cron from 'node-cron'
import { createLocalReq, type Payload } from 'payload'

import { withTransaction } from '../lib/http'
import { table, transactionDb } from '../lib/sql'
import { enqueue } from './enqueue'
import type { JobName } from './index'

type Schedule = { job: JobName; cron: string; enabled: () => boolean }

/** Recurring jobs (UTC). Each run goes through the outbox, like every other job. */
export const SCHEDULES: Schedule[] = [
  {
    job: 'payments.reconcile',
    cron: process.env.STRIPE_RECONCILE_CRON || '*/15 * * * *',
    enabled: () => Boolean(process.env.STRIPE_SECRET_KEY),
  },
  {
    job: 'analytics.rollup',
    cron: process.env.ANALYTICS_ROLLUP_CRON || '15 0 * * *',
    enabled: () => true,
  },
  {
    job: 'ai.recommendations',
    cron: process.env.AI_PRECOMPUTE_CRON || '*/30 * * * *',
    enabled: () => process.env.AI_PRECOMPUTE !== 'false',
  },
  {
    job: 'xapi.forward',
    cron: process.env.XAPI_CRON || '* * * * *',
    enabled: () => Boolean(process.env.XAPI_ENDPOINT),
  },
]

/**
 * Queues one run of `job` for the slot `at` (its scheduled minute). Every app process ticks, but
 * the slot's key is written once (an advisory lock on it, then a check) and BullMQ ignores a
 * repeated job id, so a slot runs once however many instances there are.
 */
export async function queueScheduledRun(payload: Payload, job: JobName, at: Date) {
  const key = `${job.replace(/\./g, '-')}-${at.toISOString().slice(0, 16).replace(/:/g, '')}`
  const req = await createLocalReq({}, payload)
  return withTransaction(req, async () => {
    const db = await transactionDb(req)
    await db.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`)
    const outbox = table(req, 'outbox', ['key'])
    const [existing] = await db.select({ n: count() }).from(outbox).where(eq(outbox.key, key))
    if (Number(existing?.n ?? 0) > 0) return false
    await enqueue(req, job, {} as never, { key })
    return true
  })
}

/** Starts node-cron for each enabled schedule; payload.destroy() stops them. */
export function startSchedules(payload: Payload) {
  for (const schedule of SCHEDULES) {
    if (!schedule.enabled()) continue
    const task = cron.schedule(
      schedule.cron,
      async (context) => {
        try {
          await queueScheduledRun(payload, schedule.job, context.date)
        } catch (err) {
          payload.logger.error({ err, job: schedule.job }, 'could not queue a scheduled job')
        }
      },
      { name: schedule.job, noOverlap: true, timezone: 'Etc/UTC' },
    )
    payload.crons.push({ stop: () => task.stop() } as unknown as Payload['crons'][number])
  }
}

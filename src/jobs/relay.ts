import {
  and,
  asc,
  count,
  eq,
  inArray,
  isNull,
  lt,
  lte,
  or,
  sql,
} from '@payloadcms/db-postgres/drizzle'
import type { Payload } from 'payload'
import type pg from 'pg'

import { listenerConnection } from '../lib/pgPool'
import { DEFAULT_ATTEMPTS, backoffMs } from './definition'
import { recordJobFailure } from './failures'
import { closeJobTransport, jobTransport, type JobTransport, type OutboxJob } from './transport'

/** The channel the outbox insert trigger notifies (migration 20261204_184546_outbox); only on commit. */
const CHANNEL = 'outbox'
/** Rows handed to BullMQ per transaction; inline rows go one at a time. */
const BATCH = 100
/** Relay loops per process: each holds a connection while an inline job runs (keep under the pool). */
const LOOPS = 2
const KEEP_SENT = "interval '7 days'"

const outboxOf = (payload: Payload) => payload.db.tables.outbox

const claimable = (payload: Payload, transport: JobTransport) => {
  const outbox = outboxOf(payload)
  return and(
    eq(outbox.status, 'pending'),
    inArray(outbox.job, Object.keys(transport.jobs)),
    or(isNull(outbox.availableAt), lte(outbox.availableAt, sql`now()`)),
  )
}

type Failure = { row: OutboxJob; error: unknown; queue: string; attempts: number }

/**
 * Claims committed rows no other relay holds (FOR UPDATE SKIP LOCKED, so any number of processes
 * relay side by side) and hands them to the transport in one transaction that marks them sent.
 * BullMQ: the job id comes from the row, so a relay that dies before its commit re-adds the same
 * id later, harmlessly. Inline: the row stays locked while its handler runs and is marked sent
 * after it returns, so a second relay skips it; if this process dies first, Postgres drops the lock
 * with the connection and another relay runs the row (handlers are idempotent for that window).
 * Returns how many rows it handled.
 */
export async function relayBatch(payload: Payload): Promise<number> {
  const transport = jobTransport(payload)
  const outbox = outboxOf(payload)
  const failures: Failure[] = []
  const handled = await payload.db.drizzle.transaction(async (tx) => {
    const claimed = await tx
      .select({
        id: outbox.id,
        job: outbox.job,
        key: outbox.key,
        data: outbox.data,
        requestId: outbox.requestId,
        attempts: outbox.attempts,
      })
      .from(outbox)
      .where(claimable(payload, transport))
      .orderBy(asc(outbox.createdAt))
      .limit(transport.kind === 'inline' ? 1 : BATCH)
      .for('update', { skipLocked: true })
    // attempts is a numeric column, which drizzle reads as a string.
    const rows = claimed.map((row) => ({ ...row, attempts: Number(row.attempts) }) as OutboxJob)
    let refused: unknown
    for (const row of rows) {
      const attempts = row.attempts + 1
      try {
        // A queue that refused one row (Redis down) refuses the batch: retry them all later
        // rather than wait for its timeout row by row inside this transaction.
        if (refused) throw refused
        await transport.deliver(payload, row)
        await tx
          .update(outbox)
          .set({ status: 'sent', attempts, sentAt: sql`now()`, lastError: null })
          .where(eq(outbox.id, row.id))
      } catch (error) {
        payload.logger.warn({ err: error, key: row.key }, 'outbox row not delivered; retried later')
        if (transport.kind === 'bullmq') refused ??= error
        const definition = transport.jobs[row.job]
        // A job that keeps failing gives up; a queue that cannot take it is retried until it can.
        const gaveUp =
          transport.kind === 'inline' && attempts >= (definition.attempts ?? DEFAULT_ATTEMPTS)
        await tx
          .update(outbox)
          .set({
            attempts,
            lastError: error instanceof Error ? error.message : String(error),
            ...(gaveUp
              ? { status: 'failed' }
              : { availableAt: sql`now() + make_interval(secs => ${backoffMs(attempts) / 1000})` }),
          })
          .where(eq(outbox.id, row.id))
        if (gaveUp) failures.push({ row, error, queue: definition.queue, attempts })
      }
    }
    return rows.length
  })
  for (const { row, error, queue, attempts } of failures) {
    await recordJobFailure(payload, {
      name: row.job,
      queue,
      jobId: row.key ?? `outbox-${row.id}`,
      data: row.data,
      error,
      attempts,
    })
  }
  return handled
}

/** Rows of jobs this process knows that are not sent yet (read on the primary). */
const pendingRows = (payload: Payload) =>
  payload.db.drizzle.transaction(async (tx) => {
    const outbox = outboxOf(payload)
    const [{ n }] = await tx
      .select({ n: count() })
      .from(outbox)
      .where(
        and(
          eq(outbox.status, 'pending'),
          inArray(outbox.job, Object.keys(jobTransport(payload).jobs)),
        ),
      )
    return n
  })

/**
 * Resolves once no row of a job this process knows is pending, relaying alongside any running relay.
 * Inline rows are marked sent only after their handler returns, so their work is done too; BullMQ
 * rows are then in Redis. For tests, the seed and scripts.
 */
export async function drainJobs(payload: Payload) {
  for (;;) {
    if (await relayBatch(payload)) continue
    if (!(await pendingRows(payload))) return
    // Held by another relay, or waiting for its retry time.
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

export type Relay = { stop: () => Promise<void> }
const relays = new WeakMap<Payload, Relay>()

/**
 * Relays committed outbox rows until payload.destroy() (or stop()): woken by the insert trigger's
 * NOTIFY on a dedicated connection, with a poll every OUTBOX_POLL_MS (default 1000) for missed
 * notifications and retries whose time has come. Sent rows are kept a week for inspection.
 */
export function startRelay(
  payload: Payload,
  { pollMs = Number(process.env.OUTBOX_POLL_MS || 1000) } = {},
): Relay {
  const running = relays.get(payload)
  if (running) return running

  let stopped = false
  let wakes = 0
  const sleepers = new Set<() => void>()
  const wake = () => {
    wakes++
    sleepers.forEach((sleeper) => sleeper())
  }
  // Returns at once if woken since `seen`, so a notification during a batch is not lost.
  const sleep = (seen: number) =>
    new Promise<void>((resolve) => {
      if (stopped || seen !== wakes) return resolve()
      const done = () => {
        clearTimeout(timer)
        sleepers.delete(done)
        resolve()
      }
      const timer = setTimeout(done, pollMs)
      sleepers.add(done)
    })

  let prunedAt = 0
  const prune = async () => {
    if (Date.now() - prunedAt < 3_600_000) return
    prunedAt = Date.now()
    const outbox = outboxOf(payload)
    await payload.db.drizzle
      .delete(outbox)
      .where(and(eq(outbox.status, 'sent'), lt(outbox.sentAt, sql.raw(`now() - ${KEEP_SENT}`))))
  }

  const loop = async () => {
    while (!stopped) {
      const seen = wakes
      try {
        if (await relayBatch(payload)) continue
        await prune()
      } catch (err) {
        payload.logger.error({ err }, 'outbox relay failed')
      }
      await sleep(seen)
    }
  }

  let listener: pg.Client | undefined
  let relisten: NodeJS.Timeout | undefined
  const listen = async () => {
    try {
      listener = await listenerConnection(payload.db.pool, CHANNEL, wake, (broken, err) => {
        payload.logger.warn({ err }, 'outbox listener lost; polling until it is back')
        if (broken !== listener) return
        unlisten()
        if (!stopped) relisten = setTimeout(listen, pollMs)
      })
      if (stopped) unlisten()
      else wake() // rows committed while nobody listened
    } catch (err) {
      payload.logger.warn({ err }, 'outbox listener could not connect; polling')
      if (!stopped) relisten = setTimeout(listen, pollMs)
    }
  }
  const unlisten = () => {
    listener?.end().catch(() => {})
    listener = undefined
  }

  void listen()
  const loops = Array.from({ length: LOOPS }, loop)

  const relay: Relay = {
    async stop() {
      if (stopped) return
      stopped = true
      clearTimeout(relisten)
      wake()
      await Promise.all(loops)
      unlisten()
      await closeJobTransport(payload)
      relays.delete(payload)
    },
  }
  relays.set(payload, relay)
  // payload.destroy() stops everything in payload.crons (Payload's own job runner lives there), so
  // tests and scripts that destroy Payload let their process exit without knowing about the relay.
  payload.crons.push({ stop: relay.stop } as unknown as Payload['crons'][number])
  return relay
}

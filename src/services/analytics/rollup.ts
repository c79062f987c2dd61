import { createLocalReq, type Payload, type PayloadRequest } from 'payload'

import { withTransaction } from '../../lib/http'
import { execute, sql } from '../../lib/sql'
import { addDays, dayOf, now, startOfDay } from './clock'

/** Revenue figures are in this currency; sales in others are left out (one balance currency). */
export const REPORTING_CURRENCY = 'usd'

const MARKER_KEY = 'rolled-up-through'

/** The last closed day the rollups cover, or null before the first run. */
export async function rolledUpThrough(req: PayloadRequest): Promise<string | null> {
  const [row] = await execute<{ day: string }>(
    req,
    sql`select day from analytics_daily where key = ${MARKER_KEY}`,
  )
  return row?.day ?? null
}

/**
 * Sums one UTC day of analytics-events into analytics-daily (per course, per student), replacing
 * what was there: rerunning a day gives the same rows.
 */
async function rollUpDay(req: PayloadRequest, day: string) {
  const start = startOfDay(day).toISOString()
  const end = startOfDay(addDays(day, 1)).toISOString()
  await execute(req, sql`delete from analytics_daily where day = ${day} and kind <> 'marker'`)
  await execute(
    req,
    sql`insert into analytics_daily (key, day, kind, course_id, enrollments, completions,
          active_students, learning_seconds, lessons_completed, quiz_attempts, quiz_passes,
          sales, revenue_gross, revenue_net, refunds, refunds_net, updated_at, created_at)
        select 'course:' || course_id || ':' || ${day}, ${day}, 'course', course_id,
          count(*) filter (where event_type = 'enroll'),
          count(*) filter (where event_type = 'course_complete'),
          count(distinct user_id),
          coalesce(sum((event_data->>'timeSpent')::numeric) filter (where event_type = 'lesson_complete'), 0),
          count(*) filter (where event_type = 'lesson_complete' and (event_data->>'firstCompletion')::boolean),
          count(*) filter (where event_type = 'quiz_submit'),
          count(*) filter (where event_type = 'quiz_submit' and (event_data->>'passed')::boolean),
          count(*) filter (where event_type = 'purchase_completed' and event_data->>'currency' = ${REPORTING_CURRENCY}),
          coalesce(sum((event_data->>'amount')::numeric) filter (where event_type = 'purchase_completed' and event_data->>'currency' = ${REPORTING_CURRENCY}), 0),
          coalesce(sum((event_data->>'netAmount')::numeric) filter (where event_type = 'purchase_completed' and event_data->>'currency' = ${REPORTING_CURRENCY}), 0),
          coalesce(sum((event_data->>'amount')::numeric) filter (where event_type = 'purchase_refunded' and event_data->>'currency' = ${REPORTING_CURRENCY}), 0),
          coalesce(sum((event_data->>'netAmount')::numeric) filter (where event_type = 'purchase_refunded' and event_data->>'currency' = ${REPORTING_CURRENCY}), 0),
          now(), now()
        from analytics_events
        where created_at >= ${start} and created_at < ${end} and course_id is not null
        group by course_id`,
  )
  await execute(
    req,
    sql`insert into analytics_daily (key, day, kind, student_id, learning_seconds,
          lessons_completed, updated_at, created_at)
        select 'student:' || user_id || ':' || ${day}, ${day}, 'student', user_id,
          coalesce(sum((event_data->>'timeSpent')::numeric) filter (where event_type = 'lesson_complete'), 0),
          count(*) filter (where event_type = 'lesson_complete' and (event_data->>'firstCompletion')::boolean),
          now(), now()
        from analytics_events
        where created_at >= ${start} and created_at < ${end} and user_id is not null
          and event_type = 'lesson_complete'
        group by user_id`,
  )
}

/**
 * Rolls up every closed day from the day after the last rolled-up one (or the first event's day;
 * `from` to redo earlier days) through yesterday, each in its own transaction, and moves the marker.
 * Serialized by an advisory lock, so two runs (a backfill and the schedule) cannot interleave.
 */
export async function rollUp(payload: Payload, { from }: { from?: string } = {}) {
  const req = await createLocalReq({}, payload)
  const yesterday = addDays(dayOf(now()), -1)
  const days: string[] = []
  await withTransaction(req, async () => {
    await execute(req, sql`select pg_advisory_xact_lock(hashtext('analytics-rollup'))`)
    const through = await rolledUpThrough(req)
    let start = through ? addDays(through, 1) : null
    if (!start) {
      const [first] = await execute<{ at: string | null }>(
        req,
        sql`select min(created_at) as at from analytics_events`,
      )
      start = first?.at ? dayOf(first.at) : addDays(yesterday, 1)
    }
    // A backfill goes back further; it never skips days the marker has not reached.
    if (from && from < start) start = from
    for (let day = start; day <= yesterday; day = addDays(day, 1)) {
      await rollUpDay(req, day)
      days.push(day)
    }
    // Every day through yesterday is now summed (days before the first event have nothing).
    if (!through || through < yesterday) {
      await execute(
        req,
        sql`insert into analytics_daily (key, day, kind, updated_at, created_at)
            values (${MARKER_KEY}, ${yesterday}, 'marker', now(), now())
            on conflict (key) do update set day = excluded.day, updated_at = now()`,
      )
    }
  })
  return { days: days.length, from: days[0] ?? null, through: days.at(-1) ?? null }
}

/** Days of raw events kept (0: forever). Rollups are kept forever. */
export const retentionDays = () => Number(process.env.ANALYTICS_RETENTION_DAYS ?? 365)

/**
 * Deletes events older than the retention window, never ones the rollups do not cover yet. In
 * batches, so a first run over a large table does not hold one huge transaction.
 */
export async function enforceRetention(payload: Payload, { batchSize = 5000 } = {}) {
  const days = retentionDays()
  if (!days) return { deleted: 0, before: null }
  const req = await createLocalReq({}, payload)
  const through = await rolledUpThrough(req)
  if (!through) return { deleted: 0, before: null }
  const window = dayOf(new Date(now().getTime() - days * 86_400_000))
  const covered = addDays(through, 1)
  const before = startOfDay(window < covered ? window : covered).toISOString()
  // Events still waiting for the learning record store (xAPI) stay until they are sent.
  const keepUnforwarded = process.env.XAPI_ENDPOINT ? sql`forwarded_at is not null` : sql`true`
  let deleted = 0
  for (;;) {
    const rows = await execute<{ id: string }>(
      req,
      sql`delete from analytics_events where id in (
            select id from analytics_events where created_at < ${before} and ${keepUnforwarded}
            limit ${batchSize})
          returning id`,
    )
    deleted += rows.length
    if (rows.length < batchSize) break
  }
  return { deleted, before }
}

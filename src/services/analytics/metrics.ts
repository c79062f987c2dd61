import type { PayloadRequest } from 'payload'

import { execute, sql } from '../../lib/sql'
import { addDays, dayOf, now, startOfDay } from './clock'
import { REPORTING_CURRENCY, rolledUpThrough } from './rollup'

/**
 * Every analytics number is defined once, here. Sums over time (learning time, revenue) are the
 * rollups of closed days plus a live query over the events after them, so they equal the same sum
 * over the raw events at any moment; counts of state (enrollments, progress, certificates) are
 * read live from their tables.
 *
 * - learning time: the sum of `timeSpent` of lesson_complete events (a later, longer report of a
 *   lesson adds the difference)
 * - average quiz score: the mean, over quizzes taken, of the best attempt's score (2 decimals)
 * - completion rate: completed enrollments / enrollments (0 without enrollments)
 * - active (30 days): an analytics event in the last 30 days (on one of the courses, for courses)
 * - streak: consecutive UTC days with an event, ending today (or yesterday, if today has none yet)
 * - at risk: enrolled 7+ days, not completed, and no activity on the course for 14 days or under
 *   25 % progress
 */

export const round2 = (n: number) => Math.round(n * 100) / 100
export const completionRate = (completed: number, enrolled: number) =>
  enrolled ? completed / enrolled : 0

const num = (v: unknown) => Number(v ?? 0)
const uuidArray = (ids: string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`
const day = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD')`)
const ACTIVE_DAYS = 30

export type DayRange = { from?: string; to?: string }

/** Where closed days end: the rollups cover days up to `through`; events after `openFrom` are live. */
async function split(req: PayloadRequest) {
  const through = await rolledUpThrough(req)
  return { through, openFrom: through ? startOfDay(addDays(through, 1)).toISOString() : null }
}

const inRange = (column: string, { from, to }: DayRange) =>
  sql.join(
    [
      from ? sql`${sql.raw(column)} >= ${from}` : sql`true`,
      to ? sql`${sql.raw(column)} <= ${to}` : sql`true`,
    ],
    sql` and `,
  )

const eventsInRange = ({ from, to }: DayRange, openFrom: string | null) =>
  sql.join(
    [
      openFrom ? sql`created_at >= ${openFrom}` : sql`true`,
      from ? sql`created_at >= ${startOfDay(from).toISOString()}` : sql`true`,
      to ? sql`created_at < ${startOfDay(addDays(to, 1)).toISOString()}` : sql`true`,
    ],
    sql` and `,
  )

/** A student's learning seconds per day (days with none are absent). */
export async function learningByDay(req: PayloadRequest, studentId: string, range: DayRange = {}) {
  const { through, openFrom } = await split(req)
  const closed = through
    ? await execute<{ day: string; seconds: string }>(
        req,
        sql`select day, learning_seconds as seconds from analytics_daily
            where kind = 'student' and student_id = ${studentId} and day <= ${through}
              and ${inRange('day', range)}`,
      )
    : []
  const open = await execute<{ day: string; seconds: string }>(
    req,
    sql`select ${day('created_at')} as day,
          sum((event_data->>'timeSpent')::numeric) as seconds
        from analytics_events
        where user_id = ${studentId} and event_type = 'lesson_complete'
          and ${eventsInRange(range, openFrom)}
        group by 1`,
  )
  const byDay = new Map<string, number>()
  for (const row of [...closed, ...open]) {
    byDay.set(row.day, (byDay.get(row.day) ?? 0) + num(row.seconds))
  }
  return byDay
}

export type SalesRow = {
  day: string
  courseId: string
  sales: number
  gross: number
  net: number
  refunds: number
  refundsNet: number
}

/** Sales of these courses (null: every course) per day and course, in the reporting currency. */
export async function salesByDay(
  req: PayloadRequest,
  courseIds: string[] | null,
  range: DayRange = {},
): Promise<SalesRow[]> {
  if (courseIds && !courseIds.length) return []
  const ofCourses = courseIds
    ? sql`course_id = any(${uuidArray(courseIds)})`
    : sql`course_id is not null`
  const { through, openFrom } = await split(req)
  const closed = through
    ? await execute<Record<string, string>>(
        req,
        sql`select day, course_id as "courseId", sales, revenue_gross as gross,
              revenue_net as net, refunds, refunds_net as "refundsNet"
            from analytics_daily
            where kind = 'course' and ${ofCourses}
              and day <= ${through} and ${inRange('day', range)}
              and (sales > 0 or refunds > 0)`,
      )
    : []
  const inCurrency = sql`event_data->>'currency' = ${REPORTING_CURRENCY}`
  const open = await execute<Record<string, string>>(
    req,
    sql`select ${day('created_at')} as day, course_id as "courseId",
          count(*) filter (where event_type = 'purchase_completed') as sales,
          coalesce(sum((event_data->>'amount')::numeric) filter (where event_type = 'purchase_completed'), 0) as gross,
          coalesce(sum((event_data->>'netAmount')::numeric) filter (where event_type = 'purchase_completed'), 0) as net,
          coalesce(sum((event_data->>'amount')::numeric) filter (where event_type = 'purchase_refunded'), 0) as refunds,
          coalesce(sum((event_data->>'netAmount')::numeric) filter (where event_type = 'purchase_refunded'), 0) as "refundsNet"
        from analytics_events
        where ${ofCourses}
          and event_type in ('purchase_completed', 'purchase_refunded') and ${inCurrency}
          and ${eventsInRange(range, openFrom)}
        group by 1, 2`,
  )
  return [...closed, ...open].map((r) => ({
    day: r.day,
    courseId: r.courseId,
    sales: num(r.sales),
    gross: num(r.gross),
    net: num(r.net),
    refunds: num(r.refunds),
    refundsNet: num(r.refundsNet),
  }))
}

/** Gross and net revenue: sales minus refunds (refunds are counted on the day they happen). */
export function revenueOf(rows: SalesRow[]) {
  const gross = rows.reduce((s, r) => s + r.gross, 0)
  const refunds = rows.reduce((s, r) => s + r.refunds, 0)
  const net = rows.reduce((s, r) => s + r.net - r.refundsNet, 0)
  return { gross, refunds, net, platformFees: gross - refunds - net }
}

/** Each (student, quiz)'s best score among these attempts' scope, and its mean. */
export async function quizScores(
  req: PayloadRequest,
  where: { studentId?: string; courseIds?: string[] },
) {
  if (where.courseIds && !where.courseIds.length) {
    return { taken: 0, passed: 0, average: 0 }
  }
  const [row] = await execute<{ taken: string; passed: string; average: string | null }>(
    req,
    sql`select count(*) as taken, count(*) filter (where passed) as passed, avg(best) as average
        from (
          select student_id, quiz_id, max(score) as best, bool_or(passed) as passed
          from quiz_attempts
          where score is not null
            and ${where.studentId ? sql`student_id = ${where.studentId}` : sql`true`}
            and ${where.courseIds ? sql`course_id = any(${uuidArray(where.courseIds)})` : sql`true`}
          group by student_id, quiz_id
        ) best`,
  )
  return {
    taken: num(row?.taken),
    passed: num(row?.passed),
    average: row?.average == null ? 0 : round2(num(row.average)),
  }
}

/** The UTC days a user had any event, newest first (enough for any streak within a year). */
async function activeDays(req: PayloadRequest, userId: string) {
  const rows = await execute<{ day: string }>(
    req,
    sql`select distinct ${day('created_at')} as day from analytics_events
        where user_id = ${userId} and created_at >= ${new Date(now().getTime() - 400 * 86_400_000).toISOString()}
        order by 1 desc`,
  )
  return rows.map((r) => r.day)
}

/** Consecutive days with activity ending today, or yesterday while today has none yet. */
export function streakOf(days: string[], today: string) {
  const set = new Set(days)
  let cursor = set.has(today) ? today : addDays(today, -1)
  let streak = 0
  while (set.has(cursor)) {
    streak++
    cursor = addDays(cursor, -1)
  }
  return streak
}

export async function currentStreak(req: PayloadRequest, userId: string) {
  return streakOf(await activeDays(req, userId), dayOf(now()))
}

/** The longest run of consecutive days and the day each run of `length` was first reached. */
export async function streakReachedOn(req: PayloadRequest, userId: string, length: number) {
  const days = (await activeDays(req, userId)).reverse()
  let run = 0
  for (let i = 0; i < days.length; i++) {
    run = i > 0 && addDays(days[i - 1], 1) === days[i] ? run + 1 : 1
    if (run === length) return days[i]
  }
  return null
}

export const activeSince = () => new Date(now().getTime() - ACTIVE_DAYS * 86_400_000).toISOString()

/** Students enrolled in these courses with an event on one of them in the last 30 days. */
export async function activeStudentsOfCourses(req: PayloadRequest, courseIds: string[]) {
  if (!courseIds.length) return 0
  // The course's recent events first (index course_id, created_at), then the enrollment check
  // per distinct (user, course): driving from 100k enrollments instead took seconds.
  const [row] = await execute<{ n: string }>(
    req,
    sql`with recent as materialized (
          select distinct e.user_id, e.course_id from analytics_events e
          where e.course_id = any(${uuidArray(courseIds)}) and e.created_at >= ${activeSince()}
            and e.user_id is not null)
        select count(distinct r.user_id) as n from recent r
        where exists (select 1 from enrollments en
          where en.student_id = r.user_id and en.course_id = r.course_id)`,
  )
  return num(row?.n)
}

/** Of these users, how many had any event in the last 30 days. */
export async function activeUsers(req: PayloadRequest, userIds: string[]) {
  if (!userIds.length) return 0
  const [row] = await execute<{ n: string }>(
    req,
    sql`select count(distinct user_id) as n from analytics_events
        where user_id = any(${uuidArray(userIds)}) and created_at >= ${activeSince()}`,
  )
  return num(row?.n)
}

/** The at-risk rule (see the top of this module). */
export function isAtRisk(
  e: { enrolledAt: string | null; completedAt: string | null; progressPercentage: number },
  lastActiveAt: string | null,
) {
  if (e.completedAt) return false
  const current = now().getTime()
  const enrolledDaysAgo = e.enrolledAt
    ? (current - new Date(e.enrolledAt).getTime()) / 86_400_000
    : 0
  if (enrolledDaysAgo < 7) return false
  const idleDays = lastActiveAt
    ? (current - new Date(lastActiveAt).getTime()) / 86_400_000
    : enrolledDaysAgo
  return idleDays >= 14 || e.progressPercentage < 25
}

export { uuidArray }

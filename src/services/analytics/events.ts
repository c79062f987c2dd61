import type { PayloadRequest } from 'payload'

import { sql, table, transactionDb, type Db } from '../../lib/sql'
import { dayOf, now } from './clock'

export const EVENT_TYPES = [
  'course_view',
  'search',
  'enroll',
  'lesson_complete',
  'quiz_submit',
  'course_complete',
  'certificate_issued',
  'purchase_completed',
  'purchase_refunded',
  'post_created',
  'comment_created',
  'live_join',
  'recommendation_shown',
  'recommendation_clicked',
] as const
export type EventType = (typeof EVENT_TYPES)[number]

export type EventInput = {
  user?: string | null
  course?: string | null
  data?: Record<string, unknown>
  /** One event per key: a repeat is dropped (a course view per user, course and day). */
  dedupeKey?: string
}

/**
 * Appends an analytics event in req's transaction: it exists if and only if the action commits.
 * Hooks call this (the collections say what they record); nothing updates or deletes events
 * except the retention job and a user's deletion.
 */
export async function recordEvent(req: PayloadRequest, eventType: EventType, input: EventInput) {
  await insertEvent(req, await transactionDb(req), eventType, input)
}

async function insertEvent(req: PayloadRequest, db: Db, eventType: EventType, input: EventInput) {
  const events = table(req, 'analytics-events', [
    'user',
    'course',
    'eventType',
    'eventData',
    'dedupeKey',
    'createdAt',
    'updatedAt',
  ])
  const at = now().toISOString()
  await db
    .insert(events)
    .values({
      user: input.user ?? null,
      course: input.course ?? null,
      eventType,
      eventData: input.data ?? {},
      dedupeKey: input.dedupeKey ?? null,
      createdAt: at,
      updatedAt: at,
    })
    .onConflictDoNothing()
}

/**
 * A logged-in user opening a course: at most one event per user, course and day. A read has no
 * action to commit with: it is written on its own, and failing to write it (the course deleted a
 * moment ago) never fails the read.
 */
export async function recordCourseView(req: PayloadRequest, userId: string, courseId: string) {
  try {
    const pool = req.payload.db.drizzle as unknown as Db
    await insertEvent(req, pool, 'course_view', {
      user: userId,
      course: courseId,
      dedupeKey: `course_view:${userId}:${courseId}:${dayOf(now())}`,
    })
    await recordRecommendationClick(req, pool, userId, courseId, 'view')
  } catch (err) {
    req.payload.logger.warn({ err, courseId }, 'course view not recorded')
  }
}

const CLICK_WINDOW_DAYS = 14

/**
 * recommendation_clicked: the user opened or enrolled in a course recommended to them in the last
 * two weeks (once per user, course and action) — what the recommender learns from.
 */
export async function recordRecommendationClick(
  req: PayloadRequest,
  db: Db,
  userId: string,
  courseId: string,
  action: 'view' | 'enroll',
) {
  const since = new Date(now().getTime() - CLICK_WINDOW_DAYS * 86_400_000).toISOString()
  const shown = await db.execute(
    sql`select 1 from analytics_events
        where user_id = ${userId} and event_type = 'recommendation_shown' and created_at >= ${since}
          and event_data->'courseIds' @> ${JSON.stringify([courseId])}::jsonb
        limit 1`,
  )
  if (!(shown as unknown as { rows: unknown[] }).rows.length) return
  await insertEvent(req, db, 'recommendation_clicked', {
    user: userId,
    course: courseId,
    data: { action },
    dedupeKey: `recommendation_clicked:${userId}:${courseId}:${action}`,
  })
}

import { createHash } from 'node:crypto'

import { createLocalReq, type Payload, type PayloadRequest } from 'payload'

import { withTransaction } from '../../lib/http'
import { idOf } from '../../lib/ids'
import { execute, sql, table } from '../../lib/sql'

/**
 * Analytics events as xAPI 1.0.3 statements, forwarded to an institution's learning record store
 * (LRS) when XAPI_ENDPOINT is set: `statementFor` maps one event (pure), `forwardEvents` sends the
 * unforwarded ones in batches (the `xapi.forward` job, src/jobs/analytics.ts, every XAPI_CRON).
 * A statement's id is derived from its event's id, so a batch sent again after a failure or a lost
 * answer is the same statements, which the LRS stores once.
 */

export const XAPI_VERSION = '1.0.3'
export const PLATFORM = 'The Ready Lab'

/** The namespace of statement ids (UUID v5 of the event id); fixed forever, or ids change. */
export const STATEMENT_ID_NAMESPACE = '3f6a8c1e-5b2d-4e7a-9c41-0d8b6e2f7a95'

/** RFC 4122 UUID version 5 (SHA-1, name-based) of `name` in `namespace`. */
export function uuidv5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex')
  if (ns.length !== 16) throw new Error(`Not a UUID: ${namespace}`)
  const bytes = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16)
  bytes[6] = (bytes[6] & 0x0f) | 0x50
  bytes[8] = (bytes[8] & 0x3f) | 0x80
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

export const statementIdFor = (eventId: string) => uuidv5(eventId, STATEMENT_ID_NAMESPACE)

/** Seconds as an ISO 8601 duration (`PT1H2M5S`; `PT0S` for none). */
export function isoDuration(seconds: number): string {
  const total = Math.max(0, Number.isFinite(seconds) ? seconds : 0)
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const rest = Math.round((total % 60) * 100) / 100
  const parts = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${rest ? `${rest}S` : ''}`
  return `PT${parts || '0S'}`
}

type LanguageMap = Record<string, string>
export type XapiVerb = { id: string; display: LanguageMap }
export type XapiActivity = {
  objectType: 'Activity'
  id: string
  definition?: { type?: string; name?: LanguageMap }
}
export type XapiStatement = {
  id: string
  actor: { objectType: 'Agent'; account: { homePage: string; name: string } }
  verb: XapiVerb
  object: XapiActivity
  result?: {
    score?: { scaled: number; raw: number; min: number; max: number }
    success?: boolean
    completion?: boolean
    duration?: string
  }
  context: {
    platform: string
    contextActivities?: {
      parent?: XapiActivity[]
      grouping?: XapiActivity[]
      other?: XapiActivity[]
    }
  }
  timestamp: string
}

const adlVerb = (name: string): XapiVerb => ({
  id: `http://adlnet.gov/expapi/verbs/${name}`,
  display: { 'en-US': name },
})

/** Verbs of the ADL vocabulary (registry: adlnet/xAPIWrapper src/verbs.js, ADL's own list). */
export const VERBS = {
  registered: adlVerb('registered'),
  completed: adlVerb('completed'),
  passed: adlVerb('passed'),
  failed: adlVerb('failed'),
  experienced: adlVerb('experienced'),
  attended: adlVerb('attended'),
  commented: adlVerb('commented'),
  shared: adlVerb('shared'),
  // ADL's verb for "the authority determined the actor met the criteria" (cmi5 uses it the same
  // way); "achieved" is not in the ADL vocabulary.
  satisfied: {
    id: 'https://w3id.org/xapi/adl/verbs/satisfied',
    display: { 'en-US': 'satisfied' },
  },
} satisfies Record<string, XapiVerb>

export const ACTIVITY_TYPES = {
  course: 'http://adlnet.gov/expapi/activities/course',
  lesson: 'http://adlnet.gov/expapi/activities/lesson',
  assessment: 'http://adlnet.gov/expapi/activities/assessment',
  meeting: 'http://adlnet.gov/expapi/activities/meeting',
  // Not in the ADL list, which has nothing for a forum thread; the Tin Can registry's type.
  discussion: 'http://id.tincanapi.com/activitytype/discussion',
} as const

/** An analytics-events row as the forwarder reads it (relationships as ids or populated). */
export type AnalyticsEventRow = {
  id: string
  user?: string | { id: string } | null
  course?: string | { id: string } | null
  eventType: string
  eventData?: Record<string, unknown> | null
  createdAt: string | Date
}

export type StatementOptions = {
  /** The site the actor accounts and activity ids are on; default PUBLIC_URL. */
  baseUrl?: string
  /** Titles by id (courses, lessons, quizzes, live sessions), for activity names. */
  names?: Record<string, string | undefined>
}

export const publicBaseUrl = () =>
  (process.env.PUBLIC_URL || 'http://localhost:3000').replace(/\/+$/, '')

const str = (value: unknown) =>
  typeof value === 'string' && value ? value : typeof value === 'number' ? String(value) : null

/**
 * The xAPI 1.0.3 statement of one analytics event, or null for events with no learning-record
 * meaning (searches, purchases), without a user, or whose activity is unknown (e.g. a course that
 * was deleted). The actor is an account on PUBLIC_URL named by the user id: no email leaves.
 */
export function statementFor(
  event: AnalyticsEventRow,
  { baseUrl = publicBaseUrl(), names = {} }: StatementOptions = {},
): XapiStatement | null {
  const base = baseUrl.replace(/\/+$/, '')
  const user = idOf(event.user)
  if (!user) return null
  const course = idOf(event.course)
  const data = event.eventData ?? {}

  const activity = (id: string, type: string | undefined, nameOf?: string | null): XapiActivity => {
    const name = nameOf ? names[nameOf] : undefined
    const definition = {
      ...(type ? { type } : {}),
      ...(name ? { name: { 'en-US': name } } : {}),
    }
    return { objectType: 'Activity', id, ...(Object.keys(definition).length ? { definition } : {}) }
  }
  const courseActivity = course
    ? activity(`${base}/courses/${course}`, ACTIVITY_TYPES.course, course)
    : null

  const statement = (
    verb: XapiVerb,
    object: XapiActivity,
    extra: {
      result?: XapiStatement['result']
      contextActivities?: NonNullable<XapiStatement['context']['contextActivities']>
    } = {},
  ): XapiStatement => ({
    id: statementIdFor(String(event.id)),
    actor: { objectType: 'Agent', account: { homePage: base, name: user } },
    verb,
    object,
    ...(extra.result ? { result: extra.result } : {}),
    context: {
      platform: PLATFORM,
      ...(extra.contextActivities ? { contextActivities: extra.contextActivities } : {}),
    },
    timestamp: new Date(event.createdAt).toISOString(),
  })
  const inCourse = courseActivity ? { parent: [courseActivity] } : undefined

  switch (event.eventType) {
    case 'enroll':
      return courseActivity && statement(VERBS.registered, courseActivity)
    case 'course_view':
      return courseActivity && statement(VERBS.experienced, courseActivity)
    case 'course_complete':
      return (
        courseActivity &&
        statement(VERBS.completed, courseActivity, {
          result: { completion: true },
        })
      )
    case 'certificate_issued': {
      if (!courseActivity) return null
      const certificate = str(data.certificateId)
      return statement(VERBS.satisfied, courseActivity, {
        result: { success: true, completion: true },
        ...(certificate
          ? {
              contextActivities: {
                other: [activity(`${base}/certificates/${certificate}`, undefined)],
              },
            }
          : {}),
      })
    }
    case 'lesson_complete': {
      const lesson = str(data.lessonId)
      // Demo events without a lesson say nothing an LRS could file.
      if (!course || !lesson) return null
      const seconds = Number(data.timeSpent)
      return statement(
        VERBS.completed,
        activity(`${base}/courses/${course}/lessons/${lesson}`, ACTIVITY_TYPES.lesson, lesson),
        {
          result: {
            completion: true,
            ...(Number.isFinite(seconds) ? { duration: isoDuration(seconds) } : {}),
          },
          contextActivities: inCourse,
        },
      )
    }
    case 'quiz_submit': {
      const quiz = str(data.quizId)
      const raw = Number(data.score)
      if (!course || !quiz || !Number.isFinite(raw)) return null
      const score = Math.min(100, Math.max(0, raw))
      const passed = data.passed === true
      return statement(
        passed ? VERBS.passed : VERBS.failed,
        activity(`${base}/courses/${course}/quizzes/${quiz}`, ACTIVITY_TYPES.assessment, quiz),
        {
          result: {
            score: { scaled: score / 100, raw: score, min: 0, max: 100 },
            success: passed,
            completion: true,
          },
          contextActivities: inCourse,
        },
      )
    }
    case 'post_created':
    case 'comment_created': {
      const post = str(data.postId)
      if (!post) return null
      const community = str(data.communityId)
      const contextActivities = {
        ...(community ? { parent: [activity(`${base}/communities/${community}`, undefined)] } : {}),
        ...(courseActivity ? { grouping: [courseActivity] } : {}),
      }
      // A post shares a thread with its community; a comment comments on the post.
      return statement(
        event.eventType === 'post_created' ? VERBS.shared : VERBS.commented,
        activity(`${base}/posts/${post}`, ACTIVITY_TYPES.discussion),
        Object.keys(contextActivities).length ? { contextActivities } : {},
      )
    }
    case 'live_join': {
      const live = str(data.liveStreamId)
      if (!live) return null
      return statement(
        VERBS.attended,
        activity(`${base}/live/${live}`, ACTIVITY_TYPES.meeting, live),
        inCourse ? { contextActivities: inCourse } : {},
      )
    }
    default:
      // search, purchase_completed, purchase_refunded: no learning record.
      return null
  }
}

/** Where the LRS is, and how to sign in, from the environment; null when forwarding is off. */
export function lrsConfig() {
  const endpoint = process.env.XAPI_ENDPOINT?.trim()
  if (!endpoint) return null
  const url = new URL(`${endpoint.replace(/\/+$/, '')}/statements`)
  // Credentials in the URL move to the header (fetch refuses them there, and logs must not show them).
  const username = process.env.XAPI_USERNAME || decodeURIComponent(url.username)
  const password = process.env.XAPI_PASSWORD || decodeURIComponent(url.password)
  url.username = ''
  url.password = ''
  const headers: Record<string, string> = {
    'X-Experience-API-Version': XAPI_VERSION,
    'Content-Type': 'application/json',
  }
  if (username || password) {
    headers.Authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`
  }
  return { url, headers, label: `${url.origin}${url.pathname}` }
}

type Lrs = NonNullable<ReturnType<typeof lrsConfig>>

/** How long one LRS request may take (the claimed rows stay locked meanwhile). */
const LRS_TIMEOUT_MS = 30_000

async function lrsRequest(lrs: Lrs, method: 'POST' | 'PUT', url: URL, body: unknown) {
  let res: Response
  try {
    res = await fetch(url, {
      method,
      headers: lrs.headers,
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(LRS_TIMEOUT_MS),
    })
  } catch (err) {
    // The message names the endpoint without credentials; the cause says what failed.
    throw new Error(`LRS ${lrs.label} unreachable: ${(err as Error).message}`)
  }
  const text = await res.text().catch(() => '')
  return { status: res.status, text: text.slice(0, 500) }
}

const lrsError = (lrs: Lrs, status: number, text: string) =>
  new Error(`LRS ${lrs.label} answered ${status}${text ? `: ${text}` : ''}`)

/**
 * Sends one batch. 2xx: stored. 409 on the batch: some id is already stored with other content
 * (a statement sent before whose answer was lost, then changed) — the LRS stored none of the batch,
 * so each statement is PUT by its id, where 204 stores it and 409 means it is already there; both
 * count as delivered. Anything else throws, leaving the rows for the next run.
 */
async function sendBatch(lrs: Lrs, statements: XapiStatement[]) {
  const batch = await lrsRequest(lrs, 'POST', lrs.url, statements)
  if (batch.status >= 200 && batch.status < 300) return
  if (batch.status !== 409) throw lrsError(lrs, batch.status, batch.text)
  for (const statement of statements) {
    const url = new URL(lrs.url)
    url.searchParams.set('statementId', statement.id)
    const one = await lrsRequest(lrs, 'PUT', url, statement)
    if ((one.status >= 200 && one.status < 300) || one.status === 409) continue
    throw lrsError(lrs, one.status, one.text)
  }
}

type ClaimedRow = {
  id: string
  user: string | null
  course: string | null
  eventType: string
  eventData: Record<string, unknown> | null
  createdAt: string | Date
}

const inList = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )

/** Titles of the courses, lessons, quizzes (their lesson's) and live sessions the rows name. */
async function namesFor(req: PayloadRequest, rows: ClaimedRow[]) {
  const ids = new Set<string>()
  for (const row of rows) {
    if (row.course) ids.add(String(row.course))
    for (const key of ['lessonId', 'quizId', 'liveStreamId']) {
      const id = str(row.eventData?.[key])
      if (id) ids.add(id)
    }
  }
  const names: Record<string, string> = {}
  const wanted = [...ids].filter((id) => /^[0-9a-f-]{36}$/i.test(id))
  if (!wanted.length) return names
  const courses = table(req, 'courses', ['id', 'title'])
  const lessons = table(req, 'lessons', ['id', 'title'])
  const quizzes = table(req, 'quizzes', ['id', 'lesson'])
  const live = table(req, 'live-streams', ['id', 'title'])
  const found = await execute<{ id: string; title: string | null }>(
    req,
    sql`select ${courses.id} as id, ${courses.title} as title from ${courses} where ${courses.id} in (${inList(wanted)})
        union all select ${lessons.id}, ${lessons.title} from ${lessons} where ${lessons.id} in (${inList(wanted)})
        union all select ${quizzes.id}, ${lessons.title} from ${quizzes}
          join ${lessons} on ${lessons.id} = ${quizzes.lesson} where ${quizzes.id} in (${inList(wanted)})
        union all select ${live.id}, ${live.title} from ${live} where ${live.id} in (${inList(wanted)})`,
  )
  for (const { id, title } of found) if (title) names[String(id)] = title
  return names
}

export type ForwardOptions = {
  batchSize?: number
  /** Only these users' events (tests share one database; production forwards everything). */
  where?: { userIds?: string[] }
}

/**
 * Forwards every analytics event not yet forwarded, oldest first, while XAPI_ENDPOINT is set;
 * otherwise does nothing. Each batch is claimed in a transaction (FOR UPDATE SKIP LOCKED, so runs
 * side by side never send a row twice), posted as one array, and marked forwarded — statements
 * and the events without one alike — only once the LRS has answered 2xx (or 409, see sendBatch).
 * A failure throws and rolls the batch back, so the job retries it with the same statement ids.
 */
export async function forwardEvents(
  payload: Payload,
  { batchSize = 50, where = {} }: ForwardOptions = {},
): Promise<{ sent: number; skipped: number }> {
  const totals = { sent: 0, skipped: 0 }
  const lrs = lrsConfig()
  if (!lrs) return totals
  if (where.userIds && !where.userIds.length) return totals
  const limit = Math.max(1, Math.floor(batchSize))
  const baseUrl = publicBaseUrl()

  for (;;) {
    const req = await createLocalReq({}, payload)
    const batch = await withTransaction(req, async () => {
      const events = table(req, 'analytics-events', [
        'id',
        'user',
        'course',
        'eventType',
        'eventData',
        'createdAt',
        'forwardedAt',
      ])
      const forUsers = where.userIds ? sql`and ${events.user} in (${inList(where.userIds)})` : sql``
      const rows = await execute<ClaimedRow>(
        req,
        sql`select ${events.id} as id, ${events.user} as "user", ${events.course} as course,
              ${events.eventType} as "eventType", ${events.eventData} as "eventData",
              ${events.createdAt} as "createdAt"
            from ${events}
            where ${events.forwardedAt} is null ${forUsers}
            order by ${events.createdAt}, ${events.id}
            limit ${limit}
            for update skip locked`,
      )
      if (!rows.length) return { claimed: 0, sent: 0 }
      const names = await namesFor(req, rows)
      const statements = rows
        .map((row) => statementFor(row, { baseUrl, names }))
        .filter((s): s is XapiStatement => s !== null)
      if (statements.length) await sendBatch(lrs, statements)
      await execute(
        req,
        sql`update ${events} set ${sql.identifier(events.forwardedAt.name)} = now()
            where ${events.id} in (${inList(rows.map((row) => String(row.id)))})`,
      )
      return { claimed: rows.length, sent: statements.length }
    })
    // Counted once committed.
    totals.sent += batch.sent
    totals.skipped += batch.claimed - batch.sent
    if (batch.claimed < limit) break
  }
  if (totals.sent || totals.skipped) {
    payload.logger.info({ ...totals, lrs: lrs.label }, 'xAPI statements forwarded')
  }
  return totals
}

import type { AfterErrorHook, PayloadRequest } from 'payload'

import { lastConnectionFailure } from '../lib/pgPool'

// Postgres "connection exception" (08xxx), shutdown and overload codes.
const POSTGRES_CODES = /^(08...|57P0[1-3]|53300)$/
// Socket errors: Postgres's only while the pool has just failed to reach it (Stripe, Mux or
// OpenAI being unreachable is not a database outage).
const SOCKET_CODES = /^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT)$/
// Payload's beginTransaction keeps only the message of the error it wraps (sometimes just drizzle's
// "Failed query: begin"); a BEGIN fails only when the connection does.
const OUTAGE_MESSAGES =
  /cannot begin transaction|did not commit|Connection terminated|not queryable|timeout exceeded when trying to connect|terminating connection|the database system is (shutting down|starting up|in recovery mode)/i
const RECENT_MS = 5_000
const poolFailedRecently = () => Date.now() - lastConnectionFailure() < RECENT_MS

/** Whether an error (or one it wraps, as drizzle does) says the database cannot be reached. */
export function isDatabaseOutage(error: unknown): boolean {
  for (
    let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 5;
    e = e.cause as typeof e, depth++
  ) {
    if (typeof e.code === 'string' && POSTGRES_CODES.test(e.code)) return true
    if (typeof e.code === 'string' && SOCKET_CODES.test(e.code) && poolFailedRecently()) return true
    if (typeof e.message === 'string' && OUTAGE_MESSAGES.test(e.message)) return true
  }
  return false
}

const hasCredentials = (req: PayloadRequest) =>
  Boolean(req.headers?.get('authorization') || req.headers?.get('cookie'))

/** Postgres failed a moment ago, or does not answer now. */
async function databaseDown(req: PayloadRequest) {
  if (poolFailedRecently()) return true
  const pool = (req.payload.db as { pool?: { query(sql: string): Promise<unknown> } }).pool
  if (!pool) return false
  try {
    await Promise.race([
      pool.query('select 1'),
      new Promise((_, reject) => setTimeout(() => reject(new Error('no answer')), 2000).unref()),
    ])
    return false
  } catch {
    return true
  }
}
/**
 * Answers Payload gives when a lookup it swallowed failed: its JWT strategy reads a valid token
 * as "not logged in" (401/403 with credentials but no user), and relationship validation reads
 * an existing document as an invalid selection (400).
 */
function maybeSwallowedOutage(error: unknown, req: PayloadRequest) {
  const { status, name, data } = error as {
    status?: number
    name?: string
    data?: { errors?: { message?: string }[] }
  }
  if ((status === 401 || status === 403) && !req.user && hasCredentials(req)) return true
  return (
    name === 'ValidationError' &&
    Boolean(data?.errors?.length) &&
    data!.errors!.every((e) => /invalid selections/.test(e.message ?? ''))
  )
}

const unavailable = {
  status: 503,
  response: { errors: [{ message: 'The database is unavailable; try again shortly' }] },
}

/**
 * While Postgres is down or restarting, requests fail with 503 ("try again"), not a 500 that
 * reads like a bug, a 401 that logs the user out or a 400 that blames the input; the pool
 * reconnects by itself (src/lib/pgPool.ts).
 */
export const databaseOutageIsUnavailable: AfterErrorHook = async ({ error, req }) => {
  if (isDatabaseOutage(error)) return unavailable
  if (maybeSwallowedOutage(error, req) && (await databaseDown(req))) return unavailable
}

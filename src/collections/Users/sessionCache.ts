import {
  JWTAuthentication,
  type AuthStrategy,
  type AuthStrategyResult,
  type CollectionAfterChangeHook,
  type CollectionAfterDeleteHook,
  type CollectionAfterLogoutHook,
  type Payload,
} from 'payload'
import type pg from 'pg'

import { afterCommit } from '../../lib/afterCommit'
import { listenerConnection } from '../../lib/pgPool'

/**
 * Authenticated users kept in memory, so a request with a known session skips Payload's user read
 * (a findByID at the collection's auth depth: about half the CPU of a small authenticated write).
 *
 * The key is every input of Payload's token extraction (the Authorization header, the session
 * cookie, and the Origin and Sec-Fetch-Site its CSRF rule reads) plus the GraphQL flag that sets
 * the depth, so an entry only ever answers the request that Payload itself authenticated from the
 * same token in the same way. A miss is Payload's own JWT strategy, unchanged.
 *
 * An entry lasts until the token expires, at most ENTRY_TTL_MS, and until the user or one of their
 * sessions changes: the migration 20261206_220000_user_change_notifications announces every
 * committed change (a logout, a role or password change, SQL by hand) on `user_changed`, and each
 * process drops that user. Users are only cached while this process is listening; if the
 * connection drops, the cache is emptied and bypassed until it is back. Changes made through this
 * process are also dropped at once (hooks below), before the notification arrives.
 */

const CHANNEL = 'user_changed'
/** Bounds staleness of what the user document populates (a replaced profile image). */
const ENTRY_TTL_MS = 30_000
const MAX_ENTRIES = 10_000

type CachedUser = NonNullable<AuthStrategyResult['user']>
type Entry = { user: CachedUser; userId: string; expiresAt: number }

const entries = new Map<string, Entry>()
/** The keys of each user's entries, so dropping a user does not scan the cache. */
const keysOfUser = new Map<string, Set<string>>()

function forget(key: string) {
  const entry = entries.get(key)
  if (!entry) return
  entries.delete(key)
  const keys = keysOfUser.get(entry.userId)
  keys?.delete(key)
  if (keys && !keys.size) keysOfUser.delete(entry.userId)
}

function remember(key: string, entry: Entry) {
  forget(key)
  entries.set(key, entry)
  const keys = keysOfUser.get(entry.userId) ?? new Set<string>()
  keys.add(key)
  keysOfUser.set(entry.userId, keys)
  while (entries.size > MAX_ENTRIES) forget(entries.keys().next().value!)
}

function clear() {
  entries.clear()
  keysOfUser.clear()
}

let listening = false
/** Goes up with every eviction, so a read that raced one is not kept. */
let evictions = 0

function evict(userId: string) {
  evictions++
  if (userId === '*') return clear()
  for (const key of keysOfUser.get(userId) ?? []) forget(key)
}

/** The expiry (ms) of the soonest-expiring JWT in these credentials; the signature is Payload's job. */
function tokenExpiry(credentials: (string | null)[]) {
  let soonest = Infinity
  for (const value of credentials) {
    const claims = value?.split(' ').pop()?.split('.')[1]
    if (!claims) continue
    try {
      const { exp } = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8'))
      if (typeof exp === 'number') soonest = Math.min(soonest, exp * 1000)
    } catch {
      // Not a JWT: Payload refuses it on every request, so nothing is cached for it.
    }
  }
  return soonest
}

const sessionCookie = (headers: Headers, payload: Payload) => {
  const name = `${payload.config.cookiePrefix}-token=`
  const found = (headers.get('cookie') ?? '').split(/;\s*/).find((c) => c.startsWith(name))
  return found ? found.slice(name.length) : null
}

/** Runs before Payload's `local-jwt` strategy (Payload puts custom strategies first). */
export const cachedSessions: AuthStrategy = {
  name: 'cached-sessions',
  authenticate: async (args) => {
    const { headers, payload } = args
    const credentials = [headers.get('authorization'), sessionCookie(headers, payload)]
    if (!listening || credentials.every((c) => !c)) return { user: null }
    const key = JSON.stringify([
      ...credentials,
      headers.get('origin'),
      headers.get('sec-fetch-site'),
      Boolean(args.isGraphQL),
    ])
    const hit = entries.get(key)
    if (hit && hit.expiresAt > Date.now()) return { user: structuredClone(hit.user) }
    if (hit) forget(key)

    const seen = evictions
    const result = await JWTAuthentication({ ...args, strategyName: 'local-jwt' })
    if (result.user && listening && seen === evictions && !result.responseHeaders) {
      const expiresAt = Math.min(Date.now() + ENTRY_TTL_MS, tokenExpiry(credentials))
      remember(key, {
        user: structuredClone(result.user),
        userId: String(result.user.id),
        expiresAt,
      })
    }
    return result
  },
}

/** Drops a changed user here at once, and again once the change is committed. */
const dropUser = (req: Parameters<CollectionAfterLogoutHook>[0]['req'], id: unknown) => {
  if (id === undefined || id === null) return
  evict(String(id))
  void afterCommit(req, () => evict(String(id)))
}

export const dropChangedUser: CollectionAfterChangeHook = ({ doc, operation, req }) => {
  if (operation === 'update') dropUser(req, doc.id)
  return doc
}
export const dropDeletedUser: CollectionAfterDeleteHook = ({ id, req }) => dropUser(req, id)
export const dropLoggedOutUser: CollectionAfterLogoutHook = ({ req }) => dropUser(req, req.user?.id)

/**
 * LISTENs for committed user changes on a connection of its own until payload.destroy(); the
 * cache is used only while it listens.
 */
export function listenForUserChanges(payload: Payload, { retryMs = 1000 } = {}) {
  let stopped = false
  let current: pg.Client | undefined
  let retry: NodeJS.Timeout | undefined
  const lost = (client: pg.Client | undefined) => {
    if (client !== current) return // an earlier connection's late error
    listening = false
    clear()
    client?.end().catch(() => {})
    current = undefined
    if (!stopped) retry = setTimeout(listen, retryMs)
  }
  const listen = async () => {
    try {
      const client = (current = await listenerConnection(
        payload.db.pool,
        CHANNEL,
        (ids) => {
          for (const id of (ids ?? '*').split(',')) evict(id)
        },
        (broken, err) => {
          payload.logger.warn(
            { err },
            'user change listener lost; authenticating without the cache',
          )
          lost(broken)
        },
      ))
      if (stopped) return lost(client)
      clear()
      listening = true
    } catch (err) {
      payload.logger.warn({ err }, 'user change listener could not connect; retrying')
      current = undefined
      if (!stopped) retry = setTimeout(listen, retryMs)
    }
  }
  void listen()
  const stop = () => {
    stopped = true
    clearTimeout(retry)
    lost(current)
  }
  payload.crons.push({ stop } as unknown as Payload['crons'][number])
  return { stop }
}

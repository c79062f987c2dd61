import type { CollectionBeforeOperationHook, PayloadRequest } from 'payload'
import type { Redis } from 'ioredis'

import { tooManyRequests } from './errors'
import { getRedis } from './redis'

export type RateLimitRule = { max: number; windowMs: number }

/** Counts hits of a key within a fixed window and returns the count so far. */
export interface RateLimitStore {
  hit(key: string, windowMs: number): Promise<number>
}

export function createMemoryStore(): RateLimitStore {
  const windows = new Map<string, { count: number; resetAt: number }>()
  return {
    async hit(key, windowMs) {
      const now = Date.now()
      if (windows.size > 10_000) {
        for (const [k, w] of windows) if (w.resetAt <= now) windows.delete(k)
      }
      const current = windows.get(key)
      if (!current || current.resetAt <= now) {
        windows.set(key, { count: 1, resetAt: now + windowMs })
        return 1
      }
      current.count += 1
      return current.count
    },
  }
}

/** Shared by every app instance: INCR + PEXPIRE NX in one round trip. */
export function createRedisStore(redis: Redis): RateLimitStore {
  return {
    async hit(key, windowMs) {
      const results = await redis
        .multi()
        .incr(`ratelimit:${key}`)
        .pexpire(`ratelimit:${key}`, windowMs, 'NX')
        .exec()
      return Number(results?.[0]?.[1] ?? 0)
    },
  }
}

const envNumber = (name: string, fallback: number) => {
  const value = Number(process.env[name])
  return Number.isFinite(value) && value > 0 ? value : fallback
}

export const RATE_LIMITS = {
  auth: () => ({ max: envNumber('RATE_LIMIT_AUTH_MAX', 20), windowMs: 60_000 }),
  inquiry: () => ({ max: envNumber('RATE_LIMIT_INQUIRY_MAX', 5), windowMs: 10 * 60_000 }),
  verify: () => ({ max: envNumber('RATE_LIMIT_VERIFY_MAX', 60), windowMs: 60_000 }),
  posting: () => ({ max: envNumber('RATE_LIMIT_POSTING_MAX', 30), windowMs: 60_000 }),
  ai: () => ({ max: envNumber('RATE_LIMIT_AI_MAX', 30), windowMs: 60_000 }),
} satisfies Record<string, () => RateLimitRule>

const memoryStore = createMemoryStore()
let redisStore: { redis: Redis; store: RateLimitStore } | null = null

export function currentStore(): RateLimitStore {
  const redis = getRedis()
  if (!redis) return memoryStore
  if (redisStore?.redis !== redis) redisStore = { redis, store: createRedisStore(redis) }
  return redisStore.store
}

/** Reverse proxies in front of the app whose X-Forwarded-For entries are trusted (default none). */
export const trustedProxyHops = () => {
  const hops = Number(process.env.TRUST_PROXY_HOPS ?? 0)
  return Number.isInteger(hops) && hops > 0 ? hops : 0
}

/**
 * The client address for rate limits: one the client cannot choose. Each trusted proxy appends
 * the address it received the request from to X-Forwarded-For, so with N trusted hops the client
 * is the N-th entry from the right; anything to its left was sent by the client and is ignored.
 * Next.js keeps a client-sent X-Forwarded-For as it is and exposes no socket address to route
 * handlers, so without trusted hops every client shares one "direct" bucket: safe (nobody can
 * step around a limit by inventing addresses), but deployments set TRUST_PROXY_HOPS.
 */
export function clientIp(req: Pick<PayloadRequest, 'headers'>): string {
  const hops = trustedProxyHops()
  if (!hops) return 'direct'
  const chain = (req.headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  return chain[chain.length - hops] ?? 'unknown'
}

/**
 * Throws 429 once the caller (by IP, or `who` — e.g. `user:<id>` for per-user limits) exceeds the
 * rule for this bucket. A request counts once per bucket, however many limited operations it runs
 * (signup creates the user, then logs in).
 */
export async function enforceRateLimit(
  req: Pick<PayloadRequest, 'headers' | 'payload'> & { context?: PayloadRequest['context'] },
  bucket: keyof typeof RATE_LIMITS,
  store: RateLimitStore = currentStore(),
  who: string = clientIp(req),
) {
  const counted = `rateLimit:${bucket}`
  if (req.context?.[counted]) return
  if (req.context) req.context[counted] = true
  const rule = RATE_LIMITS[bucket]()
  let count: number
  try {
    count = await store.hit(`${bucket}:${who}`, rule.windowMs)
  } catch (err) {
    // A Redis outage must not lock everyone out; fall back to this instance's memory.
    req.payload.logger.warn({ err }, 'rate limit store unavailable; using memory')
    count = await memoryStore.hit(`${bucket}:${who}`, rule.windowMs)
  }
  if (count > rule.max) {
    throw tooManyRequests(
      `Too many requests; try again in ${Math.ceil(rule.windowMs / 1000)} seconds`,
    )
  }
}

type Operation = Parameters<CollectionBeforeOperationHook>[0]['operation']

/**
 * The one layer rate limits live at: the collection operation they protect, as a beforeOperation
 * hook. Every door reaches a collection through its operations — our endpoints (they call the
 * Local API with the client's req), Payload's REST routes, GraphQL — so one declaration on the
 * collection covers them all. Server code on its own (seed, jobs: payloadAPI 'local') is not a
 * client and is not limited.
 */
export const rateLimitOperations =
  (
    bucket: keyof typeof RATE_LIMITS,
    counts: readonly Operation[] | ((operation: Operation, req: PayloadRequest) => boolean),
  ): CollectionBeforeOperationHook =>
  async ({ args, operation, req }) => {
    const counted =
      typeof counts === 'function' ? counts(operation, req) : counts.includes(operation)
    if (counted && req.payloadAPI !== 'local') await enforceRateLimit(req, bucket)
    return args
  }

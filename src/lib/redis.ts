import { Redis } from 'ioredis'

let shared: Redis | null = null

/** How long a request waits on Redis before it degrades (rate limits, cache, readiness). */
export const REDIS_COMMAND_TIMEOUT_MS = 1000

/**
 * One shared connection per process when REDIS_URL is set; null in the embedded default. It serves
 * requests (rate limits, cache, readiness) and the worker heartbeat, so a Redis outage must fail
 * its commands quickly instead of queueing them until Redis is back: each command gives up after
 * REDIS_COMMAND_TIMEOUT_MS, and queued ones fail after one reconnection attempt. Callers fall back
 * (see src/lib/rateLimit.ts, src/lib/cache.ts). BullMQ makes its own connections.
 */
export function getRedis(): Redis | null {
  const url = process.env.REDIS_URL
  if (!url) return null
  if (!shared) {
    shared = new Redis(url, {
      maxRetriesPerRequest: 1,
      commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
      enableReadyCheck: true,
    })
    // Reconnection is automatic; an 'error' nobody listens to would only print noise.
    shared.on('error', () => {})
  }
  return shared
}

// BullMQ requires maxRetriesPerRequest: null on its connections (they wait for Redis to return).
export const createRedis = (url: string) =>
  new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false })

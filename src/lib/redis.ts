import { Redis } from 'ioredis'

let shared: Redis | null = null

/** One shared connection per process when REDIS_URL is set; null in the embedded default. */
export function getRedis(): Redis | null {
  const url = process.env.REDIS_URL
  if (!url) return null
  if (!shared) shared = createRedis(url)
  return shared
}

// BullMQ requires maxRetriesPerRequest: null on its connections; we use the same settings everywhere.
export const createRedis = (url: string) =>
  new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false })

import { getRedis } from './redis'

/** A small in-process LRU with per-entry expiry: the cache when there is no Redis. */
class MemoryCache {
  private entries = new Map<string, { value: string; expiresAt: number }>()
  constructor(private max = 5000) {}
  get(key: string) {
    const entry = this.entries.get(key)
    if (!entry) return null
    this.entries.delete(key)
    if (entry.expiresAt <= Date.now()) return null
    this.entries.set(key, entry) // most recently used last
    return entry.value
  }
  set(key: string, value: string, ttlMs: number) {
    this.entries.delete(key)
    this.entries.set(key, { value, expiresAt: Date.now() + ttlMs })
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!)
  }
  clear() {
    this.entries.clear()
  }
}

const memory = new MemoryCache()

/**
 * JSON values with a time to live: Redis when REDIS_URL is set (shared by every instance), this
 * process's LRU otherwise. A Redis error falls back to memory rather than failing the request.
 */
export const cache = {
  async get<T>(key: string): Promise<T | null> {
    const redis = getRedis()
    let text: string | null = null
    try {
      text = redis ? await redis.get(`cache:${key}`) : memory.get(key)
    } catch {
      text = memory.get(key)
    }
    return text ? (JSON.parse(text) as T) : null
  },
  async set(key: string, value: unknown, ttlMs: number) {
    const text = JSON.stringify(value)
    const redis = getRedis()
    try {
      if (redis) await redis.set(`cache:${key}`, text, 'PX', ttlMs)
      else memory.set(key, text, ttlMs)
    } catch {
      memory.set(key, text, ttlMs)
    }
  },
  /** Tests start from an empty process cache. */
  clearMemory: () => memory.clear(),
}

import os from 'node:os'

import type { Redis } from 'ioredis'

const KEY = 'readylab:worker-heartbeats'
const BEAT_MS = 10_000
/** A worker not heard from for this long is presumed gone (three missed beats). */
export const WORKER_SILENT_AFTER_MS = 3 * BEAT_MS

/**
 * Each worker process records "still here" in Redis every few seconds (a sorted set scored by
 * time), so `/api/ready` on any app instance can tell whether queued jobs will run.
 */
export function startHeartbeat(redis: Redis, id = `${os.hostname()}:${process.pid}`) {
  const beat = () =>
    redis
      .multi()
      .zadd(KEY, Date.now(), id)
      .zremrangebyscore(KEY, '-inf', Date.now() - 24 * 3600_000)
      .exec()
      .catch(() => undefined)
  void beat()
  const timer = setInterval(beat, BEAT_MS)
  timer.unref()
  return {
    stop: async () => {
      clearInterval(timer)
      await redis.zrem(KEY, id).catch(() => undefined)
    },
  }
}

/** When a worker was last heard from (ms since epoch), or null when none ever was. */
export async function lastWorkerBeat(redis: Redis): Promise<number | null> {
  const [, score] = await redis.zrevrange(KEY, 0, 0, 'WITHSCORES')
  return score ? Number(score) : null
}

// `npm run worker`: consumes every queue from REDIS_URL until SIGTERM/SIGINT, then drains and exits.
// Compiled to dist/run-worker.mjs by `npm run build`: production runs it with plain node.
import { getPayload } from 'payload'

import { validateEnvironmentOrExit } from '../config/environment'
import { applyMigrations } from '../lib/migrations'
import { getRedis } from '../lib/redis'
import { startHeartbeat } from './heartbeat'
import { startWorkers } from './worker'

validateEnvironmentOrExit('worker')
const redisUrl = process.env.REDIS_URL
if (!redisUrl) {
  console.error('[worker] REDIS_URL is not set: without Redis, jobs run inside the app process')
  process.exit(1)
}

const { default: config } = await import('../payload.config')
const payload = await getPayload({ config, disableOnInit: true })
// Whoever starts first migrates (under a lock), so the worker need not wait for an app instance.
await applyMigrations(payload)
// Then the config's onInit: this process's outbox relay and schedules (unless turned off).
await payload.config.onInit?.(payload)
const running = startWorkers(payload, { redisUrl })
const heartbeat = startHeartbeat(getRedis()!)
payload.logger.info(`[worker] consuming ${running.workers.map((w) => w.name).join(', ')}`)

let stopping = false
const shutdown = async (signal: string) => {
  if (stopping) return
  stopping = true
  payload.logger.info(`[worker] ${signal}: finishing active jobs`)
  await heartbeat.stop()
  await running.close()
  // Stops the relay (after its current batch) and closes its queues.
  await payload.destroy()
  // The shared connection (heartbeat, caches) goes last: active jobs may still have used it.
  getRedis()?.disconnect()
  payload.logger.info('[worker] stopped')
  process.exit(0)
}
process.on('SIGTERM', () => void shutdown('SIGTERM'))
process.on('SIGINT', () => void shutdown('SIGINT'))

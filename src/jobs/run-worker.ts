// `npm run worker`: consumes every queue from REDIS_URL until SIGTERM/SIGINT, then drains and exits.
// Payload's onInit also starts this process's outbox relay (unless OUTBOX_RELAY=false).
import { getPayload } from 'payload'

import config from '../payload.config'
import { startWorkers } from './worker'

const redisUrl = process.env.REDIS_URL
if (!redisUrl) {
  console.error('[worker] REDIS_URL is not set: without Redis, jobs run inside the app process')
  process.exit(1)
}

const payload = await getPayload({ config })
const running = startWorkers(payload, { redisUrl })
payload.logger.info(`[worker] consuming ${running.workers.map((w) => w.name).join(', ')}`)

let stopping = false
const shutdown = async (signal: string) => {
  if (stopping) return
  stopping = true
  payload.logger.info(`[worker] ${signal}: finishing active jobs`)
  await running.close()
  // Stops the relay (after its current batch) and closes its queues.
  await payload.destroy()
  process.exit(0)
}
process.on('SIGTERM', () => void shutdown('SIGTERM'))
process.on('SIGINT', () => void shutdown('SIGINT'))

import cron from 'node-cron'
import type { Payload } from 'payload'

import { enqueueMissingCertificates } from './certificate'

/**
 * Every recurring job, in one place. Runs in the app process in the embedded default and in the
 * worker otherwise (set WORKER_SCHEDULES=false on all but one worker).
 */
export function startSchedules(payload: Payload) {
  const tasks = [
    // Safety net: a completion whose enqueue was lost (crash between commit and enqueue).
    cron.schedule('*/10 * * * *', () => {
      enqueueMissingCertificates(payload).catch((err: unknown) =>
        payload.logger.error({ err }, 'certificate sweep failed'),
      )
    }),
  ]
  return { stop: () => tasks.forEach((task) => task.stop()) }
}

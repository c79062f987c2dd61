import { forwardEvents } from '../services/analytics/xapi'
import type { JobDefinition } from './definition'

/**
 * Scheduled every XAPI_CRON while XAPI_ENDPOINT is set (src/jobs/schedules.ts): forwards unforwarded
 * analytics events to the LRS as xAPI statements. A failed run leaves its batch unforwarded and
 * retries; statement ids come from event ids, so a resend never duplicates.
 */
export const forwardXapiJob: JobDefinition<Record<string, never>> = {
  queue: 'analytics',
  attempts: 3,
  handler: (_data, { payload }) => forwardEvents(payload),
}

import { enforceRetention, rollUp } from '../services/analytics/rollup'
import type { JobDefinition } from './definition'

/** Scheduled daily (src/jobs/schedules.ts): roll up closed days, then drop raw events past retention. */
export const analyticsRollupJob: JobDefinition<Record<string, never>> = {
  queue: 'analytics',
  attempts: 3,
  handler: async (_data, { payload }) => ({
    rollup: await rollUp(payload),
    retention: await enforceRetention(payload),
  }),
}

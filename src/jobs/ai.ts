import { precomputeRecommendations } from '../services/ai/recommendations'
import type { JobDefinition } from './definition'

/** Scheduled (src/jobs/schedules.ts): recently active students get their recommendations warm. */
export const precomputeRecommendationsJob: JobDefinition<Record<string, never>> = {
  queue: 'ai',
  attempts: 2,
  handler: (_data, { payload }) => precomputeRecommendations(payload),
}

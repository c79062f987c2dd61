import { emailGradedAttempt } from '../services/learning/quiz'
import type { JobDefinition } from './definition'

/** Queued when the educator finishes grading an attempt's essays (services/learning/quiz.ts). */
export const emailGradedAttemptJob: JobDefinition<{ attemptId: string }> = {
  queue: 'email',
  handler: ({ attemptId }, { payload }) => emailGradedAttempt(payload, attemptId),
}

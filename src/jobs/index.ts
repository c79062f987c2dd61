import { forwardXapiJob } from './analytics'
import { emailCertificateJob, issueCertificateJob } from './certificate'
import type { JobMap } from './definition'
import { reconcileStripeJob, transferPayoutJob } from './payments'
import { analyticsRollupJob } from './rollups'
import { precomputeRecommendationsJob } from './ai'
import { emailGradedAttemptJob } from './quiz'
import { emailInvitationJob } from './invitation'

/** Every job by name: what enqueue accepts and what the inline runner and BullMQ workers run. */
export const jobs = {
  'certificate.issue': issueCertificateJob,
  'certificate.email': emailCertificateJob,
  'payout.transfer': transferPayoutJob,
  'payments.reconcile': reconcileStripeJob,
  'analytics.rollup': analyticsRollupJob,
  'ai.recommendations': precomputeRecommendationsJob,
  'xapi.forward': forwardXapiJob,
  'quiz.graded-email': emailGradedAttemptJob,
  'invitation.email': emailInvitationJob,
} satisfies JobMap

export type JobName = keyof typeof jobs
export type JobData<N extends JobName> = Parameters<(typeof jobs)[N]['handler']>[0]

import { transferPayout } from '../services/payments/payouts'
import { reconcileStripeEvents } from '../services/payments/webhooks'
import type { JobDefinition } from './definition'

/** Queued with each withdrawal (src/services/payments/payouts.ts); Stripe dedupes by payout id. */
export const transferPayoutJob: JobDefinition<{ payoutId: string }> = {
  queue: 'payments',
  attempts: 8,
  handler: ({ payoutId }, { payload }) => transferPayout(payload, payoutId),
}

/** Scheduled (src/jobs/schedules.ts): applies Stripe events whose webhook never arrived. */
export const reconcileStripeJob: JobDefinition<Record<string, never>> = {
  queue: 'payments',
  attempts: 1,
  handler: (_data, { payload }) => reconcileStripeEvents(payload),
}

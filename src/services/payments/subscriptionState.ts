import type Stripe from 'stripe'

import { SUBSCRIPTION_PLANS } from '../../lib/constants'

export const SUBSCRIPTION_STATUSES = [
  'incomplete',
  'incomplete_expired',
  'trialing',
  'active',
  'past_due',
  'unpaid',
  'canceled',
  'paused',
] as const
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number]
export type Plan = (typeof SUBSCRIPTION_PLANS)[number]

/** Statuses in which a plan's benefits (or an institution's seats) apply. */
const LIVE: SubscriptionStatus[] = ['trialing', 'active', 'past_due']
export const isLive = (status: string | null | undefined) =>
  LIVE.includes(status as SubscriptionStatus)

const asStatus = (status: string): SubscriptionStatus =>
  (SUBSCRIPTION_STATUSES as readonly string[]).includes(status)
    ? (status as SubscriptionStatus)
    : 'incomplete'

export const isPlan = (value: unknown): value is Plan =>
  (SUBSCRIPTION_PLANS as readonly unknown[]).includes(value)

const isoFromUnix = (seconds: number | null | undefined) =>
  typeof seconds === 'number' ? new Date(seconds * 1000).toISOString() : null

/** What we keep of a Stripe subscription: the first item carries the price and the seats. */
export function subscriptionState(subscription: Stripe.Subscription) {
  const item = subscription.items?.data?.[0]
  return {
    stripeSubscriptionId: subscription.id,
    status: asStatus(subscription.status),
    currentPeriodEnd: isoFromUnix(item?.current_period_end),
    cancelAtPeriodEnd: Boolean(subscription.cancel_at_period_end),
    quantity: item?.quantity ?? 0,
    itemId: item?.id ?? null,
    metadata: (subscription.metadata ?? {}) as Record<string, string>,
  }
}
export type SubscriptionState = ReturnType<typeof subscriptionState>

/**
 * The plan an educator is on: the subscription's plan while it is live, basic otherwise (no
 * subscription, canceled, unpaid).
 */
export const effectivePlan = (plan: unknown, status: string | null | undefined): Plan =>
  isPlan(plan) && isLive(status) ? plan : 'basic'

/** Platform fee and educator share of a sale, in minor units (the fee rounds half up). */
export function splitSale(amount: number, feePercentage: number) {
  const platformFee = Math.round((amount * feePercentage) / 100)
  return { platformFee, netAmount: amount - platformFee }
}

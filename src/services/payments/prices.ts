import type Stripe from 'stripe'

import type { Plan } from './subscriptionState'
import { requireStripe } from './stripe'

export type PriceKind = Plan | 'seat'

/** Monthly prices created on first use when no STRIPE_PRICE_* id is configured. */
const DEFAULTS: Record<PriceKind, { name: string; unitAmount: number }> = {
  basic: { name: 'The Ready Lab — Basic plan', unitAmount: 900 },
  pro: { name: 'The Ready Lab — Pro plan', unitAmount: 2900 },
  enterprise: { name: 'The Ready Lab — Enterprise plan', unitAmount: 9900 },
  seat: { name: 'The Ready Lab — institution seat', unitAmount: 1500 },
}

const envPrice = (kind: PriceKind) => process.env[`STRIPE_PRICE_${kind.toUpperCase()}`] || null
const lookupKey = (kind: PriceKind) => `ready_lab_${kind}_monthly`

const found = new Map<PriceKind, string>()

/**
 * The Stripe price of a plan or a seat: STRIPE_PRICE_BASIC|PRO|ENTERPRISE|SEAT, else the price with
 * our lookup key, created once (the idempotency key covers two processes creating it together).
 */
export async function priceId(kind: PriceKind): Promise<string> {
  const configured = envPrice(kind)
  if (configured) return configured
  const known = found.get(kind)
  if (known) return known
  const stripe = requireStripe()
  const { data } = await stripe.prices.list({ lookup_keys: [lookupKey(kind)], limit: 1 })
  const price =
    data[0] ??
    (await stripe.prices.create(
      {
        currency: 'usd',
        unit_amount: DEFAULTS[kind].unitAmount,
        recurring: { interval: 'month' },
        lookup_key: lookupKey(kind),
        product_data: { name: DEFAULTS[kind].name },
        metadata: { kind },
      },
      { idempotencyKey: `price-${lookupKey(kind)}` },
    ))
  found.set(kind, price.id)
  return price.id
}

/** Which plan a subscription's price is (configured id, our lookup key, or its metadata). */
export function planOfPrice(price: Stripe.Price | string | null | undefined): Plan | null {
  if (!price) return null
  const id = typeof price === 'string' ? price : price.id
  for (const plan of ['basic', 'pro', 'enterprise'] as const) {
    if (envPrice(plan) === id || found.get(plan) === id) return plan
    if (typeof price !== 'string' && price.lookup_key === lookupKey(plan)) return plan
  }
  const kind = typeof price === 'string' ? null : price.metadata?.kind
  return kind === 'basic' || kind === 'pro' || kind === 'enterprise' ? kind : null
}

/** Forgets looked-up prices (tests swap Stripe servers). */
export const forgetPrices = () => found.clear()

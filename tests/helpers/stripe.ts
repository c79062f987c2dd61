import type Stripe from 'stripe'

import { forgetPrices } from '../../src/services/payments/prices'
import { startFakeStripe } from '../fakes/stripe'
import { api } from './http'

export const STRIPE_SECRET_KEY = 'sk_test_ready_lab_fake'
export const STRIPE_WEBHOOK_SECRET = 'whsec_ready_lab_test'
const KEYS = [
  'STRIPE_SECRET_KEY',
  'STRIPE_API_BASE',
  'STRIPE_WEBHOOK_SECRET',
  'STRIPE_MAX_NETWORK_RETRIES',
]

/** Points the app's Stripe client at a loopback fake (the real SDK talks to it). */
export async function useFakeStripe() {
  const fake = await startFakeStripe({ secretKey: STRIPE_SECRET_KEY })
  const set = () => {
    forgetPrices()
    process.env.STRIPE_SECRET_KEY = STRIPE_SECRET_KEY
    process.env.STRIPE_API_BASE = fake.url
    process.env.STRIPE_WEBHOOK_SECRET = STRIPE_WEBHOOK_SECRET
    process.env.STRIPE_MAX_NETWORK_RETRIES = '0'
  }
  const clear = () => {
    forgetPrices()
    for (const key of KEYS) delete process.env[key]
  }
  return { fake, set, clear }
}

export type FakeStripe = Awaited<ReturnType<typeof useFakeStripe>>['fake']

/** Delivers an event to POST /api/webhooks/stripe, signed with the SDK's own test helper. */
export function deliverStripeEvent(
  fake: FakeStripe,
  event: Stripe.Event,
  { secret = STRIPE_WEBHOOK_SECRET }: { secret?: string } = {},
) {
  const { payload, header } = fake.signed(event, secret)
  return api('POST', '/api/webhooks/stripe', {
    body: payload,
    headers: { 'content-type': 'application/json', 'stripe-signature': header },
  })
}

/** The newest request matching `match`, with its form body as plain data. */
export function lastRequest(
  fake: FakeStripe,
  match: (r: FakeStripe['requests'][number]) => boolean,
): { path: string; idempotencyKey?: string; body: Record<string, any> } | undefined {
  return [...fake.requests].reverse().find(match) as never
}

import Stripe from 'stripe'

import { badGateway, serviceUnavailable } from '../../lib/errors'

let cached: { key: string; base: string; client: Stripe } | null = null

/**
 * The one Stripe client: STRIPE_SECRET_KEY, aimed at STRIPE_API_BASE when set (a loopback fake in
 * tests and local runs). Null without a key.
 */
export function stripeClient(): Stripe | null {
  const key = process.env.STRIPE_SECRET_KEY
  if (!key) return null
  const base = process.env.STRIPE_API_BASE ?? ''
  if (cached?.key === key && cached.base === base) return cached.client
  let target = {}
  if (base) {
    const url = new URL(base)
    target = {
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
      protocol: url.protocol.replace(':', '') as 'http' | 'https',
    }
  }
  const client = new Stripe(key, {
    ...target,
    maxNetworkRetries: Number(process.env.STRIPE_MAX_NETWORK_RETRIES ?? 2),
    timeout: 20_000,
    appInfo: { name: 'The Ready Lab' },
  })
  cached = { key, base, client }
  return client
}

/** Stripe, or 503 with a clear message: everything but payments works without it. */
export function requireStripe(): Stripe {
  const stripe = stripeClient()
  if (!stripe) {
    throw serviceUnavailable(
      'Payments are not configured on this server: set STRIPE_SECRET_KEY (and STRIPE_WEBHOOK_SECRET) to enable them',
    )
  }
  return stripe
}

/** Where Checkout and Connect onboarding send people back to. */
export const publicUrl = (path = '') =>
  `${(process.env.PUBLIC_URL || `http://localhost:${process.env.PORT || 3000}`).replace(/\/$/, '')}${path}`

/** Stripe's own errors (declined, invalid, unreachable), told apart from our bugs. */
export const isStripeError = (err: unknown): err is Stripe.errors.StripeError =>
  err instanceof Stripe.errors.StripeError

/** A Stripe failure as a 502 naming Stripe's reason (our own bugs stay 500s). */
export const stripeFailure = (err: unknown) =>
  isStripeError(err) ? badGateway(`Stripe could not complete the request: ${err.message}`) : err

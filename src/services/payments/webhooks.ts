import { and, eq, max, sql } from '@payloadcms/db-postgres/drizzle'
import { createLocalReq, type Payload, type PayloadRequest } from 'payload'
import type Stripe from 'stripe'

import { badRequest, serviceUnavailable } from '../../lib/errors'
import { withTransaction } from '../../lib/http'
import { table, transactionDb } from '../../lib/sql'
import { subscriptionOfInvoice, syncInvoice } from './invoices'
import { applyAccountUpdate } from './payouts'
import { completePurchase, expirePurchase, refundPurchase } from './purchases'
import { requireStripe } from './stripe'
import { markPastDue, refreshSubscription, syncSubscription } from './subscriptions'

/** The events we act on; anything else is recorded as ignored. */
export const STRIPE_EVENTS = [
  'checkout.session.completed',
  'checkout.session.expired',
  'charge.refunded',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'invoice.paid',
  'invoice.payment_failed',
  'invoice.finalized',
  'account.updated',
] as const

const webhookEvents = (req: PayloadRequest) =>
  table(req, 'webhook-events', [
    'id',
    'provider',
    'eventId',
    'type',
    'outcome',
    'occurredAt',
    'updatedAt',
    'createdAt',
  ])

/** checkout.session.completed: a course purchase, or the start of a subscription. */
async function applyCheckoutCompleted(req: PayloadRequest, session: Stripe.Checkout.Session) {
  if (session.mode === 'payment') return completePurchase(req, session)
  const subscription = session.subscription
  if (!subscription) return 'no subscription'
  return refreshSubscription(req, typeof subscription === 'string' ? subscription : subscription.id)
}

/** The effect of one event, in the caller's transaction. Reads current state before acting. */
export async function applyStripeEvent(req: PayloadRequest, event: Stripe.Event): Promise<string> {
  switch (event.type) {
    case 'checkout.session.completed':
      return applyCheckoutCompleted(req, event.data.object)
    case 'checkout.session.expired':
      return event.data.object.mode === 'payment'
        ? expirePurchase(req, event.data.object)
        : 'subscription checkout expired'
    case 'charge.refunded':
      return refundPurchase(req, event.data.object)
    case 'customer.subscription.created':
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted':
      // The subscription as it is now, not as this (possibly late) event saw it.
      return refreshSubscription(req, event.data.object.id).catch((err) => {
        // Stripe no longer returns some deleted subscriptions: the event's copy is final then.
        if (
          event.type === 'customer.subscription.deleted' &&
          (err as Stripe.errors.StripeError).statusCode === 404
        ) {
          return syncSubscription(req, event.data.object)
        }
        throw err
      })
    case 'invoice.paid':
    case 'invoice.finalized':
    case 'invoice.payment_failed': {
      const outcome = await syncInvoice(req, event.data.object)
      const subscription = subscriptionOfInvoice(event.data.object)
      if (!subscription) return outcome
      const subscriptionOutcome =
        event.type === 'invoice.payment_failed'
          ? await markPastDue(req, subscription)
          : await refreshSubscription(req, subscription)
      return `${outcome}; ${subscriptionOutcome}`
    }
    case 'account.updated':
      return applyAccountUpdate(req, event.data.object)
    default:
      return 'ignored'
  }
}

/** Inserts the event id; false when it is already there (a redelivery, or reconciliation's copy). */
async function claimEvent(req: PayloadRequest, event: Stripe.Event) {
  const events = webhookEvents(req)
  const rows = await (
    await transactionDb(req)
  )
    .insert(events)
    .values({
      provider: 'stripe',
      eventId: event.id,
      type: event.type,
      occurredAt: new Date(event.created * 1000).toISOString(),
      updatedAt: sql`now()`,
      createdAt: sql`now()`,
    })
    .onConflictDoNothing({ target: [events.provider, events.eventId] })
    .returning({ id: events.id })
  return rows.length > 0
}

/**
 * Applies an event exactly once: its id is recorded and its effect made in one transaction. A
 * concurrent copy waits on the id's unique index and then finds it (a duplicate); a failed effect
 * rolls the id back too, so the next delivery tries again.
 */
export async function processStripeEvent(req: PayloadRequest, event: Stripe.Event) {
  return withTransaction(req, async () => {
    if (!(await claimEvent(req, event))) return { received: true, duplicate: true }
    const outcome = await applyStripeEvent(req, event)
    const events = webhookEvents(req)
    await (
      await transactionDb(req)
    )
      .update(events)
      .set({ outcome })
      .where(and(eq(events.provider, 'stripe'), eq(events.eventId, event.id)))
    return { received: true, duplicate: false, outcome }
  })
}

/** POST /api/webhooks/stripe: 200 once applied (or a duplicate), 400 bad signature, 5xx to retry. */
export async function receiveStripeWebhook(req: PayloadRequest) {
  const stripe = requireStripe()
  const secret = process.env.STRIPE_WEBHOOK_SECRET
  if (!secret)
    throw serviceUnavailable('Stripe webhooks are not configured (STRIPE_WEBHOOK_SECRET)')
  const body = typeof req.text === 'function' ? await req.text() : ''
  let event: Stripe.Event
  try {
    event = stripe.webhooks.constructEvent(body, req.headers.get('stripe-signature') ?? '', secret)
  } catch {
    throw badRequest('Stripe-Signature: the webhook signature is missing, invalid or too old')
  }
  if (!event?.id || !event.type) throw badRequest('body: not a Stripe event')
  return processStripeEvent(req, event)
}

/** How far back reconciliation looks when it has never seen an event (Stripe keeps 30 days). */
const FIRST_LOOKBACK_SECONDS = 3 * 24 * 3600
/** Events can be created out of order by a few seconds: look back a little before the last one. */
const OVERLAP_SECONDS = 300

/**
 * The scheduled reconciliation (Stripe's advice for missed webhooks): pages the Events API from
 * the newest event we processed and applies each one we have not, through the same exactly-once
 * path as the webhook. Safe to run anywhere, any number of times.
 */
export async function reconcileStripeEvents(payload: Payload) {
  const stripe = requireStripe()
  const events = table({ payload }, 'webhook-events', ['provider', 'occurredAt'])
  const db = await transactionDb(await createLocalReq({}, payload))
  const [row] = await db
    .select({ last: max(events.occurredAt) })
    .from(events)
    .where(eq(events.provider, 'stripe'))
  const now = Math.floor(Date.now() / 1000)
  const last = row?.last ? Math.floor(new Date(String(row.last)).getTime() / 1000) : null
  const since = last ? last - OVERLAP_SECONDS : now - FIRST_LOOKBACK_SECONDS
  const missed: Stripe.Event[] = []
  for await (const event of stripe.events.list({
    created: { gte: since },
    types: [...STRIPE_EVENTS],
    limit: 100,
  })) {
    missed.push(event)
  }
  // Oldest first (Stripe lists newest first): a run that stops half-way resumes from where it was.
  missed.sort((a, b) => a.created - b.created)
  let applied = 0
  for (const event of missed) {
    const result = await processStripeEvent(await createLocalReq({}, payload), event)
    if (!result.duplicate) applied++
  }
  return { seen: missed.length, applied, since }
}

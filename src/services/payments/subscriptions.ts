import { eq } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'
import type Stripe from 'stripe'

import { conflict } from '../../lib/errors'
import { isUUID, withTransaction } from '../../lib/http'
import { lockRow } from '../../lib/locks'
import { table, transactionDb } from '../../lib/sql'
import type { User } from '../../payload-types'
import { stripeCustomerFor } from './customers'
import { feePercentageFor } from './fees'
import { planOfPrice, priceId } from './prices'
import { returnUrl } from './checkout'
import { requireStripe, stripeFailure } from './stripe'
import {
  effectivePlan,
  isLive,
  isPlan,
  subscriptionState,
  type Plan,
  type SubscriptionState,
} from './subscriptionState'

const trusted = { depth: 0, overrideAccess: true } as const // payment services and webhooks

/** The educator's newest subscription row, live ones first. */
export async function currentPlanSubscription(req: PayloadRequest, educatorId: string) {
  const { docs } = await req.payload.find({
    collection: 'educator-subscriptions',
    where: { educator: { equals: educatorId } },
    sort: '-updatedAt',
    limit: 10,
    ...trusted,
    req,
  })
  return docs.find((s) => isLive(s.status)) ?? docs[0] ?? null
}

/** GET /api/educators/:id/subscription */
export async function planSubscriptionView(req: PayloadRequest, educatorId: string) {
  const subscription = await currentPlanSubscription(req, educatorId)
  if (!subscription) {
    return {
      plan: 'basic' as Plan,
      status: 'none',
      currentPeriodEnd: null,
      cancelAtPeriodEnd: false,
      feePercentage: await feePercentageFor(req, 'basic'),
    }
  }
  const plan = effectivePlan(subscription.plan, subscription.status)
  return {
    plan: isLive(subscription.status) ? subscription.plan : plan,
    status: subscription.status,
    currentPeriodEnd: subscription.currentPeriodEnd ?? null,
    cancelAtPeriodEnd: Boolean(subscription.cancelAtPeriodEnd),
    feePercentage: await feePercentageFor(req, plan),
  }
}

/** POST /api/educators/:id/subscribe (and .../plan-subscription): Checkout in subscription mode. */
export async function startPlanCheckout(
  req: PayloadRequest,
  educator: User,
  { plan, successUrl, cancelUrl }: { plan: Plan; successUrl?: string; cancelUrl?: string },
) {
  const stripe = requireStripe()
  const current = await currentPlanSubscription(req, educator.id)
  if (current && isLive(current.status)) {
    throw conflict(
      `You are already on the ${current.plan} plan; change it with PUT /api/educators/${educator.id}/subscription`,
    )
  }
  const success = returnUrl('successUrl', successUrl, '/dashboard?plan=success')
  const cancel = returnUrl('cancelUrl', cancelUrl, '/dashboard?plan=cancelled')
  const customer = await stripeCustomerFor(req, educator)
  const metadata = { educatorId: educator.id, plan }
  try {
    const session = await stripe.checkout.sessions.create({
      mode: 'subscription',
      customer,
      client_reference_id: educator.id,
      line_items: [{ price: await priceId(plan), quantity: 1 }],
      metadata,
      subscription_data: { metadata },
      success_url: success,
      cancel_url: cancel,
    })
    return { checkoutSessionId: session.id, url: session.url }
  } catch (err) {
    throw stripeFailure(err)
  }
}

async function livePlanSubscription(req: PayloadRequest, educatorId: string) {
  const current = await currentPlanSubscription(req, educatorId)
  if (!current || !isLive(current.status) || !current.stripeSubscriptionId) {
    throw conflict(
      `No active plan subscription; start one with POST /api/educators/${educatorId}/subscribe`,
    )
  }
  return current
}

/** Applies what Stripe answered to a change we asked for, as the webhook will (same path). */
async function applyChange(
  req: PayloadRequest,
  educatorId: string,
  change: () => Promise<Stripe.Subscription>,
) {
  let subscription: Stripe.Subscription
  try {
    subscription = await change()
  } catch (err) {
    throw stripeFailure(err)
  }
  await withTransaction(req, () => syncSubscription(req, subscription))
  return planSubscriptionView(req, educatorId)
}

/** PUT /api/educators/:id/subscription {plan}: switch price with proration. */
export async function changePlan(req: PayloadRequest, educator: User, plan: Plan) {
  const stripe = requireStripe()
  const current = await livePlanSubscription(req, educator.id)
  return applyChange(req, educator.id, async () => {
    const live = await stripe.subscriptions.retrieve(current.stripeSubscriptionId!)
    const state = subscriptionState(live)
    return stripe.subscriptions.update(live.id, {
      items: [{ id: state.itemId!, price: await priceId(plan) }],
      proration_behavior: 'create_prorations',
      cancel_at_period_end: false,
      metadata: { ...state.metadata, educatorId: educator.id, plan },
    })
  })
}

/** DELETE /api/educators/:id/subscription: cancels at the end of the paid period. */
export async function cancelPlan(req: PayloadRequest, educator: User) {
  const stripe = requireStripe()
  const current = await livePlanSubscription(req, educator.id)
  return applyChange(req, educator.id, () =>
    stripe.subscriptions.update(current.stripeSubscriptionId!, { cancel_at_period_end: true }),
  )
}

/** An educator plan or an institution's seats, by the metadata our Checkout put on it. */
function ownerOf(state: SubscriptionState) {
  const { metadata } = state
  if (metadata.kind === 'licenses' && isUUID(metadata.institutionId)) {
    return { kind: 'licenses' as const, userId: metadata.institutionId }
  }
  if (isUUID(metadata.educatorId)) return { kind: 'plan' as const, userId: metadata.educatorId }
  return null
}

/** Sets the plan on the educator's profile (the fee rule and the admin read it there). */
async function setProfilePlan(req: PayloadRequest, educatorId: string, plan: Plan) {
  const users = table(req, 'users', ['id', 'educatorProfile_subscriptionPlan'])
  await (
    await transactionDb(req)
  )
    .update(users)
    .set({ educatorProfile_subscriptionPlan: plan })
    .where(eq(users.id, educatorId))
}

async function upsertBy<S extends 'educator-subscriptions' | 'licenses'>(
  req: PayloadRequest,
  collection: S,
  stripeSubscriptionId: string,
  data: Record<string, unknown>,
) {
  const { docs } = await req.payload.find({
    collection,
    where: { stripeSubscriptionId: { equals: stripeSubscriptionId } },
    limit: 1,
    ...trusted,
    req,
  })
  if (docs[0]) {
    await req.payload.update({ collection, id: docs[0].id, data: data as never, ...trusted, req })
  } else {
    await req.payload.create({
      collection,
      data: { ...data, stripeSubscriptionId } as never,
      ...trusted,
      req,
    })
  }
}

/**
 * Mirrors a Stripe subscription into our rows. Called with the subscription as Stripe has it NOW
 * (webhooks re-read it), under the owner's row lock, so events applied in any order, or twice,
 * end in Stripe's current state.
 */
export async function syncSubscription(req: PayloadRequest, subscription: Stripe.Subscription) {
  const state = subscriptionState(subscription)
  const owner = ownerOf(state)
  if (!owner) return 'not ours'
  if (!(await lockRow(req, 'users', owner.userId))) return 'owner gone'
  const common = {
    status: state.status,
    currentPeriodEnd: state.currentPeriodEnd,
    cancelAtPeriodEnd: state.cancelAtPeriodEnd,
  }
  if (owner.kind === 'licenses') {
    await upsertBy(req, 'licenses', state.stripeSubscriptionId, {
      ...common,
      institution: owner.userId,
      seats: state.quantity,
    })
    return `licenses ${state.status} (${state.quantity} seats)`
  }
  const plan =
    planOfPrice(subscription.items?.data?.[0]?.price) ??
    (isPlan(state.metadata.plan) ? state.metadata.plan : 'basic')
  await upsertBy(req, 'educator-subscriptions', state.stripeSubscriptionId, {
    ...common,
    educator: owner.userId,
    plan,
  })
  const current = await currentPlanSubscription(req, owner.userId)
  await setProfilePlan(req, owner.userId, effectivePlan(current?.plan, current?.status))
  return `plan ${plan} ${state.status}`
}

/** Re-reads a subscription from Stripe (out-of-order events) and mirrors it. */
export async function refreshSubscription(req: PayloadRequest, subscriptionId: string) {
  return syncSubscription(req, await requireStripe().subscriptions.retrieve(subscriptionId))
}

/** invoice.payment_failed: the subscription is past due until Stripe says otherwise. */
export async function markPastDue(req: PayloadRequest, subscriptionId: string) {
  const outcome = await refreshSubscription(req, subscriptionId)
  for (const collection of ['educator-subscriptions', 'licenses'] as const) {
    const { docs } = await req.payload.find({
      collection,
      where: { stripeSubscriptionId: { equals: subscriptionId } },
      limit: 1,
      ...trusted,
      req,
    })
    const row = docs[0]
    if (row && (row.status === 'active' || row.status === 'trialing')) {
      await req.payload.update({
        collection,
        id: row.id,
        data: { status: 'past_due' },
        ...trusted,
        req,
      })
      if (collection === 'educator-subscriptions' && 'educator' in row && row.educator) {
        const educatorId = String(typeof row.educator === 'object' ? row.educator.id : row.educator)
        const current = await currentPlanSubscription(req, educatorId)
        await setProfilePlan(req, educatorId, effectivePlan(current?.plan, current?.status))
      }
    }
  }
  return `${outcome}; past due`
}

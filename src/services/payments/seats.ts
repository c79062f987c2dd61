import { and, countDistinct, eq, exists, gt, inArray } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

import { paymentRequired } from '../../lib/errors'
import { withTransaction } from '../../lib/http'
import { lockRow } from '../../lib/locks'
import { relationTable, table, transactionDb } from '../../lib/sql'
import type { User } from '../../payload-types'
import { returnUrl } from './checkout'
import { stripeCustomerFor } from './customers'
import { priceId } from './prices'
import { requireStripe, stripeFailure } from './stripe'
import { isLive, subscriptionState } from './subscriptionState'
import { syncSubscription } from './subscriptions'

const trusted = { depth: 0, overrideAccess: true } as const // payment services and webhooks

/** The institution's live seat subscription, if any. */
async function liveLicense(req: PayloadRequest, institutionId: string) {
  const { docs } = await req.payload.find({
    collection: 'licenses',
    where: { institution: { equals: institutionId } },
    sort: '-updatedAt',
    limit: 10,
    ...trusted,
    req,
  })
  return docs.find((l) => isLive(l.status)) ?? null
}

/**
 * Seats in use: distinct students who are members of the institution's cohorts that include a
 * paid course (one seat per learner, however many such cohorts or courses they are in).
 */
async function seatsUsed(req: PayloadRequest, institutionId: string) {
  const members = table(req, 'cohort-enrollments', ['cohort', 'student'])
  const cohorts = table(req, 'cohorts', ['id', 'institution'])
  const courses = table(req, 'courses', ['id', 'price'])
  const cohortCourses = relationTable(req, 'cohorts', 'courses', 'courses')
  const db = await transactionDb(req)
  const paidCourseIn = db
    .select({ one: courses.id })
    .from(cohortCourses.table)
    .innerJoin(courses, eq(courses.id, cohortCourses.target))
    .where(and(eq(cohortCourses.parent, cohorts.id), cohortCourses.isField, gt(courses.price, 0)))
  const [row] = await db
    .select({ n: countDistinct(members.student) })
    .from(members)
    .innerJoin(cohorts, eq(cohorts.id, members.cohort))
    .where(and(eq(cohorts.institution, institutionId), exists(paidCourseIn)))
  return Number(row?.n ?? 0)
}

export async function seatsOf(req: PayloadRequest, institutionId: string) {
  const license = await liveLicense(req, institutionId)
  const total = Number(license?.seats ?? 0)
  const used = await seatsUsed(req, institutionId)
  return { total, used, available: Math.max(0, total - used) }
}

/**
 * Cohort members in paid courses must fit the institution's seats: called after a member is added
 * or a paid course joins a cohort, in that transaction, under the institution's row lock (taken
 * last, after the cohort's courses and educators), so parallel additions are counted one after
 * the other and the one that does not fit answers 402 and writes nothing.
 */
export async function assertSeatsFor(req: PayloadRequest, institutionId: string) {
  await lockRow(req, 'users', institutionId)
  const seats = await seatsOf(req, institutionId)
  if (seats.used > seats.total) {
    throw paymentRequired(
      `Not enough seats: this needs ${seats.used} and the institution has ${seats.total}; add seats with POST /api/institutions/${institutionId}/licenses/add`,
      { seats },
    )
  }
}

/** Whether any of these courses is paid (only paid courses use seats). */
export async function anyPaid(req: PayloadRequest, courseIds: string[]) {
  if (!courseIds.length) return false
  const courses = table(req, 'courses', ['id', 'price'])
  const rows = await (
    await transactionDb(req)
  )
    .select({ id: courses.id })
    .from(courses)
    .where(and(inArray(courses.id, courseIds), gt(courses.price, 0)))
    .limit(1)
  return rows.length > 0
}

/** GET /api/institutions/:id/billing */
export async function billing(req: PayloadRequest, institutionId: string) {
  const license = await liveLicense(req, institutionId)
  return {
    seats: await seatsOf(req, institutionId),
    subscription: license
      ? {
          status: license.status,
          currentPeriodEnd: license.currentPeriodEnd ?? null,
          cancelAtPeriodEnd: Boolean(license.cancelAtPeriodEnd),
        }
      : null,
  }
}

/**
 * POST /api/institutions/:id/licenses/add {quantity}: Checkout for N seats the first time; then
 * the live subscription's quantity goes up by N, prorated.
 */
export async function addSeats(
  req: PayloadRequest,
  institution: User,
  {
    quantity,
    successUrl,
    cancelUrl,
  }: { quantity: number; successUrl?: string; cancelUrl?: string },
) {
  const stripe = requireStripe()
  const license = await liveLicense(req, institution.id)
  try {
    if (license?.stripeSubscriptionId) {
      const subscriptionId = license.stripeSubscriptionId
      // Read-and-raise under the institution's lock: two parallel additions both count.
      await withTransaction(req, async () => {
        await lockRow(req, 'users', institution.id)
        const live = subscriptionState(await stripe.subscriptions.retrieve(subscriptionId))
        const updated = await stripe.subscriptions.update(subscriptionId, {
          items: [{ id: live.itemId!, quantity: live.quantity + quantity }],
          proration_behavior: 'create_prorations',
        })
        await syncSubscription(req, updated)
      })
      return { status: 200, body: { seats: await seatsOf(req, institution.id) } }
    }
    const customer = await stripeCustomerFor(req, institution)
    const metadata = { institutionId: institution.id, kind: 'licenses' }
    const session = await stripe.checkout.sessions.create({
      mode: 'subscription',
      customer,
      client_reference_id: institution.id,
      line_items: [{ price: await priceId('seat'), quantity }],
      metadata,
      subscription_data: { metadata },
      success_url: returnUrl('successUrl', successUrl, '/institution/billing?seats=success'),
      cancel_url: returnUrl('cancelUrl', cancelUrl, '/institution/billing?seats=cancelled'),
    })
    return { status: 201, body: { checkoutSessionId: session.id, url: session.url } }
  } catch (err) {
    throw stripeFailure(err)
  }
}

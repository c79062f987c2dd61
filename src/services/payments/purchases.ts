import { and, eq, sql } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'
import type Stripe from 'stripe'

import { idOf } from '../../lib/ids'
import { isUUID } from '../../lib/http'
import { lockRow } from '../../lib/locks'
import { table, transactionDb } from '../../lib/sql'
import type { Purchase } from '../../payload-types'
import { recordAudit } from '../audit'
import { enrollStudent, findEnrollment } from '../learning/enrollment'
import { setPurchase } from './checkout'
import { saleTerms } from './fees'
import { isStripeError, requireStripe } from './stripe'

const idOfStripe = (value: string | { id: string } | null | undefined) =>
  typeof value === 'string' ? value : (value?.id ?? null)

/**
 * The purchase, locked after its course (the lock order in src/lib/locks.ts): a completion and a
 * refund of one sale, or two deliveries of either, apply one after the other on fresh state.
 */
async function lockPurchase(req: PayloadRequest, purchaseId: unknown): Promise<Purchase | null> {
  if (!isUUID(purchaseId)) return null
  const find = () =>
    req.payload.findByID({
      collection: 'purchases',
      id: purchaseId,
      depth: 0,
      disableErrors: true,
      overrideAccess: true, // Stripe webhook: the verified signature is the authorization
      req,
    })
  const first = await find()
  if (!first) return null
  const courseId = idOf(first.course)
  if (courseId) await lockRow(req, 'courses', courseId)
  await lockRow(req, 'purchases', purchaseId)
  return find()
}

/** An educator's lifetime earnings: the net of their completed (not refunded) sales. */
export async function recountEducatorRevenue(req: PayloadRequest, educatorId: string) {
  if (!(await lockRow(req, 'users', educatorId))) return
  const users = table(req, 'users', ['id', 'educatorProfile_totalRevenue'])
  const purchases = table(req, 'purchases', ['educator', 'status', 'netAmount'])
  const db = await transactionDb(req)
  const earned = db
    .select({ total: sql`coalesce(sum(${purchases.netAmount}), 0)` })
    .from(purchases)
    .where(and(eq(purchases.educator, educatorId), eq(purchases.status, 'completed')))
  await db
    .update(users)
    .set({ educatorProfile_totalRevenue: sql`(${earned})` })
    .where(eq(users.id, educatorId))
}

/**
 * checkout.session.completed (payment mode): the purchase is completed at the educator's fee of
 * the moment and the student enrolled (source "purchase"), in the webhook's transaction.
 */
export async function completePurchase(req: PayloadRequest, session: Stripe.Checkout.Session) {
  const purchase = await lockPurchase(
    req,
    session.client_reference_id ?? session.metadata?.purchaseId,
  )
  if (!purchase) return 'unknown purchase'
  if (purchase.status === 'completed') return 'already completed'
  if (purchase.status === 'refunded') return 'already refunded'
  if (session.payment_status !== 'paid' && session.payment_status !== 'no_payment_required') {
    return `not paid (${session.payment_status})`
  }
  const amount = session.amount_total ?? purchase.amount
  const terms = await saleTerms(req, purchase.educator, amount)
  await setPurchase(req, purchase.id, {
    status: 'completed',
    amount,
    ...terms,
    completedAt: new Date().toISOString(),
    stripeCheckoutSessionId: session.id,
    stripePaymentIntentId: idOfStripe(session.payment_intent as string | null),
  })
  const courseId = idOf(purchase.course)
  const studentId = idOf(purchase.student)
  if (courseId && studentId) {
    await enrollStudent(req, { courseId, studentId, source: 'purchase' })
  }
  const educatorId = idOf(purchase.educator)
  if (educatorId) await recountEducatorRevenue(req, educatorId)
  return courseId && studentId
    ? 'purchase completed'
    : 'purchase completed (course or student gone)'
}

/** checkout.session.expired: a pending purchase failed; anything further along is left alone. */
export async function expirePurchase(req: PayloadRequest, session: Stripe.Checkout.Session) {
  const purchase = await lockPurchase(
    req,
    session.client_reference_id ?? session.metadata?.purchaseId,
  )
  if (!purchase) return 'unknown purchase'
  if (purchase.status !== 'pending') return `already ${purchase.status}`
  await setPurchase(req, purchase.id, { status: 'failed' })
  return 'purchase failed'
}

/** The purchase a payment intent paid for: by the id recorded at completion, else its metadata. */
async function purchaseIdForPayment(req: PayloadRequest, charge: Stripe.Charge) {
  const paymentIntent = idOfStripe(charge.payment_intent)
  if (paymentIntent) {
    const { docs } = await req.payload.find({
      collection: 'purchases',
      where: { stripePaymentIntentId: { equals: paymentIntent } },
      limit: 1,
      depth: 0,
      select: { status: true },
      overrideAccess: true, // Stripe webhook: the verified signature is the authorization
      req,
    })
    if (docs[0]) return docs[0].id
  }
  // A refund that arrives before the completion: the payment intent carries our metadata.
  if (charge.metadata?.purchaseId) return charge.metadata.purchaseId
  if (!paymentIntent) return null
  try {
    const intent = await requireStripe().paymentIntents.retrieve(paymentIntent)
    return intent.metadata?.purchaseId ?? null
  } catch (err) {
    // Not a payment of this account: nothing of ours to refund. Anything else: Stripe retries.
    if (isStripeError(err) && err.statusCode === 404) return null
    throw err
  }
}

/**
 * charge.refunded (found by payment intent): a full refund marks the purchase refunded and takes
 * the enrollment it bought away (counters follow); buying again restores access. A refund that
 * arrives before its completion marks the purchase refunded, and the completion then does nothing.
 */
export async function refundPurchase(req: PayloadRequest, charge: Stripe.Charge) {
  if (!charge.refunded) return 'partial refund (access kept)'
  const purchase = await lockPurchase(req, await purchaseIdForPayment(req, charge))
  if (!purchase) return 'unknown payment'
  if (purchase.status === 'refunded') return 'already refunded'
  const wasCompleted = purchase.status === 'completed'
  await setPurchase(req, purchase.id, {
    status: 'refunded',
    refundedAt: new Date().toISOString(),
    stripeChargeId: charge.id,
    stripePaymentIntentId: idOfStripe(charge.payment_intent),
  })
  await recordAudit(req, {
    action: 'purchase.refunded',
    summary: `Purchase ${purchase.id} refunded (${purchase.amount} ${purchase.currency}, charge ${charge.id})`,
    entity: { collection: 'purchases', id: purchase.id },
    before: { status: purchase.status },
    after: { status: 'refunded', amountRefunded: charge.amount_refunded },
  })
  const courseId = idOf(purchase.course)
  const studentId = idOf(purchase.student)
  if (wasCompleted && courseId && studentId) {
    const enrollment = await findEnrollment(req, studentId, courseId)
    // Only what the purchase bought: a cohort seat's enrollment stays.
    if (enrollment?.source === 'purchase') {
      await req.payload.delete({
        collection: 'enrollments',
        id: enrollment.id,
        overrideAccess: true, // a refund ends the access it paid for
        req,
      })
    }
  }
  const educatorId = idOf(purchase.educator)
  if (educatorId) await recountEducatorRevenue(req, educatorId)
  return 'purchase refunded'
}

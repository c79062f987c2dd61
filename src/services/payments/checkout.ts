import type { PayloadRequest } from 'payload'
import type Stripe from 'stripe'

import { hasRole, isAdminUser } from '../../access'
import { idOf } from '../../lib/ids'
import { badRequest, conflict, forbidden, notFound } from '../../lib/errors'
import { requireUser } from '../../lib/http'
import { findOr404 } from '../../lib/lookup'
import type { Purchase, User } from '../../payload-types'
import { findEnrollment } from '../learning/enrollment'
import { stripeCustomerFor } from './customers'
import { saleTerms } from './fees'
import { corsOrigins } from '../../lib/origins'
import { publicUrl, requireStripe, stripeFailure } from './stripe'

/** Origins Checkout may send people back to: the app's own and the configured frontends. */
const allowedReturnOrigins = () => [new URL(publicUrl()).origin, ...corsOrigins()]

/** A success/cancel URL: ours by default; a caller's only on an allowed origin (no open redirect). */
export function returnUrl(field: string, url: string | undefined, fallbackPath: string) {
  if (!url) return publicUrl(fallbackPath)
  if (!allowedReturnOrigins().includes(new URL(url).origin)) {
    throw badRequest(`${field}: must be on ${allowedReturnOrigins().join(' or ')}`, {
      fields: [field],
    })
  }
  return url
}

export type CheckoutInput = { courseId: string; successUrl?: string; cancelUrl?: string }

/**
 * POST /api/payments/checkout: a pending purchase and a Stripe Checkout Session (payment mode)
 * for the course's price. The webhook completes it (src/services/payments/purchases.ts).
 */
export async function startCourseCheckout(req: PayloadRequest, input: CheckoutInput) {
  const user = requireUser(req) as User
  if (!hasRole(user, 'student')) throw forbidden('Only student accounts can buy courses')
  const stripe = requireStripe()
  const course = await findOr404(req, 'courses', input.courseId, 'Course', { asCaller: true })
  if (course._status !== 'published') throw notFound('Course not found')
  if (!course.price || course.price <= 0) {
    throw badRequest('courseId: this course is free; enroll with POST /api/courses/:id/enroll', {
      fields: ['courseId'],
    })
  }
  if (await findEnrollment(req, user.id, course.id)) {
    throw conflict('You are already enrolled in this course')
  }
  const successUrl = returnUrl(
    'successUrl',
    input.successUrl,
    `/courses/${course.id}?purchase=success`,
  )
  const cancelUrl = returnUrl(
    'cancelUrl',
    input.cancelUrl,
    `/courses/${course.id}?purchase=cancelled`,
  )
  const customer = await stripeCustomerFor(req, user)
  const currency = course.currency ?? 'usd'
  const terms = await saleTerms(req, course.educator, course.price)
  const purchase = await req.payload.create({
    collection: 'purchases',
    data: {
      student: user.id,
      course: course.id,
      courseTitle: course.title,
      educator: idOf(course.educator),
      amount: course.price,
      currency,
      ...terms,
      status: 'pending',
    },
    depth: 0,
    overrideAccess: true, // purchases are written only here and by the webhook
    req,
  })
  const metadata = { purchaseId: purchase.id, courseId: course.id, studentId: user.id }
  let session: Stripe.Checkout.Session
  try {
    session = await stripe.checkout.sessions.create(
      {
        mode: 'payment',
        customer,
        client_reference_id: purchase.id,
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency,
              unit_amount: course.price,
              product_data: { name: course.title, metadata: { courseId: course.id } },
            },
          },
        ],
        metadata,
        payment_intent_data: { metadata },
        success_url: successUrl,
        cancel_url: cancelUrl,
      },
      { idempotencyKey: `checkout-${purchase.id}` },
    )
  } catch (err) {
    await setPurchase(req, purchase.id, { status: 'failed' })
    throw stripeFailure(err)
  }
  await setPurchase(req, purchase.id, { stripeCheckoutSessionId: session.id })
  return { purchaseId: purchase.id, checkoutSessionId: session.id, url: session.url }
}

/** A server write to a purchase (money records are not writable over any API). */
export const setPurchase = (req: PayloadRequest, id: string, data: Partial<Purchase>) =>
  req.payload.update({
    collection: 'purchases',
    id,
    data,
    depth: 0,
    overrideAccess: true, // payment services and the Stripe webhook write purchases
    req,
  })

/** What a buyer, the course's educator or an admin sees of a purchase. */
export const purchaseView = (p: Purchase) => ({
  id: p.id,
  status: p.status,
  amount: p.amount,
  currency: p.currency,
  feePercentage: p.feePercentage,
  platformFee: p.platformFee,
  netAmount: p.netAmount,
  course: idOf(p.course) ?? null,
  courseTitle: p.courseTitle ?? null,
  student: idOf(p.student) ?? null,
  completedAt: p.completedAt ?? null,
  refundedAt: p.refundedAt ?? null,
  createdAt: p.createdAt,
})

/** GET /api/payments/:id — the buyer, the course's educator, an admin (read access decides). */
export async function getPurchase(req: PayloadRequest, id: unknown) {
  const user = requireUser(req)
  const purchase = await findOr404(req, 'purchases', id, 'Payment')
  if (
    !isAdminUser(user) &&
    idOf(purchase.student) !== user.id &&
    idOf(purchase.educator) !== user.id
  ) {
    throw forbidden()
  }
  return purchaseView(purchase)
}

/** GET /api/students/:id/purchases — newest first. */
export async function listStudentPurchases(
  req: PayloadRequest,
  studentId: string,
  { page, limit }: { page: number; limit: number },
) {
  const result = await req.payload.find({
    collection: 'purchases',
    where: { student: { equals: studentId } },
    sort: '-createdAt',
    page,
    limit,
    depth: 0,
    overrideAccess: false,
    user: req.user,
    req,
  })
  return { ...result, docs: result.docs.map(purchaseView) }
}

import { z } from 'zod'

import { SUBSCRIPTION_PLANS } from '../../lib/constants'
import { CURRENCIES } from '../../lib/money'
import { json, readBody } from '../../lib/http'
import { pageSchema, pagination } from '../../lib/pagination'
import type { DocumentedEndpoint, Operation } from '../../openapi/operation'
import { pageOf, timestamp, uuid } from '../../openapi/schema'
import { userForSelfOrAdmin } from '../../services/accounts/users'
import {
  getPurchase,
  listStudentPurchases,
  startCourseCheckout,
} from '../../services/payments/checkout'
import { listInvoices } from '../../services/payments/invoices'
import { connectOnboarding, payoutsOf, withdraw } from '../../services/payments/payouts'
import { addSeats, billing } from '../../services/payments/seats'
import { requireStripe } from '../../services/payments/stripe'
import {
  cancelPlan,
  changePlan,
  planSubscriptionView,
  startPlanCheckout,
} from '../../services/payments/subscriptions'

const returnUrls = {
  successUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
  cancelUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
}
export const checkoutInput = z.object({ courseId: uuid, ...returnUrls }).strict()
export const planInput = z.object({ plan: z.enum(SUBSCRIPTION_PLANS), ...returnUrls }).strict()
export const planChange = z.object({ plan: z.enum(SUBSCRIPTION_PLANS) }).strict()
export const withdrawInput = z
  .object({ amount: z.number().int().positive().max(100_000_000).optional() })
  .strict()
export const seatsInput = z
  .object({ quantity: z.number().int().min(1).max(10_000), ...returnUrls })
  .strict()

const currency = z.enum(CURRENCIES)
const purchaseView = z.object({
  id: uuid,
  status: z.enum(['pending', 'completed', 'refunded', 'failed']),
  amount: z.number().int(),
  currency,
  feePercentage: z.number(),
  platformFee: z.number().int(),
  netAmount: z.number().int(),
  course: uuid.nullable(),
  courseTitle: z.string().nullable(),
  student: uuid.nullable(),
  completedAt: timestamp.nullable(),
  refundedAt: timestamp.nullable(),
  createdAt: timestamp,
})
const checkoutAnswer = z.object({ checkoutSessionId: z.string(), url: z.string().nullable() })
const subscriptionView = z.object({
  plan: z.enum(SUBSCRIPTION_PLANS),
  status: z.string().meta({ description: 'A Stripe subscription status, or `none`' }),
  currentPeriodEnd: timestamp.nullable(),
  cancelAtPeriodEnd: z.boolean(),
  feePercentage: z.number(),
})
const payoutView = z.object({
  id: uuid,
  amount: z.number().int(),
  platformFee: z.number().int(),
  netAmount: z.number().int(),
  currency,
  status: z.enum(['pending', 'paid', 'failed']),
  failureMessage: z.string().nullable(),
  paidAt: timestamp.nullable(),
  createdAt: timestamp,
})
const seats = z.object({
  total: z.number().int(),
  used: z.number().int(),
  available: z.number().int(),
})

const NOT_CONFIGURED = 'Payments are not configured on this server (no STRIPE_SECRET_KEY)'
const STRIPE_FAILED = 'Stripe refused or could not be reached; the message says why'

const op = (operation: Omit<Operation, 'tags' | 'access'>): Operation => ({
  tags: ['payments'],
  access: 'user',
  ...operation,
})
const selfOrAdmin = (role: string) => ({
  403: `Neither that ${role} nor an admin`,
  404: `No ${role} with that id`,
})

export const paymentEndpoints: DocumentedEndpoint[] = [
  {
    path: '/payments/checkout',
    method: 'post',
    custom: {
      openapi: op({
        summary: 'Buy a course: a pending purchase and a Stripe Checkout Session',
        description:
          'Student accounts. Redirect the student to `url`; the `checkout.session.completed` ' +
          'webhook completes the purchase and enrolls them. Return URLs must be on PUBLIC_URL or ' +
          'a CORS_ORIGINS origin (default: the course page on PUBLIC_URL).',
        body: checkoutInput,
        responses: {
          201: {
            description: 'Checkout started',
            schema: checkoutAnswer.extend({ purchaseId: uuid }),
          },
        },
        errors: {
          400: 'Bad input, a free course, or a return URL on another origin',
          403: 'Not a student account',
          404: 'No published course with that id',
          409: 'Already enrolled',
          502: STRIPE_FAILED,
          503: NOT_CONFIGURED,
        },
      }),
    },
    handler: async (req) => {
      const input = await readBody(req, checkoutInput)
      return json(await startCourseCheckout(req, input), 201)
    },
  },
  {
    path: '/payments/:id',
    method: 'get',
    custom: {
      openapi: op({
        summary: 'A purchase',
        description: "The buyer, the course's educator, or an admin. No Stripe ids.",
        responses: { 200: { description: 'The purchase', schema: purchaseView } },
        errors: { 403: 'Not the buyer, the seller or an admin', 404: 'No purchase with that id' },
      }),
    },
    handler: async (req) => json(await getPurchase(req, req.routeParams?.id)),
  },
  {
    path: '/students/:id/purchases',
    method: 'get',
    custom: {
      openapi: op({
        summary: "A student's purchases, newest first",
        query: pageSchema,
        responses: { 200: { description: 'One page of purchases', schema: pageOf(purchaseView) } },
        errors: selfOrAdmin('student'),
      }),
    },
    handler: async (req) => {
      const student = await userForSelfOrAdmin(req, req.routeParams?.id, 'student')
      return json(await listStudentPurchases(req, student.id, pagination(req)))
    },
  },
  ...(['/educators/:id/subscribe', '/educators/:id/plan-subscription'] as const).map(
    (path): DocumentedEndpoint => ({
      path,
      method: 'post',
      custom: {
        openapi: op({
          summary: 'Subscribe an educator to a plan (Stripe Checkout, subscription mode)',
          description:
            'The plan sets the platform fee on later sales (`GET /api/platform-fees`). ' +
            (path.endsWith('plan-subscription')
              ? 'Same as `POST .../subscribe` (the Phase 1 path).'
              : ''),
          body: planInput,
          responses: { 201: { description: 'Checkout started', schema: checkoutAnswer } },
          errors: {
            ...selfOrAdmin('educator'),
            409: 'Already on a live plan: change it with PUT .../subscription',
            502: STRIPE_FAILED,
            503: NOT_CONFIGURED,
          },
        }),
      },
      handler: async (req) => {
        const educator = await userForSelfOrAdmin(req, req.routeParams?.id, 'educator')
        const input = await readBody(req, planInput)
        return json(await startPlanCheckout(req, educator, input), 201)
      },
    }),
  ),
  {
    path: '/educators/:id/subscription',
    method: 'get',
    custom: {
      openapi: op({
        summary: "An educator's plan, its status and fee",
        description: 'With no subscription: `{plan: "basic", status: "none"}`.',
        responses: { 200: { description: 'The plan', schema: subscriptionView } },
        errors: selfOrAdmin('educator'),
      }),
    },
    handler: async (req) => {
      const educator = await userForSelfOrAdmin(req, req.routeParams?.id, 'educator')
      return json(await planSubscriptionView(req, educator.id))
    },
  },
  {
    path: '/educators/:id/subscription',
    method: 'put',
    custom: {
      openapi: op({
        summary: "Change an educator's plan (prorated)",
        body: planChange,
        responses: { 200: { description: 'The plan now', schema: subscriptionView } },
        errors: {
          ...selfOrAdmin('educator'),
          409: 'No live plan subscription',
          502: STRIPE_FAILED,
          503: NOT_CONFIGURED,
        },
      }),
    },
    handler: async (req) => {
      const educator = await userForSelfOrAdmin(req, req.routeParams?.id, 'educator')
      const { plan } = await readBody(req, planChange)
      requireStripe()
      return json(await changePlan(req, educator, plan))
    },
  },
  {
    path: '/educators/:id/subscription',
    method: 'delete',
    custom: {
      openapi: op({
        summary: "Cancel an educator's plan at the end of the paid period",
        responses: { 200: { description: 'The plan now', schema: subscriptionView } },
        errors: {
          ...selfOrAdmin('educator'),
          409: 'No live plan subscription',
          502: STRIPE_FAILED,
          503: NOT_CONFIGURED,
        },
      }),
    },
    handler: async (req) => {
      const educator = await userForSelfOrAdmin(req, req.routeParams?.id, 'educator')
      requireStripe()
      return json(await cancelPlan(req, educator))
    },
  },
  {
    path: '/educators/:id/stripe-connect/onboard',
    method: 'get',
    custom: {
      openapi: op({
        summary: "Stripe Connect onboarding link for an educator's payouts",
        description: 'Creates the Express account once; each call returns a fresh link.',
        responses: {
          200: {
            description: 'Where to send the educator',
            schema: z.object({ url: z.string(), accountId: z.string() }),
          },
        },
        errors: { ...selfOrAdmin('educator'), 502: STRIPE_FAILED, 503: NOT_CONFIGURED },
      }),
    },
    handler: async (req) => {
      const educator = await userForSelfOrAdmin(req, req.routeParams?.id, 'educator')
      return json(await connectOnboarding(req, educator))
    },
  },
  {
    path: '/educators/:id/payouts',
    method: 'get',
    custom: {
      openapi: op({
        summary: "An educator's available balance and payouts",
        description:
          'Available = net of completed sales − payouts pending or paid, in the payout currency.',
        query: pageSchema,
        responses: {
          200: {
            description: 'Balance and one page of payouts',
            schema: z.object({
              balance: z.object({ available: z.number().int(), currency }),
              payouts: pageOf(payoutView),
            }),
          },
        },
        errors: selfOrAdmin('educator'),
      }),
    },
    handler: async (req) => {
      const educator = await userForSelfOrAdmin(req, req.routeParams?.id, 'educator')
      return json(await payoutsOf(req, educator.id, pagination(req)))
    },
  },
  {
    path: '/educators/:id/payouts/withdraw',
    method: 'post',
    custom: {
      openapi: op({
        summary: 'Withdraw earnings to the connected Stripe account',
        description:
          'Default amount: everything available. The payout starts `pending`; a job makes the ' +
          'Stripe transfer (idempotency key = the payout id) and marks it `paid`.',
        body: withdrawInput,
        responses: { 201: { description: 'The payout', schema: z.object({ doc: payoutView }) } },
        errors: {
          ...selfOrAdmin('educator'),
          400: 'Over the available balance or under PAYOUT_MINIMUM_CENTS',
          409: 'Stripe Connect onboarding is not finished',
          503: NOT_CONFIGURED,
        },
      }),
    },
    handler: async (req) => {
      const educator = await userForSelfOrAdmin(req, req.routeParams?.id, 'educator')
      const { amount } = await readBody(req, withdrawInput)
      requireStripe()
      return json({ doc: await withdraw(req, educator, amount) }, 201)
    },
  },
  {
    path: '/institutions/:id/billing',
    method: 'get',
    custom: {
      openapi: op({
        summary: "An institution's seats and seat subscription",
        responses: {
          200: {
            description: 'Seats in use and the subscription',
            schema: z.object({
              seats,
              subscription: z
                .object({
                  status: z.string(),
                  currentPeriodEnd: timestamp.nullable(),
                  cancelAtPeriodEnd: z.boolean(),
                })
                .nullable(),
            }),
          },
        },
        errors: selfOrAdmin('institution'),
      }),
    },
    handler: async (req) => {
      const institution = await userForSelfOrAdmin(req, req.routeParams?.id, 'institution')
      return json(await billing(req, institution.id))
    },
  },
  {
    path: '/institutions/:id/licenses/add',
    method: 'post',
    custom: {
      openapi: op({
        summary: 'Buy seats: Checkout the first time, then a prorated raise of the subscription',
        body: seatsInput,
        responses: {
          200: {
            description: 'Seats raised on the live subscription',
            schema: z.object({ seats }),
          },
          201: { description: 'Checkout started (first seats)', schema: checkoutAnswer },
        },
        errors: { ...selfOrAdmin('institution'), 502: STRIPE_FAILED, 503: NOT_CONFIGURED },
      }),
    },
    handler: async (req) => {
      const institution = await userForSelfOrAdmin(req, req.routeParams?.id, 'institution')
      const input = await readBody(req, seatsInput)
      const { status, body } = await addSeats(req, institution, input)
      return json(body, status)
    },
  },
  {
    path: '/institutions/:id/invoices',
    method: 'get',
    custom: {
      openapi: op({
        summary: "An institution's invoices, newest first",
        query: pageSchema,
        responses: {
          200: {
            description: 'One page of invoices',
            schema: pageOf(
              z.object({
                id: uuid,
                number: z.string().nullable(),
                status: z.string(),
                amountDue: z.number().int(),
                amountPaid: z.number().int(),
                currency,
                hostedInvoiceUrl: z.string().nullable(),
                periodStart: timestamp.nullable(),
                periodEnd: timestamp.nullable(),
              }),
            ),
          },
        },
        errors: selfOrAdmin('institution'),
      }),
    },
    handler: async (req) => {
      const institution = await userForSelfOrAdmin(req, req.routeParams?.id, 'institution')
      return json(await listInvoices(req, institution.id, pagination(req)))
    },
  },
]

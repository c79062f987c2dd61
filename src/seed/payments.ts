import { createLocalReq, type Payload } from 'payload'

import type { Course, User } from '../payload-types'
import { setClock } from '../services/analytics/clock'
import { enrollStudent } from '../services/learning/enrollment'
import { saleTerms } from '../services/payments/fees'
import { recountEducatorRevenue } from '../services/payments/purchases'

const DAY = 24 * 3600 * 1000
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString()
const trusted = { depth: 0, overrideAccess: true } as const

/**
 * Payments as Stripe would have left them, written directly (no Stripe needed): sales of the paid
 * courses with one refund, Maya on the Pro plan with payouts, Northside with seats and invoices.
 * The demo Stripe ids (`*_demo_*`) point nowhere.
 */
export async function seedPayments(
  payload: Payload,
  users: Map<string, User>,
  courses: Map<string, Course>,
) {
  const existing = await payload.count({ collection: 'purchases', overrideAccess: true })
  if (existing.totalDocs) return
  const req = await createLocalReq({}, payload)
  const user = (email: string) => users.get(email)!
  const maya = user('maya.educator@thereadylab.dev')
  const northside = user('northside.institution@thereadylab.dev')

  const proPeriodEnd = new Date(Date.now() + 18 * DAY).toISOString()
  await payload.create({
    collection: 'educator-subscriptions',
    data: {
      educator: maya.id,
      plan: 'pro',
      status: 'active',
      currentPeriodEnd: proPeriodEnd,
      stripeSubscriptionId: 'sub_demo_maya_pro',
    },
    ...trusted,
    req,
  })
  await payload.update({
    collection: 'users',
    id: maya.id,
    data: {
      stripeCustomerId: 'cus_demo_maya',
      educatorProfile: {
        subscriptionPlan: 'pro',
        stripeConnectId: 'acct_demo_maya',
        payoutsEnabled: true,
      },
    },
    ...trusted,
    req,
  })

  const sales: [student: string, course: string, days: number, refunded?: boolean][] = [
    ['li', 'the-fundraising-data-room-kit', 40],
    ['lucia', 'the-fundraising-data-room-kit', 21],
    ['amara', 'the-fundraising-data-room-kit', 9, true],
    ['zoe', 'automate-your-marketing-with-ai', 12],
    ['sam', 'automate-your-marketing-with-ai', 3],
  ]
  for (const [handle, slug, days, refunded] of sales) {
    const student = user(`${handle}.student@thereadylab.dev`)
    const course = courses.get(slug)!
    const terms = await saleTerms(req, course.educator, course.price ?? 0)
    const n = Math.abs(Math.round(days * 7919)) % 100000
    // The sale's analytics event is dated on the sale day (the clock the events read).
    setClock(() => new Date(daysAgo(days)))
    const sale = await payload.create({
      collection: 'purchases',
      data: {
        student: student.id,
        course: course.id,
        courseTitle: course.title,
        educator: String(
          typeof course.educator === 'object' ? course.educator.id : course.educator,
        ),
        amount: course.price ?? 0,
        currency: course.currency ?? 'usd',
        ...terms,
        status: 'completed',
        createdAt: daysAgo(days),
        completedAt: daysAgo(days),
        stripeCheckoutSessionId: `cs_demo_${handle}_${n}`,
        stripePaymentIntentId: `pi_demo_${handle}_${n}`,
      },
      ...trusted,
      req,
    })
    if (refunded) {
      setClock(() => new Date(daysAgo(days - 2)))
      await payload.update({
        collection: 'purchases',
        id: sale.id,
        data: { status: 'refunded', refundedAt: daysAgo(days - 2) },
        ...trusted,
        req,
      })
    }
    setClock(null)
    if (!refunded) {
      await enrollStudent(req, { courseId: course.id, studentId: student.id, source: 'purchase' })
    }
  }
  for (const educator of [maya, user('diego.educator@thereadylab.dev')]) {
    await recountEducatorRevenue(req, educator.id)
  }

  await payload.create({
    collection: 'payouts',
    data: {
      educator: maya.id,
      amount: 4000,
      platformFee: 0,
      netAmount: 4000,
      currency: 'usd',
      status: 'paid',
      createdAt: daysAgo(15),
      paidAt: daysAgo(14),
      stripeTransferId: 'tr_demo_maya_1',
    },
    ...trusted,
    req,
  })

  const seatsPeriodEnd = new Date(Date.now() + 25 * DAY)
  await payload.update({
    collection: 'users',
    id: northside.id,
    data: { stripeCustomerId: 'cus_demo_northside' },
    ...trusted,
    req,
  })
  await payload.create({
    collection: 'licenses',
    data: {
      institution: northside.id,
      seats: 10,
      status: 'active',
      currentPeriodEnd: seatsPeriodEnd.toISOString(),
      stripeSubscriptionId: 'sub_demo_northside_seats',
    },
    ...trusted,
    req,
  })
  await payload.create({
    collection: 'invoices',
    data: {
      customer: northside.id,
      number: 'RL-DEMO-0001',
      status: 'paid',
      amountDue: 15000,
      amountPaid: 15000,
      currency: 'usd',
      hostedInvoiceUrl: 'https://invoice.stripe.com/i/demo',
      periodStart: new Date(seatsPeriodEnd.getTime() - 30 * DAY).toISOString(),
      periodEnd: seatsPeriodEnd.toISOString(),
      stripeInvoiceId: 'in_demo_northside_1',
      stripeSubscriptionId: 'sub_demo_northside_seats',
    },
    ...trusted,
    req,
  })
}

import type { Payload } from 'payload'
import type Stripe from 'stripe'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import type { Course, Purchase, User } from '../../src/payload-types'
import { reconcileStripeEvents } from '../../src/services/payments/webhooks'
import { buildCourse, deleteCourses, expectStatus } from '../helpers/courses'
import { api, errorMessage, graphql } from '../helpers/http'
import { getTestPayload } from '../helpers/payload'
import { deliverStripeEvent, lastRequest, useFakeStripe, type FakeStripe } from '../helpers/stripe'
import { createCast, createUser, deleteUsers, type TestUser } from '../helpers/users'

let payload: Payload
let cast: Awaited<ReturnType<typeof createCast>>
let fake: FakeStripe
let setStripeEnv: () => void
let clearStripeEnv: () => void
let paid: Course
let free: Course
const courseIds: string[] = []
const extraUsers: TestUser[] = []

const purchaseById = (id: string) =>
  payload.findByID({
    collection: 'purchases',
    id,
    depth: 0,
    overrideAccess: true,
  }) as Promise<Purchase>

const enrollmentOf = async (studentId: string, courseId: string) =>
  (
    await payload.find({
      collection: 'enrollments',
      where: { and: [{ student: { equals: studentId } }, { course: { equals: courseId } }] },
      depth: 0,
      overrideAccess: true,
    })
  ).docs

const courseCounters = async (id: string) => {
  const c = await payload.findByID({ collection: 'courses', id, depth: 0, overrideAccess: true })
  return c.totalEnrollments
}

const educatorProfile = async (id: string) =>
  ((await payload.findByID({ collection: 'users', id, depth: 0, overrideAccess: true })) as User)
    .educatorProfile

async function checkout(student: TestUser, courseId = paid.id, body: Record<string, unknown> = {}) {
  return api('POST', '/api/payments/checkout', {
    token: student.token,
    body: { courseId, ...body },
  })
}

/** Checkout as `student`, then Stripe completes it: returns the purchase id and the event. */
async function buy(student: TestUser, courseId = paid.id) {
  const res = await checkout(student, courseId)
  expectStatus(res, 201)
  const event = fake.completeCheckout(res.body.checkoutSessionId)
  return { purchaseId: res.body.purchaseId as string, sessionId: res.body.checkoutSessionId, event }
}

async function setPlan(educatorId: string, plan: 'basic' | 'pro' | 'enterprise') {
  await payload.update({
    collection: 'users',
    id: educatorId,
    data: { educatorProfile: { subscriptionPlan: plan } },
    overrideAccess: true,
  })
}

beforeAll(async () => {
  payload = await getTestPayload()
  ;({ fake, set: setStripeEnv, clear: clearStripeEnv } = await useFakeStripe())
  setStripeEnv()
  cast = await createCast(payload)
  paid = (await buildCourse(cast.educator.token, { course: { price: 4900, currency: 'usd' } }))
    .course
  free = (await buildCourse(cast.educator.token)).course
  courseIds.push(paid.id, free.id)
})

beforeEach(() => setStripeEnv())

afterAll(async () => {
  clearStripeEnv()
  await deleteCourses(payload, courseIds)
  await deleteUsers(payload, ...Object.values(cast ?? {}), ...extraUsers)
  await fake?.close()
})

describe('course purchase', () => {
  it('checkout → completed webhook → purchase completed and the student enrolled, once', async () => {
    const student = await createUser(payload, 'student')
    extraUsers.push(student)
    const before = await courseCounters(paid.id)

    const blocked = await api('POST', `/api/courses/${paid.id}/enroll`, { token: student.token })
    expectStatus(blocked, 402)
    expect(errorMessage(blocked)).toMatch(/\$49\.00/)

    const res = await checkout(student)
    expectStatus(res, 201)
    expect(res.body).toEqual({
      purchaseId: expect.any(String),
      checkoutSessionId: expect.stringMatching(/^cs_/),
      url: expect.stringMatching(/^https:\/\//),
    })
    const session = fake.objects.checkoutSessions.get(
      res.body.checkoutSessionId,
    ) as Stripe.Checkout.Session
    expect(session).toMatchObject({
      mode: 'payment',
      client_reference_id: res.body.purchaseId,
      amount_total: 4900,
      currency: 'usd',
      metadata: { purchaseId: res.body.purchaseId, courseId: paid.id, studentId: student.user.id },
    })
    const created = lastRequest(
      fake,
      (r) =>
        r.method === 'POST' &&
        r.path === '/v1/checkout/sessions' &&
        r.body?.client_reference_id === res.body.purchaseId,
    )
    expect(created?.body.payment_intent_data.metadata.purchaseId).toBe(res.body.purchaseId)
    expect(session.success_url).toMatch(/^http:\/\/localhost/)

    const pending = await api('GET', `/api/payments/${res.body.purchaseId}`, {
      token: student.token,
    })
    expectStatus(pending, 200)
    expect(pending.body).toMatchObject({
      status: 'pending',
      amount: 4900,
      currency: 'usd',
      course: paid.id,
    })
    expect(await enrollmentOf(student.user.id, paid.id)).toHaveLength(0)

    const event = fake.completeCheckout(res.body.checkoutSessionId)
    const delivered = await deliverStripeEvent(fake, event)
    expectStatus(delivered, 200)
    expect(delivered.body).toMatchObject({ received: true, duplicate: false })

    const purchase = await purchaseById(res.body.purchaseId)
    expect(purchase).toMatchObject({
      status: 'completed',
      amount: 4900,
      feePercentage: 10,
      platformFee: 490,
      netAmount: 4410,
      stripePaymentIntentId: expect.stringMatching(/^pi_/),
    })
    const enrollments = await enrollmentOf(student.user.id, paid.id)
    expect(enrollments).toHaveLength(1)
    expect(enrollments[0].source).toBe('purchase')
    expect(await courseCounters(paid.id)).toBe((before ?? 0) + 1)

    // The same event again changes nothing.
    const again = await deliverStripeEvent(fake, event)
    expectStatus(again, 200)
    expect(again.body).toMatchObject({ received: true, duplicate: true })
    expect(await enrollmentOf(student.user.id, paid.id)).toHaveLength(1)

    // Enrolled now: the enroll endpoint says so, and a second checkout is a conflict.
    const enrolled = await api('POST', `/api/courses/${paid.id}/enroll`, { token: student.token })
    expectStatus(enrolled, 200)
    expectStatus(await checkout(student), 409)
  })

  it('five concurrent deliveries of one completion have one effect', async () => {
    const student = await createUser(payload, 'student')
    extraUsers.push(student)
    const before = await courseCounters(paid.id)
    const revenueBefore = (await educatorProfile(cast.educator.user.id))?.totalRevenue ?? 0
    const { purchaseId, event } = await buy(student)

    const answers = await Promise.all(
      Array.from({ length: 5 }, () => deliverStripeEvent(fake, event)),
    )
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200])
    expect(answers.filter((a) => a.body.duplicate === false)).toHaveLength(1)

    expect(await enrollmentOf(student.user.id, paid.id)).toHaveLength(1)
    expect(await courseCounters(paid.id)).toBe((before ?? 0) + 1)
    const rows = await payload.count({
      collection: 'webhook-events',
      where: { eventId: { equals: event.id } },
      overrideAccess: true,
    })
    expect(rows.totalDocs).toBe(1)
    const purchase = await purchaseById(purchaseId)
    expect((await educatorProfile(cast.educator.user.id))?.totalRevenue).toBe(
      revenueBefore + purchase.netAmount,
    )
  })

  it('a bad signature is a 400 and writes nothing', async () => {
    const student = await createUser(payload, 'student')
    extraUsers.push(student)
    const { purchaseId, event } = await buy(student)

    const forged = await deliverStripeEvent(fake, event, { secret: 'whsec_not_ours' })
    expectStatus(forged, 400)
    expect(errorMessage(forged)).toMatch(/signature/i)
    const unsigned = await api('POST', '/api/webhooks/stripe', {
      body: JSON.stringify(event),
      headers: { 'content-type': 'application/json' },
    })
    expectStatus(unsigned, 400)
    // A valid signature over different bytes does not verify either.
    const { header } = fake.signed(event, 'whsec_ready_lab_test')
    const tampered = await api('POST', '/api/webhooks/stripe', {
      body: JSON.stringify({ ...event, id: 'evt_tampered' }),
      headers: { 'content-type': 'application/json', 'stripe-signature': header },
    })
    expectStatus(tampered, 400)

    expect((await purchaseById(purchaseId)).status).toBe('pending')
    expect(await enrollmentOf(student.user.id, paid.id)).toHaveLength(0)
    const rows = await payload.count({
      collection: 'webhook-events',
      where: { eventId: { in: [event.id, 'evt_tampered'] } },
      overrideAccess: true,
    })
    expect(rows.totalDocs).toBe(0)
  })

  it('a failing effect answers 5xx and records nothing; the redelivery is applied', async () => {
    const event = fake.event('charge.refunded', {
      id: 'ch_unknown',
      object: 'charge',
      refunded: true,
      payment_intent: 'pi_missing_everywhere',
      metadata: {},
    })
    // The refund names a payment we do not know: we ask Stripe, which fails; Stripe must retry.
    fake.failNext('GET', /^\/v1\/payment_intents\//, 500)
    const failed = await deliverStripeEvent(fake, event)
    expect(failed.status).toBeGreaterThanOrEqual(500)
    const rows = () =>
      payload.count({
        collection: 'webhook-events',
        where: { eventId: { equals: event.id } },
        overrideAccess: true,
      })
    expect((await rows()).totalDocs).toBe(0)

    const retried = await deliverStripeEvent(fake, event)
    expectStatus(retried, 200)
    expect(retried.body).toMatchObject({ duplicate: false, outcome: 'unknown payment' })
    expect((await rows()).totalDocs).toBe(1)
  })

  it('an expired checkout fails the purchase; a late completion of a refunded sale enrolls nobody', async () => {
    const student = await createUser(payload, 'student')
    extraUsers.push(student)
    const res = await checkout(student)
    expectStatus(res, 201)
    expectStatus(
      await deliverStripeEvent(fake, fake.expireCheckout(res.body.checkoutSessionId)),
      200,
    )
    expect((await purchaseById(res.body.purchaseId)).status).toBe('failed')

    // Out of order: the refund arrives before the completion.
    const second = await buy(student)
    const pi = (fake.objects.checkoutSessions.get(second.sessionId) as Stripe.Checkout.Session)
      .payment_intent as string
    const refund = fake.refundPaymentIntent(pi)
    expectStatus(await deliverStripeEvent(fake, refund), 200)
    expect((await purchaseById(second.purchaseId)).status).toBe('refunded')
    const late = await deliverStripeEvent(fake, second.event)
    expectStatus(late, 200)
    expect(late.body.outcome).toBe('already refunded')
    expect(await enrollmentOf(student.user.id, paid.id)).toHaveLength(0)
  })

  it('a refund removes access and the revenue; buying again restores access', async () => {
    const student = await createUser(payload, 'student')
    extraUsers.push(student)
    const before = await courseCounters(paid.id)
    const revenueBefore = (await educatorProfile(cast.educator.user.id))?.totalRevenue ?? 0
    const { purchaseId, sessionId, event } = await buy(student)
    expectStatus(await deliverStripeEvent(fake, event), 200)
    expect(await courseCounters(paid.id)).toBe((before ?? 0) + 1)

    const pi = (fake.objects.checkoutSessions.get(sessionId) as Stripe.Checkout.Session)
      .payment_intent as string
    const refund = fake.refundPaymentIntent(pi)
    const answers = await Promise.all([
      deliverStripeEvent(fake, refund),
      deliverStripeEvent(fake, refund),
    ])
    expect(answers.map((a) => a.status)).toEqual([200, 200])

    expect(await purchaseById(purchaseId)).toMatchObject({
      status: 'refunded',
      stripeChargeId: expect.stringMatching(/^ch_/),
    })
    expect(await enrollmentOf(student.user.id, paid.id)).toHaveLength(0)
    expect(await courseCounters(paid.id)).toBe(before)
    expect((await educatorProfile(cast.educator.user.id))?.totalRevenue).toBe(revenueBefore)
    // Audited once, as the system's act (two deliveries of the event, one entry).
    const audit = await payload.find({
      collection: 'audit-log',
      where: { entityId: { equals: purchaseId } },
      overrideAccess: true,
    })
    expect(audit.docs).toMatchObject([
      {
        action: 'purchase.refunded',
        actorId: null,
        actorRole: 'system',
        after: { status: 'refunded' },
      },
    ])
    const progress = await api('GET', `/api/courses/${paid.id}/progress`, { token: student.token })
    expect([403, 404]).toContain(progress.status)

    const again = await buy(student)
    expectStatus(await deliverStripeEvent(fake, again.event), 200)
    expect(await enrollmentOf(student.user.id, paid.id)).toHaveLength(1)
    expect(await courseCounters(paid.id)).toBe((before ?? 0) + 1)
  })

  it("takes the fee of the educator's plan at the time of sale", async () => {
    const educator = await createUser(payload, 'educator')
    extraUsers.push(educator)
    const course = (await buildCourse(educator.token, { course: { price: 10000 } })).course
    courseIds.push(course.id)
    const fees: [string, number, number][] = []
    for (const plan of ['basic', 'pro', 'enterprise'] as const) {
      await setPlan(educator.user.id, plan)
      const student = await createUser(payload, 'student')
      extraUsers.push(student)
      const { purchaseId, event } = await buy(student, course.id)
      expectStatus(await deliverStripeEvent(fake, event), 200)
      const p = await purchaseById(purchaseId)
      fees.push([plan, p.platformFee, p.netAmount])
    }
    expect(fees).toEqual([
      ['basic', 1000, 9000],
      ['pro', 600, 9400],
      ['enterprise', 0, 10000],
    ])
    expect((await educatorProfile(educator.user.id))?.totalRevenue).toBe(9000 + 9400 + 10000)

    // An admin's change to a fee applies to later sales only.
    const pro = await payload.find({
      collection: 'platform-fees',
      where: { plan: { equals: 'pro' } },
    })
    const update = await api('PATCH', `/api/platform-fees/${pro.docs[0].id}`, {
      token: cast.admin.token,
      body: { feePercentage: 7.5 },
    })
    expectStatus(update, 200)
    const denied = await api('PATCH', `/api/platform-fees/${pro.docs[0].id}`, {
      token: cast.educator.token,
      body: { feePercentage: 0 },
    })
    expectStatus(denied, 403)
    try {
      await setPlan(educator.user.id, 'pro')
      const student = await createUser(payload, 'student')
      extraUsers.push(student)
      const { purchaseId, event } = await buy(student, course.id)
      expectStatus(await deliverStripeEvent(fake, event), 200)
      expect(await purchaseById(purchaseId)).toMatchObject({ feePercentage: 7.5, platformFee: 750 })
      const earlier = await payload.find({
        collection: 'purchases',
        where: { and: [{ course: { equals: course.id } }, { feePercentage: { equals: 6 } }] },
        overrideAccess: true,
      })
      expect(earlier.totalDocs).toBe(1)
    } finally {
      await payload.update({
        collection: 'platform-fees',
        id: pro.docs[0].id,
        data: { feePercentage: 6 },
        overrideAccess: true,
      })
    }
  })

  it('reconciliation applies a completion whose webhook never arrived, exactly once', async () => {
    const student = await createUser(payload, 'student')
    extraUsers.push(student)
    const { purchaseId } = await buy(student) // completed at Stripe; no webhook delivered

    const first = await reconcileStripeEvents(payload)
    expect(first.applied).toBeGreaterThanOrEqual(1)
    expect((await purchaseById(purchaseId)).status).toBe('completed')
    expect(await enrollmentOf(student.user.id, paid.id)).toHaveLength(1)

    const second = await reconcileStripeEvents(payload)
    expect(second.applied).toBe(0)
    expect(await enrollmentOf(student.user.id, paid.id)).toHaveLength(1)
  })

  it('deleting a buyer keeps the sale (unlinked) and the educator’s revenue', async () => {
    const student = await createUser(payload, 'student')
    const { purchaseId, event } = await buy(student)
    expectStatus(await deliverStripeEvent(fake, event), 200)
    const revenue = (await educatorProfile(cast.educator.user.id))?.totalRevenue
    const res = await api('DELETE', `/api/users/${student.user.id}`, { token: cast.admin.token })
    expectStatus(res, 200)
    const sale = await purchaseById(purchaseId)
    expect(sale).toMatchObject({ status: 'completed', student: null, netAmount: 4410 })
    expect((await educatorProfile(cast.educator.user.id))?.totalRevenue).toBe(revenue)
  })
})

describe('checkout input and access', () => {
  it('answers 400 for a free course, bad ids, bad fields and foreign return URLs', async () => {
    const freeRes = await checkout(cast.student, free.id)
    expectStatus(freeRes, 400)
    expect(errorMessage(freeRes)).toMatch(/free/)
    for (const body of [
      { courseId: 'nope' },
      {},
      { courseId: paid.id, extra: 1 },
      { courseId: paid.id, successUrl: 'javascript:alert(1)' },
    ]) {
      const res = await api('POST', '/api/payments/checkout', { token: cast.student.token, body })
      expectStatus(res, 400)
    }
    const foreign = await checkout(cast.student, paid.id, {
      successUrl: 'https://evil.example/thanks',
    })
    expectStatus(foreign, 400)
    expect(errorMessage(foreign)).toMatch(/successUrl/)
    const bad = await api('POST', '/api/payments/checkout', {
      token: cast.student.token,
      body: '{not json',
      headers: { 'content-type': 'application/json' },
    })
    expectStatus(bad, 400)
  })

  it('answers 401, 403 and 404 by caller and course', async () => {
    expectStatus(await api('POST', '/api/payments/checkout', { body: { courseId: paid.id } }), 401)
    for (const who of [cast.educator, cast.institution, cast.admin]) {
      expectStatus(await checkout(who), 403)
    }
    expectStatus(await checkout(cast.student, '00000000-0000-4000-8000-000000000000'), 404)
    const draft = (
      await buildCourse(cast.educator.token, { course: { price: 1000 }, publish: false })
    ).course
    courseIds.push(draft.id)
    expectStatus(await checkout(cast.student, draft.id), 404)
  })

  it('a Stripe outage answers 502 and leaves the purchase failed, not pending', async () => {
    const student = await createUser(payload, 'student')
    extraUsers.push(student)
    await checkout(student) // creates the customer first
    fake.failNext('POST', /^\/v1\/checkout\/sessions$/, 500)
    const res = await checkout(student)
    expectStatus(res, 502)
    expect(errorMessage(res)).toMatch(/Stripe/)
    const { docs } = await payload.find({
      collection: 'purchases',
      where: { student: { equals: student.user.id } },
      sort: '-createdAt',
      overrideAccess: true,
    })
    expect(docs[0].status).toBe('failed')
  })

  it('reuses one Stripe customer per user, even for parallel checkouts', async () => {
    const student = await createUser(payload, 'student')
    extraUsers.push(student)
    const answers = await Promise.all([checkout(student), checkout(student), checkout(student)])
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201])
    const customers = new Set(
      answers.map(
        (a) =>
          (fake.objects.checkoutSessions.get(a.body.checkoutSessionId) as Stripe.Checkout.Session)
            .customer,
      ),
    )
    expect(customers.size).toBe(1)
    const created = [...fake.objects.customers.values()].filter(
      (c) => (c as Stripe.Customer).metadata?.userId === student.user.id,
    )
    expect(created).toHaveLength(1)
  })

  it('GET /api/payments/:id: the buyer, the seller and admins; nobody else', async () => {
    const student = await createUser(payload, 'student')
    extraUsers.push(student)
    const { purchaseId } = await buy(student)
    for (const who of [student, cast.educator, cast.admin]) {
      const res = await api('GET', `/api/payments/${purchaseId}`, { token: who.token })
      expectStatus(res, 200)
      expect(Object.keys(res.body).sort()).toEqual(
        [
          'amount',
          'completedAt',
          'course',
          'courseTitle',
          'createdAt',
          'currency',
          'feePercentage',
          'id',
          'netAmount',
          'platformFee',
          'refundedAt',
          'status',
          'student',
        ].sort(),
      )
    }
    for (const who of [cast.otherStudent, cast.otherEducator, cast.institution]) {
      expectStatus(await api('GET', `/api/payments/${purchaseId}`, { token: who.token }), 403)
    }
    expectStatus(await api('GET', `/api/payments/${purchaseId}`), 401)
    expectStatus(
      await api('GET', '/api/payments/00000000-0000-4000-8000-000000000000', {
        token: cast.admin.token,
      }),
      404,
    )
    expectStatus(await api('GET', '/api/payments/not-an-id', { token: cast.admin.token }), 404)
  })

  it("GET /api/students/:id/purchases: the student's own, newest first", async () => {
    const student = await createUser(payload, 'student')
    extraUsers.push(student)
    await buy(student)
    await buy(student)
    const res = await api('GET', `/api/students/${student.user.id}/purchases?limit=1`, {
      token: student.token,
    })
    expectStatus(res, 200)
    expect(res.body).toMatchObject({ totalDocs: 2, limit: 1, totalPages: 2, hasNextPage: true })
    expect(res.body.docs[0].student).toBe(student.user.id)
    expectStatus(
      await api('GET', `/api/students/${student.user.id}/purchases`, {
        token: cast.otherStudent.token,
      }),
      403,
    )
    expectStatus(
      await api('GET', `/api/students/${student.user.id}/purchases`, { token: cast.admin.token }),
      200,
    )
    expectStatus(
      await api('GET', `/api/students/${student.user.id}/purchases?limit=0`, {
        token: student.token,
      }),
      400,
    )
  })

  it('never shows Stripe ids to buyers or sellers, over REST or GraphQL', async () => {
    const student = await createUser(payload, 'student')
    extraUsers.push(student)
    const { purchaseId, event } = await buy(student)
    expectStatus(await deliverStripeEvent(fake, event), 200)
    for (const who of [student, cast.educator]) {
      const rest = await api('GET', `/api/purchases/${purchaseId}`, { token: who.token })
      expectStatus(rest, 200)
      const text = JSON.stringify(rest.body)
      expect(text).not.toMatch(/cs_test_|pi_|ch_|cus_/)
      const me = await api('GET', `/api/users/${student.user.id}`, { token: student.token })
      expect(JSON.stringify(me.body)).not.toMatch(/cus_/)
      const gql = await graphql(
        `
          query {
            Purchases {
              docs {
                id
                amount
                stripeCheckoutSessionId
                stripePaymentIntentId
              }
            }
          }
        `,
        {},
        { token: who.token },
      )
      expect(JSON.stringify(gql.body)).not.toMatch(/cs_test_|pi_/)
    }
    const admin = await api('GET', `/api/purchases/${purchaseId}`, { token: cast.admin.token })
    expect(admin.body.stripePaymentIntentId).toMatch(/^pi_/)
    // Nobody writes money records over the API, admins included.
    expectStatus(
      await api('PATCH', `/api/purchases/${purchaseId}`, {
        token: cast.admin.token,
        body: { status: 'refunded' },
      }),
      403,
    )
    expectStatus(
      await api('GET', `/api/purchases/${purchaseId}`, { token: cast.otherStudent.token }),
      404,
    )
  })

  it('without Stripe keys the payment endpoints answer 503 and the rest works', async () => {
    clearStripeEnv()
    const res = await checkout(cast.student)
    expectStatus(res, 503)
    expect(errorMessage(res)).toMatch(/STRIPE_SECRET_KEY/)
    expectStatus(
      await api('POST', '/api/webhooks/stripe', {
        body: '{}',
        headers: { 'content-type': 'application/json' },
      }),
      503,
    )
    const purchases = await api('GET', `/api/students/${cast.student.user.id}/purchases`, {
      token: cast.student.token,
    })
    expectStatus(purchases, 200)
    const enroll = await api('POST', `/api/courses/${free.id}/enroll`, {
      token: cast.student.token,
    })
    expect([200, 201]).toContain(enroll.status)
  })
})

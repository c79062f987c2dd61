import type { Payload } from 'payload'
import type Stripe from 'stripe'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { drainJobs } from '../../src/jobs/relay'
import type { Payout, User } from '../../src/payload-types'
import { transferPayout } from '../../src/services/payments/payouts'
import { buildCourse, deleteCohorts, deleteCourses, expectStatus } from '../helpers/courses'
import { api, errorMessage, graphql } from '../helpers/http'
import { getTestPayload } from '../helpers/payload'
import { deliverStripeEvent, lastRequest, useFakeStripe, type FakeStripe } from '../helpers/stripe'
import { createCast, createUser, deleteUsers, type TestUser } from '../helpers/users'

let payload: Payload
let cast: Awaited<ReturnType<typeof createCast>>
let fake: FakeStripe
let setStripeEnv: () => void
let clearStripeEnv: () => void
const courseIds: string[] = []
const cohortIds: string[] = []
const extraUsers: TestUser[] = []

const userById = (id: string) =>
  payload.findByID({ collection: 'users', id, depth: 0, overrideAccess: true }) as Promise<User>

async function newUser(role: User['role']) {
  const user = await createUser(payload, role)
  extraUsers.push(user)
  return user
}

/** An educator with `sales` completed sales of a $100 course (basic plan: $90 net each). */
async function educatorWithSales(sales: number) {
  const educator = await newUser('educator')
  const course = (await buildCourse(educator.token, { course: { price: 10000 } })).course
  courseIds.push(course.id)
  for (let i = 0; i < sales; i++) {
    const student = await newUser('student')
    const res = await api('POST', '/api/payments/checkout', {
      token: student.token,
      body: { courseId: course.id },
    })
    expectStatus(res, 201)
    expectStatus(
      await deliverStripeEvent(fake, fake.completeCheckout(res.body.checkoutSessionId)),
      200,
    )
  }
  return educator
}

/** Onboards the educator on Connect and lets Stripe enable payouts. */
async function enablePayouts(educator: TestUser) {
  const res = await api('GET', `/api/educators/${educator.user.id}/stripe-connect/onboard`, {
    token: educator.token,
  })
  expectStatus(res, 200)
  const event = fake.updateAccount(res.body.accountId, {
    payouts_enabled: true,
    charges_enabled: true,
    details_submitted: true,
  })
  expectStatus(await deliverStripeEvent(fake, event), 200)
  return res.body.accountId as string
}

/** Subscribes through Checkout and completes it at Stripe; returns the subscription id and events. */
async function subscribe(educator: TestUser, plan: 'basic' | 'pro' | 'enterprise') {
  const res = await api('POST', `/api/educators/${educator.user.id}/subscribe`, {
    token: educator.token,
    body: { plan },
  })
  expectStatus(res, 201)
  const completed = fake.completeCheckout(res.body.checkoutSessionId)
  const session = fake.objects.checkoutSessions.get(
    res.body.checkoutSessionId,
  ) as Stripe.Checkout.Session
  const subscriptionId = session.subscription as string
  const related = fake.events.filter(
    (e) =>
      (e.data.object as { id?: string }).id === subscriptionId ||
      subscriptionOf(e) === subscriptionId,
  )
  return { subscriptionId, completed, related }
}

const subscriptionOf = (event: Stripe.Event) =>
  (event.data.object as Stripe.Invoice).parent?.subscription_details?.subscription

beforeAll(async () => {
  payload = await getTestPayload()
  ;({ fake, set: setStripeEnv, clear: clearStripeEnv } = await useFakeStripe())
  setStripeEnv()
  cast = await createCast(payload)
})

beforeEach(() => setStripeEnv())

afterAll(async () => {
  clearStripeEnv()
  await drainJobs(payload)
  await deleteCohorts(payload, cohortIds)
  await deleteCourses(payload, courseIds)
  await deleteUsers(payload, ...Object.values(cast ?? {}), ...extraUsers)
  await fake?.close()
})

describe('educator plans', () => {
  it('with no subscription: basic at 10%', async () => {
    const educator = await newUser('educator')
    const res = await api('GET', `/api/educators/${educator.user.id}/subscription`, {
      token: educator.token,
    })
    expectStatus(res, 200)
    expect(res.body).toEqual({
      plan: 'basic',
      status: 'none',
      currentPeriodEnd: null,
      cancelAtPeriodEnd: false,
      feePercentage: 10,
    })
  })

  it('subscribe opens Checkout in subscription mode with our metadata; both paths', async () => {
    const educator = await newUser('educator')
    for (const path of ['subscribe', 'plan-subscription']) {
      const res = await api('POST', `/api/educators/${educator.user.id}/${path}`, {
        token: educator.token,
        body: { plan: 'pro' },
      })
      expectStatus(res, 201)
      expect(res.body).toEqual({
        checkoutSessionId: expect.stringMatching(/^cs_/),
        url: expect.any(String),
      })
      const session = fake.objects.checkoutSessions.get(
        res.body.checkoutSessionId,
      ) as Stripe.Checkout.Session
      expect(session).toMatchObject({
        mode: 'subscription',
        metadata: { educatorId: educator.user.id, plan: 'pro' },
      })
      const request = lastRequest(fake, (r) => r.path === '/v1/checkout/sessions')
      expect(request?.body.subscription_data.metadata).toEqual({
        educatorId: educator.user.id,
        plan: 'pro',
      })
    }
    // The plan's price is created once and found by its lookup key afterwards.
    const proPrices = [...fake.objects.prices.values()].filter(
      (p) => (p as Stripe.Price).lookup_key === 'ready_lab_pro_monthly',
    )
    expect(proPrices).toHaveLength(1)
  })

  it('subscription events in any order end in Stripe’s current state; the fee follows the plan', async () => {
    const educator = await newUser('educator')
    const { subscriptionId, related } = await subscribe(educator, 'pro')
    const created = related.find((e) => e.type === 'customer.subscription.created')!
    // Stripe changes the plan's period before we hear of the creation: deliver "updated" first.
    const updated = fake.updateSubscription(subscriptionId, { cancel_at_period_end: true })
    expectStatus(await deliverStripeEvent(fake, updated), 200)
    expectStatus(await deliverStripeEvent(fake, created), 200)

    const view = await api('GET', `/api/educators/${educator.user.id}/subscription`, {
      token: educator.token,
    })
    expect(view.body).toMatchObject({
      plan: 'pro',
      status: 'active',
      cancelAtPeriodEnd: true,
      feePercentage: 6,
      currentPeriodEnd: expect.any(String),
    })
    expect((await userById(educator.user.id)).educatorProfile?.subscriptionPlan).toBe('pro')
    const rows = await payload.count({
      collection: 'educator-subscriptions',
      where: { educator: { equals: educator.user.id } },
      overrideAccess: true,
    })
    expect(rows.totalDocs).toBe(1)

    // A second subscribe while live is a conflict: plans change with PUT.
    const again = await api('POST', `/api/educators/${educator.user.id}/subscribe`, {
      token: educator.token,
      body: { plan: 'enterprise' },
    })
    expectStatus(again, 409)

    // Deleted at Stripe (even delivered twice, concurrently): back to basic.
    const deleted = fake.deleteSubscription(subscriptionId)
    const answers = await Promise.all([
      deliverStripeEvent(fake, deleted),
      deliverStripeEvent(fake, deleted),
    ])
    expect(answers.map((a) => a.status)).toEqual([200, 200])
    expect((await userById(educator.user.id)).educatorProfile?.subscriptionPlan).toBe('basic')
    const after = await api('GET', `/api/educators/${educator.user.id}/subscription`, {
      token: educator.token,
    })
    expect(after.body).toMatchObject({ plan: 'basic', status: 'canceled', feePercentage: 10 })
  })

  it('PUT changes the plan with proration; DELETE cancels at period end', async () => {
    const educator = await newUser('educator')
    const { completed, subscriptionId } = await subscribe(educator, 'basic')
    expectStatus(await deliverStripeEvent(fake, completed), 200)

    const put = await api('PUT', `/api/educators/${educator.user.id}/subscription`, {
      token: educator.token,
      body: { plan: 'enterprise' },
    })
    expectStatus(put, 200)
    expect(put.body).toMatchObject({ plan: 'enterprise', status: 'active', feePercentage: 0 })
    const update = lastRequest(
      fake,
      (r) => r.method === 'POST' && r.path === `/v1/subscriptions/${subscriptionId}`,
    )
    expect(update?.body.proration_behavior).toBe('create_prorations')
    expect((await userById(educator.user.id)).educatorProfile?.subscriptionPlan).toBe('enterprise')

    const del = await api('DELETE', `/api/educators/${educator.user.id}/subscription`, {
      token: educator.token,
    })
    expectStatus(del, 200)
    expect(del.body).toMatchObject({
      plan: 'enterprise',
      status: 'active',
      cancelAtPeriodEnd: true,
    })
  })

  it('invoice.payment_failed puts the plan past due; invoices are recorded once', async () => {
    const educator = await newUser('educator')
    const { completed, subscriptionId } = await subscribe(educator, 'pro')
    expectStatus(await deliverStripeEvent(fake, completed), 200)
    const failed = fake.invoiceEvent('invoice.payment_failed', subscriptionId)
    expectStatus(await deliverStripeEvent(fake, failed), 200)
    const view = await api('GET', `/api/educators/${educator.user.id}/subscription`, {
      token: educator.token,
    })
    expect(view.body).toMatchObject({ plan: 'pro', status: 'past_due' })
    const invoices = await payload.find({
      collection: 'invoices',
      where: { customer: { equals: educator.user.id } },
      overrideAccess: true,
    })
    expect(invoices.docs.map((i) => i.status)).toEqual(['open'])
  })

  it('answers 400/401/403/404/409 and 503 without keys', async () => {
    const educator = await newUser('educator')
    const path = `/api/educators/${educator.user.id}/subscription`
    expectStatus(await api('GET', path), 401)
    expectStatus(await api('GET', path, { token: cast.otherEducator.token }), 403)
    expectStatus(await api('GET', path, { token: cast.admin.token }), 200)
    expectStatus(
      await api('GET', `/api/educators/${cast.student.user.id}/subscription`, {
        token: cast.admin.token,
      }),
      404,
    )
    const bad = await api('POST', `/api/educators/${educator.user.id}/subscribe`, {
      token: educator.token,
      body: { plan: 'platinum' },
    })
    expectStatus(bad, 400)
    expect(errorMessage(bad)).toMatch(/plan/)
    expectStatus(await api('PUT', path, { token: educator.token, body: { plan: 'pro' } }), 409)
    expectStatus(await api('DELETE', path, { token: educator.token }), 409)
    clearStripeEnv()
    expectStatus(
      await api('POST', `/api/educators/${educator.user.id}/subscribe`, {
        token: educator.token,
        body: { plan: 'pro' },
      }),
      503,
    )
    expectStatus(await api('GET', path, { token: educator.token }), 200)
  })
})

describe('payouts', () => {
  it('Connect onboarding creates one Express account and returns a fresh link each time', async () => {
    const educator = await newUser('educator')
    const path = `/api/educators/${educator.user.id}/stripe-connect/onboard`
    const [a, b] = await Promise.all([
      api('GET', path, { token: educator.token }),
      api('GET', path, { token: educator.token }),
    ])
    expectStatus(a, 200)
    expectStatus(b, 200)
    expect(a.body.accountId).toBe(b.body.accountId)
    expect(a.body.url).toMatch(/^https:\/\//)
    const accounts = [...fake.objects.accounts.values()].filter(
      (acct) => (acct as Stripe.Account).metadata?.educatorId === educator.user.id,
    )
    expect(accounts).toHaveLength(1)
    expect((accounts[0] as Stripe.Account).type).toBe('express')
    expectStatus(await api('GET', path, { token: cast.otherEducator.token }), 403)
  })

  it('withdraw: 409 before payouts are enabled, 400 over the balance or under the minimum', async () => {
    const educator = await educatorWithSales(1) // $90 available
    const path = `/api/educators/${educator.user.id}/payouts/withdraw`
    const early = await api('POST', path, { token: educator.token, body: {} })
    expectStatus(early, 409)
    await enablePayouts(educator)
    const over = await api('POST', path, { token: educator.token, body: { amount: 9001 } })
    expectStatus(over, 400)
    expect(errorMessage(over)).toMatch(/\$90\.00/)
    const under = await api('POST', path, { token: educator.token, body: { amount: 999 } })
    expectStatus(under, 400)
    expect(errorMessage(under)).toMatch(/minimum/)
    expectStatus(await api('POST', path, { token: educator.token, body: { amount: 10.5 } }), 400)
    expectStatus(await api('POST', path, { token: cast.otherEducator.token, body: {} }), 403)
    expectStatus(await api('POST', path, { body: {} }), 401)
  })

  it('20 parallel withdrawals never pay out more than the balance; transfers carry the payout id', async () => {
    const educator = await educatorWithSales(3) // 3 × $90 = $270
    const accountId = await enablePayouts(educator)
    const path = `/api/educators/${educator.user.id}/payouts/withdraw`
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        api('POST', path, { token: educator.token, body: { amount: 5000 } }),
      ),
    )
    const ok = answers.filter((a) => a.status === 201)
    expect(ok).toHaveLength(5) // 5 × $50 ≤ $270 < 6 × $50
    expect(answers.filter((a) => a.status === 400)).toHaveLength(15)

    await drainJobs(payload)
    const transfers = fake.requests.filter(
      (r) => r.method === 'POST' && r.path === '/v1/transfers' && r.body.destination === accountId,
    )
    expect(transfers.map((t) => t.idempotencyKey).sort()).toEqual(
      ok.map((a) => a.body.doc.id).sort(),
    )
    const list = await api('GET', `/api/educators/${educator.user.id}/payouts`, {
      token: educator.token,
    })
    expectStatus(list, 200)
    expect(list.body.balance).toEqual({ available: 27000 - 25000, currency: 'usd' })
    expect(list.body.payouts.docs.map((p: Payout) => p.status)).toEqual(Array(5).fill('paid'))
    // The rest by default ($20), then nothing is left to withdraw.
    const rest = await api('POST', path, { token: educator.token, body: {} })
    expectStatus(rest, 201)
    expect(rest.body.doc.amount).toBe(2000)
    expectStatus(await api('POST', path, { token: educator.token, body: {} }), 400)
  })

  it('a transfer job run twice makes one transfer; a refusal fails the payout and frees the balance', async () => {
    const educator = await educatorWithSales(1)
    await enablePayouts(educator)
    const path = `/api/educators/${educator.user.id}/payouts/withdraw`
    // A transfer still queued by an earlier test would take the refusal meant for this one.
    await drainJobs(payload)
    fake.failNext('POST', /^\/v1\/transfers$/, 400)
    const res = await api('POST', path, { token: educator.token, body: { amount: 2000 } })
    expectStatus(res, 201)
    await drainJobs(payload)
    const failed = await payload.findByID({
      collection: 'payouts',
      id: res.body.doc.id,
      overrideAccess: true,
    })
    expect(failed.status).toBe('failed')
    const balance = await api('GET', `/api/educators/${educator.user.id}/payouts`, {
      token: educator.token,
    })
    expect(balance.body.balance.available).toBe(9000)

    const second = await api('POST', path, { token: educator.token, body: {} })
    expectStatus(second, 201)
    expect(second.body.doc).toMatchObject({ amount: 9000, status: 'pending' })
    await drainJobs(payload)
    await transferPayout(payload, second.body.doc.id) // a rerun after the job finished
    const transfers = fake.requests.filter(
      (r) =>
        r.method === 'POST' &&
        r.path === '/v1/transfers' &&
        r.idempotencyKey === second.body.doc.id,
    )
    expect(transfers.length).toBeGreaterThanOrEqual(1)
    const stored = [...fake.objects.transfers.values()].filter(
      (t) => (t as Stripe.Transfer).metadata?.payoutId === second.body.doc.id,
    )
    expect(stored).toHaveLength(1)
  })
})

describe('institution seats', () => {
  it('licenses/add: Checkout the first time, then a prorated raise; seats are enforced on cohorts', async () => {
    const institution = await newUser('institution')
    const educator = await newUser('educator')
    const course = (await buildCourse(educator.token, { course: { price: 5000 } })).course
    courseIds.push(course.id)
    const first = await api('POST', `/api/institutions/${institution.user.id}/licenses/add`, {
      token: institution.token,
      body: { quantity: 2 },
    })
    expectStatus(first, 201)
    const completed = fake.completeCheckout(first.body.checkoutSessionId)
    expectStatus(await deliverStripeEvent(fake, completed), 200)
    const billing = await api('GET', `/api/institutions/${institution.user.id}/billing`, {
      token: institution.token,
    })
    expectStatus(billing, 200)
    expect(billing.body).toMatchObject({
      seats: { total: 2, used: 0, available: 2 },
      subscription: { status: 'active', currentPeriodEnd: expect.any(String) },
    })

    const cohort = await api('POST', '/api/cohorts', {
      token: institution.token,
      body: { name: 'Paid cohort', courses: [course.id] },
    })
    expectStatus(cohort, 201)
    cohortIds.push(cohort.body.doc.id)
    const students = [await newUser('student'), await newUser('student'), await newUser('student')]
    const add = (s: TestUser) =>
      api('POST', '/api/cohort-enrollments', {
        token: institution.token,
        body: { cohort: cohort.body.doc.id, student: s.user.id },
      })
    // Three at once for two seats: exactly two get in.
    const answers = await Promise.all(students.map(add))
    expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 402])
    const refused = answers.find((a) => a.status === 402)!
    expect(errorMessage(refused)).toMatch(/seats/)
    const refusedStudent = students[answers.indexOf(refused)]
    const enrolled = await payload.count({
      collection: 'enrollments',
      where: { and: [{ course: { equals: course.id } }, { source: { equals: 'cohort' } }] },
      overrideAccess: true,
    })
    expect(enrolled.totalDocs).toBe(2)
    const seatsNow = await api('GET', `/api/institutions/${institution.user.id}/billing`, {
      token: institution.token,
    })
    expect(seatsNow.body.seats).toEqual({ total: 2, used: 2, available: 0 })

    // Removing a member frees the seat.
    const member = answers.find((a) => a.status === 201)!
    expectStatus(
      await api('DELETE', `/api/cohort-enrollments/${member.body.doc.id}`, {
        token: institution.token,
      }),
      200,
    )
    expectStatus(await add(refusedStudent), 201)

    // More seats: the live subscription's quantity goes up, prorated.
    const more = await api('POST', `/api/institutions/${institution.user.id}/licenses/add`, {
      token: institution.token,
      body: { quantity: 3 },
    })
    expectStatus(more, 200)
    expect(more.body.seats).toEqual({ total: 5, used: 2, available: 3 })
    const raise = lastRequest(
      fake,
      (r) => r.method === 'POST' && r.path.startsWith('/v1/subscriptions/'),
    )
    expect(raise?.body.proration_behavior).toBe('create_prorations')
  })

  it('invoices: what the invoice webhooks recorded, with the hosted URL; access by owner', async () => {
    const institution = await newUser('institution')
    const first = await api('POST', `/api/institutions/${institution.user.id}/licenses/add`, {
      token: institution.token,
      body: { quantity: 1 },
    })
    expectStatus(first, 201)
    fake.completeCheckout(first.body.checkoutSessionId)
    const session = fake.objects.checkoutSessions.get(
      first.body.checkoutSessionId,
    ) as Stripe.Checkout.Session
    const paid = [...fake.events]
      .reverse()
      .find((e) => e.type === 'invoice.paid' && subscriptionOf(e) === session.subscription)!
    // Delivered twice and with a late "finalized": one row, still paid.
    expectStatus(await deliverStripeEvent(fake, paid), 200)
    expectStatus(await deliverStripeEvent(fake, paid), 200)
    const finalized = fake.invoiceEvent('invoice.finalized', session.subscription as string, {
      id: (paid.data.object as Stripe.Invoice).id,
    })
    // Stripe's invoice is paid by now: the late event's copy must not undo that.
    const atStripe = fake.objects.invoices.get((paid.data.object as Stripe.Invoice).id!)!
    Object.assign(atStripe, { status: 'paid', amount_paid: atStripe.amount_due })
    expectStatus(await deliverStripeEvent(fake, finalized), 200)

    const res = await api('GET', `/api/institutions/${institution.user.id}/invoices`, {
      token: institution.token,
    })
    expectStatus(res, 200)
    expect(res.body.totalDocs).toBe(1)
    expect(res.body.docs[0]).toMatchObject({
      status: 'paid',
      amountDue: 1500,
      amountPaid: 1500,
      currency: 'usd',
      hostedInvoiceUrl: expect.stringMatching(/^https:\/\//),
    })
    // The hosted URL is for the customer; our Stripe ids are not.
    expect(Object.keys(res.body.docs[0]).sort()).toEqual([
      'amountDue',
      'amountPaid',
      'currency',
      'hostedInvoiceUrl',
      'id',
      'number',
      'periodEnd',
      'periodStart',
      'status',
    ])
    expectStatus(
      await api('GET', `/api/institutions/${institution.user.id}/invoices`, {
        token: cast.institution.token,
      }),
      403,
    )
    expectStatus(
      await api('GET', `/api/institutions/${institution.user.id}/billing`, {
        token: cast.student.token,
      }),
      403,
    )
    expectStatus(
      await api('POST', `/api/institutions/${institution.user.id}/licenses/add`, {
        token: institution.token,
        body: { quantity: 0 },
      }),
      400,
    )
  })
})

describe('every payment endpoint', () => {
  const unknown = '00000000-0000-4000-8000-000000000000'
  const routes = (ids: { student: string; educator: string; institution: string }) =>
    [
      ['POST', '/api/payments/checkout', { courseId: unknown }, 'student', true],
      ['GET', `/api/payments/${unknown}`, undefined, 'student', false],
      ['GET', `/api/students/${ids.student}/purchases`, undefined, 'student', false],
      ['POST', `/api/educators/${ids.educator}/subscribe`, { plan: 'pro' }, 'educator', true],
      [
        'POST',
        `/api/educators/${ids.educator}/plan-subscription`,
        { plan: 'pro' },
        'educator',
        true,
      ],
      ['GET', `/api/educators/${ids.educator}/subscription`, undefined, 'educator', false],
      ['PUT', `/api/educators/${ids.educator}/subscription`, { plan: 'pro' }, 'educator', true],
      ['DELETE', `/api/educators/${ids.educator}/subscription`, undefined, 'educator', true],
      ['GET', `/api/educators/${ids.educator}/stripe-connect/onboard`, undefined, 'educator', true],
      ['GET', `/api/educators/${ids.educator}/payouts`, undefined, 'educator', false],
      ['POST', `/api/educators/${ids.educator}/payouts/withdraw`, {}, 'educator', true],
      ['GET', `/api/institutions/${ids.institution}/billing`, undefined, 'institution', false],
      [
        'POST',
        `/api/institutions/${ids.institution}/licenses/add`,
        { quantity: 1 },
        'institution',
        true,
      ],
      ['GET', `/api/institutions/${ids.institution}/invoices`, undefined, 'institution', false],
    ] as const

  it('answers 401 anonymous, 403 another account, 404 an unknown account', async () => {
    const ids = {
      student: cast.student.user.id,
      educator: cast.educator.user.id,
      institution: cast.institution.user.id,
    }
    const other = {
      student: cast.otherStudent,
      educator: cast.otherEducator,
      institution: cast.student,
    }
    for (const [method, path, body] of routes(ids)) {
      expect([path, (await api(method, path, { body })).status]).toEqual([path, 401])
    }
    for (const [method, path, body, role] of routes(ids)) {
      if (path.startsWith('/api/payments/')) continue // not per account: covered in the purchase tests
      const res = await api(method, path, { token: other[role].token, body })
      expect([path, res.status]).toEqual([path, 403])
    }
    const unknownIds = { student: unknown, educator: unknown, institution: unknown }
    for (const [method, path, body] of routes(unknownIds)) {
      if (path.startsWith('/api/payments/')) continue
      const res = await api(method, path, { token: cast.admin.token, body })
      expect([path, res.status]).toEqual([path, 404])
    }
  })

  it('without Stripe keys: 503 where Stripe is needed, 200 where only our records are read', async () => {
    clearStripeEnv()
    const owners = { student: cast.student, educator: cast.educator, institution: cast.institution }
    const ids = {
      student: cast.student.user.id,
      educator: cast.educator.user.id,
      institution: cast.institution.user.id,
    }
    for (const [method, path, body, role, needsStripe] of routes(ids)) {
      if (path === `/api/payments/${unknown}`) continue
      const res = await api(method, path, { token: owners[role].token, body })
      expect([path, res.status]).toEqual([path, needsStripe ? 503 : 200])
      if (needsStripe) expect(errorMessage(res)).toMatch(/STRIPE_SECRET_KEY/)
    }
  })

  it('shows owners their payment records without Stripe ids, over REST and GraphQL', async () => {
    const educator = await educatorWithSales(1)
    await enablePayouts(educator)
    await subscribe(educator, 'pro').then(({ completed }) => deliverStripeEvent(fake, completed))
    const withdrawal = await api('POST', `/api/educators/${educator.user.id}/payouts/withdraw`, {
      token: educator.token,
      body: {},
    })
    expectStatus(withdrawal, 201)
    await drainJobs(payload)
    for (const slug of ['payouts', 'educator-subscriptions', 'purchases']) {
      const res = await api('GET', `/api/${slug}?depth=0`, { token: educator.token })
      expectStatus(res, 200)
      expect(res.body.totalDocs).toBeGreaterThan(0)
      expect(JSON.stringify(res.body)).not.toMatch(/"stripe[A-Z]\w*":|acct_|tr_|sub_|cus_|pi_/)
    }
    const me = await api('GET', `/api/users/${educator.user.id}`, { token: educator.token })
    expect(me.body.educatorProfile).toMatchObject({ payoutsEnabled: true, subscriptionPlan: 'pro' })
    expect(JSON.stringify(me.body)).not.toMatch(/acct_|cus_/)
    const gql = await graphql(
      `
        query {
          Payouts {
            docs {
              amount
              status
              stripeTransferId
            }
          }
          EducatorSubscriptions {
            docs {
              plan
              stripeSubscriptionId
            }
          }
        }
      `,
      {},
      { token: educator.token },
    )
    expect(gql.body.data.Payouts.docs.length).toBeGreaterThan(0)
    expect(JSON.stringify(gql.body)).not.toMatch(/tr_|sub_/)
    const admin = await api('GET', `/api/payouts?where[educator][equals]=${educator.user.id}`, {
      token: cast.admin.token,
    })
    expect(admin.body.docs[0].stripeTransferId).toMatch(/^tr_/)
    for (const slug of ['payouts', 'educator-subscriptions', 'licenses', 'invoices']) {
      const res = await api('GET', `/api/${slug}`, { token: cast.otherEducator.token })
      expect(
        res.body.docs.filter((d: { educator?: string }) => d.educator === educator.user.id),
      ).toEqual([])
    }
  })
})

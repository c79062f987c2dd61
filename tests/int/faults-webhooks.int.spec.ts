import type { Payload } from 'payload'
import type Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Course, User } from '../../src/payload-types'
import { buildCourse, deleteCourses, expectStatus } from '../helpers/courses'
import { recordFaults } from '../helpers/faults'
import { api } from '../helpers/http'
import { getTestPayload } from '../helpers/payload'
import { deliverStripeEvent, useFakeStripe, type FakeStripe } from '../helpers/stripe'
import { createUser, deleteUsers, type TestUser } from '../helpers/users'

let payload: Payload
let fake: FakeStripe
let clearStripeEnv: () => void
let educator: TestUser
let course: Course
const students: TestUser[] = []

const BUYERS = 20
const REFUNDED = 8
const DELIVERIES = 100

beforeAll(async () => {
  payload = await getTestPayload()
  let setStripeEnv: () => void
  ;({ fake, set: setStripeEnv, clear: clearStripeEnv } = await useFakeStripe())
  setStripeEnv()
  educator = await createUser(payload, 'educator')
  course = (await buildCourse(educator.token, { course: { price: 2500, currency: 'usd' } })).course
  students.push(
    ...(await Promise.all(Array.from({ length: BUYERS }, () => createUser(payload, 'student')))),
  )
}, 120_000)

afterAll(async () => {
  clearStripeEnv?.()
  await deleteCourses(payload, [course?.id])
  await deleteUsers(payload, educator, ...students)
  await fake?.close()
})

/** Fisher–Yates with a seeded generator, so a failing order can be replayed from the seed. */
function shuffle<T>(items: T[], seed: number) {
  let state = seed
  const random = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

const educatorRevenue = async () =>
  (
    (await payload.findByID({
      collection: 'users',
      id: educator.user.id,
      depth: 0,
      overrideAccess: true,
    })) as User
  ).educatorProfile?.totalRevenue ?? 0

describe('a webhook storm', () => {
  it(`${DELIVERIES} Stripe deliveries — duplicates, out of order, in parallel — have each effect once`, async () => {
    const revenueBefore = await educatorRevenue()
    // Every student checks out and pays; some are refunded right after (from the Dashboard).
    const purchases: { purchaseId: string; studentId: string; refunded: boolean }[] = []
    const events: Stripe.Event[] = []
    for (const [i, student] of students.entries()) {
      const res = await api('POST', '/api/payments/checkout', {
        token: student.token,
        body: { courseId: course.id },
      })
      expectStatus(res, 201)
      events.push(fake.completeCheckout(res.body.checkoutSessionId) as Stripe.Event)
      const refunded = i < REFUNDED
      if (refunded) {
        const session = fake.objects.checkoutSessions.get(
          res.body.checkoutSessionId,
        ) as Stripe.Checkout.Session
        events.push(fake.refundPaymentIntent(session.payment_intent as string) as Stripe.Event)
      }
      purchases.push({ purchaseId: res.body.purchaseId, studentId: student.user.id, refunded })
    }
    // Stripe delivers at least once: every event once, then copies up to a hundred, shuffled
    // (refunds may come before their payment).
    const copies = Array.from(
      { length: DELIVERIES - events.length },
      (_, i) => events[(i * 7) % events.length],
    )
    const seed = Date.now() % 100_000
    const storm = shuffle([...events, ...copies], seed)

    // All at once; whatever is not a 200 Stripe delivers again, as it would.
    const answers: { id: string; status: number; duplicate?: boolean }[] = []
    let pending = storm
    for (let round = 0; pending.length && round < 5; round++) {
      const results = await Promise.all(pending.map((event) => deliverStripeEvent(fake, event)))
      results.forEach((res, i) =>
        answers.push({ id: pending[i].id, status: res.status, duplicate: res.body?.duplicate }),
      )
      pending = pending.filter((_, i) => results[i].status !== 200)
    }
    expect(pending, `undelivered after retries (seed ${seed})`).toHaveLength(0)

    // Each event applied exactly once, whatever the order and the copies.
    const applied = answers.filter((a) => a.status === 200 && a.duplicate === false)
    expect(applied.map((a) => a.id).sort()).toEqual(events.map((e) => e.id).sort())
    const recorded = await payload.count({
      collection: 'webhook-events',
      where: { eventId: { in: events.map((e) => e.id) } },
      overrideAccess: true,
    })
    expect(recorded.totalDocs).toBe(events.length)

    // The effects: refunded sales are refunded and enroll nobody; the others completed, once.
    const stored = await payload.find({
      collection: 'purchases',
      where: { id: { in: purchases.map((p) => p.purchaseId) } },
      depth: 0,
      limit: 100,
      overrideAccess: true,
    })
    const statusOf = new Map(stored.docs.map((p) => [p.id, p.status]))
    for (const p of purchases) {
      expect(statusOf.get(p.purchaseId), `purchase ${p.purchaseId} (seed ${seed})`).toBe(
        p.refunded ? 'refunded' : 'completed',
      )
    }
    const enrollments = await payload.find({
      collection: 'enrollments',
      where: { course: { equals: course.id } },
      depth: 0,
      limit: 100,
      overrideAccess: true,
    })
    const kept = purchases.filter((p) => !p.refunded)
    expect(enrollments.docs.map((e) => e.student).sort()).toEqual(
      kept.map((p) => p.studentId).sort(),
    )
    const counted = await payload.findByID({
      collection: 'courses',
      id: course.id,
      depth: 0,
      overrideAccess: true,
    })
    expect(counted.totalEnrollments).toBe(kept.length)
    const net = stored.docs.find((p) => p.status === 'completed')!.netAmount
    expect(await educatorRevenue()).toBe(revenueBefore + kept.length * net)

    recordFaults('webhook-storm', {
      faults: [
        `${DELIVERIES} Stripe deliveries of ${events.length} events, shuffled (seed ${seed}), in parallel`,
      ],
      acknowledged: applied.length,
      stored: recorded.totalDocs,
      details: {
        purchases: purchases.length,
        refunded: REFUNDED,
        enrollments: enrollments.totalDocs,
        duplicatesAnswered: answers.filter((a) => a.duplicate === true).length,
        retried: answers.filter((a) => a.status !== 200).length,
        statuses: [...new Set(answers.map((a) => a.status))],
      },
    })
  })
})

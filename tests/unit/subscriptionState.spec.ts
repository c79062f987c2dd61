import type Stripe from 'stripe'
import { describe, expect, it } from 'vitest'

import { planOfPrice } from '../../src/services/payments/prices'
import {
  effectivePlan,
  isLive,
  splitSale,
  subscriptionState,
} from '../../src/services/payments/subscriptionState'

const subscription = (patch: Partial<Stripe.Subscription> = {}, item: object = {}) =>
  ({
    id: 'sub_1',
    object: 'subscription',
    status: 'active',
    cancel_at_period_end: false,
    metadata: { educatorId: 'e1', plan: 'pro' },
    items: {
      object: 'list',
      data: [{ id: 'si_1', quantity: 3, current_period_end: 1_800_000_000, ...item }],
    },
    ...patch,
  }) as unknown as Stripe.Subscription

describe('splitSale', () => {
  it('keeps the fee in whole cents and gives the educator the rest', () => {
    expect(splitSale(4900, 10)).toEqual({ platformFee: 490, netAmount: 4410 })
    expect(splitSale(10000, 6)).toEqual({ platformFee: 600, netAmount: 9400 })
    expect(splitSale(999, 0)).toEqual({ platformFee: 0, netAmount: 999 })
    expect(splitSale(1999, 7.5)).toEqual({ platformFee: 150, netAmount: 1849 })
  })

  it('never loses or invents a cent', () => {
    for (const amount of [1, 33, 101, 4999, 123457]) {
      for (const fee of [0, 6, 7.5, 10, 33.3, 100]) {
        const { platformFee, netAmount } = splitSale(amount, fee)
        expect(platformFee + netAmount).toBe(amount)
        expect(Number.isInteger(platformFee)).toBe(true)
      }
    }
  })
})

describe('subscription state', () => {
  it('reads status, period end and seats from the first item', () => {
    expect(subscriptionState(subscription())).toEqual({
      stripeSubscriptionId: 'sub_1',
      status: 'active',
      currentPeriodEnd: new Date(1_800_000_000_000).toISOString(),
      cancelAtPeriodEnd: false,
      quantity: 3,
      itemId: 'si_1',
      metadata: { educatorId: 'e1', plan: 'pro' },
    })
  })

  it('treats statuses Stripe may add later as incomplete (no benefits)', () => {
    const state = subscriptionState(subscription({ status: 'something_new' as never }))
    expect(state.status).toBe('incomplete')
    expect(isLive(state.status)).toBe(false)
  })

  it('keeps a plan while trialing, active or past due, and falls back to basic otherwise', () => {
    expect(effectivePlan('pro', 'active')).toBe('pro')
    expect(effectivePlan('enterprise', 'past_due')).toBe('enterprise')
    expect(effectivePlan('pro', 'trialing')).toBe('pro')
    for (const status of [
      'canceled',
      'unpaid',
      'incomplete',
      'incomplete_expired',
      'paused',
      null,
    ]) {
      expect(effectivePlan('pro', status)).toBe('basic')
    }
    expect(effectivePlan('platinum', 'active')).toBe('basic')
  })
})

describe('planOfPrice', () => {
  it('knows our prices by lookup key or metadata, and nothing else', () => {
    expect(
      planOfPrice({ id: 'price_x', lookup_key: 'ready_lab_pro_monthly' } as Stripe.Price),
    ).toBe('pro')
    expect(
      planOfPrice({ id: 'price_y', metadata: { kind: 'enterprise' } } as unknown as Stripe.Price),
    ).toBe('enterprise')
    expect(
      planOfPrice({ id: 'price_z', metadata: { kind: 'seat' } } as unknown as Stripe.Price),
    ).toBe(null)
    expect(planOfPrice(null)).toBe(null)
  })
})

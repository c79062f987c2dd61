import { describe, expect, it } from 'vitest'

import { CURRENCIES, formatMoney } from '../../src/lib/money'

describe('formatMoney (integer minor units, as Stripe stores them)', () => {
  it('reads cents as dollars and cents', () => {
    expect(formatMoney(1250, 'usd')).toBe('$12.50')
    expect(formatMoney(5, 'usd')).toBe('$0.05')
    expect(formatMoney(0, 'usd')).toBe('$0.00')
    expect(formatMoney(123456789, 'usd')).toBe('$1,234,567.89')
  })

  it('names every supported currency unambiguously, whatever its case', () => {
    expect(CURRENCIES.map((c) => formatMoney(1000, c))).toEqual([
      '$10.00',
      '€10.00',
      '£10.00',
      'CA$10.00',
      'MX$10.00',
    ])
    expect(formatMoney(999, 'EUR')).toBe('€9.99')
  })
})

import { describe, expect, it } from 'vitest'

import { generateVerificationCode, normalizeVerificationCode } from '../../src/lib/verificationCode'

const CANONICAL = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/

describe('generateVerificationCode', () => {
  it('makes three groups of four symbols without I, L, O or U', () => {
    for (let i = 0; i < 200; i++) expect(generateVerificationCode()).toMatch(CANONICAL)
  })

  it('does not repeat itself', () => {
    const codes = new Set(Array.from({ length: 5000 }, generateVerificationCode))
    expect(codes.size).toBe(5000)
  })

  it('is already in normal form', () => {
    const code = generateVerificationCode()
    expect(normalizeVerificationCode(code)).toBe(code)
  })
})

describe('normalizeVerificationCode', () => {
  it.each([
    ['7QX2-M9KD-4TZA', '7QX2-M9KD-4TZA'],
    ['7qx2-m9kd-4tza', '7QX2-M9KD-4TZA'],
    ['7QX2M9KD4TZA', '7QX2-M9KD-4TZA'],
    [' 7QX2 M9KD 4TZA ', '7QX2-M9KD-4TZA'],
    // Look-alikes typed by hand: O is zero, I and L are one.
    ['OOOO-IIII-LLLL', '0000-1111-1111'],
    ['o0o0-i1l1-ABCD', '0000-1111-ABCD'],
  ])('reads %j as %s', (input, expected) => {
    expect(normalizeVerificationCode(input)).toBe(expected)
  })

  it.each([
    ['too short', '7QX2-M9KD-4TZ'],
    ['too long', '7QX2-M9KD-4TZAB'],
    ['U is not a symbol', '7QX2-M9KD-4TZU'],
    ['punctuation', '7QX2-M9KD-4TZ!'],
    ['empty', ''],
  ])('rejects %s', (_, input) => {
    expect(normalizeVerificationCode(input)).toBeNull()
  })
})

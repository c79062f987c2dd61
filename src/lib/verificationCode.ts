import { randomInt } from 'node:crypto'

// Crockford base32: no I, L, O or U, so codes read aloud and typed by hand survive.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** 12 random symbols (60 bits) in three groups: e.g. "7QX2-M9KD-4TZA". */
export function generateVerificationCode(): string {
  const symbols = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)])
  return [0, 4, 8].map((i) => symbols.slice(i, i + 4).join('')).join('-')
}

/** Accepts lower case, missing dashes and the usual look-alikes (O→0, I/L→1). */
export function normalizeVerificationCode(input: string): string | null {
  const cleaned = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')
  if (cleaned.length !== 12 || [...cleaned].some((c) => !ALPHABET.includes(c))) return null
  return [0, 4, 8].map((i) => cleaned.slice(i, i + 4)).join('-')
}

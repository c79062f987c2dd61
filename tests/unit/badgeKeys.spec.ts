import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'
import { randomBytes } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'

import { validateEnvironment } from '../../src/config/environment'
import {
  base58btc,
  fromBase58btc,
  parseSigningSeed,
  signingKey,
} from '../../src/services/badges/keys'

const saved = process.env.BADGE_SIGNING_KEY
afterEach(() => {
  if (saved === undefined) delete process.env.BADGE_SIGNING_KEY
  else process.env.BADGE_SIGNING_KEY = saved
})

describe('base58btc', () => {
  it('matches the Bitcoin alphabet test vectors and round-trips leading zeros', () => {
    expect(base58btc(Buffer.from('hello world'))).toBe('StV1DL6CwTryKyV')
    expect(base58btc(Buffer.from([0, 0, 1]))).toBe('112')
    for (const bytes of [Buffer.from([0, 0, 0, 7]), randomBytes(34), randomBytes(66)]) {
      expect(fromBase58btc(base58btc(bytes))).toEqual(bytes)
    }
  })
})

describe('BADGE_SIGNING_KEY', () => {
  it('takes a Multikey secret as Digital Bazaar exports it, and gives its public key', async () => {
    const generated = await Ed25519Multikey.generate()
    const { secretKeyMultibase } = await generated.export({ publicKey: true, secretKey: true })
    process.env.BADGE_SIGNING_KEY = secretKeyMultibase
    expect(signingKey().publicKeyMultibase).toBe(generated.publicKeyMultibase)
  })

  it('takes the 32-byte seed in base64; refuses anything else', () => {
    const seed = randomBytes(32)
    expect(parseSigningSeed(seed.toString('base64'))).toEqual(seed)
    for (const wrong of ['zNotAKey', randomBytes(16).toString('base64'), 'secret']) {
      expect(() => parseSigningSeed(wrong)).toThrow(/Ed25519 secret key/)
      // A process refuses to start with it, naming the variable.
      expect(() => validateEnvironment({ BADGE_SIGNING_KEY: wrong })).toThrow(/BADGE_SIGNING_KEY/)
    }
    expect(() => validateEnvironment({ BADGE_SIGNING_KEY: seed.toString('base64') })).not.toThrow()
  })

  it('unset, is derived from PAYLOAD_SECRET: stable, and another secret gives another key', () => {
    delete process.env.BADGE_SIGNING_KEY
    const previous = process.env.PAYLOAD_SECRET
    try {
      process.env.PAYLOAD_SECRET = 'a'.repeat(40)
      const first = signingKey().publicKeyMultibase
      expect(signingKey().publicKeyMultibase).toBe(first)
      process.env.PAYLOAD_SECRET = 'b'.repeat(40)
      expect(signingKey().publicKeyMultibase).not.toBe(first)
    } finally {
      if (previous === undefined) delete process.env.PAYLOAD_SECRET
      else process.env.PAYLOAD_SECRET = previous
    }
  })
})

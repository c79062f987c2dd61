import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto'

import { payloadSecret } from '../../lib/constants'

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
/** Multicodec prefixes of Ed25519 keys (varint of 0xed and 0x1300). */
const ED25519_PUBLIC = Uint8Array.from([0xed, 0x01])
const ED25519_PRIVATE = Uint8Array.from([0x80, 0x26])
/** PKCS#8 DER wrapping of a 32-byte Ed25519 seed. */
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')

export function base58btc(bytes: Uint8Array): string {
  const digits: number[] = []
  for (const byte of bytes) {
    let carry = byte
    for (let i = 0; i < digits.length; i++) {
      carry += digits[i] << 8
      digits[i] = carry % 58
      carry = (carry / 58) | 0
    }
    for (; carry; carry = (carry / 58) | 0) digits.push(carry % 58)
  }
  for (let i = 0; i < bytes.length && bytes[i] === 0; i++) digits.push(0)
  return digits
    .reverse()
    .map((d) => BASE58[d])
    .join('')
}

export function fromBase58btc(text: string): Buffer {
  const bytes: number[] = []
  for (const char of text) {
    let carry = BASE58.indexOf(char)
    if (carry < 0) throw new Error('not base58btc')
    for (let i = 0; i < bytes.length; i++) {
      carry += bytes[i] * 58
      bytes[i] = carry & 0xff
      carry >>= 8
    }
    for (; carry; carry >>= 8) bytes.push(carry & 0xff)
  }
  for (let i = 0; i < text.length && text[i] === '1'; i++) bytes.push(0)
  return Buffer.from(bytes.reverse())
}

/**
 * The 32-byte seed of the badge signing key: `BADGE_SIGNING_KEY` as a Multikey secret
 * (`z…`, multicodec ed25519-priv) or the seed in base64; unset, derived from PAYLOAD_SECRET.
 */
export function parseSigningSeed(value: string): Buffer {
  const trimmed = value.trim()
  const decoded = /^z[1-9A-HJ-NP-Za-km-z]+$/.test(trimmed) ? fromBase58btc(trimmed.slice(1)) : null
  // The key material is the seed, or (as Digital Bazaar's libraries export it) seed ‖ public key.
  if (
    decoded &&
    (decoded.length === 34 || decoded.length === 66) &&
    decoded[0] === ED25519_PRIVATE[0] &&
    decoded[1] === ED25519_PRIVATE[1]
  ) {
    return decoded.subarray(2, 34)
  }
  const seed = Buffer.from(trimmed, 'base64')
  if (seed.length !== 32) {
    throw new Error('must be an Ed25519 secret key: a Multikey (z…) or the 32-byte seed in base64')
  }
  return seed
}

function signingSeed(): Buffer {
  const configured = process.env.BADGE_SIGNING_KEY
  if (configured) return parseSigningSeed(configured)
  return createHash('sha256').update(`open-badges-signing-key:${payloadSecret()}`).digest()
}

export type SigningKey = {
  privateKey: KeyObject
  /** Multikey `publicKeyMultibase`: z + base58btc(0xed01 ‖ public key). */
  publicKeyMultibase: string
}

let cached: { source: string; key: SigningKey } | undefined

/** The issuer's Ed25519 key (read once per configuration). */
export function signingKey(): SigningKey {
  const source = `${process.env.BADGE_SIGNING_KEY ?? ''}\u0000${process.env.PAYLOAD_SECRET ?? ''}`
  if (cached?.source === source) return cached.key
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_PREFIX, signingSeed()]),
    format: 'der',
    type: 'pkcs8',
  })
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' })
  const publicKey = spki.subarray(spki.length - 32)
  const key = {
    privateKey,
    publicKeyMultibase: `z${base58btc(Buffer.concat([ED25519_PUBLIC, publicKey]))}`,
  }
  cached = { source, key }
  return key
}

/** A short, stable name of the key for its URL (changes when the key does). */
export const keyId = (key: SigningKey) =>
  createHash('sha256').update(key.publicKeyMultibase).digest('hex').slice(0, 16)

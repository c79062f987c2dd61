import { z } from 'zod'

import { timestamp } from '../../openapi/schema'

const proof = z.object({
  type: z.literal('DataIntegrityProof'),
  cryptosuite: z.literal('eddsa-rdfc-2022'),
  created: timestamp,
  verificationMethod: z.url().describe('The Multikey of `GET /api/badges/issuer/keys/{key}`'),
  proofPurpose: z.literal('assertionMethod'),
  proofValue: z.string().describe('z + base58btc of the Ed25519 signature'),
})

const multikey = z.object({
  id: z.url(),
  type: z.literal('Multikey'),
  controller: z.url(),
  publicKeyMultibase: z.string().describe('z + base58btc(0xed01 ‖ Ed25519 public key)'),
})

const profile = z.object({
  id: z.url().describe('`GET /api/badges/issuer`'),
  type: z.array(z.string()),
  name: z.string(),
  url: z.url(),
})

/** An Open Badges 3.0 credential (a W3C Verifiable Credential 2.0) as the badge endpoint signs it. */
export const openBadgeCredential = z.object({
  '@context': z.array(z.url()),
  id: z.url(),
  type: z.array(z.string()),
  name: z.string(),
  issuer: profile,
  validFrom: timestamp,
  credentialSubject: z.object({
    type: z.array(z.string()),
    name: z.string(),
    identifier: z.array(
      z.object({
        type: z.literal('IdentityObject'),
        identityType: z.literal('emailAddress'),
        hashed: z.literal(true),
        identityHash: z.string().describe("'sha256$' + hex(SHA-256(email + salt))"),
        salt: z.string(),
      }),
    ),
    achievement: z.object({
      id: z.string(),
      type: z.array(z.string()),
      achievementType: z.string(),
      name: z.string(),
      description: z.string(),
      criteria: z.object({ narrative: z.string() }),
    }),
  }),
  credentialStatus: z.object({
    id: z.url(),
    type: z.literal('BitstringStatusListEntry'),
    statusPurpose: z.literal('revocation'),
    statusListIndex: z.string(),
    statusListCredential: z.url(),
  }),
  evidence: z.array(z.object({ id: z.url(), type: z.array(z.string()), name: z.string() })),
  proof: z.array(proof).length(1),
})

export const statusListCredentialSchema = z.object({
  '@context': z.array(z.url()),
  id: z.url(),
  type: z.array(z.string()),
  issuer: z.url(),
  validFrom: timestamp,
  credentialSubject: z.object({
    id: z.url(),
    type: z.literal('BitstringStatusList'),
    statusPurpose: z.literal('revocation'),
    encodedList: z.string().describe('u + base64url(GZIP(bitstring)), bit 0 leftmost'),
  }),
  proof: z.array(proof).length(1),
})

export const issuerProfileSchema = profile.extend({
  '@context': z.array(z.url()),
  assertionMethod: z.array(z.url()).describe('The keys badges are signed with'),
})

export const multikeySchema = multikey.extend({ '@context': z.url() })

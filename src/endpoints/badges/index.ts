import { json } from '../../lib/http'
import type { DocumentedEndpoint } from '../../openapi/operation'
import { issuerKey, issuerProfile } from '../../services/badges/issuer'
import { issuerProfileSchema, multikeySchema } from './schemas'

const ldJson = { 'Content-Type': 'application/ld+json', 'Cache-Control': 'public, max-age=300' }

/** What a verifier resolves: the issuer of every badge and the key its proofs name. */
export const badgeEndpoints: DocumentedEndpoint[] = [
  {
    path: '/badges/issuer',
    method: 'get',
    custom: {
      openapi: {
        tags: ['badges'],
        summary: 'The badge issuer profile',
        description:
          'Public. The `issuer` of every Open Badge, with the key its proofs are made with (`assertionMethod`).',
        access: 'public',
        responses: {
          200: {
            description: 'The Profile',
            mediaType: 'application/ld+json',
            schema: issuerProfileSchema,
          },
        },
      },
    },
    handler: () => json(issuerProfile(), 200, ldJson),
  },
  {
    path: '/badges/issuer/keys/:key',
    method: 'get',
    custom: {
      openapi: {
        tags: ['badges'],
        summary: "The issuer's signing key",
        description: "Public. The Ed25519 public key of the badges' proofs, as a Multikey.",
        access: 'public',
        responses: {
          200: {
            description: 'The Multikey',
            mediaType: 'application/ld+json',
            schema: multikeySchema,
          },
        },
        errors: { 404: 'Not a key of this issuer' },
      },
    },
    handler: (req) => {
      const key = issuerKey()
      if (!key.id.endsWith(`/keys/${req.routeParams?.key}`)) {
        return json({ errors: [{ message: 'Key not found' }] }, 404)
      }
      return json(key, 200, ldJson)
    },
  },
]

import { z } from 'zod'

import { revokeSchema } from '../../endpoints/certifications'
import { pageSchema } from '../../lib/pagination'
import type { Operation } from '../operation'
import { collectionDoc, docOf, pageOf, timestamp, uuid } from '../schema'

const holderOnly = 'Not the certificate holder'

const cohortStatus = z.object({
  cohort: uuid,
  completed: z.number().int().describe("Completed enrollments in the cohort's courses"),
  issued: z.number().int(),
  pending: z.number().int(),
})

/** The public data of an Open Badges 3.0 credential (a W3C Verifiable Credential). */
const openBadge = z.object({
  '@context': z.array(z.url()),
  id: z.url(),
  type: z.array(z.string()),
  name: z.string(),
  issuer: z.object({
    id: z.string(),
    type: z.array(z.string()),
    name: z.string(),
    url: z.string(),
  }),
  validFrom: timestamp,
  credentialSubject: z.object({
    type: z.array(z.string()),
    name: z.string(),
    achievement: z.object({
      id: z.string(),
      type: z.array(z.string()),
      name: z.string(),
      description: z.string(),
      criteria: z.object({ narrative: z.string() }),
    }),
  }),
  credentialStatus: z
    .object({ type: z.literal('RevokedStatus'), revoked: z.literal(true), revokedAt: timestamp })
    .optional(),
  evidence: z.array(z.object({ id: z.url(), type: z.array(z.string()), name: z.string() })),
})

export const certificationOperations: Operation[] = [
  {
    method: 'post',
    path: '/certifications/{id}/download',
    tags: ['certifications'],
    summary: 'Download the certificate PDF',
    description: 'The holder (and admins). A4 landscape with a QR code of the public verify URL.',
    access: 'user',
    responses: {
      200: {
        description: 'The PDF',
        mediaType: 'application/pdf',
        schema: { type: 'string', contentMediaType: 'application/pdf' },
        headers: { 'Content-Disposition': 'attachment; filename="certificate-<code>.pdf"' },
      },
    },
    errors: { 403: holderOnly },
  },
  {
    method: 'post',
    path: '/certifications/{id}/share/linkedin',
    tags: ['certifications'],
    summary: 'LinkedIn add-to-profile link',
    description:
      'The holder. `startTask=CERTIFICATION_NAME` with name, organization, issue year and ' +
      'month, the verify URL and the verification code.',
    access: 'user',
    responses: { 200: { description: 'The link', schema: z.object({ url: z.url() }) } },
    errors: { 403: holderOnly },
  },
  {
    method: 'get',
    path: '/certifications/{id}/verify/{code}',
    tags: ['certifications'],
    summary: 'Verify a certificate',
    description: 'Public and rate-limited. Tells nothing beyond what a printed certificate shows.',
    access: 'public',
    responses: {
      200: {
        description: 'Valid, or revoked',
        schema: z.union([
          z.object({
            valid: z.literal(true),
            studentName: z.string(),
            courseTitle: z.string(),
            issuedAt: timestamp,
          }),
          z.object({ valid: z.literal(false), revoked: z.literal(true), revokedAt: timestamp }),
        ]),
      },
    },
    errors: {
      404: {
        description: 'Unknown certificate, or the code does not match',
        schema: z.object({ valid: z.literal(false) }),
      },
      429: 'Too many checks from this address',
    },
  },
  {
    method: 'get',
    path: '/certifications/{id}/badge',
    tags: ['certifications'],
    summary: 'The certificate as an Open Badges 3.0 credential',
    description: 'Public and rate-limited.',
    access: 'public',
    responses: {
      200: { description: 'The credential', mediaType: 'application/ld+json', schema: openBadge },
    },
    errors: { 429: 'Too many requests from this address' },
  },
  {
    method: 'post',
    path: '/certifications/{id}/revoke',
    tags: ['certifications'],
    summary: 'Revoke a certificate',
    description: 'Admins only. Verification then answers `valid: false, revoked: true`.',
    access: 'user',
    body: revokeSchema,
    responses: { 200: { description: 'The revoked certificate', schema: docOf('certifications') } },
    errors: { 403: 'Not an admin' },
  },
  {
    method: 'get',
    path: '/students/{id}/certifications',
    tags: ['certifications'],
    summary: "A student's certificates",
    description: 'The student themself or an admin; newest first.',
    access: 'user',
    query: pageSchema,
    responses: {
      200: {
        description: 'One page of certificates',
        schema: pageOf(collectionDoc('certifications')),
      },
    },
    errors: { 403: 'Neither that student nor an admin' },
  },
  {
    method: 'post',
    path: '/institutions/{id}/cohorts/{cohortId}/certificates',
    tags: ['certifications', 'institutions'],
    summary: "Issue certificates for a cohort's completions",
    description:
      'The institution or an admin. Queues one job per completed enrollment without a ' +
      'certificate; repeating the request queues nothing twice.',
    access: 'user',
    responses: {
      202: {
        description: 'Queued',
        schema: cohortStatus.extend({ queued: z.number().int() }),
      },
    },
    errors: {
      403: 'Neither that institution nor an admin',
      404: 'Unknown cohort of that institution',
    },
  },
  {
    method: 'get',
    path: '/institutions/{id}/cohorts/{cohortId}/certificates',
    tags: ['certifications', 'institutions'],
    summary: "A cohort's certificate progress",
    access: 'user',
    responses: { 200: { description: 'Counts', schema: cohortStatus } },
    errors: {
      403: 'Neither that institution nor an admin',
      404: 'Unknown cohort of that institution',
    },
  },
]

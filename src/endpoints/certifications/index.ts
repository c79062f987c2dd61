import { z } from 'zod'

import { wantsHtml } from '../../lib/html'
import { verificationPage } from '../../services/certificates/verifyPage'
import { forbidden } from '../../lib/errors'
import { isAdminUser } from '../../access'
import { json, readBody, requireUser } from '../../lib/http'
import { pageSchema, pagination } from '../../lib/pagination'
import type { DocumentedEndpoint } from '../../openapi/operation'
import { collectionDoc, docOf, pageOf, timestamp, uuid } from '../../openapi/schema'
import {
  bulkIssueCohortCertificates,
  cohortCertificateStatus,
  ownedCohort,
} from '../../services/certificates/bulk'
import { certificatePdf } from '../../services/certificates/download'
import { linkedInShareUrl } from '../../services/certificates/linkedin'
import { listStudentCertificates } from '../../services/certificates/list'
import { heldCertificate, readableCertificate } from '../../services/certificates/lookup'
import { learnerEmail, openBadge } from '../../services/certificates/openBadges'
import { statusListCredential } from '../../services/badges/status'
import { openBadgeCredential, statusListCredentialSchema } from '../badges/schemas'
import { revokeCertificate } from '../../services/certificates/revoke'
import { publicCertificate, verifyCertificate } from '../../services/certificates/verify'
import { userForSelfOrAdmin } from '../../services/accounts/users'

export const revokeSchema = z.object({ reason: z.string().max(500).optional() }).strict()

const holderOnly = 'Not the certificate holder'

const cohortStatus = z.object({
  cohort: uuid,
  completed: z.number().int().describe("Completed enrollments in the cohort's courses"),
  issued: z.number().int(),
  pending: z.number().int(),
})

const cohortErrors = {
  403: 'Neither that institution nor an admin',
  404: 'Unknown cohort of that institution',
}

/** Collection endpoints of `certifications` (Payload serves GET /api/certifications/:id). */
export const certificationEndpoints: DocumentedEndpoint[] = [
  {
    path: '/:id/download',
    method: 'post',
    custom: {
      openapi: {
        tags: ['certifications'],
        summary: 'Download the certificate PDF',
        description:
          'The holder (and admins). A4 landscape with a QR code of the public verify URL.',
        access: 'user',
        responses: {
          200: {
            description: 'The PDF',
            mediaType: 'application/pdf',
            schema: { type: 'string', contentMediaType: 'application/pdf' },
            headers: { 'Content-Disposition': 'attachment; filename="certificate-<code>.pdf"' },
          },
        },
        errors: { 403: holderOnly, 410: 'The certificate was revoked' },
      },
    },
    handler: async (req) => {
      const certificate = await heldCertificate(req, req.routeParams?.id)
      const pdf = await certificatePdf(req, certificate)
      return new Response(new Uint8Array(pdf), {
        status: 200,
        headers: {
          'Content-Type': 'application/pdf',
          'Content-Disposition': `attachment; filename="certificate-${certificate.verificationCode}.pdf"`,
          'Cache-Control': 'private, no-store',
        },
      })
    },
  },
  {
    path: '/:id/share/linkedin',
    method: 'post',
    custom: {
      openapi: {
        tags: ['certifications'],
        summary: 'LinkedIn add-to-profile link',
        description:
          'The holder. `startTask=CERTIFICATION_NAME` with name, organization, issue year and ' +
          'month, the verify URL and the verification code.',
        access: 'user',
        responses: { 200: { description: 'The link', schema: z.object({ url: z.url() }) } },
        errors: { 403: holderOnly, 410: 'The certificate was revoked' },
      },
    },
    handler: async (req) => {
      const certificate = await heldCertificate(req, req.routeParams?.id)
      return json({ url: linkedInShareUrl(certificate) })
    },
  },
  {
    path: '/:id/verify/:code',
    method: 'get',
    custom: {
      openapi: {
        tags: ['certifications'],
        summary: 'Verify a certificate',
        description:
          'Public and rate-limited. Tells nothing beyond what a printed certificate shows. A ' +
          'browser (`Accept: text/html` preferred) gets a server-rendered page with the same ' +
          'facts, the educator and a link to the Open Badge; everyone else gets this JSON.',
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
    },
    handler: async (req) => {
      // A person following the QR code gets a page; machines get the JSON.
      if (wantsHtml(req)) return verificationPage(req, req.routeParams?.id, req.routeParams?.code)
      const result = await verifyCertificate(req, req.routeParams?.id, req.routeParams?.code)
      return result ? json(result) : json({ valid: false }, 404)
    },
  },
  {
    path: '/:id/badge',
    method: 'get',
    custom: {
      openapi: {
        tags: ['certifications', 'badges'],
        summary: 'The certificate as a signed Open Badges 3.0 credential',
        description:
          'Public and rate-limited. A Verifiable Credential secured with a Data Integrity proof ' +
          '(eddsa-rdfc-2022) by the key of `GET /api/badges/issuer`; the learner is identified by ' +
          'a salted SHA-256 of their email; revocation is published in `credentialStatus`, ' +
          'a Bitstring Status List (`GET /api/certifications/{id}/badge/status`).',
        access: 'public',
        responses: {
          200: {
            description: 'The credential',
            mediaType: 'application/ld+json',
            schema: openBadgeCredential,
          },
        },
        errors: { 404: 'Unknown certificate', 429: 'Too many requests from this address' },
      },
    },
    handler: async (req) => {
      const certificate = await publicCertificate(req, req.routeParams?.id)
      const email = certificate && (await learnerEmail(req, certificate))
      if (!certificate || !email)
        return json({ errors: [{ message: 'Certificate not found' }] }, 404)
      return json(await openBadge(certificate, email), 200, {
        'Content-Type': 'application/ld+json',
      })
    },
  },
  {
    path: '/:id/badge/status',
    method: 'get',
    custom: {
      openapi: {
        tags: ['certifications', 'badges'],
        summary: "The badge's revocation status list",
        description:
          'Public and rate-limited. A signed BitstringStatusListCredential (purpose ' +
          "`revocation`); the bit at the badge's `statusListIndex` is 1 once the certificate " +
          'is revoked.',
        access: 'public',
        responses: {
          200: {
            description: 'The status list credential',
            mediaType: 'application/ld+json',
            schema: statusListCredentialSchema,
          },
        },
        errors: { 404: 'Unknown certificate', 429: 'Too many requests from this address' },
      },
    },
    handler: async (req) => {
      const certificate = await publicCertificate(req, req.routeParams?.id)
      if (!certificate) return json({ errors: [{ message: 'Certificate not found' }] }, 404)
      return json(await statusListCredential(certificate), 200, {
        'Content-Type': 'application/ld+json',
        // Verifiers may cache the list briefly; a revocation shows within a minute.
        'Cache-Control': 'public, max-age=60',
      })
    },
  },
  {
    path: '/:id/revoke',
    method: 'post',
    custom: {
      openapi: {
        tags: ['certifications'],
        summary: 'Revoke a certificate',
        description: 'Admins only. Verification then answers `valid: false, revoked: true`.',
        access: 'user',
        body: revokeSchema,
        responses: {
          200: { description: 'The revoked certificate', schema: docOf('certifications') },
        },
        errors: { 403: 'Not an admin' },
      },
    },
    handler: async (req) => {
      requireUser(req)
      if (!isAdminUser(req.user)) throw forbidden('Only an admin can revoke a certificate')
      const certificate = await readableCertificate(req, req.routeParams?.id)
      const { reason } = await readBody(req, revokeSchema)
      return json({ doc: await revokeCertificate(req, certificate, reason) })
    },
  },
]

/** Root endpoints: a student's certificates and bulk issue for an institution's cohort. */
export const certificateRootEndpoints: DocumentedEndpoint[] = [
  {
    path: '/students/:id/certifications',
    method: 'get',
    custom: {
      openapi: {
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
    },
    handler: async (req) => {
      const student = await userForSelfOrAdmin(req, req.routeParams?.id, 'student')
      return json(await listStudentCertificates(req, student.id, pagination(req)))
    },
  },
  {
    path: '/institutions/:id/cohorts/:cohortId/certificates',
    method: 'post',
    custom: {
      openapi: {
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
        errors: cohortErrors,
      },
    },
    handler: async (req) => {
      const cohort = await ownedCohort(req, req.routeParams?.id, req.routeParams?.cohortId)
      return json(await bulkIssueCohortCertificates(req, cohort.id), 202)
    },
  },
  {
    path: '/institutions/:id/cohorts/:cohortId/certificates',
    method: 'get',
    custom: {
      openapi: {
        tags: ['certifications', 'institutions'],
        summary: "A cohort's certificate progress",
        access: 'user',
        responses: { 200: { description: 'Counts', schema: cohortStatus } },
        errors: cohortErrors,
      },
    },
    handler: async (req) => {
      const cohort = await ownedCohort(req, req.routeParams?.id, req.routeParams?.cohortId)
      return json(await cohortCertificateStatus(req, cohort.id))
    },
  },
]

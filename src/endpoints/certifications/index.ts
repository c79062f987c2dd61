import type { Endpoint } from 'payload'
import { z } from 'zod'

import { forbidden } from '../../lib/errors'
import { isAdminUser } from '../../access'
import { json, readBody, requireUser } from '../../lib/http'
import { pagination } from '../../lib/pagination'
import {
  bulkIssueCohortCertificates,
  cohortCertificateStatus,
  ownedCohort,
} from '../../services/certificates/bulk'
import { certificatePdf } from '../../services/certificates/download'
import { linkedInShareUrl } from '../../services/certificates/linkedin'
import { listStudentCertificates } from '../../services/certificates/list'
import { heldCertificate, readableCertificate } from '../../services/certificates/lookup'
import { openBadge } from '../../services/certificates/openBadges'
import { revokeCertificate } from '../../services/certificates/revoke'
import { publicCertificate, verifyCertificate } from '../../services/certificates/verify'
import { userForSelfOrAdmin } from '../../services/accounts/users'

export const revokeSchema = z.object({ reason: z.string().max(500).optional() }).strict()

/** Collection endpoints of `certifications` (Payload serves GET /api/certifications/:id). */
export const certificationEndpoints: Endpoint[] = [
  {
    path: '/:id/download',
    method: 'post',
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
    handler: async (req) => {
      const certificate = await heldCertificate(req, req.routeParams?.id)
      return json({ url: linkedInShareUrl(certificate) })
    },
  },
  {
    path: '/:id/verify/:code',
    method: 'get',
    handler: async (req) => {
      const result = await verifyCertificate(req, req.routeParams?.id, req.routeParams?.code)
      return result ? json(result) : json({ valid: false }, 404)
    },
  },
  {
    path: '/:id/badge',
    method: 'get',
    handler: async (req) => {
      const certificate = await publicCertificate(req, req.routeParams?.id)
      if (!certificate) return json({ errors: [{ message: 'Certificate not found' }] }, 404)
      return json(openBadge(certificate), 200, { 'Content-Type': 'application/ld+json' })
    },
  },
  {
    path: '/:id/revoke',
    method: 'post',
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
export const certificateRootEndpoints: Endpoint[] = [
  {
    path: '/students/:id/certifications',
    method: 'get',
    handler: async (req) => {
      const student = await userForSelfOrAdmin(req, req.routeParams?.id, 'student')
      return json(await listStudentCertificates(req, student.id, pagination(req)))
    },
  },
  {
    path: '/institutions/:id/cohorts/:cohortId/certificates',
    method: 'post',
    handler: async (req) => {
      const cohort = await ownedCohort(req, req.routeParams?.id, req.routeParams?.cohortId)
      return json(await bulkIssueCohortCertificates(req, cohort.id), 202)
    },
  },
  {
    path: '/institutions/:id/cohorts/:cohortId/certificates',
    method: 'get',
    handler: async (req) => {
      const cohort = await ownedCohort(req, req.routeParams?.id, req.routeParams?.cohortId)
      return json(await cohortCertificateStatus(req, cohort.id))
    },
  },
]

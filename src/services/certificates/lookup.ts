import type { PayloadRequest } from 'payload'

import { isAdminUser } from '../../access'
import { forbidden, gone } from '../../lib/errors'
import { requireUser } from '../../lib/http'
import { idOf } from '../../lib/ids'
import { findOr404 } from '../../lib/lookup'
import type { Certification } from '../../payload-types'

/** A certificate the caller may see (holder, course educator, cohort institution, admin) or 404. */
export async function readableCertificate(
  req: PayloadRequest,
  id: unknown,
): Promise<Certification> {
  requireUser(req)
  const certificate = await findOr404(req, 'certifications', id, 'Certificate')
  const visible = await req.payload.count({
    collection: 'certifications',
    where: { id: { equals: id } },
    overrideAccess: false,
    user: req.user,
    req,
  })
  if (!visible.totalDocs) throw forbidden()
  return certificate
}

/**
 * Only the holder (and admins) download or share, and only while the certificate stands: a
 * revoked one answers 410 (verification still says it was revoked, for anyone who checks).
 */
export async function heldCertificate(req: PayloadRequest, id: unknown) {
  const certificate = await readableCertificate(req, id)
  if (!isAdminUser(req.user) && idOf(certificate.student) !== req.user!.id) {
    throw forbidden('Only the certificate holder can do this')
  }
  if (certificate.revokedAt) {
    throw gone(
      `This certificate was revoked on ${certificate.revokedAt.slice(0, 10)}${certificate.revokedReason ? ` (${certificate.revokedReason})` : ''}; it can no longer be downloaded or shared`,
    )
  }
  return certificate
}

import type { PayloadRequest } from 'payload'

import type { Certification } from '../../payload-types'
import { recordAudit } from '../audit'

export async function revokeCertificate(
  req: PayloadRequest,
  certificate: Certification,
  reason?: string,
) {
  const revoked = await req.payload.update({
    collection: 'certifications',
    id: certificate.id,
    data: { revokedAt: new Date().toISOString(), revokedReason: reason ?? null },
    depth: 0,
    overrideAccess: true,
    req,
  })
  await recordAudit(req, {
    action: 'certificate.revoked',
    summary: `Certificate ${certificate.verificationCode} revoked${reason ? `: ${reason}` : ''}`,
    entity: { collection: 'certifications', id: certificate.id },
    before: { revokedAt: certificate.revokedAt ?? null },
    after: { revokedAt: revoked.revokedAt, revokedReason: revoked.revokedReason },
  })
  return revoked
}

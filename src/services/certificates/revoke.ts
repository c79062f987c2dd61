import type { PayloadRequest } from 'payload'

import type { Certification } from '../../payload-types'

export const revokeCertificate = (
  req: PayloadRequest,
  certificate: Certification,
  reason?: string,
) =>
  req.payload.update({
    collection: 'certifications',
    id: certificate.id,
    data: { revokedAt: new Date().toISOString(), revokedReason: reason ?? null },
    depth: 0,
    overrideAccess: true,
    req,
  })

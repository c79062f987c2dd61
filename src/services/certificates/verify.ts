import type { PayloadRequest } from 'payload'

import { isUUID } from '../../lib/http'
import { normalizeVerificationCode } from '../../lib/verificationCode'
import { publicUrl } from '../email'

/** The public page a certificate's QR code and share links point to. */
export const verifyUrl = (id: string, code: string) =>
  `${publicUrl()}/api/certifications/${id}/verify/${code}`

/** Public check: exactly {valid, studentName, courseTitle, issuedAt} — or why it is not valid. */
export async function verifyCertificate(req: PayloadRequest, id: unknown, code: unknown) {
  const normalized = typeof code === 'string' ? normalizeVerificationCode(code) : null
  if (!isUUID(id) || !normalized) return null
  const { docs } = await req.payload.find({
    collection: 'certifications',
    where: { and: [{ id: { equals: id } }, { verificationCode: { equals: normalized } }] },
    limit: 1,
    depth: 0,
    select: { studentName: true, courseTitle: true, issuedAt: true, revokedAt: true },
    overrideAccess: true,
    req,
  })
  const certificate = docs[0]
  if (!certificate) return null
  if (certificate.revokedAt) {
    return { valid: false, revoked: true, revokedAt: certificate.revokedAt }
  }
  return {
    valid: true,
    studentName: certificate.studentName,
    courseTitle: certificate.courseTitle,
    issuedAt: certificate.issuedAt,
  }
}

/** A certificate by id for the public badge, whoever asks (null for unknown ids). */
export async function publicCertificate(req: PayloadRequest, id: unknown) {
  if (!isUUID(id)) return null
  return req.payload.findByID({
    collection: 'certifications',
    id,
    depth: 0,
    disableErrors: true,
    overrideAccess: true,
    req,
  })
}

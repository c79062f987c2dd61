import { createHash, createHmac } from 'node:crypto'
import type { PayloadRequest } from 'payload'

import { payloadSecret } from '../../lib/constants'
import { idOf } from '../../lib/ids'
import type { Certification } from '../../payload-types'
import { CREDENTIALS_V2, OPEN_BADGES_V3 } from '../badges/contexts'
import { issuerSummary } from '../badges/issuer'
import { signCredential } from '../badges/sign'
import { statusEntry } from '../badges/status'
import { publicUrl } from '../email'
import { verifyUrl } from './verify'

/** IdentityHash: 'sha256$' + hex(SHA-256(identifier ‖ salt)), per Open Badges 3.0. */
export const identityHash = (identity: string, salt: string) =>
  `sha256$${createHash('sha256')
    .update(identity + salt, 'utf8')
    .digest('hex')}`

/** A salt per certificate, stable across requests, that nobody can compute ahead of the badge. */
const saltFor = (certificateId: string) =>
  createHmac('sha256', payloadSecret())
    .update(`open-badges-salt:${certificateId}`)
    .digest('hex')
    .slice(0, 32)

/**
 * The certificate as a signed Open Badges 3.0 credential (a W3C Verifiable Credential): the
 * learner is identified by a salted hash of their email, revocation is in its status list.
 */
export async function openBadge(certificate: Certification, learnerEmail: string) {
  const base = publicUrl()
  const url = verifyUrl(certificate.id, certificate.verificationCode)
  const salt = saltFor(certificate.id)
  return signCredential({
    '@context': [CREDENTIALS_V2, OPEN_BADGES_V3],
    id: `${base}/api/certifications/${certificate.id}/badge`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: `${certificate.courseTitle} — Certificate of Completion`,
    issuer: issuerSummary(),
    validFrom: certificate.issuedAt,
    credentialSubject: {
      type: ['AchievementSubject'],
      name: certificate.studentName,
      identifier: [
        {
          type: 'IdentityObject',
          identityType: 'emailAddress',
          hashed: true,
          identityHash: identityHash(learnerEmail, salt),
          salt,
        },
      ],
      achievement: {
        id: `${base}/api/courses/${idOf(certificate.course)}`,
        type: ['Achievement'],
        achievementType: 'CertificateOfCompletion',
        name: certificate.courseTitle,
        description: `Completed the course "${certificate.courseTitle}" on The Ready Lab.`,
        criteria: { narrative: 'Completed every lesson and passed every quiz of the course.' },
      },
    },
    credentialStatus: statusEntry(certificate.id),
    evidence: [
      { id: url, type: ['Evidence'], name: `Verification code ${certificate.verificationCode}` },
    ],
  })
}

/** The holder's email, read for the badge's identity hash only. */
export async function learnerEmail(req: PayloadRequest, certificate: Certification) {
  const id = idOf(certificate.student)
  if (!id) return null
  const student = await req.payload.findByID({
    collection: 'users',
    id,
    depth: 0,
    select: { email: true },
    disableErrors: true,
    overrideAccess: true,
    req,
  })
  return student?.email ?? null
}

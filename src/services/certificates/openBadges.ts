import { idOf } from '../../lib/ids'
import type { Certification } from '../../payload-types'
import { publicUrl } from '../email'
import { verifyUrl } from './verify'

/** An Open Badges 3.0 credential (W3C Verifiable Credential shape) with the public data only. */
export function openBadge(certificate: Certification) {
  const base = publicUrl()
  const url = verifyUrl(certificate.id, certificate.verificationCode)
  return {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    id: `${base}/api/certifications/${certificate.id}/badge`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: `${certificate.courseTitle} — Certificate of Completion`,
    issuer: {
      id: base,
      type: ['Profile'],
      name: process.env.LINKEDIN_ORGANIZATION_NAME || 'The Ready Lab',
      url: base,
    },
    validFrom: certificate.issuedAt,
    credentialSubject: {
      type: ['AchievementSubject'],
      name: certificate.studentName,
      achievement: {
        id: `${base}/api/courses/${idOf(certificate.course)}`,
        type: ['Achievement'],
        name: certificate.courseTitle,
        description: `Completed the course "${certificate.courseTitle}" on The Ready Lab.`,
        criteria: { narrative: 'Completed every lesson and passed every quiz of the course.' },
      },
    },
    credentialStatus: certificate.revokedAt
      ? { type: 'RevokedStatus', revoked: true, revokedAt: certificate.revokedAt }
      : undefined,
    evidence: [
      { id: url, type: ['Evidence'], name: `Verification code ${certificate.verificationCode}` },
    ],
  }
}

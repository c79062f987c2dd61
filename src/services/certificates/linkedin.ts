import type { Certification } from '../../payload-types'
import { verifyUrl } from './verify'

/** LinkedIn's add-to-profile link; organizationId replaces organizationName when configured. */
export function linkedInShareUrl(certificate: Certification) {
  const issued = new Date(certificate.issuedAt)
  const organizationId = process.env.LINKEDIN_ORGANIZATION_ID
  const params: [string, string | undefined | null][] = [
    ['startTask', 'CERTIFICATION_NAME'],
    ['name', certificate.courseTitle],
    organizationId
      ? ['organizationId', organizationId]
      : ['organizationName', process.env.LINKEDIN_ORGANIZATION_NAME || 'The Ready Lab'],
    ['issueYear', String(issued.getUTCFullYear())],
    ['issueMonth', String(issued.getUTCMonth() + 1)],
    ['certUrl', certificate.qrCodeUrl || verifyUrl(certificate.id, certificate.verificationCode)],
    ['certId', certificate.verificationCode],
  ]
  const query = new URLSearchParams(params.filter((p): p is [string, string] => Boolean(p[1])))
  return `https://www.linkedin.com/profile/add?${query.toString()}`
}

import type { Payload } from 'payload'

import type { Certification } from '../../payload-types'

/** The outbox key (and BullMQ job id) of a certificate's "ready" email. */
export const certificateEmailJobKey = (certificateId: string) =>
  `certificate-email-${certificateId}`

/** The "certificate ready" message. */
export const certificateEmail = (certificate: Certification) => ({
  subject: `Your certificate for ${certificate.courseTitle} is ready`,
  html: `<p>Congratulations, ${certificate.studentName}!</p>
<p>You completed <strong>${certificate.courseTitle}</strong>. Your certificate's verification code is
<strong>${certificate.verificationCode}</strong>; anyone can check it at
<a href="${certificate.qrCodeUrl}">${certificate.qrCodeUrl}</a>.</p>`,
})

/** Sends the "certificate ready" email once (emailedAt marks it sent). */
export async function emailCertificate(payload: Payload, certificateId: string) {
  const certificate = await payload.findByID({
    collection: 'certifications',
    id: certificateId,
    depth: 1,
    populate: { users: { email: true, fullName: true } },
    disableErrors: true,
  })
  if (!certificate || certificate.emailedAt || certificate.revokedAt) return false
  const student = typeof certificate.student === 'object' ? certificate.student : null
  if (!student?.email) return false
  await payload.sendEmail({ to: student.email, ...certificateEmail(certificate) })
  await payload.update({
    collection: 'certifications',
    id: certificate.id,
    data: { emailedAt: new Date().toISOString() },
  })
  return true
}

import { createLocalReq, type Payload } from 'payload'

import { escapeHtml } from '../../lib/html'
import { execute, sql } from '../../lib/sql'
import type { Certification } from '../../payload-types'

/** The outbox key (and BullMQ job id) of a certificate's "ready" email. */
export const certificateEmailJobKey = (certificateId: string) =>
  `certificate-email-${certificateId}`

/** The "certificate ready" message. */
export const certificateEmail = (
  certificate: Pick<
    Certification,
    'courseTitle' | 'studentName' | 'verificationCode' | 'qrCodeUrl'
  >,
) => {
  // Names and titles are the users' own text: escaped, so an email client shows them as written.
  const [student, course, code, url] = [
    certificate.studentName,
    certificate.courseTitle,
    certificate.verificationCode,
    certificate.qrCodeUrl ?? '',
  ].map(escapeHtml)
  return {
    subject: `Your certificate for ${certificate.courseTitle} is ready`,
    html: `<p>Congratulations, ${student}!</p>
<p>You completed <strong>${course}</strong>. Your certificate's verification code is
<strong>${code}</strong>; anyone can check it at <a href="${url}">${url}</a>.</p>`,
  }
}

/**
 * Sends the "certificate ready" email once (emailedAt marks it sent): one query reads the holder
 * and one marks it (the collection has no update hooks).
 */
export async function emailCertificate(payload: Payload, certificateId: string) {
  const req = await createLocalReq({}, payload)
  const [certificate] = await execute<
    Pick<Certification, 'courseTitle' | 'studentName' | 'verificationCode' | 'qrCodeUrl'> & {
      email: string | null
      emailedAt: string | null
      revokedAt: string | null
    }
  >(
    req,
    sql`select c.course_title as "courseTitle", c.student_name as "studentName",
          c.verification_code as "verificationCode", c.qr_code_url as "qrCodeUrl",
          c.emailed_at as "emailedAt", c.revoked_at as "revokedAt", u.email
        from certifications c left join users u on u.id = c.student_id
        where c.id = ${certificateId}`,
  )
  if (!certificate || certificate.emailedAt || certificate.revokedAt || !certificate.email) {
    return false
  }
  await payload.sendEmail({ to: certificate.email, ...certificateEmail(certificate) })
  await execute(
    req,
    sql`update certifications set emailed_at = now(), updated_at = now() where id = ${certificateId}`,
  )
  return true
}

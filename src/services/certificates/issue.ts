import { createLocalReq, type Payload } from 'payload'

import { withTransaction } from '../../lib/http'
import { lockEnrollment } from '../../lib/locks'
import { execute, sql } from '../../lib/sql'
import { generateVerificationCode } from '../../lib/verificationCode'
import { renderCertificatePdf } from './pdf'
import { verifyUrl } from './verify'

/** The outbox key (and BullMQ job id) of an enrollment's certificate: BullMQ rejects ":", hence "-". */
export const certificateJobKey = (enrollmentId: string) => `certificate-${enrollmentId}`

type Issuing = {
  completedAt: string | null
  studentId: string
  studentName: string | null
  courseId: string | null
  courseTitle: string | null
  educatorName: string | null
  existingId: string | null
}

/**
 * Issues the certificate of a completed enrollment, once: the enrollment row is locked while the
 * certificate is created, so parallel or repeated runs find the first one and stop.
 * Returns the certificate and whether this run created it.
 *
 * Lean (a worker issues a cohort's certificates at once): what the certificate shows and whether
 * one exists come from one query; the certificate is created through the Local API (its hooks
 * queue the email and record the event), and the stored PDF is linked to it by one UPDATE.
 */
export async function issueCertificate(payload: Payload, enrollmentId: string) {
  const req = await createLocalReq({}, payload)
  return withTransaction(req, async () => {
    // The course's keyShare, then the enrollment (root first: src/lib/locks.ts).
    if (!(await lockEnrollment(req, { enrollmentId }))) return { certificate: null, created: false }
    const [enrollment] = await execute<Issuing>(
      req,
      sql`select e.completed_at as "completedAt", e.student_id as "studentId",
            s.full_name as "studentName", e.course_id as "courseId", c.title as "courseTitle",
            t.full_name as "educatorName",
            (select id from certifications x where x.student_id = e.student_id
              and x.course_id = e.course_id limit 1) as "existingId"
          from enrollments e
          join users s on s.id = e.student_id
          left join courses c on c.id = e.course_id
          left join users t on t.id = c.educator_id
          where e.id = ${enrollmentId}`,
    )
    if (!enrollment?.completedAt) return { certificate: null, created: false }
    if (enrollment.existingId) {
      const existing = await payload.findByID({
        collection: 'certifications',
        id: enrollment.existingId,
        depth: 0,
        req,
      })
      return { certificate: existing, created: false }
    }

    const issuedAt = new Date()
    const verificationCode = generateVerificationCode()
    const certificate = await payload.create({
      collection: 'certifications',
      data: {
        student: enrollment.studentId,
        course: enrollment.courseId,
        enrollment: enrollmentId,
        verificationCode,
        issuedAt: issuedAt.toISOString(),
        studentName: enrollment.studentName ?? 'Student',
        courseTitle: enrollment.courseTitle ?? 'Course',
        educatorName: enrollment.educatorName,
      },
      depth: 0,
      req,
    })
    const url = verifyUrl(certificate.id, verificationCode)
    const pdf = await renderCertificatePdf({
      studentName: certificate.studentName,
      courseTitle: certificate.courseTitle,
      educatorName: certificate.educatorName,
      issuedAt,
      verificationCode,
      verifyUrl: url,
    })
    const file = await payload.create({
      collection: 'certificate-files',
      data: {},
      file: {
        data: pdf,
        mimetype: 'application/pdf',
        name: `certificate-${verificationCode}.pdf`,
        size: pdf.length,
      },
      depth: 0,
      req,
    })
    // The file's link, in the same transaction: the collection has no update hooks to run.
    await execute(
      req,
      sql`update certifications set pdf_id = ${file.id}, qr_code_url = ${url} where id = ${certificate.id}`,
    )
    return {
      certificate: { ...certificate, pdf: file.id, qrCodeUrl: url },
      created: true,
    }
  })
}

import { createLocalReq, type Payload } from 'payload'

import { idOf } from '../../lib/ids'
import { withTransaction } from '../../lib/http'
import { lockEnrollment } from '../../lib/locks'
import { generateVerificationCode } from '../../lib/verificationCode'
import { renderCertificatePdf } from './pdf'
import { verifyUrl } from './verify'

/** The outbox key (and BullMQ job id) of an enrollment's certificate: BullMQ rejects ":", hence "-". */
export const certificateJobKey = (enrollmentId: string) => `certificate-${enrollmentId}`

const nameOf = (value: unknown) =>
  value && typeof value === 'object' && 'fullName' in value ? String(value.fullName) : null

/**
 * Issues the certificate of a completed enrollment, once: the enrollment row is locked while the
 * certificate is created, so parallel or repeated runs find the first one and stop.
 * Returns the certificate and whether this run created it.
 */
export async function issueCertificate(payload: Payload, enrollmentId: string) {
  const req = await createLocalReq({}, payload)
  return withTransaction(req, async () => {
    // The course's keyShare, then the enrollment (root first: src/lib/locks.ts).
    if (!(await lockEnrollment(req, { enrollmentId }))) return { certificate: null, created: false }
    const enrollment = await payload.findByID({
      collection: 'enrollments',
      id: enrollmentId,
      depth: 2,
      populate: { users: { fullName: true }, courses: { title: true, educator: true } },
      req,
    })
    if (!enrollment.completedAt) return { certificate: null, created: false }
    const studentId = String(idOf(enrollment.student))
    const courseId = String(idOf(enrollment.course))
    const existing = await payload.find({
      collection: 'certifications',
      where: { and: [{ student: { equals: studentId } }, { course: { equals: courseId } }] },
      limit: 1,
      depth: 0,
      req,
    })
    if (existing.docs[0]) return { certificate: existing.docs[0], created: false }

    const course = typeof enrollment.course === 'object' ? enrollment.course : null
    const issuedAt = new Date()
    const verificationCode = generateVerificationCode()
    const certificate = await payload.create({
      collection: 'certifications',
      data: {
        student: studentId,
        course: courseId,
        enrollment: enrollmentId,
        verificationCode,
        issuedAt: issuedAt.toISOString(),
        studentName: nameOf(enrollment.student) ?? 'Student',
        courseTitle: course?.title ?? 'Course',
        educatorName: nameOf(course?.educator),
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
      req,
    })
    const updated = await payload.update({
      collection: 'certifications',
      id: certificate.id,
      data: { pdf: file.id, qrCodeUrl: url },
      depth: 0,
      req,
    })
    return { certificate: updated, created: true }
  })
}

import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { createLocalReq, type Payload, type PayloadRequest } from 'payload'

import { hasRole, isAdminUser } from '../../access'
import { idOf } from '../../lib/ids'
import { forbidden, notFound } from '../../lib/errors'
import { isUUID, requireUser, withTransaction } from '../../lib/http'
import { findOr404 } from '../../lib/lookup'
import { lockEnrollment } from '../../lib/locks'
import { execute, sql } from '../../lib/sql'
import { generateVerificationCode, normalizeVerificationCode } from '../../lib/verificationCode'
import type { Certification } from '../../payload-types'
import { publicUrl } from '../email'
import { renderCertificatePdf } from './pdf'

export const ISSUE_CERTIFICATE = 'certificate.issue'
export const EMAIL_CERTIFICATE = 'certificate.email'
/** BullMQ job ids may not contain ":", hence "-". */
export const certificateJobId = (enrollmentId: string) => `certificate-${enrollmentId}`

export const verifyUrl = (id: string, code: string) =>
  `${publicUrl()}/api/certifications/${id}/verify/${code}`

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
    if (!(await lockEnrollment(req, { enrollmentId })))
      return { certificate: null, created: false }
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

/** Sends the "certificate ready" email once (emailedAt marks it sent). */
export async function emailCertificate(payload: Payload, certificationId: string) {
  const certificate = await payload.findByID({
    collection: 'certifications',
    id: certificationId,
    depth: 1,
    populate: { users: { email: true, fullName: true } },
    disableErrors: true,
  })
  if (!certificate || certificate.emailedAt || certificate.revokedAt) return false
  const student = typeof certificate.student === 'object' ? certificate.student : null
  if (!student?.email) return false
  await payload.sendEmail({
    to: student.email,
    subject: `Your certificate for ${certificate.courseTitle} is ready`,
    html: `<p>Congratulations, ${certificate.studentName}!</p>
<p>You completed <strong>${certificate.courseTitle}</strong>. Your certificate's verification code is
<strong>${certificate.verificationCode}</strong>; anyone can check it at
<a href="${certificate.qrCodeUrl}">${certificate.qrCodeUrl}</a>.</p>`,
  })
  await payload.update({
    collection: 'certifications',
    id: certificate.id,
    data: { emailedAt: new Date().toISOString() },
  })
  return true
}

/** A certificate the caller may see (holder, course educator, cohort institution, admin) or 404. */
export async function readableCertificate(
  req: PayloadRequest,
  id: unknown,
): Promise<Certification> {
  requireUser(req)
  const certificate = await findOr404(req, 'certifications', id, 'Certificate')
  const visible = await req.payload.count({
    collection: 'certifications',
    where: { id: { equals: id } },
    overrideAccess: false,
    user: req.user,
    req,
  })
  if (!visible.totalDocs) throw forbidden()
  return certificate
}

/** Only the holder (and admins) download or share. */
export async function heldCertificate(req: PayloadRequest, id: unknown) {
  const certificate = await readableCertificate(req, id)
  if (!isAdminUser(req.user) && idOf(certificate.student) !== req.user!.id) {
    throw forbidden('Only the certificate holder can do this')
  }
  return certificate
}

/** The stored PDF, re-rendered from the certificate's data if the file is gone. */
export async function certificatePdf(req: PayloadRequest, certificate: Certification) {
  const fileId = idOf(certificate.pdf)
  if (fileId) {
    const file = await req.payload.findByID({
      collection: 'certificate-files',
      id: fileId,
      depth: 0,
      disableErrors: true,
      req,
    })
    const dir = req.payload.collections['certificate-files'].config.upload.staticDir
    if (file?.filename) {
      const bytes = await readFile(path.join(dir!, file.filename)).catch(() => null)
      if (bytes) return bytes
    }
  }
  return renderCertificatePdf({
    studentName: certificate.studentName,
    courseTitle: certificate.courseTitle,
    educatorName: certificate.educatorName,
    issuedAt: new Date(certificate.issuedAt),
    verificationCode: certificate.verificationCode,
    verifyUrl: verifyUrl(certificate.id, certificate.verificationCode),
  })
}

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

/** GET /api/students/:id/certifications */
export const listStudentCertificates = (
  req: PayloadRequest,
  studentId: string,
  { page, limit }: { page: number; limit: number },
) =>
  req.payload.find({
    collection: 'certifications',
    where: { student: { equals: studentId } },
    sort: '-issuedAt',
    page,
    limit,
    depth: 0,
    overrideAccess: true,
    req,
  })

/** Completed enrollments of a cohort's members in the cohort's courses, with their certificate ids. */
async function cohortCompletions(req: PayloadRequest, cohortId: string) {
  return execute<{ enrollment_id: string; certification_id: string | null }>(
    req,
    sql`select e.id as enrollment_id, c.id as certification_id
        from cohort_enrollments ce
        join cohorts_rels cr on cr.parent_id = ce.cohort_id and cr.path = 'courses'
        join enrollments e on e.student_id = ce.student_id and e.course_id = cr.courses_id
        left join certifications c on c.student_id = e.student_id and c.course_id = e.course_id
        where ce.cohort_id = ${cohortId} and e.completed_at is not null`,
  )
}

/** The cohort an institution owns (admins: any), or 404/403. */
export async function ownedCohort(req: PayloadRequest, institutionId: unknown, cohortId: unknown) {
  const user = requireUser(req)
  if (!isUUID(institutionId) || !isUUID(cohortId)) throw notFound('Cohort not found')
  if (!isAdminUser(user) && !(hasRole(user, 'institution') && user.id === institutionId))
    throw forbidden()
  const cohort = await req.payload.findByID({
    collection: 'cohorts',
    id: cohortId,
    depth: 0,
    disableErrors: true,
    overrideAccess: true,
    req,
  })
  if (!cohort || idOf(cohort.institution) !== institutionId) throw notFound('Cohort not found')
  return cohort
}

export async function cohortCertificateStatus(req: PayloadRequest, cohortId: string) {
  const rows = await cohortCompletions(req, cohortId)
  const issued = rows.filter((r) => r.certification_id).length
  return { cohort: cohortId, completed: rows.length, issued, pending: rows.length - issued }
}

/**
 * Bulk issue for a cohort: one job per completed enrollment without a certificate. Job ids are the
 * enrollment's, so repeating the request while jobs run (or after) queues nothing twice.
 */
export async function bulkIssueCohortCertificates(
  req: PayloadRequest,
  cohortId: string,
  enqueueIssue: (enrollmentId: string) => Promise<void>,
) {
  const rows = await cohortCompletions(req, cohortId)
  const missing = rows.filter((r) => !r.certification_id)
  for (const row of missing) await enqueueIssue(row.enrollment_id)
  return {
    ...(await cohortCertificateStatus(req, cohortId)),
    queued: missing.length,
  }
}

/** Completed enrollments that have no certificate yet (the schedule's safety net). */
export async function enrollmentsMissingCertificates(payload: Payload, limit = 500) {
  const req = await createLocalReq({}, payload)
  const rows = await execute<{ id: string }>(
    req,
    sql`select e.id from enrollments e
        left join certifications c on c.student_id = e.student_id and c.course_id = e.course_id
        where e.completed_at is not null and c.id is null
        limit ${limit}`,
  )
  return rows.map((r) => r.id)
}

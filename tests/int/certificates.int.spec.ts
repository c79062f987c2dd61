import { inArray, sql } from '@payloadcms/db-postgres/drizzle'
import { Queue } from 'bullmq'
import { randomUUID } from 'node:crypto'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import type { JobDefinition } from '../../src/jobs/definition'
import { jobs } from '../../src/jobs'
import { drainJobs } from '../../src/jobs/relay'
import {
  createBullMQTransport,
  createInlineTransport,
  setJobTransport,
} from '../../src/jobs/transport'
import { startWorkers } from '../../src/jobs/worker'
import { idOf } from '../../src/lib/ids'
import type { Certification, Enrollment } from '../../src/payload-types'
import { certificateEmail, certificateEmailJobKey } from '../../src/services/certificates/email'
import { certificateJobKey, issueCertificate } from '../../src/services/certificates/issue'
import { sentEmails } from '../../src/services/email'
import {
  buildCourse,
  completeLesson,
  deleteCourses,
  enroll,
  expectStatus,
  RIGHT_ANSWERS,
  submitQuiz,
  THREE_QUESTIONS,
  type BuiltCourse,
} from '../helpers/courses'
import { api, apiRaw, errorMessage, graphql } from '../helpers/http'
import { getTestPayload } from '../helpers/payload'
import { pdfQrCode, pdfText } from '../helpers/pdf'
import { createCast, createUser, deleteUsers, type TestUser } from '../helpers/users'
import { until } from '../helpers/wait'

let payload: Payload
let cast: Awaited<ReturnType<typeof createCast>>
let holder: TestUser
let built: BuiltCourse
let enrollment: Enrollment
let certificate: Certification
const courseIds: string[] = []

/** Completes every lesson of a built course (passing its quiz) as the student. */
async function finishCourse(student: TestUser, course: BuiltCourse) {
  for (const lesson of course.lessons) {
    if (lesson.id === course.quizLesson?.id) {
      expectStatus(await submitQuiz(student.token, course.course.id, lesson.id, RIGHT_ANSWERS), 201)
    } else {
      expectStatus(await completeLesson(student.token, course.course.id, lesson.id), 200)
    }
  }
}

/**
 * Marks enrollments complete straight in the table, bypassing the Enrollments hook: completions
 * whose jobs were never queued (imported, or older than certificates).
 */
const completeWithoutJobs = (enrollmentIds: string[]) => {
  const enrollments = payload.db.tables.enrollments
  return payload.db.drizzle
    .update(enrollments)
    .set({ completedAt: sql`now()`, progressPercentage: 100 })
    .where(inArray(enrollments.id, enrollmentIds))
}

const outboxRows = async (key: string) =>
  (
    await payload.find({
      collection: 'outbox',
      where: { key: { equals: key } },
      overrideAccess: true,
    })
  ).docs

const certificatesOf = (studentId: string, courseId: string) =>
  payload.find({
    collection: 'certifications',
    where: { and: [{ student: { equals: studentId } }, { course: { equals: courseId } }] },
    overrideAccess: true,
  })

beforeAll(async () => {
  payload = await getTestPayload()
  cast = await createCast(payload)
  holder = await createUser(payload, 'student', { fullName: 'Zoë Müller-Łukasz' })
  built = await buildCourse(cast.educator.token, {
    course: { title: `Certified Course ${Date.now()}` },
    quiz: { questions: THREE_QUESTIONS },
  })
  courseIds.push(built.course.id)
  enrollment = await enroll(holder.token, built.course.id)
  await finishCourse(holder, built)
  await drainJobs(payload)
  const { docs } = await certificatesOf(holder.user.id, built.course.id)
  certificate = docs[0]
})

afterAll(async () => {
  await payload.delete({
    collection: 'certifications',
    where: { course: { in: courseIds } },
    overrideAccess: true,
  })
  await deleteCourses(payload, courseIds)
  await deleteUsers(payload, holder, ...Object.values(cast))
})

describe('certificate issue on course completion (inline transport)', () => {
  it('issues exactly one certificate with the frozen names and a typable code', async () => {
    const { totalDocs } = await certificatesOf(holder.user.id, built.course.id)
    expect(totalDocs).toBe(1)
    expect(certificate.studentName).toBe('Zoë Müller-Łukasz')
    expect(certificate.courseTitle).toBe(built.course.title)
    expect(certificate.educatorName).toBe('Test Educator')
    expect(certificate.verificationCode).toMatch(
      /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/,
    )
    expect(certificate.pdf).toBeTruthy()
    expect(idOf(certificate.enrollment)).toBe(enrollment.id)
  })

  it('queued the certificate once, in the completing transaction', async () => {
    const rows = await outboxRows(certificateJobKey(enrollment.id))
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ job: 'certificate.issue', status: 'sent', attempts: 1 })
  })

  it('emails the student once that the certificate is ready', async () => {
    await drainJobs(payload)
    const rows = await outboxRows(certificateEmailJobKey(certificate.id))
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ job: 'certificate.email', status: 'sent' })
    const emailed = await payload.findByID({ collection: 'certifications', id: certificate.id })
    expect(emailed.emailedAt).toBeTruthy()
    expect(certificateEmail(emailed).html).toContain(certificate.verificationCode)
    const mails = sentEmails().filter((m) => m.to === holder.email)
    expect(mails).toHaveLength(1)
    expect(mails[0].html).toContain(certificate.verificationCode)
    expect(mails[0].html).toContain('Zoë Müller-Łukasz')
  })

  it('running the job again, or many times in parallel, leaves one certificate', async () => {
    const runs = await Promise.all(
      Array.from({ length: 6 }, () => issueCertificate(payload, enrollment.id)),
    )
    expect(runs.filter((r) => r.created)).toHaveLength(0)
    expect(new Set(runs.map((r) => r.certificate?.id))).toEqual(new Set([certificate.id]))
    expect((await certificatesOf(holder.user.id, built.course.id)).totalDocs).toBe(1)
  })

  it('parallel first runs for a fresh completion create exactly one', async () => {
    const other = await createUser(payload, 'student')
    try {
      const course = await buildCourse(cast.educator.token, { lessons: [{}] })
      courseIds.push(course.course.id)
      const e = await enroll(other.token, course.course.id)
      await completeWithoutJobs([e.id])
      const runs = await Promise.all(
        Array.from({ length: 5 }, () => issueCertificate(payload, e.id)),
      )
      expect(runs.filter((r) => r.created)).toHaveLength(1)
      expect((await certificatesOf(other.user.id, course.course.id)).totalDocs).toBe(1)
    } finally {
      await payload.delete({
        collection: 'certifications',
        where: { student: { equals: other.user.id } },
        overrideAccess: true,
      })
      await deleteUsers(payload, other)
    }
  })

  it('does nothing for an enrollment that is not complete', async () => {
    const other = await createUser(payload, 'student')
    try {
      const e = await enroll(other.token, built.course.id)
      const result = await issueCertificate(payload, e.id)
      expect(result).toEqual({ certificate: null, created: false })
      expect((await certificatesOf(other.user.id, built.course.id)).totalDocs).toBe(0)
    } finally {
      await deleteUsers(payload, other)
    }
  })
})

describe('the PDF', () => {
  it('downloads as application/pdf for the holder, with the name, code and a QR of the verify URL', async () => {
    const res = await apiRaw('POST', `/api/certifications/${certificate.id}/download`, {
      token: holder.token,
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    const bytes = Buffer.from(await res.arrayBuffer())
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
    const text = pdfText(bytes)
    expect(text).toContain('Zoë Müller-Łukasz')
    expect(text).toContain(certificate.verificationCode)
    expect(text).toContain(built.course.title)
    expect(await pdfQrCode(bytes)).toBe(certificate.qrCodeUrl)
    expect(certificate.qrCodeUrl).toMatch(
      new RegExp(`/api/certifications/${certificate.id}/verify/${certificate.verificationCode}$`),
    )
  })

  it('is only for the holder', async () => {
    const path = `/api/certifications/${certificate.id}/download`
    expect((await api('POST', path)).status).toBe(401)
    expect((await api('POST', path, { token: cast.otherStudent.token })).status).toBe(403)
    expect((await api('POST', path, { token: cast.educator.token })).status).toBe(403)
    expect((await api('POST', path, { token: cast.admin.token })).status).toBe(200)
    expect(
      (await api('POST', '/api/certifications/not-a-uuid/download', { token: holder.token }))
        .status,
    ).toBe(404)
    expect(
      (
        await api('POST', '/api/certifications/00000000-0000-4000-8000-000000000000/download', {
          token: holder.token,
        })
      ).status,
    ).toBe(404)
  })
})

describe('public verification', () => {
  const verify = (id: string, code: string) =>
    api('GET', `/api/certifications/${id}/verify/${code}`)

  it('answers exactly {valid, studentName, courseTitle, issuedAt} to anyone', async () => {
    const res = await verify(certificate.id, certificate.verificationCode)
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      valid: true,
      studentName: 'Zoë Müller-Łukasz',
      courseTitle: built.course.title,
      issuedAt: certificate.issuedAt,
    })
  })

  it('accepts a code typed in lower case without dashes', async () => {
    const typed = certificate.verificationCode.replace(/-/g, '').toLowerCase()
    expect((await verify(certificate.id, typed)).body.valid).toBe(true)
  })

  it('answers 404 {valid:false} for a wrong code, unknown id or garbage', async () => {
    const wrong = certificate.verificationCode.startsWith('0000')
      ? '1111-1111-1111'
      : '0000-0000-0000'
    for (const res of [
      await verify(certificate.id, wrong),
      await verify('00000000-0000-4000-8000-000000000000', certificate.verificationCode),
      await verify('not-a-uuid', 'x'),
    ]) {
      expect(res.status).toBe(404)
      expect(res.body).toEqual({ valid: false })
    }
  })

  it('is rate-limited per client', async () => {
    const ip = '203.0.113.77'
    const statuses: number[] = []
    for (let i = 0; i < 62; i++) {
      statuses.push(
        (
          await api(
            'GET',
            `/api/certifications/${certificate.id}/verify/${certificate.verificationCode}`,
            { ip },
          )
        ).status,
      )
    }
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true)
    expect(statuses.at(-1)).toBe(429)
  })

  it('serves an Open Badges 3.0 credential with the same public data', async () => {
    const res = await api('GET', `/api/certifications/${certificate.id}/badge`)
    expect(res.status).toBe(200)
    expect(res.body.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential'])
    expect(res.body.credentialSubject.name).toBe('Zoë Müller-Łukasz')
    expect(res.body.credentialSubject.achievement.name).toBe(built.course.title)
    expect(res.body.validFrom).toBe(certificate.issuedAt)
    expect(JSON.stringify(res.body)).not.toContain(holder.email)
    expect(
      (await api('GET', '/api/certifications/00000000-0000-4000-8000-000000000000/badge')).status,
    ).toBe(404)
  })
})

describe('sharing and access', () => {
  it('builds the LinkedIn add-to-profile URL for the holder', async () => {
    const res = await api('POST', `/api/certifications/${certificate.id}/share/linkedin`, {
      token: holder.token,
    })
    expect(res.status).toBe(200)
    const url = new URL(res.body.url)
    expect(url.origin + url.pathname).toBe('https://www.linkedin.com/profile/add')
    const issued = new Date(certificate.issuedAt)
    expect(Object.fromEntries(url.searchParams)).toEqual({
      startTask: 'CERTIFICATION_NAME',
      name: built.course.title,
      organizationName: 'The Ready Lab',
      issueYear: String(issued.getUTCFullYear()),
      issueMonth: String(issued.getUTCMonth() + 1),
      certUrl: certificate.qrCodeUrl,
      certId: certificate.verificationCode,
    })
    expect(
      (
        await api('POST', `/api/certifications/${certificate.id}/share/linkedin`, {
          token: cast.otherStudent.token,
        })
      ).status,
    ).toBe(403)
    expect((await api('POST', `/api/certifications/${certificate.id}/share/linkedin`)).status).toBe(
      401,
    )
  })

  it('uses organizationId instead of organizationName when LINKEDIN_ORGANIZATION_ID is set', async () => {
    process.env.LINKEDIN_ORGANIZATION_ID = '1337'
    try {
      const res = await api('POST', `/api/certifications/${certificate.id}/share/linkedin`, {
        token: holder.token,
      })
      const params = new URL(res.body.url).searchParams
      expect(params.get('organizationId')).toBe('1337')
      expect(params.has('organizationName')).toBe(false)
    } finally {
      delete process.env.LINKEDIN_ORGANIZATION_ID
    }
  })

  it('GET /api/certifications/:id: holder, course educator and admin; not other students or educators', async () => {
    const path = `/api/certifications/${certificate.id}`
    expect((await api('GET', path, { token: holder.token })).status).toBe(200)
    expect((await api('GET', path, { token: cast.educator.token })).status).toBe(200)
    expect((await api('GET', path, { token: cast.admin.token })).status).toBe(200)
    for (const token of [
      cast.otherStudent.token,
      cast.otherEducator.token,
      cast.institution.token,
      undefined,
    ]) {
      expect([403, 404]).toContain((await api('GET', path, { token })).status)
    }
    const gql = await graphql(
      `
        {
          Certifications {
            docs {
              id
              verificationCode
            }
          }
        }
      `,
      {},
      { token: cast.otherStudent.token },
    )
    expect(JSON.stringify(gql.body)).not.toContain(certificate.verificationCode)
  })

  it('GET /api/students/:id/certifications: self and admin only', async () => {
    const path = `/api/students/${holder.user.id}/certifications`
    const own = await api('GET', path, { token: holder.token })
    expect(own.status).toBe(200)
    expect(own.body.docs.map((d: Certification) => d.id)).toContain(certificate.id)
    expect((await api('GET', path, { token: cast.admin.token })).status).toBe(200)
    expect((await api('GET', path, { token: cast.otherStudent.token })).status).toBe(403)
    expect((await api('GET', path)).status).toBe(401)
  })

  it('a person following the QR code gets a page (escaped), machines the JSON; revoked and unknown say so', async () => {
    const other = await createUser(payload, 'student', {
      fullName: '<script>alert(1)</script> Zoë',
    })
    try {
      const course = await buildCourse(cast.educator.token, { lessons: [{}] })
      courseIds.push(course.course.id)
      await enroll(other.token, course.course.id)
      await finishCourse(other, course)
      await drainJobs(payload)
      const [cert] = (await certificatesOf(other.user.id, course.course.id)).docs
      const path = `/api/certifications/${cert.id}/verify/${cert.verificationCode}`
      const browser = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' }
      const page = await apiRaw('GET', path, { headers: browser })
      expect(page.status).toBe(200)
      expect(page.headers.get('content-type')).toMatch(/^text\/html/)
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'")
      const html = await page.text()
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Zoë')
      expect(html).not.toContain('<script>')
      expect(html).toContain(course.course.title)
      expect(html).toContain('Valid')
      expect(html).toContain(`/api/certifications/${cert.id}/badge`)
      const machine = await api('GET', path)
      expect(machine.body).toMatchObject({ valid: true, courseTitle: course.course.title })

      await payload.update({
        collection: 'certifications',
        id: cert.id,
        data: { revokedAt: new Date().toISOString() },
        overrideAccess: true,
      })
      expect(await (await apiRaw('GET', path, { headers: browser })).text()).toContain('Revoked on')
      const unknown = await apiRaw('GET', `/api/certifications/${cert.id}/verify/AAAA-BBBB-CCCC`, {
        headers: browser,
      })
      expect(unknown.status).toBe(404)
      expect(await unknown.text()).toContain('Certificate not found')
    } finally {
      await payload.delete({
        collection: 'certifications',
        where: { student: { equals: other.user.id } },
        overrideAccess: true,
      })
      await deleteUsers(payload, other)
    }
  })

  it('an admin revokes; verify then says revoked', async () => {
    const other = await createUser(payload, 'student')
    try {
      const course = await buildCourse(cast.educator.token, { lessons: [{}] })
      courseIds.push(course.course.id)
      await enroll(other.token, course.course.id)
      await finishCourse(other, course)
      await drainJobs(payload)
      const [cert] = (await certificatesOf(other.user.id, course.course.id)).docs
      const revokePath = `/api/certifications/${cert.id}/revoke`
      expect((await api('POST', revokePath, { token: other.token, body: {} })).status).toBe(403)
      expect(
        (
          await api('POST', revokePath, {
            token: cast.admin.token,
            body: { reason: 'issued in error' },
          })
        ).status,
      ).toBe(200)
      const res = await api('GET', `/api/certifications/${cert.id}/verify/${cert.verificationCode}`)
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ valid: false, revoked: true })
      // A revoked certificate is no longer handed out: no PDF, no LinkedIn link (it was before).
      for (const path of ['download', 'share/linkedin']) {
        const refused = await api('POST', `/api/certifications/${cert.id}/${path}`, {
          token: other.token,
        })
        expect([path, refused.status]).toEqual([path, 410])
        expect(errorMessage(refused)).toMatch(/revoked .*issued in error/)
      }
    } finally {
      await payload.delete({
        collection: 'certifications',
        where: { student: { equals: other.user.id } },
        overrideAccess: true,
      })
      await deleteUsers(payload, other)
    }
  })
})

describe('BullMQ transport', () => {
  it('completing a course yields one certificate, then its email, through Redis and two workers', async () => {
    const redisUrl = inject('redisUrl')
    const transport = createBullMQTransport(redisUrl)
    setJobTransport(payload, transport)
    const workers = [startWorkers(payload, { redisUrl }), startWorkers(payload, { redisUrl })]
    const queue = new Queue('certificates', { connection: { url: redisUrl } })
    const other = await createUser(payload, 'student')
    try {
      const course = await buildCourse(cast.educator.token, { lessons: [{}, {}] })
      courseIds.push(course.course.id)
      const e = await enroll(other.token, course.course.id)
      await finishCourse(other, course)
      await drainJobs(payload)
      // Delivering the row again (a relay that died before marking it sent) adds the same job id,
      // which BullMQ ignores; a job under another id finds the certificate and stops.
      const row = {
        id: randomUUID(),
        job: 'certificate.issue',
        key: certificateJobKey(e.id),
        data: { enrollmentId: e.id },
        attempts: 0,
      }
      await transport.deliver(payload, row)
      await transport.deliver(payload, { ...row, key: `${row.key}-again` })
      const finished = async (id: string) => Boolean(await (await queue.getJob(id))?.isCompleted())
      await until(async () => (await finished(row.key)) && (await finished(`${row.key}-again`)), {
        what: 'both certificate jobs',
      })
      const { docs } = await certificatesOf(other.user.id, course.course.id)
      expect(docs).toHaveLength(1)
      await drainJobs(payload)
      await until(
        async () =>
          (await payload.findByID({ collection: 'certifications', id: docs[0].id })).emailedAt,
        { what: 'the certificate email' },
      )
    } finally {
      setJobTransport(payload, createInlineTransport())
      await Promise.all(workers.map((w) => w.close()))
      await transport.close()
      await queue.close()
      await payload.delete({
        collection: 'certifications',
        where: { student: { equals: other.user.id } },
        overrideAccess: true,
      })
      await deleteUsers(payload, other)
    }
  })
})

describe('bulk issue for a cohort', () => {
  it('issues one certificate per completed member, shows progress and is idempotent', async () => {
    const members = await Promise.all([
      createUser(payload, 'student'),
      createUser(payload, 'student'),
    ])
    const course = await buildCourse(cast.educator.token, { lessons: [{}] })
    courseIds.push(course.course.id)
    const cohort = await payload.create({
      collection: 'cohorts',
      data: {
        name: `Bulk cohort ${Date.now()}`,
        institution: cast.institution.user.id,
        courses: [course.course.id],
      },
    })
    try {
      for (const member of members) {
        await payload.create({
          collection: 'cohort-enrollments',
          data: { cohort: cohort.id, student: member.user.id },
        })
      }
      const { docs: memberEnrollments } = await payload.find({
        collection: 'enrollments',
        where: { course: { equals: course.course.id } },
        depth: 0,
      })
      expect(memberEnrollments).toHaveLength(2)
      await completeWithoutJobs(memberEnrollments.map((e) => e.id))
      const path = `/api/institutions/${cast.institution.user.id}/cohorts/${cohort.id}/certificates`

      const before = await api('GET', path, { token: cast.institution.token })
      expect(before.body).toMatchObject({ completed: 2, issued: 0, pending: 2 })
      const first = await api('POST', path, { token: cast.institution.token })
      expect(first.status).toBe(202)
      expect(first.body.queued).toBe(2)
      await drainJobs(payload)
      const after = await api('GET', path, { token: cast.institution.token })
      expect(after.body).toMatchObject({ completed: 2, issued: 2, pending: 0 })
      const again = await api('POST', path, { token: cast.institution.token })
      expect(again.body.queued).toBe(0)
      for (const member of members) {
        expect((await certificatesOf(member.user.id, course.course.id)).totalDocs).toBe(1)
      }

      // The institution now reads its cohort members' certificates.
      const [cert] = (await certificatesOf(members[0].user.id, course.course.id)).docs
      expect(
        (await api('GET', `/api/certifications/${cert.id}`, { token: cast.institution.token }))
          .status,
      ).toBe(200)

      const other = await createUser(payload, 'institution')
      try {
        expect((await api('POST', path, { token: other.token })).status).toBe(403)
        const theirPath = `/api/institutions/${other.user.id}/cohorts/${cohort.id}/certificates`
        expect((await api('POST', theirPath, { token: other.token })).status).toBe(404)
      } finally {
        await deleteUsers(payload, other)
      }
      expect((await api('POST', path, { token: members[0].token })).status).toBe(403)
      expect((await api('POST', path)).status).toBe(401)
      expect(
        (
          await api(
            'POST',
            `/api/institutions/${cast.institution.user.id}/cohorts/00000000-0000-4000-8000-000000000000/certificates`,
            {
              token: cast.institution.token,
            },
          )
        ).status,
      ).toBe(404)
    } finally {
      await payload.delete({
        collection: 'certifications',
        where: { course: { equals: course.course.id } },
        overrideAccess: true,
      })
      await payload.delete({
        collection: 'cohort-enrollments',
        where: { cohort: { equals: cohort.id } },
        overrideAccess: true,
      })
      await payload.delete({ collection: 'cohorts', id: cohort.id, overrideAccess: true })
      await deleteUsers(payload, ...members)
    }
  })
})

describe('failed jobs', () => {
  const FAILING = 'test.always-fails'
  const failing: JobDefinition<{ marker: string }> = {
    queue: 'email',
    attempts: 2,
    handler: async ({ marker }) => {
      throw new Error(`boom ${marker}`)
    },
  }
  // Only this suite's transports know the job, so no other suite's relay claims its rows.
  const testJobs = { ...jobs, [FAILING]: failing }

  const failuresFor = (marker: string) =>
    payload.find({
      collection: 'job-failures',
      where: { error: { like: marker } },
      overrideAccess: true,
    })

  it('are retried and then recorded with the error (inline)', async () => {
    process.env.JOB_BACKOFF_MS = '10'
    setJobTransport(payload, createInlineTransport(testJobs))
    const marker = `inline-${Date.now()}`
    try {
      await payload.create({
        collection: 'outbox',
        data: {
          job: FAILING,
          data: { marker },
          key: `fail-${marker}`,
          status: 'pending',
          attempts: 0,
        },
        overrideAccess: true,
      })
      await drainJobs(payload)
      const { docs } = await failuresFor(marker)
      expect(docs).toHaveLength(1)
      expect(docs[0]).toMatchObject({ jobName: FAILING, queue: 'email', attempts: 2 })
      expect(docs[0].error).toContain(`boom ${marker}`)
      const [row] = await outboxRows(`fail-${marker}`)
      expect(row).toMatchObject({ status: 'failed', attempts: 2 })
      expect(row.lastError).toContain(`boom ${marker}`)
    } finally {
      setJobTransport(payload, createInlineTransport())
      delete process.env.JOB_BACKOFF_MS
    }
  })

  it('are retried and then recorded with the error (BullMQ)', async () => {
    process.env.JOB_BACKOFF_MS = '10'
    const redisUrl = inject('redisUrl')
    const transport = createBullMQTransport(redisUrl, testJobs)
    const running = startWorkers(payload, { redisUrl, queues: ['email'], jobs: testJobs })
    const marker = `bullmq-${Date.now()}`
    try {
      await transport.deliver(payload, {
        id: randomUUID(),
        job: FAILING,
        key: `fail-${marker}`,
        data: { marker },
        attempts: 0,
      })
      await until(async () => (await failuresFor(marker)).totalDocs, { what: 'the failure record' })
      expect((await failuresFor(marker)).totalDocs).toBe(1)
    } finally {
      await running.close()
      await transport.close()
      delete process.env.JOB_BACKOFF_MS
    }
  })
})

describe('deletions', () => {
  it('a certificate outlives its course (still verifiable); deleting the holder removes it', async () => {
    const educator = await createUser(payload, 'educator')
    const student = await createUser(payload, 'student')
    const course = await buildCourse(educator.token, { lessons: [{}] })
    await enroll(student.token, course.course.id)
    await finishCourse(student, course)
    await drainJobs(payload)
    const [cert] = (await certificatesOf(student.user.id, course.course.id)).docs
    expect(cert).toBeTruthy()

    // Deleting the educator's account takes their courses (and enrollments) with it.
    expect(
      (await api('DELETE', `/api/users/${educator.user.id}`, { token: educator.token })).status,
    ).toBe(200)
    expect(
      await payload.count({ collection: 'courses', where: { id: { equals: course.course.id } } }),
    ).toMatchObject({
      totalDocs: 0,
    })
    const verify = await api(
      'GET',
      `/api/certifications/${cert.id}/verify/${cert.verificationCode}`,
    )
    expect(verify.body).toMatchObject({ valid: true, courseTitle: course.course.title })

    expect(
      (await api('DELETE', `/api/users/${student.user.id}`, { token: student.token })).status,
    ).toBe(200)
    expect(
      (await api('GET', `/api/certifications/${cert.id}/verify/${cert.verificationCode}`)).status,
    ).toBe(404)
  })
})

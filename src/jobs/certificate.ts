import { onCourseCompleted } from '../services/learning/courseCompletion'
import {
  certificateJobId,
  EMAIL_CERTIFICATE,
  emailCertificate,
  enrollmentsMissingCertificates,
  ISSUE_CERTIFICATE,
  issueCertificate,
} from '../services/certificates/certificates'
import { defineJob, enqueue, jobTransport } from './queue'
import type { Payload } from 'payload'

defineJob<{ enrollmentId: string }>(ISSUE_CERTIFICATE, {
  queue: 'certificates',
  handler: async ({ enrollmentId }, { payload }) => {
    const { certificate, created } = await issueCertificate(payload, enrollmentId)
    if (certificate && created) {
      await jobTransport(payload).add(
        EMAIL_CERTIFICATE,
        { certificationId: certificate.id },
        { jobId: `email-certificate-${certificate.id}` },
      )
    }
    return { certificate: certificate?.id ?? null, created }
  },
})

defineJob<{ certificationId: string }>(EMAIL_CERTIFICATE, {
  queue: 'email',
  handler: ({ certificationId }, { payload }) => emailCertificate(payload, certificationId),
})

// The learning core's single hook point: a completed enrollment asks for its certificate.
onCourseCompleted((req, enrollment) =>
  enqueue(
    req,
    ISSUE_CERTIFICATE,
    { enrollmentId: enrollment.id },
    { jobId: certificateJobId(enrollment.id) },
  ),
)

/** Used by the schedule: queue every completed enrollment still without a certificate. */
export async function enqueueMissingCertificates(payload: Payload) {
  const ids = await enrollmentsMissingCertificates(payload)
  for (const id of ids) {
    await jobTransport(payload).add(
      ISSUE_CERTIFICATE,
      { enrollmentId: id },
      { jobId: certificateJobId(id) },
    )
  }
  return ids.length
}

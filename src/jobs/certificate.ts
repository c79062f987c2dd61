import { emailCertificate } from '../services/certificates/email'
import { issueCertificate } from '../services/certificates/issue'
import type { JobDefinition } from './definition'

/** Queued by a completed enrollment (collections/Enrollments/hooks/courseCompleted.ts) or bulk issue. */
export const issueCertificateJob: JobDefinition<{ enrollmentId: string }> = {
  queue: 'certificates',
  handler: async ({ enrollmentId }, { payload }) => {
    const { certificate, created } = await issueCertificate(payload, enrollmentId)
    return { certificate: certificate?.id ?? null, created }
  },
}

/** Queued by a new certificate (collections/Certifications/hooks/emailHolder.ts). */
export const emailCertificateJob: JobDefinition<{ certificateId: string }> = {
  queue: 'email',
  handler: ({ certificateId }, { payload }) => emailCertificate(payload, certificateId),
}

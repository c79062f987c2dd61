import type { CollectionConfig } from 'payload'

import { idOf } from '../../lib/ids'
import { admins, never } from '../../access'
import { learnerRecordReaders } from '../../access/learning'
import { ownedByUser } from '../../fields/relations'
import { emailHolder } from './hooks/emailHolder'
import { rateLimitOperations } from '../../lib/rateLimit'
import { certificationEndpoints } from '../../endpoints/certifications'
import { recordOnCreate } from '../../hooks/analytics'

/** Issued by the certificate.issue job only (which emails the holder); revoked by admins. */
export const Certifications: CollectionConfig = {
  slug: 'certifications',
  admin: {
    useAsTitle: 'verificationCode',
    defaultColumns: ['verificationCode', 'studentName', 'courseTitle', 'issuedAt', 'revokedAt'],
  },
  access: {
    // Holder, the course's educator, the institution for its cohorts' students in cohort courses, admins.
    read: learnerRecordReaders('certifications'),
    create: never,
    update: admins,
    delete: admins,
  },
  // Public verification (and the badge) reads certificates for anyone: every client read of this
  // collection counts against the per-IP verify limit, once per request.
  // A copy: Payload appends its own endpoints to the array it is given.
  endpoints: [...certificationEndpoints],
  hooks: {
    beforeOperation: [rateLimitOperations('verify', ['read'])],
    afterChange: [
      emailHolder,
      recordOnCreate('certificate_issued', (c) => ({
        user: idOf(c.student),
        course: idOf(c.course),
        data: { certificateId: c.id },
      })),
    ],
  },
  indexes: [{ fields: ['student', 'course'], unique: true }],
  fields: [
    ownedByUser('student'),
    {
      // Optional so a certificate outlives its course: the title is frozen below and verify keeps working.
      name: 'course',
      type: 'relationship',
      relationTo: 'courses',
      index: true,
    },
    {
      name: 'enrollment',
      type: 'relationship',
      relationTo: 'enrollments',
      unique: true,
      index: true,
    },
    {
      name: 'verificationCode',
      type: 'text',
      required: true,
      unique: true,
      index: true,
      admin: { readOnly: true },
    },
    { name: 'issuedAt', type: 'date', required: true, admin: { readOnly: true } },
    // What the certificate says, frozen at issue time.
    { name: 'studentName', type: 'text', required: true, admin: { readOnly: true } },
    { name: 'courseTitle', type: 'text', required: true, admin: { readOnly: true } },
    { name: 'educatorName', type: 'text', admin: { readOnly: true } },
    {
      name: 'qrCodeUrl',
      type: 'text',
      admin: { readOnly: true, description: 'Encoded in the QR code' },
    },
    { name: 'pdf', type: 'upload', relationTo: 'certificate-files', admin: { readOnly: true } },
    { name: 'emailedAt', type: 'date', admin: { readOnly: true } },
    { name: 'revokedAt', type: 'date', admin: { position: 'sidebar' } },
    { name: 'revokedReason', type: 'text', maxLength: 500, admin: { position: 'sidebar' } },
  ],
}

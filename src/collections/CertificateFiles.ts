import path from 'node:path'
import type { CollectionConfig } from 'payload'

import { isAdminUser, never } from '../access'
import { MEDIA_DIR } from './Media'

/** Rendered certificate PDFs (local disk, or S3: src/lib/storage); served to holders by POST /api/certifications/:id/download. */
export const CertificateFiles: CollectionConfig = {
  slug: 'certificate-files',
  admin: { hidden: ({ user }) => user?.role !== 'admin' },
  access: {
    read: ({ req: { user } }) => isAdminUser(user),
    create: never,
    update: never,
    delete: ({ req: { user } }) => isAdminUser(user),
  },
  upload: {
    staticDir: path.join(MEDIA_DIR, 'certificates'),
    mimeTypes: ['application/pdf'],
  },
  fields: [],
}

import type { CollectionConfig } from 'payload'

import { admins, never } from '../access'

/** Jobs that used up their retries, with the last error — for admins to inspect and retry. */
export const JobFailures: CollectionConfig = {
  slug: 'job-failures',
  admin: {
    useAsTitle: 'jobName',
    defaultColumns: ['jobName', 'queue', 'jobId', 'attempts', 'failedAt'],
  },
  access: { read: admins, create: never, update: admins, delete: admins },
  fields: [
    { name: 'jobName', type: 'text', required: true, index: true },
    { name: 'queue', type: 'text', required: true },
    { name: 'jobId', type: 'text', index: true },
    { name: 'data', type: 'json' },
    { name: 'error', type: 'textarea' },
    { name: 'attempts', type: 'number' },
    { name: 'failedAt', type: 'date', index: true },
  ],
}

import type { CollectionConfig } from 'payload'

import { admins, never } from '../access'
import { toOptions } from '../lib/constants'

/**
 * The transactional outbox: jobs written by hooks and services in the same transaction as the
 * change they follow (src/jobs/enqueue.ts), moved to BullMQ or the inline runner once committed
 * (src/jobs/relay.ts). Read-only, for admins.
 */
export const Outbox: CollectionConfig = {
  slug: 'outbox',
  admin: {
    hidden: ({ user }) => user?.role !== 'admin',
    useAsTitle: 'job',
    defaultColumns: ['job', 'key', 'status', 'attempts', 'createdAt', 'sentAt'],
  },
  access: { read: admins, create: never, update: never, delete: never },
  lockDocuments: false,
  // The relay's claim: pending rows whose time has come, oldest first.
  indexes: [{ fields: ['status', 'availableAt'] }],
  fields: [
    { name: 'job', type: 'text', required: true },
    {
      name: 'key',
      type: 'text',
      index: true,
      admin: { description: 'Deterministic job id, e.g. certificate-<enrollmentId>' },
    },
    { name: 'data', type: 'json', required: true },
    {
      name: 'requestId',
      type: 'text',
      admin: { description: 'The request that queued it (X-Request-Id; in its log lines too)' },
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'pending',
      options: toOptions(['pending', 'sent', 'failed']),
    },
    {
      name: 'availableAt',
      type: 'date',
      admin: { description: 'Not before (a retry); empty: right away' },
    },
    { name: 'attempts', type: 'number', required: true, defaultValue: 0 },
    { name: 'lastError', type: 'textarea' },
    {
      name: 'sentAt',
      type: 'date',
      admin: { description: 'Handed to BullMQ, or run by the inline runner' },
    },
  ],
}

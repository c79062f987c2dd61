import type { CollectionConfig } from 'payload'

import { admins, never } from '../../access'
import { auditActions } from '../../services/audit'

/**
 * Who did what to whom, and when: role changes, refunds, certificate revocations, deletions of
 * users and courses. Append-only — no API writes at all, and a database trigger refuses UPDATE and
 * DELETE of its rows (migration 20261205_191428_audit_log). The actor is kept as plain text (id, email,
 * role) so the entry outlives the account.
 */
export const AuditLog: CollectionConfig = {
  slug: 'audit-log',
  labels: { singular: 'Audit entry', plural: 'Audit log' },
  admin: {
    group: 'System',
    hidden: ({ user }) => user?.role !== 'admin',
    useAsTitle: 'summary',
    defaultColumns: ['summary', 'action', 'actorEmail', 'createdAt'],
  },
  access: { read: admins, create: never, update: never, delete: never },
  lockDocuments: false,
  fields: [
    {
      name: 'action',
      type: 'select',
      required: true,
      index: true,
      options: auditActions.map(({ value, label }) => ({ value, label })),
    },
    { name: 'summary', type: 'text', required: true },
    {
      type: 'row',
      fields: [
        { name: 'entityCollection', type: 'text', required: true, index: true },
        { name: 'entityId', type: 'text', required: true, index: true },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'actorId',
          type: 'text',
          index: true,
          admin: { description: 'Empty when the system acted (e.g. a Stripe webhook).' },
        },
        { name: 'actorEmail', type: 'text' },
        { name: 'actorRole', type: 'text' },
      ],
    },
    { name: 'before', type: 'json' },
    { name: 'after', type: 'json' },
    { name: 'requestId', type: 'text' },
  ],
}

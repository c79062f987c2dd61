import type { CollectionConfig } from 'payload'

import { admins, never } from '../access'
import { toOptions } from '../lib/constants'
import { EVENT_TYPES } from '../services/analytics/events'

/**
 * What happened, when, to whom: appended by hooks in the action's transaction
 * (src/services/analytics/events.ts). Admins read it; nobody edits it. The rollups and every
 * analytics endpoint are sums over these rows.
 */
export const AnalyticsEvents: CollectionConfig = {
  slug: 'analytics-events',
  admin: {
    group: 'Analytics',
    defaultColumns: ['eventType', 'user', 'course', 'createdAt'],
    hidden: ({ user }) => user?.role !== 'admin',
  },
  access: { read: admins, create: never, update: never, delete: never },
  lockDocuments: false,
  indexes: [
    { fields: ['user', 'createdAt'] },
    { fields: ['course', 'createdAt'] },
    { fields: ['eventType', 'createdAt'] },
  ],
  fields: [
    {
      name: 'user',
      type: 'relationship',
      relationTo: 'users',
      // A deleted user's activity goes with them.
      custom: { onUserDelete: 'cascade' },
    },
    { name: 'course', type: 'relationship', relationTo: 'courses' },
    { name: 'eventType', type: 'select', required: true, options: toOptions(EVENT_TYPES) },
    { name: 'eventData', type: 'json' },
    {
      name: 'dedupeKey',
      type: 'text',
      unique: true,
      admin: {
        description: 'Events recorded at most once (a course view per user, course and day)',
      },
    },
    {
      name: 'forwardedAt',
      type: 'date',
      index: true,
      admin: { description: 'When it was sent to the learning record store (xAPI)' },
    },
  ],
  timestamps: true,
}

import type { CollectionConfig } from 'payload'

import { admins, never } from '../access'

const total = (name: string) => ({ name, type: 'number' as const, defaultValue: 0 })

/**
 * Closed days summed from analytics-events by the rollup job (src/services/analytics/rollup.ts):
 * one row per course and day and per student and day. Endpoints add the open day live.
 */
export const AnalyticsDaily: CollectionConfig = {
  slug: 'analytics-daily',
  admin: {
    group: 'Analytics',
    defaultColumns: ['day', 'kind', 'course', 'student', 'learningSeconds'],
    hidden: ({ user }) => user?.role !== 'admin',
  },
  access: { read: admins, create: never, update: never, delete: never },
  lockDocuments: false,
  indexes: [{ fields: ['kind', 'course', 'day'] }, { fields: ['kind', 'student', 'day'] }],
  fields: [
    { name: 'key', type: 'text', required: true, unique: true },
    { name: 'day', type: 'text', required: true, index: true },
    {
      name: 'kind',
      type: 'select',
      required: true,
      options: [
        { label: 'Course', value: 'course' },
        { label: 'Student', value: 'student' },
        { label: 'Rolled up through (marker)', value: 'marker' },
      ],
    },
    { name: 'course', type: 'relationship', relationTo: 'courses' },
    {
      name: 'student',
      type: 'relationship',
      relationTo: 'users',
      custom: { onUserDelete: 'cascade' },
    },
    total('enrollments'),
    total('completions'),
    total('activeStudents'),
    total('learningSeconds'),
    total('lessonsCompleted'),
    total('quizAttempts'),
    total('quizPasses'),
    total('revenueGross'),
    total('revenueNet'),
    total('refunds'),
    total('refundsNet'),
    total('sales'),
  ],
  timestamps: true,
}

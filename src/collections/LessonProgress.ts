import type { CollectionConfig } from 'payload'

import { admins, never } from '../access'
import { learnerRecordReaders } from '../access/learning'
import { validateListQuery } from '../lib/pagination'
import { ownedByUser } from '../fields/relations'
import { recordLessonCompletion } from '../hooks/analytics'

/** One row per enrollment and lesson; written by POST .../lessons/:lessonId/complete. */
export const LessonProgress: CollectionConfig = {
  slug: 'lesson-progress',
  admin: { defaultColumns: ['student', 'lesson', 'completed', 'completedAt', 'timeSpent'] },
  access: {
    read: learnerRecordReaders('lesson-progress'),
    create: never,
    update: never,
    delete: admins,
  },
  hooks: {
    afterChange: [recordLessonCompletion],
    beforeOperation: [validateListQuery],
  },
  indexes: [{ fields: ['enrollment', 'lesson'], unique: true }],
  fields: [
    {
      name: 'enrollment',
      type: 'relationship',
      relationTo: 'enrollments',
      required: true,
      index: true,
    },
    { name: 'lesson', type: 'relationship', relationTo: 'lessons', required: true, index: true },
    ownedByUser('student'),
    { name: 'course', type: 'relationship', relationTo: 'courses', required: true, index: true },
    { name: 'completed', type: 'checkbox', defaultValue: false },
    { name: 'completedAt', type: 'date' },
    {
      name: 'timeSpent',
      type: 'number',
      defaultValue: 0,
      min: 0,
      admin: { description: 'Seconds' },
    },
  ],
}

import type { CollectionConfig } from 'payload'

import { admins, never } from '../../access'
import { learnerRecordReaders } from '../../access/learning'
import { validateListQuery } from '../../lib/pagination'
import { courseCompleted } from './hooks/courseCompleted'
import { countEnrollmentAdded, countEnrollmentRemoved } from './hooks/counters'
import { leaveCourseCommunities } from './hooks/leaveCourseCommunities'
import { removeLearnerRecords } from './hooks/removeLearnerRecords'
import { ownedByUser } from '../../fields/relations'
import { checkEditLockInTransaction } from '../../hooks/editLockInTransaction'
import { recordEnrollment } from '../../hooks/analytics'
import { toOptions } from '../../lib/constants'

export const ENROLLMENT_SOURCES = ['free', 'purchase', 'cohort', 'admin'] as const

/**
 * Students enroll through POST /api/courses/:id/enroll (or a cohort); admins may add one in the
 * admin UI. Counters on the course and educator follow every create and delete.
 */
export const Enrollments: CollectionConfig = {
  slug: 'enrollments',
  admin: {
    defaultColumns: ['student', 'course', 'progressPercentage', 'completedAt', 'source'],
  },
  access: {
    read: learnerRecordReaders('enrollments'),
    create: admins,
    update: admins,
    delete: admins,
  },
  hooks: {
    beforeOperation: [validateListQuery, checkEditLockInTransaction],
    afterChange: [countEnrollmentAdded, courseCompleted, recordEnrollment],
    beforeDelete: [removeLearnerRecords],
    afterDelete: [countEnrollmentRemoved, leaveCourseCommunities],
  },
  indexes: [
    { fields: ['student', 'course'], unique: true },
    { fields: ['educator', 'createdAt'] },
    { fields: ['institution', 'createdAt'] },
  ],
  fields: [
    // An enrollment is one student in one course for life: moving it would leave its progress,
    // attempts and both courses' counters behind. Remove it and enroll again instead.
    ownedByUser('student', {
      filterOptions: { role: { equals: 'student' } },
      access: { update: never },
    }),
    {
      name: 'course',
      type: 'relationship',
      relationTo: 'courses',
      required: true,
      index: true,
      access: { update: never },
    },
    {
      // The course's educator, copied by the database (triggers in migration enrollments_educator)
      // for the educator's read rule: one index range, where through a join to courses Postgres
      // cannot tell how many rows an educator has and walks every enrollment in date order.
      name: 'educator',
      type: 'relationship',
      relationTo: 'users',
      access: { create: never, read: never, update: never },
      admin: { hidden: true },
    },
    {
      // An institution whose cohort has this student in this course, kept by the database
      // (triggers in migration enrollments_institution; any other such institutions are listed in
      // enrollment_extra_institutions), so an institution's rule is one index range and its count
      // an index-only scan, whatever the size of its cohorts.
      name: 'institution',
      type: 'relationship',
      relationTo: 'users',
      access: { create: never, read: never, update: never },
      admin: { hidden: true },
    },
    {
      name: 'source',
      type: 'select',
      required: true,
      defaultValue: 'admin',
      options: toOptions(ENROLLMENT_SOURCES),
    },
    { name: 'cohort', type: 'relationship', relationTo: 'cohorts', index: true },
    {
      name: 'enrolledAt',
      type: 'date',
      required: true,
      defaultValue: () => new Date().toISOString(),
      admin: { date: { pickerAppearance: 'dayAndTime' } },
    },
    { name: 'completedAt', type: 'date', index: true, admin: { readOnly: true } },
    {
      name: 'progressPercentage',
      type: 'number',
      defaultValue: 0,
      min: 0,
      max: 100,
      admin: { readOnly: true },
    },
    {
      name: 'lastAccessedLesson',
      type: 'relationship',
      relationTo: 'lessons',
      admin: { readOnly: true },
    },
  ],
}

import type { Access, CollectionConfig } from 'payload'

import { adminField, hasRole, isAdminUser } from '../../access'
import { validateListQuery } from '../../lib/pagination'
import { enrollNewCohortCourses } from './hooks/enrollCohortMembers'
import { removeMembers } from './hooks/removeMembers'
import { ownedByUser } from '../../fields/relations'
import { checkEditLockInTransaction } from '../../hooks/editLockInTransaction'

/** Institutions own their cohorts; assigned educators can see them. */
const ownCohorts: Access = ({ req: { user } }) => {
  if (isAdminUser(user)) return true
  if (hasRole(user, 'institution')) return { institution: { equals: user!.id } }
  return false
}

const visibleCohorts: Access = (args) => {
  const { user } = args.req
  if (hasRole(user, 'educator')) return { educators: { contains: user!.id } }
  return ownCohorts(args)
}

export const Cohorts: CollectionConfig = {
  slug: 'cohorts',
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'institution', 'startDate', 'endDate'] },
  access: {
    read: visibleCohorts,
    create: ({ req: { user } }) => hasRole(user, 'institution', 'admin'),
    update: ownCohorts,
    delete: ownCohorts,
  },
  hooks: {
    beforeOperation: [validateListQuery, checkEditLockInTransaction],
    beforeValidate: [
      ({ data, operation, req }) => {
        if (data && operation === 'create' && hasRole(req.user, 'institution')) {
          data.institution = req.user!.id
        }
        return data
      },
    ],
    afterChange: [enrollNewCohortCourses],
    beforeDelete: [removeMembers],
  },
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 200 },
    ownedByUser('institution', {
      filterOptions: { role: { equals: 'institution' } },
      access: { update: adminField },
      admin: { position: 'sidebar' },
    }),
    { name: 'description', type: 'textarea', maxLength: 5000 },
    {
      type: 'row',
      fields: [
        { name: 'startDate', type: 'date' },
        { name: 'endDate', type: 'date' },
      ],
    },
    {
      name: 'courses',
      type: 'relationship',
      relationTo: 'courses',
      hasMany: true,
      filterOptions: { _status: { equals: 'published' } },
    },
    {
      name: 'educators',
      type: 'relationship',
      relationTo: 'users',
      hasMany: true,
      filterOptions: { role: { equals: 'educator' } },
    },
    {
      name: 'members',
      type: 'join',
      collection: 'cohort-enrollments',
      on: 'cohort',
      admin: { defaultColumns: ['student', 'educator', 'enrolledAt'] },
    },
  ],
}

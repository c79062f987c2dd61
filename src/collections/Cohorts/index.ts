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
  labels: {
    singular: { en: 'Cohort', es: 'Cohorte' },
    plural: { en: 'Cohorts', es: 'Cohortes' },
  },
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
    {
      name: 'name',
      type: 'text',
      required: true,
      maxLength: 200,
      label: { en: 'Name', es: 'Nombre' },
    },
    // Students by email, seats, progress, certificates and the report (a client component).
    {
      name: 'cohortManager',
      type: 'ui',
      admin: {
        components: { Field: '/components/admin/cohorts/CohortManager#CohortManager' },
      },
    },
    ownedByUser('institution', {
      filterOptions: { role: { equals: 'institution' } },
      access: { update: adminField },
      admin: { position: 'sidebar' },
    }),
    {
      name: 'description',
      type: 'textarea',
      maxLength: 5000,
      label: { en: 'Description', es: 'Descripción' },
    },
    {
      type: 'row',
      fields: [
        { name: 'startDate', type: 'date', label: { en: 'Start date', es: 'Fecha de inicio' } },
        { name: 'endDate', type: 'date', label: { en: 'End date', es: 'Fecha de fin' } },
      ],
    },
    {
      name: 'courses',
      type: 'relationship',
      relationTo: 'courses',
      hasMany: true,
      label: { en: 'Courses', es: 'Cursos' },
      filterOptions: { _status: { equals: 'published' } },
    },
    {
      name: 'educators',
      type: 'relationship',
      relationTo: 'users',
      hasMany: true,
      label: { en: 'Educators', es: 'Docentes' },
      filterOptions: { role: { equals: 'educator' } },
    },
    {
      name: 'members',
      type: 'join',
      collection: 'cohort-enrollments',
      on: 'cohort',
      label: { en: 'Members', es: 'Miembros' },
      admin: { defaultColumns: ['student', 'educator', 'enrolledAt'] },
    },
  ],
}

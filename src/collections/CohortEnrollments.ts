import type { Access, CollectionConfig } from 'payload'

import { adminField, hasRole, isAdminUser } from '../access'
import { idOf } from '../lib/ids'
import { validateListQuery } from '../lib/pagination'
import { enrollMemberInCohortCourses } from './Cohorts/hooks/enrollCohortMembers'
import { ownedByUser } from '../fields/relations'

const ofOwnCohorts: Access = ({ req: { user } }) => {
  if (isAdminUser(user)) return true
  if (hasRole(user, 'institution')) return { 'cohort.institution': { equals: user!.id } }
  return false
}

const visibleMembers: Access = (args) => {
  const { user } = args.req
  if (hasRole(user, 'student')) return { student: { equals: user!.id } }
  if (hasRole(user, 'educator')) return { educator: { equals: user!.id } }
  return ofOwnCohorts(args)
}

/** Adding a student to a cohort enrolls them in the cohort's courses (source "cohort"). */
export const CohortEnrollments: CollectionConfig = {
  slug: 'cohort-enrollments',
  admin: { defaultColumns: ['cohort', 'student', 'educator', 'enrolledAt'] },
  access: {
    read: visibleMembers,
    create: async ({ req, data }) => {
      if (isAdminUser(req.user)) return true
      if (!hasRole(req.user, 'institution')) return false
      if (!data?.cohort) return true
      const cohort = await req.payload.findByID({
        collection: 'cohorts',
        id: String(idOf(data.cohort)),
        depth: 0,
        disableErrors: true,
        overrideAccess: true,
        req,
      })
      return Boolean(cohort && idOf(cohort.institution) === req.user!.id)
    },
    update: ofOwnCohorts,
    delete: ofOwnCohorts,
  },
  hooks: {
    beforeOperation: [validateListQuery],
    afterChange: [enrollMemberInCohortCourses],
  },
  indexes: [{ fields: ['cohort', 'student'], unique: true }],
  fields: [
    // Membership is (cohort, student): only an admin may re-point a row, so an institution cannot
    // move a member into a cohort it does not own (create checks ownership; update could not).
    {
      name: 'cohort',
      type: 'relationship',
      relationTo: 'cohorts',
      required: true,
      index: true,
      access: { update: adminField },
    },
    ownedByUser('student', {
      access: { update: adminField },
      filterOptions: { role: { equals: 'student' } },
    }),
    {
      name: 'educator',
      type: 'relationship',
      relationTo: 'users',
      filterOptions: { role: { equals: 'educator' } },
    },
    {
      name: 'enrolledAt',
      type: 'date',
      defaultValue: () => new Date().toISOString(),
    },
  ],
}

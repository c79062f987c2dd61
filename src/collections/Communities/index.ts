import type { CollectionConfig } from 'payload'

import { adminField, admins } from '../../access'
import { moderatedCommunities, readableCommunities } from '../../access/communities'
import { educatorsAndAdmins } from '../../access/courses'
import { TOPICS, toOptions } from '../../lib/constants'
import { COMMUNITY_VISIBILITIES } from './constants'
import { addCreatorAsModerator } from './hooks/addCreatorAsModerator'
import { communitySlug, setCreator } from './hooks/setCreator'
import { removeCommunityContent } from './hooks/removeCommunityContent'
import { validateVisibility } from './hooks/validateVisibility'
import { viewerRole } from './hooks/viewerRole'
import { counter } from '../../fields/serverSet'
import { checkEditLockInTransaction } from '../../hooks/editLockInTransaction'
import { communityEndpoints } from '../../endpoints/communities'

/**
 * Topic communities. `public`: anyone reads; `members`: only members read its posts; `course`: only
 * the linked course's enrolled students (and its educator) may join and read.
 */
export const Communities: CollectionConfig = {
  slug: 'communities',
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'topic', 'visibility', 'memberCount', 'createdAt'],
  },
  defaultSort: '-createdAt',
  access: {
    read: readableCommunities,
    create: educatorsAndAdmins,
    update: moderatedCommunities,
    delete: admins,
  },
  // A copy: Payload appends its own endpoints to the array it is given.
  endpoints: [...communityEndpoints],
  hooks: {
    beforeValidate: [setCreator, communitySlug],
    beforeOperation: [checkEditLockInTransaction],
    beforeChange: [validateVisibility],
    afterChange: [addCreatorAsModerator],
    beforeDelete: [removeCommunityContent],
  },
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 120 },
    {
      name: 'slug',
      type: 'text',
      unique: true,
      index: true,
      maxLength: 140,
      admin: { position: 'sidebar', description: 'Generated from the name when left empty' },
    },
    { name: 'description', type: 'textarea', maxLength: 2000 },
    { name: 'topic', type: 'select', required: true, index: true, options: toOptions(TOPICS) },
    {
      name: 'visibility',
      type: 'select',
      required: true,
      defaultValue: 'public',
      index: true,
      options: toOptions(COMMUNITY_VISIBILITIES),
    },
    {
      name: 'course',
      type: 'relationship',
      relationTo: 'courses',
      index: true,
      access: { update: adminField },
      admin: {
        condition: (data) => data?.visibility === 'course',
        description: 'Only students enrolled in this course may join',
      },
    },
    counter('memberCount', { index: true }),
    {
      name: 'createdBy',
      type: 'relationship',
      relationTo: 'users',
      index: true,
      access: { update: adminField },
      admin: { readOnly: true, position: 'sidebar' },
    },
    {
      name: 'viewerRole',
      type: 'text',
      virtual: true,
      admin: { hidden: true },
      hooks: { afterRead: [viewerRole] },
    },
  ],
}

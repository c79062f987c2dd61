import type { CollectionConfig } from 'payload'

import { admins, never } from '../../access'
import { readableMemberships, removableMemberships } from '../../access/communities'
import { toOptions } from '../../lib/constants'
import { MEMBER_ROLES } from '../Communities/constants'
import { countMemberAdded, countMemberRemoved, lockCommunity } from './hooks/counters'
import { ownedByUser } from '../../fields/relations'
import { checkEditLockInTransaction } from '../../hooks/editLockInTransaction'

/**
 * One row per community and user. Users join and leave through POST /api/communities/:id/join and
 * DELETE /api/communities/:id/leave; admins appoint moderators by changing `role`.
 */
export const CommunityMembers: CollectionConfig = {
  slug: 'community-members',
  admin: { defaultColumns: ['community', 'user', 'role', 'joinedAt'] },
  access: {
    read: readableMemberships,
    create: admins,
    update: admins,
    delete: removableMemberships,
  },
  hooks: {
    beforeOperation: [checkEditLockInTransaction],
    beforeChange: [lockCommunity],
    afterChange: [countMemberAdded],
    afterDelete: [countMemberRemoved],
  },
  indexes: [
    { fields: ['community', 'user'], unique: true },
    // "Does the caller moderate anything": the caller's moderator rows, not all their memberships.
    { fields: ['user', 'role'] },
  ],
  fields: [
    {
      name: 'community',
      type: 'relationship',
      relationTo: 'communities',
      required: true,
      index: true,
      access: { update: never },
    },
    ownedByUser('user', { access: { update: never } }),
    {
      name: 'role',
      type: 'select',
      required: true,
      defaultValue: 'member',
      options: toOptions(MEMBER_ROLES),
    },
    {
      name: 'joinedAt',
      type: 'date',
      required: true,
      defaultValue: () => new Date().toISOString(),
      admin: { date: { pickerAppearance: 'dayAndTime' } },
    },
  ],
}

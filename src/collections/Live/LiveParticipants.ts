import type { CollectionConfig } from 'payload'

import { admins } from '../../access'
import { ownLiveRecords } from './access'

/** One row per stream and user; leftAt marks a leave, a rejoin clears it. */
export const LiveParticipants: CollectionConfig = {
  slug: 'live-participants',
  admin: { defaultColumns: ['liveStream', 'user', 'joinedAt', 'leftAt'] },
  access: { read: ownLiveRecords, create: () => false, update: () => false, delete: admins },
  indexes: [{ fields: ['liveStream', 'user'], unique: true }],
  fields: [
    {
      name: 'liveStream',
      type: 'relationship',
      relationTo: 'live-streams',
      required: true,
      index: true,
    },
    {
      name: 'user',
      type: 'relationship',
      relationTo: 'users',
      required: true,
      index: true,
      custom: { onUserDelete: 'cascade' },
    },
    { name: 'joinedAt', type: 'date', required: true },
    { name: 'leftAt', type: 'date', index: true },
  ],
}

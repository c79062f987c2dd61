import type { CollectionConfig } from 'payload'

import { admins, never } from '../../access'
import { ownLiveRecords } from './access'
import { liveStreamRelation, ownedByUser } from '../../fields/relations'
import { recordOnCreate } from '../../hooks/analytics'
import { idOf } from '../../lib/ids'

/** One row per stream and user; leftAt marks a leave, a rejoin clears it. */
export const LiveParticipants: CollectionConfig = {
  slug: 'live-participants',
  admin: { defaultColumns: ['liveStream', 'user', 'joinedAt', 'leftAt'] },
  access: { read: ownLiveRecords, create: never, update: never, delete: admins },
  indexes: [{ fields: ['liveStream', 'user'], unique: true }],
  hooks: {
    afterChange: [
      recordOnCreate('live_join', (p) => ({
        user: idOf(p.user),
        data: { liveStreamId: idOf(p.liveStream) },
      })),
    ],
  },
  fields: [
    liveStreamRelation,
    ownedByUser('user'),
    { name: 'joinedAt', type: 'date', required: true },
    { name: 'leftAt', type: 'date', index: true },
  ],
}

import type { CollectionConfig } from 'payload'

import { admins, never } from '../../access'
import { ownLiveRecords } from './access'
import { liveStreamRelation, ownedByUser } from '../../fields/relations'

/** Written by POST /api/live/:id/chat; read through GET /api/live/:id/chat. */
export const LiveChatMessages: CollectionConfig = {
  slug: 'live-chat-messages',
  admin: { defaultColumns: ['liveStream', 'user', 'message', 'createdAt'] },
  access: { read: ownLiveRecords, create: never, update: never, delete: admins },
  indexes: [{ fields: ['liveStream', 'createdAt'] }],
  fields: [
    liveStreamRelation,
    ownedByUser('user', { index: false }),
    { name: 'message', type: 'textarea', required: true, maxLength: 1000 },
  ],
}

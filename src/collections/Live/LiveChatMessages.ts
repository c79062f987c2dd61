import type { CollectionConfig } from 'payload'

import { admins, never } from '../../access'
import { liveStreamRelation, ownedByUser } from '../../fields/relations'
import { rateLimitPosting } from '../Posts/hooks/authoring'
import { liveSessionReaders } from '../../access/live'

/** Written by POST /api/live/:id/chat; read by whoever takes part in the session. */
export const LiveChatMessages: CollectionConfig = {
  slug: 'live-chat-messages',
  admin: { defaultColumns: ['liveStream', 'user', 'message', 'createdAt'] },
  access: { read: liveSessionReaders('liveStream.'), create: never, update: never, delete: admins },
  hooks: { beforeOperation: [rateLimitPosting] },
  indexes: [{ fields: ['liveStream', 'createdAt'] }],
  fields: [
    liveStreamRelation,
    ownedByUser('user', { index: false }),
    { name: 'message', type: 'textarea', required: true, maxLength: 1000 },
  ],
}

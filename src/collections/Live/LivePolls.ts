import type { CollectionConfig } from 'payload'

import { admins, adminsOrOwn, never } from '../../access'
import { liveStreamRelation, ownedByUser } from '../../fields/relations'
import { liveSessionReaders } from '../../access/live'

export const LivePolls: CollectionConfig = {
  slug: 'live-polls',
  admin: { useAsTitle: 'question', defaultColumns: ['question', 'liveStream', 'isActive'] },
  access: {
    read: liveSessionReaders('liveStream.'),
    create: never,
    update: adminsOrOwn('liveStream.educator', 'educator'),
    delete: admins,
  },
  fields: [
    liveStreamRelation,
    { name: 'question', type: 'text', required: true, maxLength: 500 },
    {
      name: 'options',
      type: 'text',
      hasMany: true,
      required: true,
      minRows: 2,
      maxRows: 10,
      maxLength: 200,
    },
    { name: 'isActive', type: 'checkbox', defaultValue: true },
  ],
}

export const LivePollVotes: CollectionConfig = {
  slug: 'live-poll-votes',
  admin: { defaultColumns: ['poll', 'user', 'optionIndex'] },
  access: {
    read: adminsOrOwn('user'),
    create: never,
    update: never,
    delete: admins,
  },
  indexes: [{ fields: ['poll', 'user'], unique: true }],
  fields: [
    { name: 'poll', type: 'relationship', relationTo: 'live-polls', required: true, index: true },
    ownedByUser('user', { index: false }),
    { name: 'optionIndex', type: 'number', required: true, min: 0 },
  ],
}

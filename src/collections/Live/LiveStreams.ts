import type { CollectionConfig, FieldAccess } from 'payload'

import { adminsOrOwn, isAdminUser, never } from '../../access'
import { idOf } from '../../lib/ids'
import { ownedByUser } from '../../fields/relations'
import { liveSessionReaders } from '../../access/live'
import { toOptions } from '../../lib/constants'

export const LIVE_STATUSES = ['scheduled', 'live', 'ended'] as const

/** The stream key lets anyone broadcast as the educator: owner and admins only. */
const ownerOrAdminField: FieldAccess = ({ req: { user }, doc }) =>
  isAdminUser(user) || Boolean(user && doc && idOf(doc.educator) === user.id)

/**
 * Scheduled and past live sessions: public ones for anyone logged in, course ones for the course's
 * students and educator (liveSessionReaders); only the owner sees the key.
 */
export const LiveStreams: CollectionConfig = {
  slug: 'live-streams',
  admin: { useAsTitle: 'title', defaultColumns: ['title', 'educator', 'status', 'scheduledAt'] },
  access: {
    read: liveSessionReaders(),
    create: never,
    update: adminsOrOwn('educator', 'educator'),
    delete: adminsOrOwn('educator', 'educator'),
  },
  fields: [
    { name: 'title', type: 'text', required: true, maxLength: 200 },
    { name: 'description', type: 'textarea', maxLength: 5000 },
    ownedByUser('educator', { access: { update: never } }),
    {
      name: 'course',
      type: 'relationship',
      relationTo: 'courses',
      index: true,
      admin: {
        description:
          "Empty = a public session for anyone logged in; set = the course's students only",
      },
    },
    { name: 'scheduledAt', type: 'date', required: true, index: true },
    { name: 'startedAt', type: 'date', access: { update: never } },
    { name: 'endedAt', type: 'date', access: { update: never } },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'scheduled',
      index: true,
      options: toOptions(LIVE_STATUSES),
      access: { update: never },
    },
    { name: 'maxParticipants', type: 'number', min: 1 },
    {
      name: 'participantCount',
      type: 'number',
      defaultValue: 0,
      access: { create: never, update: never },
      admin: { readOnly: true },
    },
    { name: 'muxLiveStreamId', type: 'text', unique: true, index: true, access: { update: never } },
    {
      name: 'streamKey',
      type: 'text',
      access: { read: ownerOrAdminField, update: never },
      admin: { readOnly: true },
    },
    { name: 'playbackId', type: 'text', access: { update: never } },
    {
      name: 'recordingAsset',
      type: 'relationship',
      relationTo: 'video-assets',
      access: { update: never },
    },
  ],
}

import type { CollectionConfig } from 'payload'

import { adminsOrOwn, never } from '../access'
import { ownedByUser } from '../fields/relations'
import { toOptions } from '../lib/constants'

export const VIDEO_STATUSES = ['waiting', 'preparing', 'ready', 'errored'] as const

/** The owning educator and admins; students get playback through the lesson's playback endpoint. */
const ownerOrAdmin = adminsOrOwn('owner', 'educator')

/**
 * A Mux asset: created with a direct upload (or a live recording), filled in by Mux webhooks.
 * Status only moves forward (waiting → preparing → ready | errored).
 */
export const VideoAssets: CollectionConfig = {
  slug: 'video-assets',
  admin: { defaultColumns: ['id', 'status', 'duration', 'owner', 'lesson', 'createdAt'] },
  access: { read: ownerOrAdmin, create: never, update: never, delete: ownerOrAdmin },
  fields: [
    ownedByUser('owner'),
    { name: 'lesson', type: 'relationship', relationTo: 'lessons', index: true },
    { name: 'liveStream', type: 'relationship', relationTo: 'live-streams', index: true },
    { name: 'muxUploadId', type: 'text', unique: true, index: true },
    { name: 'muxAssetId', type: 'text', unique: true, index: true },
    { name: 'playbackId', type: 'text' },
    {
      name: 'playbackPolicy',
      type: 'select',
      defaultValue: 'public',
      options: toOptions(['public', 'signed']),
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'waiting',
      index: true,
      options: toOptions(VIDEO_STATUSES),
    },
    { name: 'duration', type: 'number', admin: { description: 'Seconds' } },
    { name: 'aspectRatio', type: 'text' },
    { name: 'errorMessage', type: 'text' },
    {
      name: 'captions',
      type: 'array',
      fields: [
        {
          name: 'language',
          type: 'select',
          required: true,
          options: toOptions(['en', 'es']),
        },
        { name: 'name', type: 'text' },
        { name: 'trackId', type: 'text' },
        {
          name: 'status',
          type: 'select',
          defaultValue: 'preparing',
          options: toOptions(['preparing', 'ready', 'errored']),
        },
      ],
    },
  ],
}

import type { CollectionConfig } from 'payload'

import { admins, adminsOrOwner } from '../access'

/** Lesson videos on Mux. The upload and webhook flow arrives with the video work. */
export const VideoAssets: CollectionConfig = {
  slug: 'video-assets',
  admin: { defaultColumns: ['id', 'status', 'duration', 'owner', 'createdAt'] },
  access: { read: adminsOrOwner, create: admins, update: admins, delete: adminsOrOwner },
  fields: [
    {
      name: 'owner',
      type: 'relationship',
      relationTo: 'users',
      required: true,
      index: true,
      custom: { onUserDelete: 'cascade' },
    },
    { name: 'muxUploadId', type: 'text', index: true },
    { name: 'muxAssetId', type: 'text', index: true },
    { name: 'playbackId', type: 'text' },
    {
      name: 'status',
      type: 'select',
      defaultValue: 'waiting',
      options: ['waiting', 'preparing', 'ready', 'errored'].map((value) => ({
        label: value,
        value,
      })),
    },
    { name: 'duration', type: 'number' },
    { name: 'aspectRatio', type: 'text' },
    {
      name: 'captions',
      type: 'array',
      fields: [
        {
          name: 'language',
          type: 'select',
          options: ['en', 'es'].map((v) => ({ label: v, value: v })),
        },
        { name: 'trackId', type: 'text' },
        { name: 'status', type: 'text' },
      ],
    },
  ],
}

import path from 'node:path'
import type { CollectionBeforeChangeHook, CollectionConfig } from 'payload'

import { adminField, adminsOrOwner, anyone, authenticated } from '../access'
import { catalogChanged, catalogRowDeleted } from '../hooks/catalog'

export const MEDIA_DIR = process.env.MEDIA_DIR || path.resolve(process.cwd(), 'media')

/** The uploader owns an upload; only an admin may name someone else (or change it later). */
const setOwner: CollectionBeforeChangeHook = ({ data, operation, req }) => {
  const admin = req.user?.role === 'admin'
  if (operation === 'create' && req.user && (!admin || !data.owner)) data.owner = req.user.id
  return data
}

/** Images: profile pictures, course thumbnails. Public to read; owner or admin edits. */
export const Media: CollectionConfig = {
  slug: 'media',
  access: {
    read: anyone,
    create: authenticated,
    update: adminsOrOwner,
    delete: adminsOrOwner,
  },
  hooks: {
    beforeChange: [setOwner],
    // Thumbnails are on catalog cards.
    afterChange: [catalogChanged],
    afterDelete: [catalogRowDeleted],
  },
  upload: {
    staticDir: MEDIA_DIR,
    mimeTypes: ['image/png', 'image/jpeg', 'image/webp', 'image/gif'],
    resizeOptions: { width: 1600, height: 1600, fit: 'inside', withoutEnlargement: true },
    imageSizes: [
      { name: 'thumbnail', width: 256, height: 256, position: 'centre' },
      { name: 'card', width: 640, height: 360, position: 'centre' },
    ],
    adminThumbnail: 'thumbnail',
  },
  fields: [
    { name: 'alt', type: 'text', maxLength: 300 },
    {
      name: 'owner',
      type: 'relationship',
      relationTo: 'users',
      index: true,
      access: { update: adminField },
      admin: { readOnly: true, position: 'sidebar' },
      custom: { onUserDelete: 'cascade' },
    },
  ],
}

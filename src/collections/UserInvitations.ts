import type { CollectionConfig } from 'payload'

import { admins, never } from '../access'
import { ownedByUser } from '../fields/relations'

const secret = { read: never, create: never, update: never }

/**
 * An invitation to set a password: written when an institution adds an address without an account
 * to a cohort (src/services/cohorts/members.ts). The token is never stored: it is derived from the
 * row's nonce and the server secret, and only its SHA-256 is kept (src/services/accounts/invitations.ts).
 * Single use, and it expires (INVITATION_EXPIRY_DAYS). Read-only, for admins.
 */
export const UserInvitations: CollectionConfig = {
  slug: 'user-invitations',
  labels: {
    singular: { en: 'Invitation', es: 'Invitación' },
    plural: { en: 'Invitations', es: 'Invitaciones' },
  },
  admin: {
    useAsTitle: 'email',
    defaultColumns: ['email', 'cohort', 'expiresAt', 'acceptedAt', 'createdAt'],
  },
  access: { read: admins, create: never, update: never, delete: never },
  lockDocuments: false,
  fields: [
    { name: 'email', type: 'email', required: true, index: true },
    ownedByUser('user'),
    {
      name: 'cohort',
      type: 'relationship',
      relationTo: 'cohorts',
      index: true,
      admin: { description: 'The cohort the student was added to' },
    },
    {
      name: 'invitedBy',
      type: 'relationship',
      relationTo: 'users',
      custom: { onUserDelete: 'nullify' },
    },
    { name: 'tokenHash', type: 'text', required: true, unique: true, access: secret },
    { name: 'tokenNonce', type: 'text', required: true, access: secret },
    { name: 'expiresAt', type: 'date', required: true },
    { name: 'acceptedAt', type: 'date', admin: { description: 'Empty while pending' } },
  ],
}

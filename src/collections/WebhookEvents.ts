import type { CollectionConfig } from 'payload'

import { admins, never } from '../access'
import { toOptions } from '../lib/constants'

/** Provider event ids already applied: a redelivered event finds its row and does nothing. */
export const WebhookEvents: CollectionConfig = {
  slug: 'webhook-events',
  admin: { defaultColumns: ['provider', 'type', 'eventId', 'createdAt'] },
  access: { read: admins, create: never, update: never, delete: admins },
  indexes: [{ fields: ['provider', 'eventId'], unique: true }],
  fields: [
    {
      name: 'provider',
      type: 'select',
      required: true,
      options: toOptions(['mux', 'stripe']),
    },
    { name: 'eventId', type: 'text', required: true },
    { name: 'type', type: 'text', required: true, index: true },
    { name: 'outcome', type: 'text' },
    {
      name: 'occurredAt',
      type: 'date',
      index: true,
      admin: { description: "The provider's event time (Stripe reconciliation resumes from it)" },
    },
  ],
}

import type { Field, TextField } from 'payload'

import { adminField, never } from '../access'

const isTestKey = !process.env.STRIPE_SECRET_KEY?.startsWith('sk_live_')

/**
 * A Stripe object id the server records (never written over any API, read by admins only), with
 * the Stripe plugin's "View in Stripe" link beside it in the admin.
 */
export const stripeId = (
  name: string,
  resource: string,
  overrides: Partial<Pick<TextField, 'index' | 'unique'>> = {},
): Field[] => [
  {
    name,
    type: 'text',
    ...overrides,
    access: { read: adminField, create: never, update: never },
    admin: { readOnly: true, position: 'sidebar' },
  },
  {
    name: `${name}Link`,
    type: 'ui',
    admin: {
      position: 'sidebar',
      components: { Field: '@payloadcms/plugin-stripe/client#LinkToDoc' },
      custom: { nameOfIDField: name, stripeResourceType: resource, isTestKey },
    },
  },
]

import type { CollectionConfig } from 'payload'

import { admins, anyone, never } from '../access'
import { SUBSCRIPTION_PLANS, toOptions } from '../lib/constants'

/**
 * The platform's share of a sale by the educator's plan (seeded basic 10, pro 6, enterprise 0 by
 * the payments migration). Admins edit them; each sale records the percentage it was charged at,
 * so a change applies to later sales only.
 */
export const PlatformFees: CollectionConfig = {
  slug: 'platform-fees',
  admin: { group: 'Payments', useAsTitle: 'plan', defaultColumns: ['plan', 'feePercentage'] },
  access: { read: anyone, create: admins, update: admins, delete: never },
  fields: [
    {
      name: 'plan',
      type: 'select',
      required: true,
      unique: true,
      options: toOptions(SUBSCRIPTION_PLANS),
    },
    { name: 'feePercentage', type: 'number', required: true, min: 0, max: 100 },
  ],
}

import type { CollectionConfig } from 'payload'

import { adminsOrOwn, never } from '../access'
import { toOptions } from '../lib/constants'
import { CURRENCIES } from '../lib/money'
import { keptRecordOf } from '../fields/relations'
import { stripeId } from '../fields/stripe'

export const PAYOUT_STATUSES = ['pending', 'paid', 'failed'] as const

/**
 * A withdrawal of an educator's earnings to their Stripe Connect account. The platform fee was
 * kept at each sale, so a payout moves net earnings: `platformFee` is 0 and `netAmount` the amount.
 */
export const Payouts: CollectionConfig = {
  slug: 'payouts',
  admin: { group: 'Payments', defaultColumns: ['educator', 'amount', 'status', 'createdAt'] },
  access: { read: adminsOrOwn('educator'), create: never, update: never, delete: never },
  indexes: [{ fields: ['educator', 'status'] }],
  fields: [
    keptRecordOf('educator'),
    { name: 'amount', type: 'number', required: true, min: 1 },
    { name: 'platformFee', type: 'number', required: true, defaultValue: 0 },
    { name: 'netAmount', type: 'number', required: true },
    { name: 'currency', type: 'select', required: true, options: toOptions(CURRENCIES) },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'pending',
      options: toOptions(PAYOUT_STATUSES),
    },
    { name: 'failureMessage', type: 'text' },
    { name: 'paidAt', type: 'date' },
    ...stripeId('stripeTransferId', 'connect/transfers'),
  ],
  timestamps: true,
}

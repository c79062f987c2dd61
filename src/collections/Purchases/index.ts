import type { Access, CollectionConfig } from 'payload'

import { adminsOrOwn, hasRole, never } from '../../access'
import { CURRENCIES } from '../../lib/money'
import { toOptions } from '../../lib/constants'
import { validateListQuery } from '../../lib/pagination'
import { stripeId } from '../../fields/stripe'
import { keptRecordOf } from '../../fields/relations'
import { recordSale } from '../../hooks/analytics'

export const PURCHASE_STATUSES = ['pending', 'completed', 'refunded', 'failed'] as const

/** Admins: every sale. Students: what they bought. Educators: sales of their courses. */
const buyerOrSeller: Access = (args) => {
  const { user } = args.req
  if (hasRole(user, 'educator')) return adminsOrOwn('educator')(args)
  return adminsOrOwn('student', 'student', 'admin')(args)
}

const money = (name: string, description?: string) =>
  ({ name, type: 'number', required: true, min: 0, admin: { description } }) as const

/**
 * A course sale. Written only by the payment services and the Stripe webhook (money records are
 * never edited over an API); the fee is the educator's plan at the time of sale.
 */
export const Purchases: CollectionConfig = {
  slug: 'purchases',
  admin: {
    group: 'Payments',
    defaultColumns: ['course', 'student', 'amount', 'status', 'createdAt'],
  },
  access: { read: buyerOrSeller, create: never, update: never, delete: never },
  hooks: { beforeOperation: [validateListQuery], afterChange: [recordSale] },
  fields: [
    // Money records outlive accounts and courses: a deleted user or course leaves the sale, unlinked.
    keptRecordOf('student'),
    {
      ...keptRecordOf('educator'),
      admin: { description: "The course's educator at the time of sale (who is paid)" },
    },
    { name: 'course', type: 'relationship', relationTo: 'courses', index: true },
    { name: 'courseTitle', type: 'text', admin: { readOnly: true } },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'pending',
      index: true,
      options: toOptions(PURCHASE_STATUSES),
    },
    money('amount', 'Charged, in minor units (cents)'),
    { name: 'currency', type: 'select', required: true, options: toOptions(CURRENCIES) },
    { name: 'feePercentage', type: 'number', required: true, min: 0, max: 100 },
    money('platformFee', 'Kept by the platform, in minor units'),
    money('netAmount', "The educator's share, in minor units"),
    { name: 'completedAt', type: 'date' },
    { name: 'refundedAt', type: 'date' },
    ...stripeId('stripeCheckoutSessionId', 'checkout/sessions', { unique: true }),
    ...stripeId('stripePaymentIntentId', 'payments', { index: true }),
    ...stripeId('stripeChargeId', 'payments'),
  ],
  timestamps: true,
}

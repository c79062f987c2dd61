import type { CollectionConfig } from 'payload'

import { adminsOrOwn, never } from '../access'
import { SUBSCRIPTION_PLANS, toOptions } from '../lib/constants'
import { keptRecordOf } from '../fields/relations'
import { stripeId } from '../fields/stripe'
import { SUBSCRIPTION_STATUSES } from '../services/payments/subscriptionState'

/** An educator's plan subscription, mirrored from Stripe by the webhook (never edited here). */
export const EducatorSubscriptions: CollectionConfig = {
  slug: 'educator-subscriptions',
  admin: {
    group: 'Payments',
    defaultColumns: ['educator', 'plan', 'status', 'currentPeriodEnd', 'cancelAtPeriodEnd'],
  },
  access: { read: adminsOrOwn('educator'), create: never, update: never, delete: never },
  fields: [
    keptRecordOf('educator'),
    { name: 'plan', type: 'select', required: true, options: toOptions(SUBSCRIPTION_PLANS) },
    { name: 'status', type: 'select', required: true, options: toOptions(SUBSCRIPTION_STATUSES) },
    { name: 'currentPeriodEnd', type: 'date' },
    { name: 'cancelAtPeriodEnd', type: 'checkbox', defaultValue: false },
    ...stripeId('stripeSubscriptionId', 'subscriptions', { unique: true }),
  ],
  timestamps: true,
}

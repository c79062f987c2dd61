import type { CollectionConfig } from 'payload'

import { adminsOrOwn, never } from '../access'
import { toOptions } from '../lib/constants'
import { keptRecordOf } from '../fields/relations'
import { stripeId } from '../fields/stripe'
import { SUBSCRIPTION_STATUSES } from '../services/payments/subscriptionState'

/**
 * An institution's seat subscription (seats = the Stripe subscription item's quantity), mirrored
 * from Stripe by the webhook. Each student in the institution's cohorts with a paid course uses a
 * seat (src/services/payments/seats.ts).
 */
export const Licenses: CollectionConfig = {
  slug: 'licenses',
  admin: {
    group: 'Payments',
    defaultColumns: ['institution', 'seats', 'status', 'currentPeriodEnd'],
  },
  access: { read: adminsOrOwn('institution'), create: never, update: never, delete: never },
  fields: [
    keptRecordOf('institution'),
    { name: 'seats', type: 'number', required: true, min: 0, defaultValue: 0 },
    { name: 'status', type: 'select', required: true, options: toOptions(SUBSCRIPTION_STATUSES) },
    { name: 'currentPeriodEnd', type: 'date' },
    { name: 'cancelAtPeriodEnd', type: 'checkbox', defaultValue: false },
    ...stripeId('stripeSubscriptionId', 'subscriptions', { unique: true }),
  ],
  timestamps: true,
}

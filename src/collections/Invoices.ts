import type { CollectionConfig } from 'payload'

import { adminsOrOwn, never } from '../access'
import { toOptions } from '../lib/constants'
import { CURRENCIES } from '../lib/money'
import { keptRecordOf } from '../fields/relations'
import { stripeId } from '../fields/stripe'

export const INVOICE_STATUSES = ['draft', 'open', 'paid', 'uncollectible', 'void'] as const

/** Subscription invoices (educator plans, institution seats) as the `invoice.*` webhooks report them. */
export const Invoices: CollectionConfig = {
  slug: 'invoices',
  admin: {
    group: 'Payments',
    useAsTitle: 'number',
    defaultColumns: ['number', 'customer', 'status', 'amountDue', 'periodEnd'],
  },
  access: { read: adminsOrOwn('customer'), create: never, update: never, delete: never },
  fields: [
    keptRecordOf('customer'),
    { name: 'number', type: 'text' },
    { name: 'status', type: 'select', required: true, options: toOptions(INVOICE_STATUSES) },
    { name: 'amountDue', type: 'number', required: true, defaultValue: 0 },
    { name: 'amountPaid', type: 'number', required: true, defaultValue: 0 },
    { name: 'currency', type: 'select', required: true, options: toOptions(CURRENCIES) },
    { name: 'hostedInvoiceUrl', type: 'text' },
    { name: 'periodStart', type: 'date' },
    { name: 'periodEnd', type: 'date' },
    ...stripeId('stripeInvoiceId', 'invoices', { unique: true }),
    ...stripeId('stripeSubscriptionId', 'subscriptions', { index: true }),
  ],
  timestamps: true,
}

import type { PayloadRequest } from 'payload'
import type Stripe from 'stripe'

import { lockRow } from '../../lib/locks'
import type { Invoice } from '../../payload-types'
import { userOfCustomer } from './customers'
import { requireStripe } from './stripe'

const INVOICE_STATUSES = ['draft', 'open', 'paid', 'uncollectible', 'void'] as const
const isoFromUnix = (seconds: number | null | undefined) =>
  typeof seconds === 'number' ? new Date(seconds * 1000).toISOString() : null

/** The subscription an invoice bills, if any. */
export const subscriptionOfInvoice = (invoice: Stripe.Invoice) => {
  const subscription = invoice.parent?.subscription_details?.subscription
  return typeof subscription === 'string' ? subscription : (subscription?.id ?? null)
}

/**
 * invoice.paid | payment_failed | finalized: the invoice as Stripe has it now (re-read, so a late
 * `finalized` cannot undo `paid`), recorded for the customer it bills, once per Stripe invoice.
 */
export async function syncInvoice(req: PayloadRequest, fromEvent: Stripe.Invoice) {
  if (!fromEvent.id) return 'no invoice id'
  const invoice = await requireStripe().invoices.retrieve(fromEvent.id)
  const customer = await userOfCustomer(
    req,
    typeof invoice.customer === 'string' ? invoice.customer : invoice.customer?.id,
  )
  if (!customer) return 'unknown customer'
  await lockRow(req, 'users', customer.id)
  const status = (INVOICE_STATUSES as readonly string[]).includes(invoice.status ?? '')
    ? (invoice.status as Invoice['status'])
    : 'open'
  const data = {
    customer: customer.id,
    number: invoice.number ?? null,
    status,
    amountDue: invoice.amount_due,
    amountPaid: invoice.amount_paid,
    currency: invoice.currency as Invoice['currency'],
    hostedInvoiceUrl: invoice.hosted_invoice_url ?? null,
    periodStart: isoFromUnix(invoice.period_start),
    periodEnd: isoFromUnix(invoice.period_end),
    stripeSubscriptionId: subscriptionOfInvoice(invoice),
  }
  const { docs } = await req.payload.find({
    collection: 'invoices',
    where: { stripeInvoiceId: { equals: invoice.id } },
    limit: 1,
    depth: 0,
    overrideAccess: true, // Stripe webhook: the verified signature is the authorization
    req,
  })
  if (docs[0]) {
    await req.payload.update({
      collection: 'invoices',
      id: docs[0].id,
      data,
      depth: 0,
      overrideAccess: true,
      req,
    })
  } else {
    await req.payload.create({
      collection: 'invoices',
      data: { ...data, stripeInvoiceId: invoice.id },
      depth: 0,
      overrideAccess: true, // Stripe webhook: the verified signature is the authorization
      req,
    })
  }
  return `invoice ${status}`
}

/** GET /api/institutions/:id/invoices — newest period first. */
export async function listInvoices(
  req: PayloadRequest,
  customerId: string,
  { page, limit }: { page: number; limit: number },
) {
  const result = await req.payload.find({
    collection: 'invoices',
    where: { customer: { equals: customerId } },
    sort: '-periodEnd',
    page,
    limit,
    depth: 0,
    overrideAccess: false,
    user: req.user,
    req,
  })
  return {
    ...result,
    docs: result.docs.map((i) => ({
      id: i.id,
      number: i.number ?? null,
      status: i.status,
      amountDue: i.amountDue,
      amountPaid: i.amountPaid,
      currency: i.currency,
      hostedInvoiceUrl: i.hostedInvoiceUrl ?? null,
      periodStart: i.periodStart ?? null,
      periodEnd: i.periodEnd ?? null,
    })),
  }
}

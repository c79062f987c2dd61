import { and, eq, inArray, sql } from '@payloadcms/db-postgres/drizzle'
import { createLocalReq, type Payload, type PayloadRequest } from 'payload'
import type Stripe from 'stripe'

import { enqueue } from '../../jobs/enqueue'
import { badRequest, conflict } from '../../lib/errors'
import { withTransaction } from '../../lib/http'
import { lockAndRead, lockRow } from '../../lib/locks'
import { idOf } from '../../lib/ids'
import { formatMoney, type Currency } from '../../lib/money'
import { table, transactionDb } from '../../lib/sql'
import type { Payout, User } from '../../payload-types'
import { requireStripe, publicUrl, isStripeError, stripeFailure } from './stripe'

export const PAYOUT_CURRENCY: Currency = 'usd'
export const payoutMinimum = () => Number(process.env.PAYOUT_MINIMUM_CENTS || 1000)

/**
 * GET /api/educators/:id/stripe-connect/onboard: the educator's Express account (created once:
 * row lock + idempotency key) and a fresh onboarding link.
 */
export async function connectOnboarding(req: PayloadRequest, educator: User) {
  const stripe = requireStripe()
  try {
    const accountId = await withTransaction(req, async () => {
      const [row] = await lockAndRead(req, 'users', [educator.id], 'write', [
        'educatorProfile_stripeConnectId',
      ])
      if (row?.educatorProfile_stripeConnectId) return String(row.educatorProfile_stripeConnectId)
      const account = await stripe.accounts.create(
        {
          type: 'express',
          email: educator.email,
          capabilities: { transfers: { requested: true } },
          metadata: { educatorId: educator.id },
        },
        { idempotencyKey: `connect-${educator.id}` },
      )
      const users = table(req, 'users', ['id', 'educatorProfile_stripeConnectId'])
      await (
        await transactionDb(req)
      )
        .update(users)
        .set({ educatorProfile_stripeConnectId: account.id })
        .where(eq(users.id, educator.id))
      return account.id
    })
    const link = await stripe.accountLinks.create({
      account: accountId,
      type: 'account_onboarding',
      refresh_url: publicUrl(`/api/educators/${educator.id}/stripe-connect/onboard`),
      return_url: publicUrl('/dashboard?connect=done'),
    })
    return { url: link.url, accountId }
  } catch (err) {
    throw stripeFailure(err)
  }
}

/** account.updated: whether Stripe lets the educator's account receive payouts now. */
export async function applyAccountUpdate(req: PayloadRequest, account: Stripe.Account) {
  const users = table(req, 'users', [
    'id',
    'educatorProfile_stripeConnectId',
    'educatorProfile_payoutsEnabled',
  ])
  const db = await transactionDb(req)
  // The account as Stripe has it now: an older event delivered late cannot turn payouts off.
  const current = await requireStripe().accounts.retrieve(account.id)
  const updated = await db
    .update(users)
    .set({ educatorProfile_payoutsEnabled: Boolean(current.payouts_enabled) })
    .where(eq(users.educatorProfile_stripeConnectId, account.id))
    .returning({ id: users.id })
  return updated.length
    ? `payouts ${current.payouts_enabled ? 'enabled' : 'disabled'}`
    : 'unknown account'
}

/** Available = net of completed sales − payouts pending or paid (refunded sales are not completed). */
export async function availableBalance(
  req: PayloadRequest,
  educatorId: string,
  currency = PAYOUT_CURRENCY,
) {
  const purchases = table(req, 'purchases', ['educator', 'status', 'currency', 'netAmount'])
  const payouts = table(req, 'payouts', ['educator', 'status', 'currency', 'amount'])
  const db = await transactionDb(req)
  const [earned] = await db
    .select({ total: sql<string>`coalesce(sum(${purchases.netAmount}), 0)` })
    .from(purchases)
    .where(
      and(
        eq(purchases.educator, educatorId),
        eq(purchases.status, 'completed'),
        eq(purchases.currency, currency),
      ),
    )
  const [paidOut] = await db
    .select({ total: sql<string>`coalesce(sum(${payouts.amount}), 0)` })
    .from(payouts)
    .where(
      and(
        eq(payouts.educator, educatorId),
        inArray(payouts.status, ['pending', 'paid']),
        eq(payouts.currency, currency),
      ),
    )
  return Math.max(0, Number(earned?.total ?? 0) - Number(paidOut?.total ?? 0))
}

const payoutView = (p: Payout) => ({
  id: p.id,
  amount: p.amount,
  platformFee: p.platformFee,
  netAmount: p.netAmount,
  currency: p.currency,
  status: p.status,
  failureMessage: p.failureMessage ?? null,
  paidAt: p.paidAt ?? null,
  createdAt: p.createdAt,
})

/** GET /api/educators/:id/payouts */
export async function payoutsOf(
  req: PayloadRequest,
  educatorId: string,
  { page, limit }: { page: number; limit: number },
) {
  const list = await req.payload.find({
    collection: 'payouts',
    where: { educator: { equals: educatorId } },
    sort: '-createdAt',
    page,
    limit,
    depth: 0,
    overrideAccess: false,
    user: req.user,
    req,
  })
  return {
    balance: { available: await availableBalance(req, educatorId), currency: PAYOUT_CURRENCY },
    payouts: { ...list, docs: list.docs.map(payoutView) },
  }
}

/**
 * POST /api/educators/:id/payouts/withdraw {amount?}: under the educator's row lock (parallel
 * withdrawals run one after the other, each seeing the others' payouts), a pending payout row and
 * its transfer job in one transaction; the job moves the money (src/jobs/payments.ts).
 */
export async function withdraw(req: PayloadRequest, educator: User, amount?: number) {
  const payout = await withTransaction(req, async () => {
    const [row] = await lockAndRead(req, 'users', [educator.id], 'write', [
      'educatorProfile_stripeConnectId',
      'educatorProfile_payoutsEnabled',
    ])
    if (!row?.educatorProfile_stripeConnectId || !row.educatorProfile_payoutsEnabled) {
      throw conflict(
        `Payouts are not enabled yet: finish Stripe onboarding at GET /api/educators/${educator.id}/stripe-connect/onboard`,
      )
    }
    const available = await availableBalance(req, educator.id)
    const requested = amount ?? available
    const minimum = payoutMinimum()
    if (requested > available) {
      throw badRequest(
        `amount: ${formatMoney(requested, PAYOUT_CURRENCY)} is more than the available ${formatMoney(available, PAYOUT_CURRENCY)}`,
        { fields: ['amount'] },
      )
    }
    if (requested < minimum) {
      throw badRequest(
        `amount: the minimum payout is ${formatMoney(minimum, PAYOUT_CURRENCY)} (available: ${formatMoney(available, PAYOUT_CURRENCY)})`,
        { fields: ['amount'] },
      )
    }
    const doc = await req.payload.create({
      collection: 'payouts',
      data: {
        educator: educator.id,
        amount: requested,
        platformFee: 0,
        netAmount: requested,
        currency: PAYOUT_CURRENCY,
        status: 'pending',
      },
      depth: 0,
      overrideAccess: true, // payouts are written only here and by the transfer job
      req,
    })
    await enqueue(req, 'payout.transfer', { payoutId: doc.id }, { key: `payout-${doc.id}` })
    return doc
  })
  return payoutView(payout)
}

/**
 * The transfer job: one Stripe transfer per payout (idempotency key = the payout id, so a rerun
 * after a crash gets the same transfer back), then the payout is paid. A refusal by Stripe marks
 * it failed, which returns the amount to the balance; an outage throws, and the job retries.
 */
export async function transferPayout(payload: Payload, payoutId: string) {
  const req = await createLocalReq({}, payload)
  const payout = await payload.findByID({
    collection: 'payouts',
    id: payoutId,
    depth: 0,
    disableErrors: true,
    overrideAccess: true,
    req,
  })
  if (!payout || payout.status !== 'pending') return { outcome: payout?.status ?? 'gone' }
  const educatorId = idOf(payout.educator)
  const educator = educatorId
    ? await payload.findByID({
        collection: 'users',
        id: educatorId,
        depth: 0,
        disableErrors: true,
        overrideAccess: true,
        req,
      })
    : null
  const destination = educator?.educatorProfile?.stripeConnectId
  let update: Partial<Payout>
  try {
    if (!destination) throw new Error('The educator has no connected Stripe account')
    const transfer = await requireStripe().transfers.create(
      {
        amount: payout.amount,
        currency: payout.currency,
        destination,
        transfer_group: `payout-${payout.id}`,
        metadata: { payoutId: payout.id, educatorId: String(educatorId) },
      },
      { idempotencyKey: payout.id },
    )
    update = { status: 'paid', paidAt: new Date().toISOString(), stripeTransferId: transfer.id }
  } catch (err) {
    if (destination && !refusedByStripe(err)) throw err
    update = { status: 'failed', failureMessage: err instanceof Error ? err.message : String(err) }
  }
  await withTransaction(req, async () => {
    // The balance changes with the payout's status: under the educator's lock, as withdraw reads it.
    if (educatorId) await lockRow(req, 'users', educatorId)
    await payload.update({
      collection: 'payouts',
      id: payout.id,
      data: update,
      depth: 0,
      overrideAccess: true, // the transfer job records its outcome
      req,
    })
  })
  return { outcome: update.status }
}

/** Stripe said no (4xx other than rate limiting): retrying the same request cannot succeed. */
const refusedByStripe = (err: unknown) =>
  isStripeError(err) &&
  typeof err.statusCode === 'number' &&
  err.statusCode >= 400 &&
  err.statusCode < 500 &&
  err.statusCode !== 429

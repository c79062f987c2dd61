import { eq } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

import { withTransaction } from '../../lib/http'
import { lockAndRead } from '../../lib/locks'
import { table, transactionDb } from '../../lib/sql'
import type { User } from '../../payload-types'
import { requireStripe } from './stripe'

/**
 * The user's Stripe customer, created on first payment (never at signup: Stripe being down must
 * not block an account) and reused. The user row lock and the idempotency key make two parallel
 * checkouts share one customer.
 */
export async function stripeCustomerFor(
  req: PayloadRequest,
  user: Pick<User, 'id' | 'email' | 'fullName'>,
) {
  const stripe = requireStripe()
  return withTransaction(req, async () => {
    const [row] = await lockAndRead(req, 'users', [user.id], 'write', ['stripeCustomerId'])
    if (row?.stripeCustomerId) return String(row.stripeCustomerId)
    const customer = await stripe.customers.create(
      { email: user.email, name: user.fullName, metadata: { userId: user.id } },
      { idempotencyKey: `customer-${user.id}` },
    )
    const users = table(req, 'users', ['id', 'stripeCustomerId'])
    await (
      await transactionDb(req)
    )
      .update(users)
      .set({ stripeCustomerId: customer.id })
      .where(eq(users.id, user.id))
    return customer.id
  })
}

/** The user a Stripe customer id belongs to. */
export async function userOfCustomer(req: PayloadRequest, customerId: unknown) {
  if (typeof customerId !== 'string' || !customerId) return null
  const { docs } = await req.payload.find({
    collection: 'users',
    where: { stripeCustomerId: { equals: customerId } },
    limit: 1,
    depth: 0,
    overrideAccess: true, // webhook: the verified signature is the authorization
    req,
  })
  return docs[0] ?? null
}

import type { PayloadRequest } from 'payload'

import { idOf } from '../../lib/ids'
import { isPlan, splitSale, type Plan } from './subscriptionState'

/** Used only if an admin deleted a plan's row: the seeded percentages. */
const SEEDED_FEES: Record<Plan, number> = { basic: 10, pro: 6, enterprise: 0 }

export async function feePercentageFor(req: PayloadRequest, plan: Plan) {
  const { docs } = await req.payload.find({
    collection: 'platform-fees',
    where: { plan: { equals: plan } },
    limit: 1,
    depth: 0,
    overrideAccess: true, // platform fees are public
    req,
  })
  return docs[0] ? Number(docs[0].feePercentage) : SEEDED_FEES[plan]
}

/** The plan an educator is on now (kept on their profile by the subscription webhooks). */
export async function educatorPlan(req: PayloadRequest, educatorId: string): Promise<Plan> {
  const educator = await req.payload.findByID({
    collection: 'users',
    id: educatorId,
    depth: 0,
    select: { educatorProfile: { subscriptionPlan: true } },
    disableErrors: true,
    overrideAccess: true, // the fee rule reads the seller's plan on the buyer's behalf
    req,
  })
  const plan = educator?.educatorProfile?.subscriptionPlan
  return isPlan(plan) ? plan : 'basic'
}

/** The fee a sale of this educator's course pays now, and the split of `amount`. */
export async function saleTerms(req: PayloadRequest, educator: unknown, amount: number) {
  const educatorId = idOf(educator)
  const feePercentage = await feePercentageFor(
    req,
    educatorId ? await educatorPlan(req, String(educatorId)) : 'basic',
  )
  return { feePercentage, ...splitSale(amount, feePercentage) }
}

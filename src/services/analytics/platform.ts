import type { CollectionSlug, PayloadRequest, Where } from 'payload'

import { isAdminUser } from '../../access'
import { ROLES, type Role } from '../../lib/constants'
import { forbidden } from '../../lib/errors'
import { now } from './clock'
import { revenueOf, salesByDay } from './metrics'
import { REPORTING_CURRENCY } from './rollup'

const DAY = 86_400_000

/** Admins only: the totals below span every user, and the Local API alone would let others count some. */
function requireAdmin(req: PayloadRequest) {
  if (!isAdminUser(req.user)) throw forbidden()
}

const count = async (req: PayloadRequest, collection: CollectionSlug, where?: Where) =>
  (await req.payload.count({ collection, where, overrideAccess: false, req })).totalDocs

/**
 * The platform at a glance, for admins: counts through the Local API with the caller's access
 * (admins only), revenue from the analytics sales (metrics.ts) over every course.
 */
export async function platformOverview(req: PayloadRequest) {
  requireAdmin(req)
  const usersByRole = {} as Record<Role, number>
  for (const role of ROLES)
    usersByRole[role] = await count(req, 'users', { role: { equals: role } })
  const revenue = revenueOf(await salesByDay(req, null))
  return {
    usersByRole,
    courses: await count(req, 'courses'),
    publishedCourses: await count(req, 'courses', { _status: { equals: 'published' } }),
    enrollments: await count(req, 'enrollments'),
    revenue: {
      gross: revenue.gross,
      refunds: revenue.refunds,
      platformFees: revenue.platformFees,
      net: revenue.net,
      currency: REPORTING_CURRENCY,
    },
  }
}

/**
 * What needs an operator: jobs that used up their retries, and the outbox's backlog (jobs
 * committed but not yet handed to the queue, and those it gave up on). Webhook events are applied
 * in the transaction that records them, so they have no backlog; the last day's count shows they
 * arrive.
 */
export async function operationsOverview(req: PayloadRequest) {
  requireAdmin(req)
  const since = { greater_than_equal: new Date(now().getTime() - DAY).toISOString() }
  const failures = await req.payload.find({
    collection: 'job-failures',
    sort: '-failedAt',
    limit: 5,
    depth: 0,
    overrideAccess: false,
    req,
  })
  const [oldestPending] = (
    await req.payload.find({
      collection: 'outbox',
      where: { status: { equals: 'pending' } },
      sort: 'createdAt',
      limit: 1,
      depth: 0,
      overrideAccess: false,
      req,
    })
  ).docs
  return {
    failedJobs: {
      total: failures.totalDocs,
      lastDay: await count(req, 'job-failures', { failedAt: since }),
      recent: failures.docs.map((f) => ({
        id: f.id,
        jobName: f.jobName,
        queue: f.queue,
        error: f.error ?? null,
        failedAt: f.failedAt ?? f.createdAt,
      })),
    },
    outbox: {
      pending: await count(req, 'outbox', { status: { equals: 'pending' } }),
      failed: await count(req, 'outbox', { status: { equals: 'failed' } }),
      oldestPendingAt: oldestPending?.createdAt ?? null,
    },
    webhookEventsLastDay: await count(req, 'webhook-events', { createdAt: since }),
  }
}

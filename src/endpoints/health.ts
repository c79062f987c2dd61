import { z } from 'zod'

import { json } from '../lib/http'
import { getRedis } from '../lib/redis'
import { execute, sql } from '../lib/sql'
import { lastWorkerBeat, WORKER_SILENT_AFTER_MS } from '../jobs/heartbeat'
import { notApplied } from '../lib/migrations'
import type { DocumentedEndpoint } from '../openapi/operation'

const check = z.object({ ok: z.boolean(), detail: z.string().optional() })

const withinTwoSeconds = <T>(promise: Promise<T>) =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('no answer in 2 s')), 2000),
    ),
  ])

/** What a load balancer asks before sending traffic: can this instance do its work now? */
async function readiness(req: Parameters<DocumentedEndpoint['handler']>[0]) {
  const checks: Record<string, z.infer<typeof check>> = {}
  try {
    const applied = await execute<{ name: string }>(
      req,
      sql`select name from payload_migrations where batch > 0`,
    )
    const missing = notApplied(applied.map((m) => m.name))
    checks.database = { ok: true }
    checks.migrations = missing.length
      ? { ok: false, detail: `not applied: ${missing.join(', ')}` }
      : { ok: true }
  } catch (err) {
    checks.database = { ok: false, detail: (err as Error).message.split('\n')[0] }
  }
  const redis = getRedis()
  if (redis) {
    try {
      const lastBeat = await withinTwoSeconds(lastWorkerBeat(redis))
      checks.redis = { ok: true }
      // With Redis, jobs (certificates, emails, payouts) run only in worker processes.
      const silentFor = lastBeat === null ? null : Date.now() - lastBeat
      checks.worker =
        silentFor !== null && silentFor < WORKER_SILENT_AFTER_MS
          ? { ok: true }
          : {
              ok: false,
              detail:
                silentFor === null
                  ? 'no worker has reported (npm run worker)'
                  : `no worker heard from for ${Math.round(silentFor / 1000)} s`,
            }
    } catch (err) {
      checks.redis = { ok: false, detail: (err as Error).message }
    }
  }
  return { ready: Object.values(checks).every((c) => c.ok), checks }
}

export const healthEndpoints: DocumentedEndpoint[] = [
  {
    path: '/health',
    method: 'get',
    custom: {
      openapi: {
        tags: ['operations'],
        summary: 'Liveness: the process answers',
        description: 'For a container healthcheck; touches nothing else.',
        access: 'public',
        responses: { 200: { description: 'Alive', schema: z.object({ status: z.literal('ok') }) } },
      },
    },
    handler: async () => json({ status: 'ok' }, 200, { 'Cache-Control': 'no-store' }),
  },
  {
    path: '/ready',
    method: 'get',
    custom: {
      openapi: {
        tags: ['operations'],
        summary:
          'Readiness: the database answers, every migration is applied, Redis and a worker answer',
        description: '200 when this instance can serve; 503 with what is not ready otherwise.',
        access: 'public',
        responses: {
          200: {
            description: 'Ready',
            schema: z.object({ ready: z.literal(true), checks: z.record(z.string(), check) }),
          },
        },
        errors: {
          503: {
            description: 'Not ready: the failing checks say why',
            schema: z.object({ ready: z.literal(false), checks: z.record(z.string(), check) }),
          },
        },
      },
    },
    handler: async (req) => {
      const result = await readiness(req)
      return json(result, result.ready ? 200 : 503, { 'Cache-Control': 'no-store' })
    },
  },
]

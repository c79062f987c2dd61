import { createHash } from 'node:crypto'
import type { PayloadRequest } from 'payload'

import { afterCommit } from '../../lib/afterCommit'
import { getRedis } from '../../lib/redis'

/**
 * The public catalog (GET /api/courses/explore) answered from memory.
 *
 * Every page is the same for every caller (published courses, card fields only), so a computed
 * page is kept in this process, keyed by the query and the catalog's *generation*: a number that
 * goes up after every committed change a catalog page shows — a course created, edited,
 * published, unpublished or deleted, its enrollment or rating counters recounted, a lesson, an
 * educator's profile, an image or a video. Anonymous course pages (GET /api/courses/:id) are kept
 * the same way. With REDIS_URL the generation lives in Redis (one GET a request),
 * so a change through any instance is seen by all of them at once; without it, in this process.
 *
 * The bump runs after COMMIT (src/lib/afterCommit.ts): a page computed from data read before the
 * commit is stored under the old generation, which no later request asks for. While Redis is
 * unreachable pages are computed and not cached. Entries also expire after ENTRY_TTL_MS, a backstop for
 * a change written outside the app (SQL by hand).
 */

const GENERATION_KEY = 'catalog:generation'
const ENTRY_TTL_MS = 60_000
const MAX_ENTRIES = 500

export type CatalogPage = { body: string; etag: string; totalDocs: number }

let localGeneration = 0
const entries = new Map<string, CatalogPage & { expiresAt: number }>()

/** The current generation, or null when it cannot be known (Redis down): do not cache then. */
async function currentGeneration(): Promise<string | null> {
  const redis = getRedis()
  if (!redis) return String(localGeneration)
  try {
    return (await redis.get(GENERATION_KEY)) ?? '0'
  } catch {
    return null
  }
}

async function bump() {
  localGeneration++
  entries.clear()
  const redis = getRedis()
  if (redis) await redis.incr(GENERATION_KEY)
}

/** After req's transaction commits, every cached catalog page is stale (here and elsewhere). */
export const invalidateCatalog = (req: PayloadRequest) => afterCommit(req, bump)

/** A page's ETag: a hash of its bytes, so any instance gives the same one for the same page. */
export const etagOf = (body: string) =>
  `"${createHash('sha1').update(body).digest('base64url').slice(0, 27)}"`

/** The page for `key` if this process holds it for the current generation; never computes it. */
export async function peekCatalogPage(key: string): Promise<CatalogPage | undefined> {
  return freshEntry(await currentGeneration(), key)
}

const freshEntry = (generation: string | null, key: string) => {
  const hit = generation === null ? undefined : entries.get(`${generation}|${key}`)
  return hit && hit.expiresAt > Date.now() ? hit : undefined
}

/** The page for `key` from memory, or computed by `load` (and kept for the next caller). */
export async function cachedCatalogPage(
  key: string,
  /** The page: a value to serialize, or JSON text as it is. */
  load: () => Promise<{ body: unknown; totalDocs: number }>,
): Promise<CatalogPage> {
  const generation = await currentGeneration()
  const hit = freshEntry(generation, key)
  if (hit) return hit
  const { body, totalDocs } = await load()
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  const page = { body: text, etag: etagOf(text), totalDocs }
  if (generation !== null) {
    const slot = `${generation}|${key}`
    entries.delete(slot)
    entries.set(slot, { ...page, expiresAt: Date.now() + ENTRY_TTL_MS })
    while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!)
  }
  return page
}

/** Tests start from an empty cache. */
export const clearCatalogCache = () => entries.clear()

import type { PayloadRequest } from 'payload'

type Facts = Map<string, Promise<unknown>>

const CACHE = 'requestCache'

/** This request's facts about its current user (services may act as another user on one req). */
const factsOf = (req: PayloadRequest): Facts => {
  let byUser = req.context[CACHE] as Map<string, Facts> | undefined
  if (!byUser) {
    byUser = new Map()
    req.context[CACHE] = byUser
  }
  const user = String(req.user?.id ?? '')
  let facts = byUser.get(user)
  if (!facts) {
    facts = new Map()
    byUser.set(user, facts)
  }
  return facts
}

/**
 * One answer per request for a small, bounded fact ("is the caller a member of community X"),
 * keyed by what it is about. The promise is kept, not the value: Payload evaluates access for
 * every collection, operation and field at once, so callers that arrive before the first answer
 * share its query instead of each running their own. A failed lookup is not kept.
 */
export function memo<T>(req: PayloadRequest, key: string, load: () => Promise<T>): Promise<T> {
  const facts = factsOf(req)
  const known = facts.get(key) as Promise<T> | undefined
  if (known) return known
  const loading = load()
  facts.set(key, loading)
  loading.catch(() => facts.delete(key))
  return loading
}

/** Drops the facts whose keys start with `prefix`, after this request changed them. */
export function forget(req: PayloadRequest, prefix: string) {
  const byUser = req.context[CACHE] as Map<string, Facts> | undefined
  for (const facts of byUser?.values() ?? []) {
    for (const key of facts.keys()) if (key.startsWith(prefix)) facts.delete(key)
  }
}

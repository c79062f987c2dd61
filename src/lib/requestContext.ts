import { AsyncLocalStorage } from 'node:async_hooks'
import { randomUUID } from 'node:crypto'

/**
 * What every log line written while handling a request or a job carries (see the logger's mixin),
 * and the origin the request was made to (not logged).
 */
export type RequestContext = { requestId?: string; job?: string; jobId?: string; origin?: string }

export const requestContext = new AsyncLocalStorage<RequestContext>()

export const currentRequestId = (): string | undefined => requestContext.getStore()?.requestId

// A proxy's id is kept when it looks like one (no spaces or control characters, bounded length).
const acceptableId = /^[A-Za-z0-9._:-]{8,128}$/

/**
 * Wraps a Next route handler: each request gets an id (the proxy's `X-Request-Id` when it sent a
 * sane one), its log lines carry it, jobs it queues keep it, and the answer names it.
 */
export function withRequestId<Args extends [Request, ...unknown[]]>(
  handler: (...args: Args) => Promise<Response>,
) {
  return (...args: Args): Promise<Response> => {
    const incoming = args[0].headers.get('x-request-id')
    const requestId = incoming && acceptableId.test(incoming) ? incoming : randomUUID()
    const { origin } = new URL(args[0].url)
    return requestContext.run({ requestId, origin }, async () => {
      const response = await handler(...args)
      try {
        response.headers.set('X-Request-Id', requestId)
        return response
      } catch {
        // Immutable headers (e.g. a fetched or redirect response): answer a copy.
        const copy = new Response(response.body, response)
        copy.headers.set('X-Request-Id', requestId)
        return copy
      }
    })
  }
}

/** The logger's mixin: request and job ids on every line written inside one. */
export const logContext = (): Record<string, string> =>
  Object.fromEntries(
    Object.entries(requestContext.getStore() ?? {}).filter(
      ([key, value]) => value !== undefined && key !== 'origin',
    ),
  )

import { headersWithCors, type PayloadRequest, type SanitizedConfig } from 'payload'

import { cacheableResponse, isUUID } from '../../lib/http'
import { queryParams } from '../../lib/pagination'
import { peekCatalogPage } from '../../services/learning/catalogCache'
import { courseDetailCacheKey, exploreCacheKey } from '../../services/learning/courses'
import { exploreSchema } from './schemas'

type RouteHandler<Context> = (request: Request, context: Context) => Promise<Response>

/**
 * Anonymous catalog reads — GET /api/courses/explore (without `q`, whose searches are recorded)
 * and GET /api/courses/:id — answered from the catalog cache before Payload builds its request:
 * for a cached page, authentication, i18n and endpoint matching were most of the time it took.
 * The answer is the one the endpoint gives (same bytes, ETag, cache and CORS headers). A miss,
 * anything else, or a caller sending credentials goes to Payload, which fills the cache.
 */
export function withAnonymousCatalog<Context>(
  config: Promise<SanitizedConfig>,
  handler: RouteHandler<Context>,
): RouteHandler<Context> {
  return async (request, context) =>
    (await fromCatalogCache(request, await config)) ?? handler(request, context)
}

async function fromCatalogCache(request: Request, config: SanitizedConfig) {
  const url = new URL(request.url)
  const prefix = `${config.routes.api}/courses/`
  if (request.method !== 'GET' || !url.pathname.startsWith(prefix)) return null
  if (request.headers.has('authorization') || hasSessionCookie(request, config)) return null
  const rest = url.pathname.slice(prefix.length)
  const key =
    rest === 'explore'
      ? exploreKey(request)
      : isUUID(rest)
        ? courseDetailCacheKey(rest, url.search)
        : null
  const page = key && (await peekCatalogPage(key))
  if (!page) return null
  const response = cacheableResponse(request.headers, { anonymous: true }, page)
  const req = { payload: { config }, headers: request.headers } as unknown as PayloadRequest
  headersWithCors({ headers: response.headers, req })
  return response
}

const hasSessionCookie = (request: Request, config: SanitizedConfig) =>
  (request.headers.get('cookie') ?? '').includes(`${config.cookiePrefix || 'payload'}-token=`)

/** The cache key of a valid explore query without a search; null sends it to the endpoint. */
function exploreKey(request: Request) {
  let params: Record<string, string>
  try {
    params = queryParams(request)
  } catch {
    return null // the endpoint answers the 400
  }
  const query = exploreSchema.safeParse(params)
  return query.success && !query.data.q ? exploreCacheKey(query.data) : null
}

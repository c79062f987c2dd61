import config from '@payload-config'

import { openAPIValidator } from './openapiValidation'
// Calls the same route handlers Next serves /api with, using standard Request objects, so tests see
// the exact statuses, headers and JSON a frontend sees. No server or network involved.
import { graphqlHandler, restHandlers as handlers } from './routes'

export type ApiOptions = {
  token?: string
  cookie?: string
  body?: unknown
  headers?: Record<string, string>
  ip?: string
}

export type ApiResponse<T = any> = { status: number; body: T; headers: Headers }

let ipCounter = 0
/** A distinct client address per call unless one is given, so rate limits don't leak between tests. */
export const uniqueIp = () =>
  `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter++ & 255}`

function buildRequest(method: string, path: string, options: ApiOptions) {
  const headers = new Headers(options.headers)
  if (options.token) headers.set('Authorization', `JWT ${options.token}`)
  if (options.cookie) headers.set('Cookie', options.cookie)
  if (!headers.has('x-forwarded-for')) headers.set('x-forwarded-for', options.ip ?? uniqueIp())
  let body: BodyInit | undefined
  if (options.body instanceof FormData || typeof options.body === 'string') body = options.body
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body)
    headers.set('Content-Type', 'application/json')
  }
  return new Request(new URL(path, 'http://localhost:3000'), { method, headers, body })
}

async function readResponse(res: Response): Promise<ApiResponse> {
  const text = await res.text()
  let body: unknown = text
  if ((res.headers.get('content-type') ?? '').includes('json')) {
    body = text ? JSON.parse(text) : null
  }
  return { status: res.status, body, headers: res.headers }
}

export async function api<T = any>(
  method: keyof typeof handlers,
  path: string,
  options: ApiOptions = {},
): Promise<ApiResponse<T>> {
  const request = buildRequest(method, path, options)
  const slug = new URL(request.url).pathname
    .replace(/^\/api\//, '')
    .split('/')
    .filter(Boolean)
  const res = await handlers[method](request, { params: Promise.resolve({ slug }) })
  const answer = await readResponse(res)
  // Every answer the document describes must match it, so drift fails the test that saw it.
  const validator = await openAPIValidator(config)
  validator.check(method, path, answer.status, res.headers.get('content-type') ?? '', answer.body)
  return answer as ApiResponse<T>
}

export async function graphql<T = any>(
  query: string,
  variables: Record<string, unknown> = {},
  options: Omit<ApiOptions, 'body'> = {},
): Promise<ApiResponse<T>> {
  const request = buildRequest('POST', '/api/graphql', { ...options, body: { query, variables } })
  return readResponse(await graphqlHandler(request)) as Promise<ApiResponse<T>>
}

/** The first error message of a Payload-shaped error body. */
export const errorMessage = (res: ApiResponse) =>
  (res.body?.errors?.[0]?.message as string | undefined) ?? ''

/** Like api() but returns the raw Response (binary bodies such as PDFs). */
export async function apiRaw(
  method: keyof typeof handlers,
  path: string,
  options: ApiOptions = {},
): Promise<Response> {
  const request = buildRequest(method, path, options)
  const slug = new URL(request.url).pathname
    .replace(/^\/api\//, '')
    .split('/')
    .filter(Boolean)
  return handlers[method](request, { params: Promise.resolve({ slug }) })
}

import { commitTransaction, initTransaction, killTransaction, type PayloadRequest } from 'payload'
import type { z } from 'zod'

import { badRequest, payloadTooLarge, unauthorized } from './errors'

export const MAX_JSON_BYTES = 1024 * 1024

/** Reads a JSON object body: malformed → 400, oversized → 413, never a 500. */
export async function readJSON(req: PayloadRequest): Promise<Record<string, unknown>> {
  if (req.data && typeof req.data === 'object') return req.data as Record<string, unknown>
  const declared = Number(req.headers.get('content-length') ?? 0)
  if (declared > MAX_JSON_BYTES)
    throw payloadTooLarge(`Request body exceeds ${MAX_JSON_BYTES} bytes`)
  const text = typeof req.text === 'function' ? await req.text() : ''
  if (Buffer.byteLength(text) > MAX_JSON_BYTES) {
    throw payloadTooLarge(`Request body exceeds ${MAX_JSON_BYTES} bytes`)
  }
  if (!text.trim()) return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw badRequest('Request body is not valid JSON')
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw badRequest('Request body must be a JSON object')
  }
  req.data = parsed as Record<string, unknown>
  return req.data as Record<string, unknown>
}

/** Validates input against a zod schema; the 400 names the offending field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  const messages = result.error.issues.map((issue) => {
    const field = issue.path.join('.') || 'body'
    return `${field}: ${issue.message}`
  })
  throw badRequest(messages.join('; '), {
    fields: result.error.issues.map((i) => i.path.join('.')),
  })
}

export async function readBody<S extends z.ZodType>(
  req: PayloadRequest,
  schema: S,
): Promise<z.infer<S>> {
  return parseInput(schema, await readJSON(req))
}

export function requireUser(req: PayloadRequest) {
  if (!req.user) throw unauthorized()
  return req.user
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
export const isUUID = (value: unknown): value is string =>
  typeof value === 'string' && UUID.test(value)

/** Runs fn in one database transaction on req; everything or nothing is written. */
export async function withTransaction<T>(req: PayloadRequest, fn: () => Promise<T>): Promise<T> {
  const started = await initTransaction(req)
  try {
    const result = await fn()
    if (started) await commitTransaction(req)
    return result
  } catch (err) {
    if (started) await killTransaction(req)
    throw err
  }
}

export const json = (body: unknown, status = 200, headers?: HeadersInit) =>
  Response.json(body, { status, headers })

/**
 * A cacheable JSON answer that is the same for every caller (the public catalog): 304 when the
 * client already has this version (`If-None-Match`), otherwise the body with its ETag. Anonymous
 * answers may be kept by shared caches (revalidated each time); a logged-in caller's answer is
 * private, so a shared cache never hands it to someone else.
 */
export const cacheableJson = (req: PayloadRequest, page: { body: string; etag: string }) =>
  cacheableResponse(req.headers, { anonymous: !req.user }, page)

/** cacheableJson for a plain request's headers (the anonymous catalog's fast path). */
export function cacheableResponse(
  requestHeaders: Headers,
  { anonymous }: { anonymous: boolean },
  { body, etag }: { body: string; etag: string },
) {
  const headers = new Headers({
    ETag: etag,
    'Cache-Control': anonymous ? 'public, no-cache' : 'private, no-cache',
    Vary: 'Authorization, Cookie',
  })
  const sent = requestHeaders.get('if-none-match')
  if (sent && sent.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
    return new Response(null, { status: 304, headers })
  }
  headers.set('Content-Type', 'application/json')
  return new Response(body, { status: 200, headers })
}

import type { Endpoint } from 'payload'
import type { z } from 'zod'

import type { JSONSchema } from './schema'

export const TAGS = [
  { name: 'auth', description: 'Sign up, log in, sessions and password resets.' },
  { name: 'users', description: 'Accounts and profile images.' },
  { name: 'onboarding', description: 'Student, educator and institution profiles.' },
  { name: 'courses', description: 'The catalog, course editing, lessons and publishing.' },
  { name: 'enrollments', description: 'Who takes which course.' },
  { name: 'progress', description: 'Completed lessons and course progress.' },
  { name: 'reviews', description: 'Course reviews: stars, text, educator replies, moderation.' },
  { name: 'quizzes', description: "A lesson's quiz, graded on the server." },
  { name: 'video', description: 'Lesson videos on Mux: direct uploads and playback.' },
  { name: 'certifications', description: 'Certificates of completion: PDF, sharing, verify.' },
  {
    name: 'badges',
    description: 'Open Badges 3.0: signed credentials, the issuer profile and key, revocation.',
  },
  { name: 'institutions', description: 'Institution inquiries and cohorts.' },
  { name: 'live', description: 'Live sessions on Mux: schedule, join, chat, polls.' },
  {
    name: 'ai',
    description: 'Recommendations, roadmaps, course suggestions and student insights.',
  },
  { name: 'analytics', description: 'Learning, teaching and cohort analytics; report exports.' },
  {
    name: 'payments',
    description: 'Course purchases, educator plans and payouts, institution seats (Stripe).',
  },
  { name: 'webhooks', description: 'Signed callbacks from Mux and Stripe.' },
  { name: 'communities', description: 'Communities, course discussions, comments, reactions.' },
  { name: 'openapi', description: 'This document.' },
  {
    name: 'operations',
    description: 'Liveness and readiness for load balancers and orchestrators.',
  },
] as const

export type Tag = (typeof TAGS)[number]['name']

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'

/**
 * Who may call: `public` anyone; `optional` anyone, and a logged-in caller may see more;
 * `user` a logged-in caller (401 otherwise; roles in the description); `signature` a signed
 * webhook.
 */
export type Access = 'public' | 'optional' | 'user' | 'signature'

export type ErrorStatus = 400 | 401 | 402 | 403 | 404 | 409 | 410 | 413 | 429 | 502 | 503

export type Success = {
  description: string
  /** JSON body by default; a zod schema describes it, a JSON Schema for what zod cannot. */
  schema?: z.ZodType | JSONSchema
  mediaType?: string
  headers?: Record<string, string>
}

/**
 * The OpenAPI description of one custom endpoint, kept on the endpoint as `custom.openapi`.
 * Method and path come from the endpoint and where it is registered (a collection's slug, or
 * the root); path parameters from the template, their descriptions from the segment before.
 */
export type Operation = {
  tags: Tag[]
  summary: string
  description?: string
  access: Access
  /** Query parameters: the zod object the handler parses (each property is one parameter). */
  query?: z.ZodObject
  /** JSON request body: the zod schema the handler parses. */
  body?: z.ZodType
  /** A request body that is not a JSON object (multipart upload, raw signed webhook). */
  rawBody?: { mediaType: string; schema: JSONSchema; description?: string }
  headers?: { name: string; description: string; required?: boolean }[]
  /** The 2xx answers. */
  responses: { [status: number]: Success }
  /**
   * Error answers beyond the ones every operation of its kind has (400 with input, 413 with a
   * JSON body, 401 when a login is needed, 404 with an id in the path); a description here
   * replaces the default one. The body is Payload's error shape unless a schema is given.
   */
  errors?: Partial<Record<ErrorStatus, string | Success>>
}

/**
 * A custom endpoint with its OpenAPI operation next to the handler. src/openapi/document.ts
 * reads `custom.openapi` from the endpoints in the Payload config; tests/int/openapi.int.spec.ts
 * fails on a registered endpoint without one.
 */
export type DocumentedEndpoint = Endpoint & { method: Method; custom: { openapi: Operation } }

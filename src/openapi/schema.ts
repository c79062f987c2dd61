import type { CollectionSlug } from 'payload'
import { z } from 'zod'

export type JSONSchema = { [key: string]: unknown }

const isZod = (value: unknown): value is z.ZodType =>
  typeof value === 'object' && value !== null && '_zod' in value

/**
 * Readability: `format` already says what a string is (zod adds a long regex next to it for
 * email, uuid and date-time), and zod's safe-integer bounds say nothing a reader needs.
 * In responses, objects stay open: clients ignore fields they do not know.
 */
function tidy(value: unknown, io: 'input' | 'output'): unknown {
  if (Array.isArray(value)) return value.map((item) => tidy(item, io))
  if (!value || typeof value !== 'object') return value
  const out: JSONSchema = {}
  for (const [key, child] of Object.entries(value)) out[key] = tidy(child, io)
  if (out.format && out.pattern) delete out.pattern
  if (out.maximum === Number.MAX_SAFE_INTEGER) delete out.maximum
  if (out.minimum === Number.MIN_SAFE_INTEGER) delete out.minimum
  if (io === 'output' && out.additionalProperties === false) delete out.additionalProperties
  return out
}

/**
 * A zod schema as JSON Schema 2020-12, the dialect of OpenAPI 3.1. Request bodies and query
 * strings use `io: 'input'` — what a client may send, defaults included — on the very schemas
 * the handlers parse with, so the document cannot drift from the validation.
 */
export function toJSONSchema(schema: z.ZodType | JSONSchema, io: 'input' | 'output'): JSONSchema {
  if (!isZod(schema)) return schema
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
  }) as JSONSchema
  return tidy(json, io) as JSONSchema
}

/**
 * A document of a Payload collection. The reference points at Payload's own JSON Schema of the
 * collection (configToJSONSchema, the source of payload-types.ts); document.ts copies those
 * definitions into components.schemas and rewrites the reference.
 */
export const collectionDoc = (slug: CollectionSlug) =>
  z.unknown().meta({ $ref: `#/definitions/${slug}` })

export const uuid = z.uuid()
export const timestamp = z.iso.datetime({ offset: true })

/** `{ doc }`, the answer of most writes. */
export const docOf = (slug: CollectionSlug) => z.object({ doc: collectionDoc(slug) })

/** Payload's pagination shape (?page=&limit=). */
export const pageOf = (item: z.ZodType) =>
  z.object({
    docs: z.array(item),
    totalDocs: z.number().int(),
    limit: z.number().int(),
    totalPages: z.number().int(),
    page: z.number().int(),
    pagingCounter: z.number().int(),
    hasPrevPage: z.boolean(),
    hasNextPage: z.boolean(),
    prevPage: z.number().int().nullable(),
    nextPage: z.number().int().nullable(),
  })

export const message = z.object({ message: z.string() })
export const deleted = z.object({ message: z.string(), id: uuid })

/** Payload's error shape; `data` carries details such as the offending `fields` of a 400. */
export const errorSchema: JSONSchema = {
  type: 'object',
  required: ['errors'],
  properties: {
    errors: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['message'],
        properties: {
          message: { type: 'string' },
          name: { type: 'string' },
          data: { type: 'object' },
        },
      },
    },
  },
  example: { errors: [{ message: 'title: Too small: expected string to have >=1 characters' }] },
}

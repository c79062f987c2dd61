import type {
  CollectionBeforeOperationHook,
  CollectionSlug,
  FlattenedField,
  Payload,
  Where,
} from 'payload'
import { z } from 'zod'

import type { Course } from '../payload-types'
import { badRequest } from './errors'

export type RichText = NonNullable<Course['description']>

/** Plain text → a Lexical document, one paragraph per blank-line-separated block. */
export function textToRichText(text: string): RichText {
  const paragraphs = text.split(/\n{2,}/).map((block) => ({
    type: 'paragraph',
    version: 1,
    direction: 'ltr' as const,
    format: '' as const,
    indent: 0,
    textFormat: 0,
    children: [
      { type: 'text', version: 1, text: block, format: 0, detail: 0, mode: 'normal', style: '' },
    ],
  }))
  return {
    root: {
      type: 'root',
      version: 1,
      direction: 'ltr',
      format: '',
      indent: 0,
      children: paragraphs,
    },
  }
}

/** Accepts plain text or a Lexical JSON document. */
export const richTextInput = z.union([
  z.string().max(50_000).transform(textToRichText),
  z
    .object({
      root: z.object({ type: z.literal('root'), children: z.array(z.looseObject({})) }).loose(),
    })
    .loose()
    .transform((value) => value as unknown as RichText),
])

/** Operators Postgres can apply to a rich text (jsonb) column; the others fail in the database. */
const JSONB_OPERATORS = new Set(['equals', 'not_equals', 'in', 'not_in', 'exists'])

/** The field a query path ends on, following relationships into their collection. */
function fieldAtPath(
  payload: Payload,
  slug: CollectionSlug,
  path: string,
): FlattenedField | undefined {
  let fields: FlattenedField[] | undefined = payload.collections[slug]?.config.flattenedFields
  let field: FlattenedField | undefined
  for (const segment of path.split('.')) {
    if (/^\d+$/.test(segment)) continue
    field = fields?.find((f) => f.name === segment)
    if (!field) return undefined
    if (
      (field.type === 'relationship' || field.type === 'upload') &&
      !Array.isArray(field.relationTo)
    ) {
      fields = payload.collections[field.relationTo as CollectionSlug]?.config.flattenedFields
    } else {
      fields = 'flattenedFields' in field ? field.flattenedFields : undefined
    }
  }
  return field
}

function* conditions(where: Where | undefined): Generator<[path: string, operator: string]> {
  for (const [key, value] of Object.entries(where ?? {})) {
    if ((key === 'and' || key === 'or') && Array.isArray(value)) {
      for (const inner of value) yield* conditions(inner as Where)
    } else if (value && typeof value === 'object') {
      for (const operator of Object.keys(value)) yield [key, operator]
    }
  }
}

/**
 * `where[description][like]=...` on a rich text field is a 500 from Postgres (no text operators on
 * jsonb); answer 400 naming the field instead, for REST, GraphQL and the Local API alike.
 */
export const rejectRichTextSearch: CollectionBeforeOperationHook = ({ args, collection, req }) => {
  const where = (args as { where?: Where }).where
  for (const [path, operator] of conditions(where)) {
    if (JSONB_OPERATORS.has(operator)) continue
    if (fieldAtPath(req.payload, collection.slug as CollectionSlug, path)?.type === 'richText') {
      throw badRequest(`${path}: rich text cannot be filtered with "${operator}"`)
    }
  }
  return args
}

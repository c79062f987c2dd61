import type {
  CollectionBeforeOperationHook,
  CollectionSlug,
  FlattenedField,
  PaginatedDocs,
  Payload,
  PayloadRequest,
  Where,
} from 'payload'
import { z } from 'zod'

import { badRequest } from './errors'
import { isUUID, parseInput } from './http'

export const pageSchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
})

/**
 * Query-string params of a custom endpoint as an object (last value wins). Only plain values:
 * `type[$ne]=1` or `a[]=x` answer 400 rather than being read as "no filter".
 */
export function queryParams(req: Pick<PayloadRequest, 'url'>): Record<string, string> {
  const params = new URL(req.url ?? 'http://localhost').searchParams
  for (const key of params.keys()) {
    if (/[[\]]/.test(key)) {
      const field = key.split('[')[0] || key
      throw badRequest(`${field}: query parameters take plain values, not objects or lists`, {
        fields: [field],
      })
    }
  }
  return Object.fromEntries(params.entries())
}

/** ?page=&limit= → 400 when not positive integers (limit ≤ 100). */
export const pagination = (req: PayloadRequest) =>
  parseInput(pageSchema, { page: queryParams(req).page, limit: queryParams(req).limit })

/** The field a query path ends on, following relationships into their collection. */
function fieldAtPath(payload: Payload, slug: CollectionSlug, path: string) {
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

type Condition = { path: string; operator: string; value: unknown }

function* conditions(where: Where | undefined): Generator<Condition> {
  for (const [key, value] of Object.entries(where ?? {})) {
    if ((key === 'and' || key === 'or') && Array.isArray(value)) {
      for (const inner of value) yield* conditions(inner as Where)
    } else if (value && typeof value === 'object') {
      for (const [operator, operand] of Object.entries(value)) {
        yield { path: key, operator, value: operand }
      }
    }
  }
}

/** Operators Postgres can apply to a rich text (jsonb) column; the others fail in the database. */
const JSONB_OPERATORS = new Set(['equals', 'not_equals', 'in', 'not_in', 'exists'])
const COMPARISONS = new Set(['equals', 'not_equals', 'in', 'not_in', 'contains', 'all'])

const listOf = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value]

/**
 * Query input Postgres would reject with an error — a non-uuid id, an option a select does not
 * have, text search on rich text (jsonb), a page below 1 — answers 400 naming the field instead
 * of a 500, for REST, GraphQL and the Local API alike.
 */
export const validateListQuery: CollectionBeforeOperationHook = ({ args, collection, req }) => {
  const { where, page } = args as { where?: Where; page?: unknown }
  if (
    page !== undefined &&
    page !== null &&
    !(Number.isInteger(Number(page)) && Number(page) >= 1)
  ) {
    throw badRequest('page: must be a whole number from 1')
  }
  for (const { path, operator, value } of conditions(where)) {
    if (operator === 'exists') continue
    const field = fieldAtPath(req.payload, collection.slug as CollectionSlug, path)
    const isId =
      path === 'id' ||
      path.endsWith('.id') ||
      ((field?.type === 'relationship' || field?.type === 'upload') &&
        !Array.isArray(field.relationTo))
    if (isId && COMPARISONS.has(operator)) {
      const bad = listOf(value).find((v) => v !== null && v !== 'null' && !isUUID(v))
      if (bad !== undefined) throw badRequest(`${path}: ${JSON.stringify(bad)} is not a valid id`)
    }
    if (field?.type === 'select' && COMPARISONS.has(operator)) {
      const allowed = new Set(field.options.map((o) => (typeof o === 'string' ? o : o.value)))
      const bad = listOf(value).find((v) => v !== null && !allowed.has(String(v)))
      if (bad !== undefined) {
        throw badRequest(`${path}: ${JSON.stringify(bad)} is not one of ${[...allowed].join(', ')}`)
      }
    }
    if (field?.type === 'richText' && !JSONB_OPERATORS.has(operator)) {
      throw badRequest(`${path}: rich text cannot be filtered with "${operator}"`)
    }
  }
  return args
}

/** Payload's pagination shape for `docs`, page `page` of `totalDocs` rows at `limit` a page. */
export function pageShape<T>(
  docs: T[],
  totalDocs: number,
  page: number,
  limit: number,
): PaginatedDocs<T> {
  const totalPages = Math.ceil(totalDocs / limit)
  return {
    docs,
    totalDocs,
    limit,
    totalPages,
    page,
    pagingCounter: (page - 1) * limit + 1,
    hasPrevPage: page > 1,
    hasNextPage: page < totalPages,
    prevPage: page > 1 ? page - 1 : null,
    nextPage: page < totalPages ? page + 1 : null,
  }
}

type FindPage<T> = (page: number, limit: number) => Promise<PaginatedDocs<T>>

/**
 * One page of two sorted queries read as one list, `first` then `second` — e.g. rated courses and
 * then unrated ones, since Postgres puts NULLs first in a descending sort and Payload cannot say
 * NULLS LAST. First's page is topped up from second, whose rows [skip, skip + missing) span at most
 * two of its own pages; when first fills the page, second is only counted.
 */
export async function pageOfTwo<T>(
  first: FindPage<T>,
  second: { find: FindPage<T>; count: () => Promise<number> },
  page: number,
  limit: number,
): Promise<PaginatedDocs<T>> {
  const head = await first(page, limit)
  const docs = [...head.docs]
  let secondTotal: number
  if (docs.length < limit) {
    const skip = Math.max(0, (page - 1) * limit - head.totalDocs)
    const from = await second.find(Math.floor(skip / limit) + 1, limit)
    secondTotal = from.totalDocs
    docs.push(...from.docs.slice(skip % limit))
    if (docs.length < limit && from.hasNextPage) {
      docs.push(...(await second.find(from.page! + 1, limit)).docs)
    }
  } else {
    secondTotal = await second.count()
  }
  return pageShape(docs.slice(0, limit), head.totalDocs + secondTotal, page, limit)
}

/** The largest page a non-admin can ask any collection for. */
export const MAX_PAGE_SIZE = 100

/**
 * Caps every list for non-admin clients: `limit` above 100, zero or negative (Payload reads those
 * as "everything") becomes 100, and `pagination=false` is paginated anyway. Server code (the Local
 * API) and admins are not capped.
 */
export const capListSize: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation !== 'read' || req.payloadAPI === 'local' || req.user?.role === 'admin') return args
  const list = args as { limit?: number | string; pagination?: boolean | string }
  const limit = Number(list.limit)
  if (list.limit !== undefined && !(limit >= 1 && limit <= MAX_PAGE_SIZE))
    list.limit = MAX_PAGE_SIZE
  if (list.pagination === false || list.pagination === 'false') {
    list.pagination = true
    if (list.limit === undefined) list.limit = MAX_PAGE_SIZE
  }
  return args
}

/** Adds capListSize to a collection (every collection in the config gets it). */
export const withListCap = <
  C extends { hooks?: { beforeOperation?: CollectionBeforeOperationHook[] } },
>(
  collection: C,
): C => ({
  ...collection,
  hooks: {
    ...collection.hooks,
    beforeOperation: [capListSize, ...(collection.hooks?.beforeOperation ?? [])],
  },
})

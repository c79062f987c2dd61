import { sql, type SQL } from '@payloadcms/db-postgres/drizzle'
import type { NodePgDatabase } from '@payloadcms/db-postgres/drizzle/node-postgres'
import type { PgColumn, PgTableWithColumns } from '@payloadcms/db-postgres/drizzle/pg-core'
import type { CollectionSlug, Payload, PayloadRequest } from 'payload'

import type { Config } from '../payload-types'

export { sql }

/** A drizzle handle: req's transaction, or the pool. */
export type Db = NodePgDatabase<Record<string, unknown>>

/**
 * THE ONE SEAM to Payload's database adapter: the drizzle handle of req's open transaction, so raw
 * SQL (row locks, counters) runs inside the same transaction as req's Local API calls. Payload
 * 3.90 has no public getter for it (@payloadcms/drizzle's getTransaction is not exported); the
 * adapter keeps each transaction's drizzle handle in `sessions[transactionID].db`, a property of
 * its published DrizzleAdapter type that Payload's own migrations read the same way. If an upgrade
 * moves it, tests/int/sql-seam.int.spec.ts fails. A transaction id without a session throws:
 * silently using the pool instead would take locks on another connection, which protect nothing
 * and can wait forever on this very transaction.
 */
export async function transactionDb(req: PayloadRequest): Promise<Db> {
  const adapter = req.payload.db
  const id = req.transactionID ? await req.transactionID : undefined
  if (id === undefined || id === null) return adapter.drizzle as Db
  const session = adapter.sessions?.[String(id)]
  if (!session) {
    throw new Error(
      `Transaction ${id} is not in the database adapter's sessions: Payload's adapter changed (see src/lib/sql.ts)`,
    )
  }
  return session.db as unknown as Db
}

/** Raw SQL inside req's transaction, for the few things the Local API cannot do atomically. */
export async function execute<Row = Record<string, unknown>>(req: PayloadRequest, query: SQL) {
  const result = (await (await transactionDb(req)).execute(query)) as unknown as { rows: Row[] }
  return result.rows
}

type Docs = Config['collections']

/** `group_field` keys for a group's fields; relationships (objects with an id) and arrays have none. */
type GroupColumns<K extends string, V> = V extends readonly unknown[]
  ? never
  : V extends { id: unknown }
    ? never
    : V extends object
      ? `${K}_${keyof V & string}`
      : never

/**
 * The column keys Payload's drizzle schema gives a collection's table: each field by its name (a
 * relationship's `<name>_id` column too), a group's fields as `group_field`.
 */
export type ColumnOf<S extends CollectionSlug> = {
  [K in keyof Docs[S] & string]-?: K | GroupColumns<K, NonNullable<Docs[S][K]>>
}[keyof Docs[S] & string]

/** A column whose value type we leave to the query (rows are typed where they are read). */
export type Column = PgColumn<
  {
    name: string
    tableName: string
    dataType: 'custom'
    columnType: 'PgCustomColumn'
    data: unknown
    driverParam: unknown
    notNull: false
    hasDefault: false
    isPrimaryKey: false
    isAutoincrement: false
    hasRuntimeDefault: false
    enumValues: undefined
  },
  object,
  { generated: undefined; identity: undefined }
>

/** A drizzle table with exactly the named columns: `set`, `values` and selects are checked. */
export type Table<C extends string> = PgTableWithColumns<{
  name: string
  schema: undefined
  dialect: 'pg'
  columns: { [K in C]: Column }
}>

/** A request, or anything else that carries the Payload instance (tables need no transaction). */
type WithPayload = { payload: Payload }

function tableOf(
  { payload }: WithPayload,
  name: string,
  label: string,
  columns: readonly string[],
) {
  const found = payload.db.tables?.[name] as Record<string, unknown> | undefined
  if (!found) throw new Error(`No table "${name}" for ${label} in Payload's schema`)
  for (const column of columns) {
    if (!found[column]) throw new Error(`${label} has no column "${column}" in Payload's schema`)
  }
  return found
}

/**
 * A collection's drizzle table as Payload generated it, typed with the columns the caller names.
 * Column names are checked against payload-types (a renamed field fails typecheck) and against the
 * live schema on every call (a stale payload-types fails the first test that runs the query).
 */
export function table<S extends CollectionSlug, C extends ColumnOf<S>>(
  from: WithPayload,
  slug: S,
  columns: readonly C[],
): Table<C> {
  return tableOf(from, tableName(from, slug), slug, columns) as unknown as Table<C>
}

const tableName = ({ payload }: WithPayload, slug: CollectionSlug) =>
  payload.db.tableNameMap.get(slug.replaceAll('-', '_')) ?? slug

/** Fields of a collection that hold a list of relationships (stored in its `_rels` table). */
type HasManyField<S extends CollectionSlug> = {
  [K in keyof Docs[S] & string]-?: NonNullable<Docs[S][K]> extends readonly (
    string | { id: string }
  )[]
    ? K
    : never
}[keyof Docs[S] & string]

/**
 * The `_rels` table behind a hasMany relationship field: `parent` is the owning row, `path` the
 * field's name, and the related id sits in the `<relationTo>ID` column. Returns the table, its two
 * columns, and the SQL that selects one field's rows.
 */
export function relationTable<S extends CollectionSlug, To extends CollectionSlug>(
  from: WithPayload,
  slug: S,
  field: HasManyField<S>,
  relationTo: To,
) {
  const name = `${tableName(from, slug)}${from.payload.db.relationshipsSuffix ?? '_rels'}`
  const target = `${relationTo}ID`
  const rels = tableOf(from, name, `${slug}.${field}`, ['parent', 'path', target]) as Record<
    string,
    Column
  >
  return {
    table: rels as unknown as Table<'parent' | 'path'>,
    parent: rels.parent,
    target: rels[target],
    isField: sql`${rels.path} = ${field}`,
  }
}

/** Fields of a collection that hold a list of select options (stored in their own table). */
type HasManySelectField<S extends CollectionSlug> = {
  [K in keyof Docs[S] & string]-?: NonNullable<Docs[S][K]> extends readonly string[] ? K : never
}[keyof Docs[S] & string]

/**
 * The table behind a hasMany select field (`<table>_<field_in_snake_case>`): one row per chosen
 * option, `parent` the owning row and `value` the option.
 */
export function selectTable<S extends CollectionSlug>(
  from: WithPayload,
  slug: S,
  field: HasManySelectField<S>,
) {
  const snake = field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
  const name = `${tableName(from, slug)}_${snake}`
  return tableOf(from, name, `${slug}.${field}`, ['parent', 'value']) as unknown as Table<
    'parent' | 'value'
  >
}

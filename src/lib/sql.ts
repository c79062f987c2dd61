import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { sql, type SQL } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

export { sql }

/** The drizzle handle of req's open transaction (or the pool when there is none). */
async function drizzleFor(req: PayloadRequest) {
  const adapter = req.payload.db as unknown as PostgresAdapter
  if (req.transactionID) {
    const session = adapter.sessions[await req.transactionID]
    if (session) return session.db
  }
  return adapter.drizzle
}

/** Raw SQL inside req's transaction, for the few things the Local API cannot do atomically. */
export async function execute<Row = Record<string, unknown>>(req: PayloadRequest, query: SQL) {
  const db = await drizzleFor(req)
  const result = (await db.execute(query)) as unknown as { rows: Row[] }
  return result.rows
}

/**
 * Takes the row lock an UPDATE would (FOR NO KEY UPDATE, which does not conflict with the KEY SHARE
 * locks foreign keys take), so concurrent transactions touching the same parent run one at a time.
 */
export async function lockRow(
  req: PayloadRequest,
  table: 'courses' | 'users' | 'enrollments',
  id: string,
) {
  const rows = await execute(
    req,
    sql`select id from ${sql.identifier(table)} where id = ${id} for no key update`,
  )
  return rows.length > 0
}

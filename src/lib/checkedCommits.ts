import { sql } from '@payloadcms/db-postgres/drizzle'
import type { DatabaseAdapterObj } from 'payload'

type Session = { db: { execute(query: unknown): Promise<{ rows: Record<string, unknown>[] }> } }
type Adapter = {
  sessions: Record<string, Session>
  drizzle: Session['db']
  commitTransaction(id: Promise<number | string> | number | string): Promise<void>
  rollbackTransaction(id: Promise<number | string> | number | string): Promise<void>
}

/**
 * Payload's Postgres adapter answers a commit as done even when COMMIT failed (its transaction
 * promise swallows the error), so a write cut off by a connection loss at that moment was
 * acknowledged and then missing (tests/int/faults-postgres.int.spec.ts caught one). Each commit of
 * a transaction that wrote is now checked: its transaction id must read `committed` afterwards,
 * else the operation fails and the client is told to try again.
 */
export function withCheckedCommits(adapter: DatabaseAdapterObj): DatabaseAdapterObj {
  return {
    ...adapter,
    init: (args) => {
      const db = adapter.init(args) as unknown as Adapter
      const commit = db.commitTransaction.bind(db)
      db.commitTransaction = async (incoming) => {
        const id = String(await incoming)
        const session = db.sessions[id]
        if (!session) return commit(id)
        let txid: string | null
        try {
          const { rows } = await session.db.execute(
            sql`select txid_current_if_assigned()::text as txid`,
          )
          txid = (rows[0]?.txid as string | null) ?? null
        } catch (error) {
          await db.rollbackTransaction(id)
          throw error
        }
        await commit(id)
        if (txid === null) return // nothing written
        const { rows } = await db.drizzle.execute(
          sql`select txid_status(${txid}::bigint) as status`,
        )
        if (rows[0]?.status !== 'committed') {
          throw new Error(`The transaction did not commit (${String(rows[0]?.status)})`)
        }
      }
      return db as unknown as ReturnType<DatabaseAdapterObj['init']>
    },
  }
}

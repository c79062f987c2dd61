import type { Migration, Payload } from 'payload'
import type { PoolClient } from 'pg'

import { migrations } from '../migrations'

// Any fixed 64-bit number, the same in every process: whoever holds it migrates, the others wait.
const MIGRATION_LOCK = 7_204_315_001

/** Committed migrations the database has not recorded as applied. */
export const notApplied = (applied: Iterable<string>): string[] => {
  const names = new Set(applied)
  return migrations.filter((m) => !names.has(m.name)).map((m) => m.name)
}

async function recordedMigrations(client: PoolClient): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `select name from payload_migrations where batch > 0`,
  )
  return rows.map((r) => r.name)
}

/**
 * Applies pending migrations once, however many instances start at the same time: a session
 * advisory lock on its own connection serialises them, so the second instance finds nothing left to
 * do. A failed migration rolls back and ends the process (Payload exits 1), so nothing starts on a
 * half-migrated schema; a run that recorded nothing it should have fails loudly.
 */
export async function applyMigrations(payload: Payload): Promise<void> {
  const client = await payload.db.pool.connect()
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK])
    // Payload types its migrate() argument loosely; these are the generated migration modules.
    await payload.db.migrate({ migrations: migrations as unknown as Migration[] })
    const missing = notApplied(await recordedMigrations(client))
    if (missing.length) throw new Error(`migrations not recorded as applied: ${missing.join(', ')}`)
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined)
    client.release()
  }
}

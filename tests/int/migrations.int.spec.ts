import pg from 'pg'
import { describe, expect, inject, it } from 'vitest'

import { createDatabaseIfMissing } from '../../scripts/lib/database.mjs'
import { migrateAndVerify, migrationNames } from '../../scripts/lib/run.mjs'

const freshDatabase = async (suffix: string) => {
  const url = new URL(inject('databaseUrl'))
  const name = `readylab_test_migrate_${suffix}_${process.pid}_${Date.now()}`
  await createDatabaseIfMissing(url.toString(), name)
  url.pathname = `/${name}`
  return url.toString()
}

const query = async <T extends pg.QueryResultRow>(url: string, text: string) => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<T>(text)).rows
  } finally {
    await client.end()
  }
}

describe('migrations in production', () => {
  it('three instances starting at once on an empty database migrate it once, all succeed', async () => {
    const url = await freshDatabase('race')
    await Promise.all([1, 2, 3].map(() => migrateAndVerify(url, { PAYLOAD_LOG_LEVEL: 'warn' })))
    const rows = await query<{ name: string; n: number }>(
      url,
      'select name, count(*)::int as n from payload_migrations where batch > 0 group by name',
    )
    expect(rows.map((r) => r.name).sort()).toEqual(migrationNames())
    expect(rows.every((r) => r.n === 1)).toBe(true)
    // One batch: the instances that waited for the lock found nothing left to apply.
    const [{ batches }] = await query<{ batches: number }>(
      url,
      'select count(distinct batch)::int as batches from payload_migrations where batch > 0',
    )
    expect(batches).toBe(1)
  }, 180_000)

  it('a migration that fails stops the start and records nothing of it', async () => {
    const url = await freshDatabase('broken')
    // A table the first migration creates already exists: its CREATE TABLE fails.
    await query(url, 'create table users (id int)')
    await expect(migrateAndVerify(url, { PAYLOAD_LOG_LEVEL: 'fatal' })).rejects.toThrow(
      /exited with 1/,
    )
    const tables = await query<{ n: number }>(
      url,
      "select count(*)::int as n from information_schema.tables where table_name = 'payload_migrations'",
    )
    if (tables[0].n) {
      expect(await query(url, 'select name from payload_migrations where batch > 0')).toEqual([])
    }
  }, 120_000)
})

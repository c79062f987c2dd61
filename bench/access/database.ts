// A benchmark's own database, shared by bench/access and bench/analytics: an embedded Postgres
// with its data under the benchmark's .data folder, or a named database on DATABASE_URL's server;
// the generated data's metadata row, and the seeded id/number functions the generators use.
import pg from 'pg'

import { createDatabaseIfMissing, startEmbeddedPostgres } from '../../scripts/lib/database.mjs'

export type BenchDatabase = {
  adminUrl: string
  url: string
  name: string
  stop: () => Promise<void>
}

/** DATABASE_URL's server with database `name`, else an embedded cluster in `dataDir`. */
export async function benchDatabase({
  dataDir,
  name,
}: {
  dataDir: string
  name: string
}): Promise<BenchDatabase> {
  if (process.env.DATABASE_URL) {
    const server = new URL(process.env.DATABASE_URL)
    const admin = new URL(server)
    admin.pathname = '/postgres'
    const url = new URL(server)
    url.pathname = `/${name}`
    return { adminUrl: admin.toString(), url: url.toString(), name, stop: async () => {} }
  }
  const started = await startEmbeddedPostgres({ dataDir, persistent: true, log: () => {} })
  const url = new URL(started.url)
  const admin = new URL(url)
  admin.pathname = '/postgres'
  return {
    adminUrl: admin.toString(),
    url: url.toString(),
    name: url.pathname.slice(1),
    stop: started.stop,
  }
}

export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

/** The generator's metadata (row 1 of `table`), or null before the data exists. */
export async function readMeta<T>(url: string, table: string): Promise<T | null> {
  try {
    return await withClient(url, async (c) => {
      const { rows } = await c.query(`select meta from ${table} where id = 1`)
      return (rows[0]?.meta as T) ?? null
    })
  } catch {
    return null
  }
}

export async function appliedMigrations(url: string): Promise<string[]> {
  try {
    return await withClient(url, async (c) =>
      (await c.query('select name from payload_migrations')).rows.map((r) => String(r.name)),
    )
  } catch {
    return []
  }
}

/**
 * The cached data's metadata when it can be reused (same generator version and seed, no --fresh,
 * no migration applied that this checkout does not know); otherwise null, with the database
 * dropped and created empty for the generator.
 */
export async function reuseOrRecreate<T extends { version: number; seed: number }>(
  db: BenchDatabase,
  want: { table: string; version: number; seed: number; fresh: boolean; migrations: string[] },
): Promise<T | null> {
  await createDatabaseIfMissing(db.adminUrl, db.name)
  const meta = await readMeta<T>(db.url, want.table)
  const known = new Set(want.migrations)
  const unknown = (await appliedMigrations(db.url)).filter((n) => !known.has(n))
  if (
    meta &&
    !want.fresh &&
    meta.version === want.version &&
    meta.seed === want.seed &&
    !unknown.length
  )
    return meta
  await withClient(db.adminUrl, (c) => c.query(`drop database if exists "${db.name}" with (force)`))
  await createDatabaseIfMissing(db.adminUrl, db.name)
  return null
}

/**
 * Opens a generator's one transaction (asynchronous commit) and creates seeded ids and numbers
 * for set-based inserts on the session: pg_temp.uid(kind, n) is a uuid, pg_temp.rnd(kind, n) a
 * 48-bit integer, both from md5 of the seed, kind and n. The uuid gets version 4 and variant bits,
 * as Payload (and the app's id checks) only accept valid UUIDs.
 */
export async function beginGeneration(q: (text: string) => Promise<unknown>, seed: number) {
  await q('begin')
  await q('set local synchronous_commit = off')
  await q(`create function pg_temp.uid(k text, n bigint) returns uuid language sql immutable
             as $$ select overlay(overlay(md5('${seed}:' || k || ':' || n) placing '4' from 13)
                                  placing '8' from 17)::uuid $$`)
  await q(`create function pg_temp.rnd(k text, n bigint) returns bigint language sql immutable
             as $$ select ('x' || substr(md5('r${seed}:' || k || ':' || n), 1, 12))::bit(48)::bigint $$`)
}

/**
 * The end of a generator's transaction: its metadata (with the seconds since `started`) as row 1
 * of `table`, the commit, `vacuum analyze`, and the counts on stdout for the runner's log.
 */
export async function commitGeneration(
  q: (text: string, values?: unknown[]) => Promise<unknown>,
  {
    table,
    meta,
    started,
    step,
  }: {
    table: string
    meta: { seconds: number; counts: Record<string, number> }
    started: number
    step: (label: string) => void
  },
) {
  meta.seconds = Math.round((performance.now() - started) / 100) / 10
  await q(`create table ${table} (id int primary key, meta jsonb not null)`)
  await q(`insert into ${table} values (1, $1)`, [JSON.stringify(meta)])
  await q('commit')
  step('counters and metadata')
  await q('vacuum analyze')
  step('vacuum analyze')
  console.log(`[generate] done in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  console.log(JSON.stringify(meta.counts))
}

/** The counters the app keeps (course enrollments, community members, educators' students), from the rows. */
export async function recountCounters(q: (text: string) => Promise<unknown>) {
  await q(`update courses c set total_enrollments = x.n
           from (select course_id, count(*) n from enrollments group by course_id) x
           where x.course_id = c.id`)
  await q(`update communities m set member_count = x.n
           from (select community_id, count(*) n from community_members group by community_id) x
           where x.community_id = m.id`)
  await q(`update users u set educator_profile_total_students = x.n
           from (select c.educator_id, count(distinct e.student_id) n
                 from enrollments e join courses c on c.id = e.course_id group by c.educator_id) x
           where x.educator_id = u.id`)
}

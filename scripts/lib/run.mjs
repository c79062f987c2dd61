// Child-process helpers for the payload CLI and TypeScript entry points. The payload CLI on Node 20 can
// exit 0 having done nothing unless it runs with --conditions=development (see SETUP-NOTES), so every
// call goes through here with that flag.
import { spawn } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { projectRoot } from './database.mjs'

const NODE_OPTIONS = [process.env.NODE_OPTIONS, '--no-deprecation', '--conditions=development']
  .filter(Boolean)
  .join(' ')

export function run(command, args, env = {}, { stdio = 'inherit' } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: projectRoot,
      stdio,
      env: { ...process.env, NODE_OPTIONS, PAYLOAD_CONFIG_PATH: 'src/payload.config.ts', ...env },
    })
    child.on('error', reject)
    child.on('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} ${args.join(' ')} exited with ${code ?? signal}`)),
    )
  })
}

export const payloadCLI = (args, env) =>
  run(path.join(projectRoot, 'node_modules', '.bin', 'payload'), args, env)

export const runTS = (file, args = [], env) =>
  run(process.execPath, ['--import', 'tsx', file, ...args], env)

export const migrationNames = () =>
  readdirSync(path.join(projectRoot, 'src', 'migrations'))
    .filter((f) => /^\d.*\.ts$/.test(f))
    .map((f) => f.replace(/\.ts$/, ''))
    .sort()

const compiledEntry = (name) => path.join(projectRoot, 'dist', `${name}.mjs`)

/**
 * Runs a TypeScript entry point of src/: its compiled form under dist/ in production (built by
 * `npm run build`, plain node, no loaders), else the source through tsx.
 */
export function runEntry(name, env) {
  const compiled = compiledEntry(name)
  if (process.env.NODE_ENV === 'production' && existsSync(compiled))
    // --conditions=production: see the Dockerfile (Lexical's top-level awaits on Node 20).
    return run(process.execPath, [compiled], {
      NODE_OPTIONS: '--no-deprecation --conditions=production',
      ...env,
    })
  return runTS(path.join('src', `${name}.ts`), [], env)
}

/**
 * Applies committed migrations (src/run-migrations.ts, under an advisory lock so instances starting
 * together migrate once), then proves each one is recorded: a silent no-op must fail loudly.
 */
export async function migrateAndVerify(url, env = {}) {
  await runEntry('run-migrations', { DATABASE_URL: url, ...env })
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query('select name from payload_migrations')
    const applied = new Set(rows.map((r) => r.name))
    const missing = migrationNames().filter((name) => !applied.has(name))
    if (missing.length) throw new Error(`payload migrate did not apply: ${missing.join(', ')}`)
  } catch (err) {
    if (err.code === '42P01')
      throw new Error('payload migrate did nothing: no payload_migrations table')
    throw err
  } finally {
    await client.end()
  }
}

export async function userCount(url) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query('select count(*)::int as n from users')
    return rows[0].n
  } finally {
    await client.end()
  }
}

/** Stops `stop` on exit signals; resolves never. */
export function onExit(stop) {
  let exiting = false
  const handler = async (code) => {
    if (exiting) return
    exiting = true
    await stop()
    process.exit(typeof code === 'number' ? code : 0)
  }
  process.on('SIGINT', () => handler(130))
  process.on('SIGTERM', () => handler(143))
  return handler
}

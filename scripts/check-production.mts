// `npm run check:production`: walks the Dockerfile's steps without Docker, the way the image runs them,
// and checks what an operator depends on. CI runs it on every change; anyone can run it locally.
//
//   1. the build context (tracked and new files, minus .dockerignore) copied to a temp dir
//   2. `npm ci`, `npm run build` with no PAYLOAD_SECRET, DATABASE_URL or API keys, `npm prune --omit=dev`
//   3. a misconfigured start stops with one line naming the variable (app and worker)
//   4. app (`node scripts/start.mjs`) and worker (`node dist/run-worker.mjs`) started together with
//      NODE_ENV=production against Postgres and Redis: they migrate once, /api/ready answers 200
//   5. demo data loaded; the worker issues the finished student's certificate; the app serves its PDF
//   6. log lines are JSON and carry the request id the app answers with
//   7. SIGTERM: a request in flight completes, the app and the worker exit 0
//
// Options: --keep (leave the temp dir and print its path).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import pg from 'pg'

import { until } from '../tests/helpers/wait'
import { startTestRedis } from '../tests/setup/redis'
import {
  createDatabaseIfMissing,
  freePort,
  projectRoot,
  startEmbeddedPostgres,
} from './lib/database.mjs'

const keep = process.argv.includes('--keep')
const started = performance.now()
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s`
const step = (what: string) => console.log(`[check:production ${elapsed()}] ${what}`)
const fail = (what: string): never => {
  throw new Error(what)
}

// What the image's build sees: no secrets, no database, no keys — only what a shell needs.
const bareEnv = {
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? os.homedir(),
  NEXT_TELEMETRY_DISABLED: '1',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
}

const work = mkdtempSync(path.join(os.tmpdir(), 'readylab-production-'))
const app = path.join(work, 'app')
const cleanups: (() => Promise<void> | void)[] = []
const services: Record<string, Service> = {}

function copyBuildContext() {
  const listed = spawnSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    {
      cwd: projectRoot,
      encoding: 'utf8',
    },
  )
  if (listed.status !== 0) fail(`git ls-files failed: ${listed.stderr}`)
  const ignored = readFileSync(path.join(projectRoot, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#') && !l.startsWith('!'))
  const excluded = (file: string) =>
    ignored.some((pattern) => {
      const re = new RegExp(
        `^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}(/|$)`,
      )
      return re.test(file)
    })
  let count = 0
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    if (excluded(file) && file !== '.env.example') continue
    mkdirSync(path.dirname(path.join(app, file)), { recursive: true })
    cpSync(path.join(projectRoot, file), path.join(app, file))
    count++
  }
  return count
}

function run(command: string, args: string[], env: Record<string, string>, cwd = app) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} ${args.join(' ')} exited ${code}\n${output.slice(-4000)}`)),
    )
  })
}

type Service = { child: ChildProcess; lines: string[]; exited: Promise<number | null> }

function startService(args: string[], env: Record<string, string>): Service {
  const child = spawn(process.execPath, args, { cwd: app, env, stdio: ['ignore', 'pipe', 'pipe'] })
  const lines: string[] = []
  let partial = ''
  const collect = (chunk: Buffer) => {
    const text = partial + chunk.toString()
    const parts = text.split('\n')
    partial = parts.pop() ?? ''
    lines.push(...parts.filter(Boolean))
  }
  child.stdout!.on('data', collect)
  child.stderr!.on('data', collect)
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  cleanups.push(() => {
    if (child.exitCode === null) child.kill('SIGKILL')
  })
  return { child, lines, exited }
}

const withTimeout = <T,>(promise: Promise<T>, ms: number, what: string) =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`timed out: ${what}`)), ms),
    ),
  ])

/** Polls an HTTP check every half second; a refused connection counts as "not yet". */
const until200 = (url: string, what: string, timeoutMs = 120_000) =>
  until(
    () =>
      fetch(url).then(
        (r) => r.ok,
        () => false,
      ),
    { timeoutMs, everyMs: 500, what },
  )

async function misconfiguredStart(args: string[], env: Record<string, string>, variable: string) {
  const service = startService(args, env)
  const code = await withTimeout(service.exited, 60_000, `${args.join(' ')} to refuse`)
  if (code === 0) fail(`${args.join(' ')} started without a valid ${variable}`)
  const naming = service.lines.filter((l) => l.includes(variable))
  if (!naming.length)
    fail(`${args.join(' ')} did not name ${variable} (exit ${code}):\n${service.lines.join('\n')}`)
  return naming[0]
}

try {
  step(`build context → ${app}`)
  step(`copied ${copyBuildContext()} files`)

  step('npm ci (as the image: no secrets in the environment)')
  await run('npm', ['ci'], bareEnv)
  step('npm run build (no PAYLOAD_SECRET, DATABASE_URL or API keys)')
  await run('npm', ['run', 'build'], bareEnv)
  step('npm prune --omit=dev')
  await run('npm', ['prune', '--omit=dev'], bareEnv)

  step('Postgres and Redis for the run')
  const postgres = await startEmbeddedPostgres({
    dataDir: path.join(work, 'postgres'),
    persistent: false,
    log: () => {},
  })
  cleanups.push(() => postgres.stop())
  await createDatabaseIfMissing(postgres.url, 'readylab')
  const databaseUrl = Object.assign(new URL(postgres.url), { pathname: '/readylab' }).toString()
  const redis = await startTestRedis()
  cleanups.push(() => redis.stop())
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const production = {
    ...bareEnv,
    NODE_ENV: 'production',
    NODE_OPTIONS: '--conditions=production', // as the image's ENV sets it (see the Dockerfile)
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    PAYLOAD_SECRET: randomBytes(32).toString('hex'),
    PUBLIC_URL: base,
    PORT: String(port),
    MEDIA_DIR: path.join(work, 'media'),
  }

  step('a misconfigured start names the variable')
  const { PAYLOAD_SECRET: _secret, ...withoutSecret } = production
  console.log(
    `    app:    ${await misconfiguredStart(['scripts/start.mjs'], withoutSecret, 'PAYLOAD_SECRET')}`,
  )
  console.log(
    `    worker: ${await misconfiguredStart(['dist/run-worker.mjs'], { ...production, REDIS_URL: 'localhost:6379' }, 'REDIS_URL')}`,
  )

  step('app and worker start together (NODE_ENV=production; they migrate once, under a lock)')
  const appProcess = (services.app = startService(['scripts/start.mjs'], production))
  const worker = (services.worker = startService(['dist/run-worker.mjs'], production))
  await until200(`${base}/api/health`, '/api/health')
  await until200(`${base}/api/ready`, '/api/ready')
  const ready = await (await fetch(`${base}/api/ready`)).json()
  console.log(`    /api/ready: ${JSON.stringify(ready)}`)
  const db = new pg.Client({ connectionString: databaseUrl })
  await db.connect()
  cleanups.push(() => db.end())
  const { rows: twice } = await db.query(
    'select name from payload_migrations group by name having count(*) > 1',
  )
  if (twice.length) fail(`migrations applied twice: ${twice.map((r) => r.name).join(', ')}`)

  step('demo data; the worker issues the finished student’s certificate')
  await run(process.execPath, ['--import', 'tsx', 'src/seed/run.ts'], {
    ...production,
    NODE_ENV: 'development',
    NODE_OPTIONS: '--no-deprecation --conditions=development',
    SCHEDULES: 'false',
  })
  const certificateId: string = await until(
    async () => {
      const { rows } = await db.query(
        `select c.id from certifications c
           join certificate_files f on f.id = c.pdf_id
           join users u on u.id = c.student_id
          where u.email = 'li.student@thereadylab.dev'`,
      )
      return rows[0]?.id
    },
    { timeoutMs: 120_000, everyMs: 500, what: 'a certificate issued by the worker' },
  )
  const issuedBy = worker.lines.find((l) => l.includes('certificate.issue') && l.includes('done'))
  if (!issuedBy) fail('the worker logged no certificate.issue job')
  const login = await fetch(`${base}/api/users/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      email: 'li.student@thereadylab.dev',
      password: process.env.DEMO_PASSWORD || 'readylab-demo-2026',
    }),
  })
  if (!login.ok) fail(`demo login answered ${login.status}`)
  const { token } = (await login.json()) as { token: string }
  await checkHardening(base, login)
  const pdf = await fetch(`${base}/api/certifications/${certificateId}/download`, {
    method: 'POST',
    headers: { Authorization: `JWT ${token}` },
  })
  const bytes = Buffer.from(await pdf.arrayBuffer())
  if (!pdf.ok || bytes.subarray(0, 5).toString() !== '%PDF-')
    fail(`certificate download answered ${pdf.status} ${pdf.headers.get('content-type')}`)
  console.log(`    certificate ${certificateId}: ${bytes.length} bytes of PDF from the app`)

  step('logs: JSON lines carrying the request id')
  const requestId = `check-${randomUUID()}`
  const missing = await fetch(`${base}/api/courses/${randomUUID()}`, {
    headers: { 'X-Request-Id': requestId },
  })
  if (missing.status !== 404) fail(`unknown course answered ${missing.status}`)
  if (missing.headers.get('x-request-id') !== requestId) fail('the answer lacks X-Request-Id')
  const logged = await until(() => appProcess.lines.find((l) => l.includes(requestId)), {
    timeoutMs: 10_000,
    what: 'a log line with the request id',
  })
  const line = JSON.parse(logged)
  if (line.requestId !== requestId) fail(`not a structured line: ${logged}`)
  // A client's mistake is routine: info, not an error with a stack (needs real class names).
  if (line.level !== 30) fail(`a 404 was logged at level ${line.level}: ${logged.slice(0, 300)}`)
  for (const [name, service] of [
    ['app', appProcess],
    ['worker', worker],
  ] as const) {
    // Next prints its own start-up event (e.g. "✓ Running next.config.mjs took 30ms") before the
    // server listens; everything the app and the worker log is checked.
    const listening = service.lines.findIndex((l) => l.includes('listening on port'))
    const plain = service.lines.filter((l, i) => {
      if (i < listening && /^[✓▲⚠] /.test(l)) return false
      try {
        return typeof JSON.parse(l) !== 'object'
      } catch {
        return true
      }
    })
    if (plain.length)
      fail(`${name} wrote lines that are not JSON:\n${plain.slice(0, 5).join('\n')}`)
    for (const secret of [production.PAYLOAD_SECRET, token])
      if (service.lines.some((l) => l.includes(secret))) fail(`${name} logged a secret or token`)
  }
  console.log(
    `    ${appProcess.lines.length} app and ${worker.lines.length} worker lines, all JSON`,
  )

  step('SIGTERM: requests in flight finish, then both exit 0')
  const inFlight = fetch(`${base}/api/openapi.json`)
  await new Promise((r) => setTimeout(r, 20))
  appProcess.child.kill('SIGTERM')
  worker.child.kill('SIGTERM')
  const answer = await inFlight
  if (!answer.ok) fail(`the request in flight answered ${answer.status}`)
  await answer.arrayBuffer()
  const [appCode, workerCode] = await withTimeout(
    Promise.all([appProcess.exited, worker.exited]),
    70_000,
    'app and worker to stop',
  )
  if (appCode !== 0 || workerCode !== 0) fail(`exit codes: app ${appCode}, worker ${workerCode}`)
  console.log(
    `    app: ${appProcess.lines.filter((l) => /draining|stopped/.test(l)).length} shutdown lines; worker: ${worker.lines.some((l) => l.includes('[worker] stopped')) ? 'stopped' : '?'}`,
  )
  step('production path OK')
} catch (err) {
  console.error(`[check:production] FAILED: ${(err as Error).message}`)
  for (const [name, service] of Object.entries(services))
    console.error(`--- last lines of the ${name}:\n${service.lines.slice(-15).join('\n')}`)
  process.exitCode = 1
} finally {
  for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined)
  if (keep) console.log(`[check:production] kept ${work}`)
  else rmSync(work, { recursive: true, force: true })
}
process.exit(process.exitCode ?? 0)

/** Production hardening an operator relies on: cookie flags, headers, CSRF, no stack traces. */
async function checkHardening(base: string, login: Response) {
  step('hardening: cookie flags, security headers, CSRF origins, error bodies')
  const cookie = login.headers.get('set-cookie') ?? ''
  for (const flag of [/;\s*Secure/i, /;\s*HttpOnly/i, /;\s*SameSite=Lax/i])
    if (!flag.test(cookie))
      fail(`the session cookie lacks ${flag.source}: ${cookie.split(';')[0]}…`)
  const session = cookie.split(';')[0]
  for (const page of ['/api/courses', '/admin/login']) {
    const res = await fetch(`${base}${page}`)
    const csp = res.headers.get('content-security-policy') ?? ''
    if (!res.headers.get('strict-transport-security')) fail(`${page} lacks HSTS`)
    if (!csp.includes("frame-ancestors 'none'") || csp.includes('unsafe-eval'))
      fail(`${page} CSP is not the production one: ${csp}`)
  }
  const me = (origin: string) =>
    fetch(`${base}/api/users/me`, { headers: { Cookie: session, Origin: origin } }).then(
      async (res) => ((await res.json()) as { user: unknown }).user,
    )
  if (!(await me(base))) fail('the session cookie does not work from PUBLIC_URL')
  if (await me('https://evil.example')) fail('the session cookie works from another origin')
  const broken = await fetch(`${base}/api/courses/explore?limit=abc`)
  const body = await broken.text()
  if (broken.status !== 400) fail(`a bad query answered ${broken.status}`)
  if (/stack|\bat .*\.(m?js|ts):\d+/i.test(body)) fail(`an error body shows a stack: ${body}`)
}

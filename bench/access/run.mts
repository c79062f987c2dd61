// npm run bench:access — how access evaluation scales with the size of an account (issue 17).
//
//   1. snapshot the tree (or --ref <commit>) into .data/bench-access/app, with hard-linked node_modules
//   2. its own database: embedded Postgres in .data/bench-access/pg, or a `readylab_bench_access`
//      database on DATABASE_URL's server; migrations applied; data generated once per seed
//      (generate.mts) and reused until --fresh, a new seed or a new generator version
//   3. `next build` + `next start` (or `next dev` with --dev) on that database
//   4. per account (accounts.ts): /api/access, enrollment lists, a community post page, and the
//      admin's first screen in Chromium; median and p95
//   5. bench/access/RESULTS.md
//
// Options: --ref <rev>  --fresh  --seed <n>  --runs <n> (API samples, default 20)
//          --admin-runs <n> (default 3)  --budget <s> (per API scenario, default 10)
//          --only <account,...>  --dev  --skip-build (reuse the last build)  --keep (leave it running)
//          --out <file> (instead of bench/access/RESULTS.md)
import { spawn, type ChildProcess } from 'node:child_process'
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

import {
  ACCOUNTS,
  DEFAULT_SEED,
  GENERATOR_VERSION,
  PASSWORD,
  type Account,
  type BenchMeta,
} from './accounts'
import { commandLine, generatorEnv } from './cli'
import { benchDatabase, readMeta as readMetaTable, reuseOrRecreate, withClient } from './database'
import {
  ADMIN_TARGET_MS,
  API_TARGET_MS,
  formatMs,
  median,
  passes,
  percentile,
  renderResults,
  type Measurement,
  type Scenario,
} from './report'
import { snapshot } from './snapshot'
import { freePort } from '../../scripts/lib/database.mjs'

const benchDir = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(benchDir, '../..')
const work = path.join(root, '.data', 'bench-access')
const appDir = path.join(work, 'app')
const DB_NAME = 'readylab_bench_access'
const SECRET = 'bench-access-secret-not-for-production'

// ---------------------------------------------------------------- options
const { flag, option } = commandLine()
const opts = {
  ref: option('ref'),
  fresh: flag('fresh'),
  seed: Number(option('seed') ?? DEFAULT_SEED),
  runs: Number(option('runs') ?? 20),
  adminRuns: Number(option('admin-runs') ?? 3),
  budgetMs: Number(option('budget') ?? 10) * 1000,
  only: option('only')?.split(','),
  dev: flag('dev'),
  skipBuild: flag('skip-build'),
  keep: flag('keep'),
  out: option('out'),
}
const accounts = ACCOUNTS.filter((a) => !opts.only || opts.only.includes(a.key))
if (!accounts.length) throw new Error(`--only matches no account: ${ACCOUNTS.map((a) => a.key)}`)

const log = (msg: string) => console.log(`[bench:access] ${msg}`)
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`
// ---------------------------------------------------------------- cleanup
const cleanups: Array<() => Promise<void> | void> = []
let cleaning = false
async function cleanup() {
  if (cleaning) return
  cleaning = true
  for (const fn of cleanups.reverse()) await Promise.resolve(fn()).catch(() => {})
}
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => void cleanup().then(() => process.exit(130)))

// ---------------------------------------------------------------- 2. database
const database = () => benchDatabase({ dataDir: path.join(work, 'pg'), name: DB_NAME })
const readMeta = (url: string) => readMetaTable<BenchMeta>(url, 'bench_access_meta')

function runChild(
  command: string,
  args: string[],
  env: Record<string, string>,
  logFile?: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: appDir,
      env: { ...process.env, ...env },
      stdio: logFile ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    })
    if (logFile) {
      const out = createWriteStream(logFile)
      child.stdout?.pipe(out)
      child.stderr?.pipe(out)
    }
    child.on('error', reject)
    child.on('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} ${args.join(' ')} → ${code ?? signal}`)),
    )
  })
}

const tail = (file: string, n = 40) =>
  existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-n).join('\n') : ''

// ---------------------------------------------------------------- 3. the app
async function startApp(url: string, port: number) {
  const logFile = path.join(work, 'server.log')
  const out = createWriteStream(logFile)
  const next = path.join(appDir, 'node_modules', 'next', 'dist', 'bin', 'next')
  const child: ChildProcess = spawn(
    process.execPath,
    [next, opts.dev ? 'dev' : 'start', '--port', String(port), '--hostname', '127.0.0.1'],
    {
      cwd: appDir,
      detached: true, // its own process group, so stopping it stops its workers too
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NODE_ENV: opts.dev ? 'development' : 'production',
        NODE_OPTIONS: '--no-deprecation',
        DATABASE_URL: url,
        PAYLOAD_SECRET: SECRET,
        // Required in production (src/config/environment.ts).
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        NEXT_TELEMETRY_DISABLED: '1',
        // The benchmark logs in once per account and run; keep the per-IP auth limit out of the way.
        RATE_LIMIT_AUTH_MAX: '100000',
      },
    },
  )
  child.stdout?.pipe(out)
  child.stderr?.pipe(out)
  const stop = async () => {
    if (child.exitCode !== null || !child.pid) return
    const exited = new Promise((r) => child.once('exit', r))
    try {
      process.kill(-child.pid, 'SIGTERM')
    } catch {
      return
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL')
      } catch {}
    }, 10_000)
    await exited
    clearTimeout(timer)
  }
  cleanups.push(stop)
  const base = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 240_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the app exited with ${child.exitCode}:\n${tail(logFile)}`)
    try {
      const res = await fetch(`${base}/api/courses?limit=1`, {
        signal: AbortSignal.timeout(60_000),
      })
      if (res.ok) return { base, stop }
    } catch {}
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`the app did not answer within 240 s:\n${tail(logFile)}`)
}

// ---------------------------------------------------------------- 4. measuring
const SCENARIOS = {
  access: { key: 'access', label: 'GET /api/access', targetMs: API_TARGET_MS },
  enrollments: {
    key: 'enrollments',
    label: 'enrollments: GET /api/enrollments?limit=20',
    targetMs: API_TARGET_MS,
  },
  enrollmentsCustom: {
    key: 'enrollments-custom',
    label: 'enrollments: custom list endpoint',
    targetMs: API_TARGET_MS,
  },
  postsCustom: {
    key: 'posts-custom',
    label: 'community posts: GET /api/communities/:id/posts?limit=20',
    targetMs: API_TARGET_MS,
  },
  posts: {
    key: 'posts',
    label: 'community posts: GET /api/posts?where[community][equals]=:id&limit=20',
    targetMs: API_TARGET_MS,
  },
  admin: { key: 'admin', label: "admin's first screen (Chromium)", targetMs: ADMIN_TARGET_MS },
} satisfies Record<string, Scenario>

async function login(base: string, account: Account) {
  const res = await fetch(`${base}/api/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: account.email, password: PASSWORD }),
    signal: AbortSignal.timeout(60_000),
  })
  const body = (await res.json().catch(() => ({}))) as { token?: string; user?: { role?: string } }
  if (!res.ok || !body.token) throw new Error(`login as ${account.email} → ${res.status}`)
  if (body.user?.role !== account.kind)
    throw new Error(`${account.email} logged in as ${body.user?.role}, not ${account.kind}`)
  return body.token
}

const REQUEST_TIMEOUT_MS = 30_000
const RECOVERY_MS = 180_000

/** A measurement only counts on a real answer: 200, and a list page that is not empty. */
function answerProblem(status: number, text: string): string | undefined {
  if (status !== 200) return `${status}: ${text.slice(0, 160)}`
  try {
    const body = JSON.parse(text) as { docs?: unknown[] }
    if (Array.isArray(body.docs) && body.docs.length === 0) return 'an empty page: nothing measured'
  } catch {
    return `not JSON: ${text.slice(0, 80)}`
  }
  return undefined
}

async function timeRequest(base: string, pathname: string, token: string) {
  const start = performance.now()
  const res = await fetch(`${base}${pathname}`, {
    headers: { authorization: `JWT ${token}` },
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  })
  const text = await res.text()
  return { ms: performance.now() - start, status: res.status, text }
}

async function measureApi(
  base: string,
  account: Account,
  token: string,
  scenario: Scenario,
  pathname: string,
  note?: string,
): Promise<Measurement> {
  const m: Measurement = { account, scenario, path: pathname, samples: [], note }
  try {
    const warm = await timeRequest(base, pathname, token)
    m.error = answerProblem(warm.status, warm.text)
    const started = performance.now()
    while (!m.error && m.samples.length < opts.runs) {
      const r = await timeRequest(base, pathname, token)
      if (r.status !== 200) {
        m.error = `${r.status} on run ${m.samples.length + 1}`
        break
      }
      m.samples.push(r.ms)
      if (m.samples.length >= 3 && performance.now() - started > opts.budgetMs) break
    }
  } catch (err) {
    m.error =
      (err as Error).name === 'TimeoutError'
        ? `no answer within ${REQUEST_TIMEOUT_MS / 1000} s`
        : String(err)
  }
  log(
    `  ${account.key.padEnd(16)} ${scenario.key.padEnd(18)} n=${String(m.samples.length).padStart(2)} median ${formatMs(median(m.samples)).padStart(8)}  p95 ${formatMs(percentile(m.samples, 95)).padStart(8)}${m.error ? `  ${m.error}` : ''}`,
  )
  return m
}

type Browser = import('@playwright/test').Browser

const ADMIN_TIMEOUT_MS = 60_000
/** The dashboard with its cards, or (students) the Unauthorized screen. */
const READY = '.dashboard .widget-content, .dashboard .card, .unauthorized'

async function adminLoad(browser: Browser, base: string, token: string, screenshot?: string) {
  const context = await browser.newContext({ baseURL: base })
  await context.addCookies([
    { name: 'payload-token', value: token, url: base, httpOnly: true, sameSite: 'Lax' },
  ])
  const page = await context.newPage()
  try {
    const start = performance.now()
    await page.goto('/admin', { waitUntil: 'commit', timeout: ADMIN_TIMEOUT_MS })
    await page.locator(READY).first().waitFor({ state: 'visible', timeout: ADMIN_TIMEOUT_MS })
    const ms = performance.now() - start
    const screen = (await page.locator('.unauthorized').count()) ? 'unauthorized' : 'dashboard'
    if (screenshot) await page.screenshot({ path: screenshot })
    return { ms, screen, url: page.url() }
  } finally {
    await context.close()
  }
}

async function measureAdmin(
  browser: Browser,
  base: string,
  account: Account,
  token: string,
): Promise<Measurement> {
  const m: Measurement = { account, scenario: SCENARIOS.admin, path: '/admin', samples: [] }
  const expected = account.kind === 'student' ? 'unauthorized' : 'dashboard'
  try {
    // What "rendered" looked like, for a human to check: .data/bench-access/screens/<account>.png
    const shot = path.join(work, 'screens', `${account.key}.png`)
    mkdirSync(path.dirname(shot), { recursive: true })
    const warm = await adminLoad(browser, base, token, shot)
    if (warm.screen !== expected) {
      m.error = `showed the ${warm.screen} screen (${warm.url}), expected the ${expected}`
    } else {
      if (expected === 'unauthorized')
        m.note = 'students may not use the admin: Unauthorized screen'
      const started = performance.now()
      for (let i = 0; i < opts.adminRuns; i++) {
        m.samples.push((await adminLoad(browser, base, token)).ms)
        if (performance.now() - started > opts.budgetMs * 2) break
      }
    }
  } catch (err) {
    m.error =
      (err as Error).name === 'TimeoutError'
        ? `not rendered within ${ADMIN_TIMEOUT_MS / 1000} s`
        : String(err).split('\n')[0]
  }
  log(
    `  ${account.key.padEnd(16)} ${'admin'.padEnd(18)} n=${String(m.samples.length).padStart(2)} median ${formatMs(median(m.samples)).padStart(8)}  p95 ${formatMs(percentile(m.samples, 95)).padStart(8)}${m.error ? `  ${m.error}` : ''}`,
  )
  return m
}

type Call = { scenario: Scenario; path: string; note?: string }

/** The API calls each account makes: the same for every size of a kind. */
function callsOf(account: Account, meta: BenchMeta): Call[] {
  const id = meta.ids[account.key]
  const community = meta.communities[account.key]
  const calls: Call[] = [
    { scenario: SCENARIOS.access, path: '/api/access' },
    { scenario: SCENARIOS.enrollments, path: '/api/enrollments?limit=20' },
  ]
  if (account.kind === 'student')
    calls.push({
      scenario: SCENARIOS.enrollmentsCustom,
      path: `/api/students/${id}/enrollments?limit=20`,
      note: 'GET /api/students/:id/enrollments?limit=20',
    })
  if (account.kind === 'educator')
    calls.push({
      scenario: SCENARIOS.enrollmentsCustom,
      path: `/api/courses/${meta.courses[account.key]}/enrollments?limit=20`,
      note: 'GET /api/courses/:id/enrollments?limit=20 (own course)',
    })
  calls.push(
    { scenario: SCENARIOS.postsCustom, path: `/api/communities/${community}/posts?limit=20` },
    {
      scenario: SCENARIOS.posts,
      path: `/api/posts?where[community][equals]=${community}&limit=20`,
    },
  )
  return calls
}

/**
 * A request the client gave up on keeps the server busy; wait until it answers a cheap call
 * promptly again, so the next measurement is not charged for the previous one.
 */
async function recover(base: string) {
  const deadline = Date.now() + RECOVERY_MS
  while (Date.now() < deadline) {
    const start = performance.now()
    try {
      const res = await fetch(`${base}/api/courses?limit=1&depth=0`, {
        signal: AbortSignal.timeout(RECOVERY_MS),
      })
      await res.text()
      if (performance.now() - start < 1000) return
    } catch {}
    await new Promise((r) => setTimeout(r, 2000))
  }
  log(`  the app still answers slowly ${RECOVERY_MS / 1000} s after a timeout`)
}

const timedOut = (m: Measurement) =>
  Boolean(m.error?.startsWith('no answer') || m.error?.startsWith('not rendered'))

async function measureAccount(
  base: string,
  browser: Browser,
  account: Account,
  meta: BenchMeta,
): Promise<Measurement[]> {
  const calls = callsOf(account, meta)
  let token: string
  try {
    token = await login(base, account)
  } catch (err) {
    // Every scenario of the account fails with the reason, and the run goes on.
    const error = `could not log in: ${(err as Error).message}`
    log(`  ${account.key}: ${error}`)
    await recover(base)
    return [...calls, { scenario: SCENARIOS.admin, path: '/admin' }].map((c) => ({
      account,
      scenario: c.scenario,
      path: c.path,
      samples: [],
      error,
    }))
  }
  const out: Measurement[] = []
  for (const call of calls) {
    const m = await measureApi(base, account, token, call.scenario, call.path, call.note)
    out.push(m)
    if (timedOut(m)) await recover(base)
  }
  const admin = await measureAdmin(browser, base, account, token)
  out.push(admin)
  if (timedOut(admin)) await recover(base)
  return out
}

// ---------------------------------------------------------------- main
async function main() {
  const t0 = performance.now()
  mkdirSync(work, { recursive: true })
  const loadBefore = os.loadavg()

  log(
    `snapshot of ${opts.ref ? `--ref ${opts.ref}` : 'the working tree'} → ${path.relative(root, appDir)}`,
  )
  const commit = snapshot({ root, appDir, stampDir: work, ref: opts.ref, own: ['bench/access'] })

  const db = await database()
  cleanups.push(() => db.stop())
  log(
    `database ${db.name} (${process.env.DATABASE_URL ? 'DATABASE_URL server' : 'embedded, .data/bench-access/pg'})`,
  )

  // Reuse the generated data when it matches; otherwise start from an empty database.
  const known = new Set(
    readdirSync(path.join(appDir, 'src', 'migrations'))
      .filter((f) => /^\d.*\.ts$/.test(f))
      .map((f) => f.replace(/\.ts$/, '')),
  )
  let meta = await reuseOrRecreate<BenchMeta>(db, {
    table: 'bench_access_meta',
    version: GENERATOR_VERSION,
    seed: opts.seed,
    fresh: opts.fresh,
    migrations: [...known],
  })
  const reuse = Boolean(meta)

  // Migrations exactly as `npm run migrate` applies them, from the snapshot.
  const tMigrate = performance.now()
  const { migrateAndVerify } = (await import(
    pathToFileURL(path.join(appDir, 'scripts', 'lib', 'run.mjs')).href
  )) as { migrateAndVerify: (url: string, env?: Record<string, string>) => Promise<void> }
  await migrateAndVerify(db.url, { PAYLOAD_LOG_LEVEL: 'warn', PAYLOAD_SECRET: SECRET })
  const migrateMs = performance.now() - tMigrate

  let generation: string
  if (reuse) {
    generation = `reused the data generated ${meta!.generatedAt} (seed ${meta!.seed}, ${meta!.seconds} s to generate)`
    log(generation)
  } else {
    log(`generating data (seed ${opts.seed}) …`)
    const tGen = performance.now()
    await runChild(process.execPath, ['--import', 'tsx', 'bench/access/generate.mts'], {
      ...generatorEnv({ url: db.url, seed: opts.seed, secret: SECRET }),
      RATE_LIMIT_AUTH_MAX: '100000',
    })
    meta = await readMeta(db.url)
    if (!meta) throw new Error('the generator finished without writing bench_access_meta')
    generation = `generated in ${seconds(performance.now() - tGen)} (seed ${opts.seed})`
  }

  // Build, as users run the app.
  let build: string
  const buildLog = path.join(work, 'build.log')
  if (opts.dev) {
    build = 'none (`next dev`)'
  } else if (opts.skipBuild && existsSync(path.join(appDir, '.next', 'BUILD_ID'))) {
    build = 'skipped (--skip-build: the previous build of the snapshot)'
  } else {
    log(`next build … (log: ${path.relative(root, buildLog)})`)
    const tBuild = performance.now()
    try {
      await runChild(
        process.execPath,
        [path.join(appDir, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'],
        {
          NODE_ENV: 'production',
          NODE_OPTIONS: '--no-deprecation',
          DATABASE_URL: db.url,
          PAYLOAD_SECRET: SECRET,
          NEXT_TELEMETRY_DISABLED: '1',
        },
        buildLog,
      )
    } catch (err) {
      throw new Error(`next build failed (${(err as Error).message}):\n${tail(buildLog, 60)}`)
    }
    build = `\`next build\` in ${seconds(performance.now() - tBuild)}`
  }
  log(`build: ${build}`)

  const port = await freePort()
  const tStart = performance.now()
  const app = await startApp(db.url, port)
  log(
    `app on ${app.base} (${opts.dev ? 'next dev' : 'next start'}), ready in ${seconds(performance.now() - tStart)}`,
  )

  const { chromium } = await import('@playwright/test')
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-dev-shm-usage',
    ],
  })
  cleanups.push(() => browser.close())

  const tMeasure = performance.now()
  const loadAtMeasure = os.loadavg()
  const results: Measurement[] = []
  for (const account of accounts) {
    log(`${account.key} (${account.sizeLabel})`)
    results.push(...(await measureAccount(app.base, browser, account, meta)))
  }
  const measureMs = performance.now() - tMeasure
  const loadAfter = os.loadavg()

  const pgVersion = await withClient(db.url, async (c) =>
    String((await c.query('show server_version')).rows[0].server_version),
  )
  const cpus = os.cpus()
  const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(' / ')
  const counts = meta.counts
  const n = (k: string) => (counts[k] ?? 0).toLocaleString('en')
  const markdown = renderResults(
    {
      date: new Date().toISOString().replace('T', ' ').replace(/\..*/, ' UTC'),
      commit,
      mode: opts.dev
        ? '`next dev` (development server, compiled on first request; fallback mode)'
        : '`next build` + `next start` (production)',
      machine: [
        `**Machine:** ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, PostgreSQL ${pgVersion} (${process.env.DATABASE_URL ? 'DATABASE_URL server' : 'embedded'})`,
        `**Load average** (1/5/15 min): ${load(loadBefore)} at the start, ${load(loadAtMeasure)} when measuring began, ${load(loadAfter)} at the end — anything above ${cpus.length} means other work competed for the cores`,
      ],
      runs: `API: 1 warm-up, then up to ${opts.runs} samples or ${opts.budgetMs / 1000} s per call (at least 3); admin: 1 warm-up, then up to ${opts.adminRuns} loads`,
      data: [
        `Seed ${meta.seed}, generator v${meta.version}; ${n('users')} users, ${n('courses')} published courses (each with a lesson and a latest version row), ${n('enrollments')} enrollments, ${n('cohorts')} cohorts with ${n('cohort_enrollments')} members, ${n('communities')} communities with ${n('community_members')} members and ${n('posts')} posts.`,
        'educator-N teaches N published courses; every 10th has a course community (30 posts, the enrolled students as members); pool students are enrolled in each course (25/10/5 per course for the 10/200/2,000-course educators).',
        'student-N is enrolled in N catalogue courses and belongs to their course communities and to the 5 public communities.',
        `institution-1 has one cohort of ${n('institution-1 cohort members')} students; institution-50 has 50 cohorts with ${n('institution-50 cohort members')} members (largest ${n('institution-50 largest cohort')}), each cohort with 2 courses its members are enrolled in.`,
        "Post pages: the educator's first course community; the students' community of catalogue course 0; a public community for institutions and the admin.",
      ],
      timings: [
        `data: ${generation}; migrations checked/applied in ${seconds(migrateMs)}`,
        `build: ${build}`,
        `measurement: ${seconds(measureMs)} for ${accounts.length} account(s)`,
        `whole run: ${seconds(performance.now() - t0)}`,
      ],
    },
    results,
  )
  if (opts.out) {
    writeFileSync(path.resolve(root, opts.out), markdown)
    log(`wrote ${opts.out}`)
  } else if (opts.only) {
    const partial = path.join(work, 'RESULTS.partial.md')
    writeFileSync(partial, markdown)
    log(`--only: wrote ${path.relative(root, partial)} (RESULTS.md is for full runs)`)
  } else {
    writeFileSync(path.join(benchDir, 'RESULTS.md'), markdown)
    log(`wrote ${path.relative(root, path.join(benchDir, 'RESULTS.md'))}`)
  }
  writeFileSync(
    path.join(work, 'results.json'),
    JSON.stringify(
      results.map((m) => ({
        account: m.account.key,
        scenario: m.scenario.key,
        path: m.path,
        samples: m.samples,
        error: m.error,
      })),
      null,
      2,
    ),
  )
  const failed = results.filter((m) => !passes(m))
  log(`${results.length - failed.length}/${results.length} measurements within target`)

  if (opts.keep) {
    log(`--keep: the app stays on ${app.base} (database ${db.url}); Ctrl-C stops it`)
    await new Promise(() => {})
  }
}

try {
  await main()
} catch (err) {
  console.error(`[bench:access] ${(err as Error).message}`)
  process.exitCode = 1
} finally {
  await cleanup()
}
process.exit()

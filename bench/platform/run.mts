// npm run bench — the platform at an institution's scale, with the limit and the default measured
// beside it in the same run (issue 16).
//
//   1. its own database (embedded Postgres in .data/bench-platform/pg, or `readylab_bench_platform`
//      on DATABASE_URL's server), migrated as `npm run migrate` does; data generated once per seed
//      (generate.mts, shape.ts) and reused until --fresh, a new seed or a new generator version
//   2. `npm run build` (skipped with --no-build when a build exists), then the app as `npm start`
//      runs it (scripts/start.mjs) on a free port; the raw-SQL server (raw-server.ts) beside it
//   3. the 100k-row CSV export first (peak RSS of a fresh app); autocannon on loopback: explore
//      (each sort) against the limit and Payload's naive REST, course detail, lesson complete
//      against the limit (progress checked in SQL afterwards), 500 concurrent enrolls
//      (counter == count(*)), a community's post page; the cohort report (5,000 students); then,
//      with the servers stopped, certificates/s
//   4. bench/RESULTS.md and the README's benchmark table
//
// Options: --no-build  --fresh  --seed <n>  --duration <s> (per load, default 10)
//          --connections <n> (default 10)  --keep (leave the servers running)  --out <file>
import { spawn } from 'node:child_process'
import fs, { existsSync, readFileSync } from 'node:fs'
import { createHash, createHmac, randomUUID } from 'node:crypto'
import os from 'node:os'
import { isDeepStrictEqual } from 'node:util'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'

import { commandLine, generatorEnv } from '../access/cli'
import { benchDatabase, readMeta, reuseOrRecreate, withClient } from '../access/database'
import { formatMs } from '../access/report'
import { describeHead } from '../access/snapshot'
import { freePort } from '../../scripts/lib/database.mjs'
import { until } from '../../tests/helpers/wait'
import { startRedisServer } from '../../tests/setup/redis'
import { migrateAndVerify, migrationNames } from '../../scripts/lib/run.mjs'
import {
  readmeWithTable,
  ratio,
  renderResults,
  verdictText,
  type Load,
  type Row,
  type Verdict,
} from './report'
import {
  DEFAULT_SEED,
  GENERATOR_VERSION,
  PASSWORD,
  SHAPE,
  studentEmail,
  ACCOUNTS,
  type BenchMeta,
} from './shape'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '../..')
const work = path.join(root, '.data', 'bench-platform')
const SECRET = 'bench-platform-secret-not-for-production-0123456789'
const META_TABLE = 'bench_platform_meta'

const { flag, option } = commandLine()
const opts = {
  build: !flag('no-build'),
  fresh: flag('fresh'),
  seed: Number(option('seed') ?? DEFAULT_SEED),
  duration: Number(option('duration') ?? 10),
  connections: Number(option('connections') ?? 10),
  keep: flag('keep'),
  out: option('out'),
}

const t0 = performance.now()
const elapsed = () => `${Math.round((performance.now() - t0) / 1000)} s`
const log = (msg: string) => console.log(`[bench ${elapsed().padStart(6)}] ${msg}`)
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`

// ---------------------------------------------------------------- processes and cleanup
const stops: Array<() => Promise<void>> = []
let stopping: Promise<void> | null = null
const stopAll = () =>
  (stopping ??= (async () => {
    for (const stop of stops.reverse()) await stop().catch(() => {})
  })())
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    log(`${signal}: stopping the servers and the database`)
    void stopAll().then(() => process.exit(130))
  })

/** A child in its own process group (stopped with everything it started), output to a log file. */
function launch(name: string, args: string[], env: Record<string, string>) {
  const logFile = path.join(work, `${name}.log`)
  const child = spawn(args[0], args.slice(1), {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  })
  const out = fs.createWriteStream(logFile)
  child.stdout?.pipe(out)
  child.stderr?.pipe(out)
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null || !child.pid) return
    const group = -child.pid
    process.kill(group, 'SIGTERM')
    const timer = setTimeout(() => process.kill(group, 'SIGKILL'), 15_000)
    await exited
    clearTimeout(timer)
  }
  stops.push(stop)
  const lastLines = () =>
    existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n') : ''
  return { child, exited, stop, logFile, lastLines }
}

async function finished(name: string, args: string[], env: Record<string, string>) {
  const run = launch(name, args, env)
  const code = await run.exited
  if (code !== 0) throw new Error(`${name} exited with ${code}:\n${run.lastLines()}`)
  return run
}

async function waitUntilServing(base: string, probe: string, run: ReturnType<typeof launch>) {
  const deadline = Date.now() + 180_000
  while (Date.now() < deadline) {
    if (run.child.exitCode !== null) throw new Error(`exited:\n${run.lastLines()}`)
    try {
      const res = await fetch(base + probe, { signal: AbortSignal.timeout(30_000) })
      await res.text()
      if (res.ok) return
    } catch {}
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`${base} did not answer within 180 s:\n${run.lastLines()}`)
}

// ---------------------------------------------------------------- HTTP helpers
async function login(base: string, email: string) {
  const res = await fetch(`${base}/api/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
    signal: AbortSignal.timeout(60_000),
  })
  const body = (await res.json().catch(() => ({}))) as { token?: string }
  if (!res.ok || !body.token) throw new Error(`login as ${email} → ${res.status}`)
  return body.token
}

/** Tokens for many accounts, a few logins at a time. */
async function loginAll(base: string, emails: string[]) {
  const tokens = new Map<string, string>()
  let next = 0
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      while (next < emails.length) {
        const email = emails[next++]
        tokens.set(email, await login(base, email))
      }
    }),
  )
  return tokens
}

/**
 * Sessions for many students without hundreds of password hashes on a 2-core machine: each gets
 * what `POST /api/users/login` gives (a users_sessions row and a JWT with the same header and
 * claims as `template`, a real login's token, signed with the app's key). The caller checks a few
 * against the app before using them.
 */
async function sessionsLike(url: string, template: string, emails: string[]) {
  const [header, body] = template.split('.')
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as { exp: number }
  const key = createHash('sha256').update(SECRET).digest('hex').slice(0, 32)
  const tokens = new Map<string, string>()
  await withClient(url, async (c) => {
    const { rows } = await c.query('select id, email from users where email = any($1)', [emails])
    const sessions = rows.map((u) => ({ ...u, sid: randomUUID() }))
    for (const u of sessions) {
      const signed = `${header}.${Buffer.from(JSON.stringify({ ...claims, id: u.id, email: u.email, sid: u.sid })).toString('base64url')}`
      tokens.set(
        u.email,
        `${signed}.${createHmac('sha256', key).update(signed).digest('base64url')}`,
      )
    }
    await c.query(
      `insert into users_sessions (_order, _parent_id, id, created_at, expires_at)
       select 1, u, s, now(), to_timestamp($3) from unnest($1::uuid[], $2::varchar[]) t(u, s)`,
      [sessions.map((u) => u.id), sessions.map((u) => u.sid), claims.exp],
    )
  })
  return tokens
}

/** Whose token it is, according to the app (GET /api/users/me). */
async function whoIs(base: string, token: string) {
  const res = await fetch(`${base}/api/users/me`, { headers: { authorization: `JWT ${token}` } })
  const body = (await res.json().catch(() => ({}))) as { user?: { email?: string } | null }
  return body.user?.email ?? null
}

/** Waits (up to 5 min) until the app answers a cheap call within a second again. */
async function settle(base: string) {
  const deadline = Date.now() + 300_000
  while (Date.now() < deadline) {
    const start = performance.now()
    try {
      await (await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(60_000) })).text()
      if (performance.now() - start < 1000) return
    } catch {}
    await new Promise((r) => setTimeout(r, 2000))
  }
}

type Shot = { method?: string; path: string; headers?: Record<string, string>; body?: string }

/**
 * One autocannon run. `shots` gives each request (called once per request, so every request
 * may differ); only `expect` counts as success.
 */
async function load(
  server: Load['server'],
  base: string,
  shots: (connection: Record<string, unknown>) => Shot,
  {
    answered = (_status: number, _connection: Record<string, unknown>) => {},
    expect = 200,
    connections = opts.connections,
    duration = opts.duration,
    amount = 0,
    timeout = 30,
  } = {},
): Promise<Load> {
  let failures = 0
  const result = await autocannon({
    url: base,
    connections,
    ...(amount ? { amount } : { duration }),
    timeout,
    requests: [
      {
        // `context` is the connection's: one request in flight on it at a time.
        setupRequest: (req, context) => {
          const shot = shots(context as Record<string, unknown>)
          return {
            ...req,
            method: (shot.method ?? 'GET') as 'GET',
            path: shot.path,
            headers: shot.headers ?? {},
            body: shot.body,
          }
        },
        onResponse: (status, _body, context) => {
          if (status !== expect) failures++
          answered(status, context as Record<string, unknown>)
        },
      },
    ],
  })
  return {
    server,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failures: failures + result.errors + result.timeouts,
  }
}

const describe = (l: Load) =>
  `${l.server.padEnd(4)} ${l.rps.toFixed(1).padStart(8)} req/s  p50 ${formatMs(l.p50).padStart(7)}  p99 ${formatMs(l.p99).padStart(7)}  n=${l.requests}${l.failures ? `  ${l.failures} FAILED` : ''}`

async function warm(base: string, shot: Shot, times = 20) {
  for (let i = 0; i < times; i++) {
    const res = await fetch(base + shot.path, {
      method: shot.method ?? 'GET',
      headers: shot.headers,
      body: shot.body,
      signal: AbortSignal.timeout(60_000),
    })
    await res.arrayBuffer()
  }
}

function firstDifference(a: unknown, b: unknown, at = '$'): string | null {
  if (isDeepStrictEqual(a, b)) return null
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)])
    for (const k of keys) {
      const d = firstDifference(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        `${at}.${k}`,
      )
      if (d) return d
    }
  }
  return `${at}: app ${JSON.stringify(a)?.slice(0, 80)} ≠ limit ${JSON.stringify(b)?.slice(0, 80)}`
}

// ---------------------------------------------------------------- memory of a process tree
const readProc = (file: string) => {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return null
  }
}

/** Resident memory (bytes) of a process and all its descendants, from /proc (Linux). */
function rssOfTree(pid: number) {
  const children = new Map<number, number[]>()
  for (const entry of fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    const stat = readProc(`/proc/${entry}/stat`)
    if (!stat) continue
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
    children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)])
  }
  let kb = 0
  const todo = [pid]
  while (todo.length) {
    const p = todo.pop()!
    kb += Number(readProc(`/proc/${p}/status`)?.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0)
    todo.push(...(children.get(p) ?? []))
  }
  return kb * 1024
}

// ---------------------------------------------------------------- scenarios
const MB = 2 ** 20
const EXPLORE_LIMIT = 20
const SORTS = ['popular', 'newest', 'rating'] as const
const REST_PATH = `/api/courses?where[_status][equals]=published&depth=2&limit=${EXPLORE_LIMIT}`

type Pair = { email: string; courseId: string; lessonId: string; enrollmentId: string }

/** Not yet completed, non-quiz lessons of published courses, of these students. */
async function openPairs(url: string, emails: string[]): Promise<Pair[]> {
  return withClient(url, async (c) =>
    (
      await c.query(
        `select u.email, p.course_id as "courseId", p.lesson_id as "lessonId",
                p.enrollment_id as "enrollmentId"
         from lesson_progress p join users u on u.id = p.student_id
         join lessons l on l.id = p.lesson_id join courses c on c.id = p.course_id
         where u.email = any($1) and not p.completed and l.lesson_type <> 'quiz'
           and c._status = 'published'
         order by md5(p.id::text)`,
        [emails],
      )
    ).rows.map((r) => ({ ...r, courseId: String(r.courseId), lessonId: String(r.lessonId) })),
  )
}

/** Each enrollment's percentage against a recount in SQL; the pairs' rows completed. */
async function progressProblems(url: string, pairs: Pair[]) {
  return withClient(url, async (c) => {
    const enrollments = [...new Set(pairs.map((p) => p.enrollmentId))]
    const { rows } = await c.query(
      `select count(*) filter (where e.progress_percentage <> round(100.0 * x.done / x.total))::int as wrong,
              count(*)::int as checked
       from enrollments e cross join lateral (
         select (select count(*) from lessons l where l.course_id = e.course_id) as total,
                (select count(*) from lesson_progress p join lessons l on l.id = p.lesson_id
                  where p.enrollment_id = e.id and p.completed and l.course_id = e.course_id) as done) x
       where e.id = any($1)`,
      [enrollments],
    )
    const incomplete = (
      await c.query(
        `select count(*)::int as n from lesson_progress p
         join unnest($1::uuid[], $2::uuid[]) t(e, l) on p.enrollment_id = t.e and p.lesson_id = t.l
         where not p.completed`,
        [pairs.map((p) => p.enrollmentId), pairs.map((p) => p.lessonId)],
      )
    ).rows[0].n as number
    return { checked: rows[0].checked as number, wrong: rows[0].wrong as number, incomplete }
  })
}

/** Completes `pairs` in order on `base` for `duration`; returns the load and the pairs sent. */
async function lessonCompletes(
  server: Load['server'],
  base: string,
  pairs: Pair[],
  tokens: Map<string, string>,
) {
  let i = 0
  const sent: Pair[] = []
  const result = await load(
    server,
    base,
    (connection) => {
      const pair = pairs[i++ % pairs.length]
      connection.pair = pair
      return {
        method: 'POST',
        path: `/api/courses/${pair.courseId}/lessons/${pair.lessonId}/complete`,
        headers: {
          authorization: `JWT ${tokens.get(pair.email)}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ timeSpent: 120 }),
      }
    },
    // Only answered completions are checked: the load ends with requests in flight.
    { answered: (status, connection) => status === 200 && sent.push(connection.pair as Pair) },
  )
  return { result, sent, wrapped: i > pairs.length }
}

/**
 * Puts back what a previous run wrote, so cached data measures the same every time: the lessons
 * it completed (listed in bench_platform_touched before each load), its enrollments into the
 * enroll course, the analytics events and sessions since the data was generated.
 */
async function undoPreviousRun(url: string, meta: BenchMeta) {
  await withClient(url, async (c) => {
    await c.query('begin')
    await c.query(
      'create table if not exists bench_platform_touched (enrollment_id uuid, lesson_id uuid)',
    )
    await c.query(`update lesson_progress p
                   set completed = false, completed_at = null, time_spent = 60, updated_at = p.created_at
                   from bench_platform_touched t
                   where p.enrollment_id = t.enrollment_id and p.lesson_id = t.lesson_id`)
    await c.query(`update enrollments e set progress_percentage = x.done * 100 / x.total
                   from (select p.enrollment_id, count(*) filter (where p.completed) as done,
                                count(*) as total
                         from lesson_progress p
                         where p.enrollment_id in (select enrollment_id from bench_platform_touched)
                         group by p.enrollment_id) x
                   where e.id = x.enrollment_id`)
    await c.query('truncate bench_platform_touched')
    await c.query('delete from enrollments where course_id = $1', [meta.enrollCourse])
    await c.query('update courses set total_enrollments = 0 where id = $1', [meta.enrollCourse])
    await c.query('delete from analytics_events where created_at > $1', [meta.generatedAt])
    // The scale-out scenario's certificates, their files and jobs.
    for (const table of ['certifications', 'certificate_files', 'outbox'])
      await c.query(`delete from ${table} where created_at > $1`, [meta.generatedAt])
    await c.query('delete from users_sessions')
    await c.query('commit')
  })
}

/** Records the pairs a load may complete, for undoPreviousRun. */
async function markTouched(url: string, pairs: Pair[]) {
  await withClient(url, (c) =>
    c.query(`insert into bench_platform_touched select * from unnest($1::uuid[], $2::uuid[])`, [
      pairs.map((p) => p.enrollmentId),
      pairs.map((p) => p.lessonId),
    ]),
  )
}

const verdict = (target: string, met: boolean | null, why?: string): Verdict => ({
  target,
  met,
  why,
})

// ---------------------------------------------------------------- main
async function main() {
  fs.mkdirSync(work, { recursive: true })
  const loadBefore = os.loadavg()
  const buildExists = existsSync(path.join(root, '.next', 'BUILD_ID'))
  const willBuild = opts.build || !buildExists
  const loads = 3 * 2 + 1 + 1 + 3 + 1 + 1 // explore × (app, raw), REST, detail, complete × 2 + floor, posts, two instances
  const estimate =
    (willBuild ? 420 : 0) + 180 + 60 + loads * (opts.duration + 5) + 30 + 30 + 90 + 60
  log(
    `this run takes about ${Math.round(estimate / 60)} min: ${willBuild ? 'build ~7 min, ' : ''}data ≤ 3 min (reused when cached), ` +
      `logins ~1 min, ${loads} loads of ${opts.duration} s, cohort report, CSV export, two instances ~1.5 min, certificates ~1 min`,
  )
  if (!opts.build && !buildExists) log('--no-build, but there is no build yet: building')

  // 1. The database.
  const db = await benchDatabase({
    dataDir: path.join(work, 'pg'),
    name: 'readylab_bench_platform',
  })
  stops.push(db.stop)
  log(
    `database ${db.name} (${process.env.DATABASE_URL ? "DATABASE_URL's server" : 'embedded, .data/bench-platform/pg'})`,
  )
  // Cached data is reused for the same generator, seed and migrations.
  const cache = { table: META_TABLE, version: GENERATOR_VERSION, seed: opts.seed }
  let meta = await reuseOrRecreate<BenchMeta>(db, {
    ...cache,
    fresh: opts.fresh,
    migrations: migrationNames(),
  })
  const tMigrate = performance.now()
  await migrateAndVerify(db.url, { PAYLOAD_LOG_LEVEL: 'warn', PAYLOAD_SECRET: SECRET })
  log(`migrations applied in ${secs(performance.now() - tMigrate)}`)
  let generation: string
  if (meta) {
    generation = `reused the data generated ${meta.generatedAt} (seed ${meta.seed}, ${meta.seconds} s to generate)`
  } else {
    log(`generating data (seed ${opts.seed}) …`)
    const tGen = performance.now()
    const gen = launch(
      'generate',
      [process.execPath, '--import', 'tsx', 'bench/platform/generate.mts'],
      generatorEnv({ url: db.url, seed: opts.seed, secret: SECRET }),
    )
    gen.child.stdout?.on('data', (d: Buffer) =>
      String(d)
        .split('\n')
        .filter(Boolean)
        .forEach((line) => log(line)),
    )
    if ((await gen.exited) !== 0) throw new Error(`the generator failed:\n${gen.lastLines()}`)
    meta = await readMeta<BenchMeta>(db.url, META_TABLE)
    if (!meta) throw new Error(`the generator finished without writing ${META_TABLE}`)
    const genMs = performance.now() - tGen
    generation = `generated in ${secs(genMs)} (seed ${opts.seed}; target < 3 min: ${genMs < 180_000 ? 'met' : 'NOT MET'})`
  }
  log(`data: ${generation}`)
  await undoPreviousRun(db.url, meta)

  // 2. Build and start, as users run the app.
  let build = 'skipped (--no-build: the existing .next build)'
  if (willBuild) {
    log('npm run build … (log: .data/bench-platform/build.log)')
    const tBuild = performance.now()
    await finished('build', ['npm', 'run', 'build'], {
      DATABASE_URL: db.url,
      NEXT_TELEMETRY_DISABLED: '1',
    })
    build = `\`npm run build\` in ${secs(performance.now() - tBuild)}`
  }
  log(`build: ${build}`)

  const [appPort, rawPort] = [await freePort(), await freePort()]
  const appBase = `http://127.0.0.1:${appPort}`
  const rawBase = `http://127.0.0.1:${rawPort}`
  const tStart = performance.now()
  /** The environment `npm start` gets here; `port` and `extra` per process. */
  const appEnv = (port: number, extra: Record<string, string> = {}) => ({
    NODE_ENV: 'production',
    // As `npm start` and the image run it (see the Dockerfile: Lexical's top-level awaits).
    NODE_OPTIONS: '--no-deprecation --conditions=production',
    PORT: String(port),
    DATABASE_URL: db.url,
    PAYLOAD_SECRET: SECRET,
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    NEXT_TELEMETRY_DISABLED: '1',
    PAYLOAD_LOG_LEVEL: 'warn',
    EMAIL_LOG: 'false',
    // Certificate PDFs of the run, not in the project's media/ folder.
    MEDIA_DIR: path.join(work, 'media'),
    // Hundreds of students log in from one address; keep the per-IP limits out of the way.
    RATE_LIMIT_AUTH_MAX: '1000000',
    RATE_LIMIT_POSTING_MAX: '1000000',
    ...extra,
  })
  const startApp = () => launch('app', [process.execPath, 'scripts/start.mjs'], appEnv(appPort))
  const app = startApp()
  await waitUntilServing(appBase, '/api/health', app)
  const raw = launch('raw', [process.execPath, '--import', 'tsx', 'bench/platform/raw-server.ts'], {
    PORT: String(rawPort),
    DATABASE_URL: db.url,
    PAYLOAD_SECRET: SECRET,
  })
  await waitUntilServing(rawBase, '/api/courses/explore?limit=1', raw)
  log(
    `app (npm start, pid ${app.child.pid}) on ${appBase}, ready in ${secs(performance.now() - tStart)}; limit on ${rawBase}`,
  )

  // Students: lesson completes on the app (100) and on the limit (the 500 who enroll, before).
  const appStudents = Array.from({ length: 100 }, (_, i) => studentEmail(5000 + i))
  const enrollStudents = Array.from({ length: 500 }, (_, i) => studentEmail(9000 + i))
  const tLogin = performance.now()
  const tokens = await loginAll(appBase, [
    appStudents[0],
    studentEmail(meta.communityMember),
    ACCOUNTS.institution.email,
  ])
  const others = [...appStudents.slice(1), ...enrollStudents]
  for (const [email, token] of await sessionsLike(db.url, tokens.get(appStudents[0])!, others))
    tokens.set(email, token)
  for (const email of [others[0], others[250], others.at(-1)!])
    if ((await whoIs(appBase, tokens.get(email)!)) !== email)
      throw new Error(`the app does not accept the session made for ${email}`)
  log(
    `3 logins through the API and ${others.length} sessions like theirs (checked with /api/users/me) in ${secs(performance.now() - tLogin)}`,
  )

  const rows: Row[] = []
  /** Runs a scenario; one that throws is reported as failed and the run goes on. */
  const attempt = async (key: string, scenario: string, fn: () => Promise<void>) => {
    try {
      await fn()
    } catch (err) {
      const why = (err as Error).message.split('\n')[0]
      log(`${scenario}: ${why}`)
      rows.push({ key, scenario, verdicts: [verdict('runs to the end', false, why)], notes: [] })
      if (app.child.exitCode === null) await settle(appBase)
    }
  }
  const tLoad = performance.now()
  const loadAtMeasure = os.loadavg()

  const institutionToken = tokens.get(ACCOUNTS.institution.email)!
  const auth = { authorization: `JWT ${institutionToken}` }
  // 3a. The 100k-row CSV export first, while the app's heap is still small (after the loads it
  // has room to spare and would hide a buffered export), its resident memory sampled throughout.
  await attempt('csv-export', 'CSV export', async () => {
    const exportPath = `/api/institutions/${meta.ids.institution}/export-report?format=csv`
    // Warm-up: the smallest cohort's export loads the route's code, so the growth below is the
    // 100k rows' alone.
    const smallest = await withClient(db.url, async (c) =>
      String(
        (
          await c.query(`select cohort_id from cohort_enrollments group by cohort_id
                         order by count(*), cohort_id limit 1`)
        ).rows[0].cohort_id,
      ),
    )
    await warm(appBase, { path: `${exportPath}&cohortId=${smallest}`, headers: auth }, 1)
    const pid = app.child.pid!
    const before = rssOfTree(pid)
    let peak = before
    const sampler = setInterval(() => (peak = Math.max(peak, rssOfTree(pid))), 20)
    const start = performance.now()
    const res = await fetch(appBase + exportPath, {
      headers: auth,
      signal: AbortSignal.timeout(300_000),
    })
    let lines = 0
    if (res.body)
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>)
        for (const byte of chunk) if (byte === 10) lines++
    const ms = performance.now() - start
    clearInterval(sampler)
    peak = Math.max(peak, rssOfTree(pid))
    const growth = peak - before
    const expected = meta.counts['export rows']
    log(
      `CSV export: ${res.status}, ${lines - 1} rows in ${secs(ms)}, RSS ${Math.round(before / MB)} → peak ${Math.round(peak / MB)} MB`,
    )
    rows.push({
      key: 'csv-export',
      scenario: `CSV export, ${expected.toLocaleString('en')} rows`,
      figure: `RSS growth ${(growth / MB).toFixed(1)} MB (${Math.round(before / MB)} → ${Math.round(peak / MB)} MB), ${secs(ms)}`,
      verdicts: [
        verdict(
          'RSS growth < 50 MB',
          res.status === 200 && growth < 50 * MB,
          `${(growth / MB).toFixed(1)} MB`,
        ),
        verdict(`${expected} rows`, lines - 1 === expected, `${lines - 1} rows and a header`),
      ],
      notes: [
        `${(ms / 1000).toFixed(1)} s for the whole file (${Math.round(((lines - 1) * 1000) / ms).toLocaleString('en')} rows/s).`,
      ],
    })
  })

  // 3b. Explore: each sort against the limit; the naive REST call once.
  let rest: Load | undefined
  await attempt('explore-rest', 'explore, default REST', async () => {
    rest = await (async () => {
      await warm(appBase, { path: REST_PATH })
      const l = await load('rest', appBase, () => ({ path: REST_PATH }))
      log(`explore: default REST (depth=2)  ${describe(l)}`)
      return l
    })()
  })
  for (const sort of SORTS)
    await attempt(`explore-${sort}`, `explore, sort=${sort}`, async () => {
      const shot = { path: `/api/courses/explore?sort=${sort}&limit=${EXPLORE_LIMIT}` }
      const [appPage, rawPage] = await Promise.all(
        [appBase, rawBase].map(async (b) => (await fetch(b + shot.path)).json()),
      )
      const difference = firstDifference(appPage, rawPage)
      await warm(appBase, shot)
      await warm(rawBase, shot)
      const a = await load('app', appBase, () => shot)
      log(`explore ${sort}: ${describe(a)}`)
      const r = await load('raw', rawBase, () => shot)
      log(`explore ${sort}: ${describe(r)}`)
      const toLimit = ratio(a, r)
      const toRest = ratio(a, rest)
      rows.push({
        key: `explore-${sort}`,
        scenario: `explore, sort=${sort} (anonymous, ${EXPLORE_LIMIT} per page)`,
        app: a,
        raw: r,
        rest,
        verdicts: [
          verdict('≥ 0.5 × limit', toLimit >= 0.5, `${toLimit.toFixed(2)}×`),
          verdict('≥ 3 × default', toRest >= 3, `${toRest.toFixed(2)}×`),
          verdict('p99 < 10 × p50', a.p99 < 10 * a.p50, `${(a.p99 / a.p50).toFixed(1)}×`),
          verdict('no failed requests', !a.failures && !r.failures),
        ],
        notes: [
          difference
            ? `The limit's JSON differs from the app's: ${difference}`
            : "The limit's JSON for page 1 equals the app's (key order aside).",
        ],
      })
    })

  // 3c. Course detail (anonymous).
  await attempt('course-detail', 'course detail', async () => {
    const shot = { path: `/api/courses/${meta.detailCourse}` }
    await warm(appBase, shot)
    const a = await load('app', appBase, () => shot)
    log(`course detail: ${describe(a)}`)
    rows.push({
      key: 'course-detail',
      scenario: 'course detail, GET /api/courses/:id (anonymous)',
      app: a,
      verdicts: [verdict('no failed requests', !a.failures)],
      notes: ['No target of its own; the most enrolled published course.'],
    })
  })

  // 3d. Lesson complete: distinct (student, lesson) pairs, app and limit on disjoint students.
  await attempt('lesson-complete', 'lesson complete', async () => {
    const appPairs = await openPairs(db.url, appStudents)
    const rawPairs = await openPairs(db.url, enrollStudents)
    await markTouched(db.url, [...appPairs, ...rawPairs])
    const warmApp = appPairs.splice(0, 20)
    const warmRaw = rawPairs.splice(0, 20)
    for (const [base, pairs] of [
      [appBase, warmApp],
      [rawBase, warmRaw],
    ] as const)
      for (const p of pairs)
        await warm(
          base,
          {
            method: 'POST',
            path: `/api/courses/${p.courseId}/lessons/${p.lessonId}/complete`,
            headers: {
              authorization: `JWT ${tokens.get(p.email)}`,
              'content-type': 'application/json',
            },
            body: '{"timeSpent":120}',
          },
          1,
        )
    const a = await lessonCompletes('app', appBase, appPairs, tokens)
    log(`lesson complete: ${describe(a.result)}`)
    const r = await lessonCompletes('raw', rawBase, rawPairs, tokens)
    log(`lesson complete: ${describe(r.result)}`)
    // Payload authenticates every request (the JWT, then the user read through its Local API)
    // before a handler runs: the same students' GET /api/users/me is the most any authenticated
    // endpoint of this app can answer, measured beside the completions.
    let j = 0
    const floor = await load('app', appBase, () => ({
      method: 'GET',
      path: '/api/users/me',
      headers: { authorization: `JWT ${tokens.get(appPairs[j++ % appPairs.length].email)}` },
    }))
    log(`authenticated floor (GET /api/users/me): ${describe(floor)}`)
    const checkApp = await progressProblems(db.url, [...warmApp, ...a.sent])
    const checkRaw = await progressProblems(db.url, [...warmRaw, ...r.sent])
    const toLimit = ratio(a.result, r.result)
    const exact = !checkApp.wrong && !checkApp.incomplete
    rows.push({
      key: 'lesson-complete',
      scenario: 'lesson complete, POST /api/courses/:id/lessons/:lessonId/complete',
      app: a.result,
      raw: r.result,
      verdicts: [
        verdict('≥ 0.3 × limit', toLimit >= 0.3, `${toLimit.toFixed(2)}×`),
        verdict(
          'progress exact',
          exact,
          `${checkApp.checked} enrollments recounted in SQL: ${checkApp.wrong} wrong percentages, ${checkApp.incomplete} completed lessons not recorded`,
        ),
        verdict('no failed requests', !a.result.failures),
      ],
      notes: [
        `${new Set([...warmApp, ...a.sent]).size} distinct pairs of ${appStudents.length} students completed on the app${a.wrapped ? ' (all open pairs used, then repeated: idempotent completions)' : ''}; ` +
          `${new Set([...warmRaw, ...r.sent]).size} pairs of ${enrollStudents.length} other students on the limit${r.wrapped ? ' (then repeated)' : ''}.`,
        `The limit's own completions recounted: ${checkRaw.wrong} wrong, ${checkRaw.incomplete} not recorded of ${checkRaw.checked} enrollments.`,
        `Authentication alone: GET /api/users/me with the same tokens answered ${floor.rps.toFixed(1)} req/s (p50 ${formatMs(floor.p50)}), ` +
          `${ratio(floor, r.result).toFixed(2)}× the limit's completions; the completions reached ${ratio(a.result, floor).toFixed(2)}× of it. ` +
          "Whatever a handler does, an authenticated request here pays for Payload's request set-up and its user lookup first.",
      ],
    })
  })

  // 3e. 500 concurrent enrolls into one free course.
  await attempt('enroll', '500 concurrent enrolls', async () => {
    let i = 0
    const e = await load(
      'app',
      appBase,
      () => ({
        method: 'POST',
        path: `/api/courses/${meta.enrollCourse}/enroll`,
        headers: {
          authorization: `JWT ${tokens.get(enrollStudents[i++ % enrollStudents.length])}`,
        },
      }),
      // However slow the app is, every enroll must be answered: no client timeout in practice.
      {
        expect: 201,
        connections: enrollStudents.length,
        amount: enrollStudents.length,
        timeout: 900,
      },
    )
    log(`500 concurrent enrolls: ${describe(e)}`)
    const counts = await withClient(
      db.url,
      async (c) =>
        (
          await c.query(
            `select (select total_enrollments from courses where id = $1)::int as counter,
                  (select count(*) from enrollments where course_id = $1)::int as rows,
                  (select version_total_enrollments from _courses_v where parent_id = $1 and latest)::int as version`,
            [meta.enrollCourse],
          )
        ).rows[0],
    )
    rows.push({
      key: 'enroll',
      scenario: `${enrollStudents.length} concurrent enrolls into one course`,
      app: e,
      figure: `${e.requests - e.failures}/${enrollStudents.length} answered 201; counter ${counts.counter}, count(*) ${counts.rows}, latest version ${counts.version}`,
      verdicts: [
        verdict(
          'all 201',
          e.failures === 0 && e.requests === enrollStudents.length,
          `${e.failures} not 201`,
        ),
        verdict(
          'counter == count(*)',
          counts.counter === counts.rows && counts.rows === enrollStudents.length,
          `${counts.counter} vs ${counts.rows}`,
        ),
      ],
      notes: [`${enrollStudents.length} connections, one request each, all sent at once.`],
    })
  })

  await settle(appBase)

  // 3f. A community's post page, as a member.
  await attempt('community-posts', 'community post page', async () => {
    const shot = {
      path: `/api/communities/${meta.community}/posts?limit=20`,
      headers: { authorization: `JWT ${tokens.get(studentEmail(meta.communityMember))}` },
    }
    await warm(appBase, shot)
    const a = await load('app', appBase, () => shot)
    log(`community post page: ${describe(a)}`)
    rows.push({
      key: 'community-posts',
      scenario: 'community post page, GET /api/communities/:id/posts?limit=20 (member)',
      app: a,
      verdicts: [verdict('no failed requests', !a.failures)],
      notes: [
        `A public community of ${SHAPE.membersPerCommunity} members and ${SHAPE.postsPerCommunity} posts.`,
      ],
    })
  })
  const loadMs = performance.now() - tLoad

  // 3g. The cohort report of the 5,000-student cohort: 1 warm-up, then 5 timed calls.
  await attempt('cohort-report', 'cohort report', async () => {
    const reportPath = `/api/institutions/${meta.ids.institution}/cohorts/${meta.reportCohort}/report`
    const samples: number[] = []
    let students = 0
    let failure: string | undefined
    for (let i = 0; i < 6 && !failure; i++) {
      const start = performance.now()
      const res = await fetch(appBase + reportPath, {
        headers: auth,
        signal: AbortSignal.timeout(120_000),
      })
      const body = (await res.json().catch(() => ({}))) as { students?: unknown[] }
      const ms = performance.now() - start
      if (res.status !== 200) failure = `${res.status}`
      else if (i > 0) samples.push(ms)
      students = body.students?.length ?? 0
    }
    samples.sort((a, b) => a - b)
    const median = samples[Math.floor(samples.length / 2)] ?? NaN
    log(
      `cohort report: median ${formatMs(median)}, max ${formatMs(samples.at(-1) ?? NaN)}, ${students} students`,
    )
    rows.push({
      key: 'cohort-report',
      scenario: `cohort report, ${SHAPE.largestCohort.toLocaleString('en')} students`,
      figure: `median ${formatMs(median)} (max ${formatMs(samples.at(-1) ?? NaN)}, ${samples.length} calls)`,
      verdicts: [
        verdict(
          '< 1 s',
          !failure && median < 1000,
          failure ? `answered ${failure}` : formatMs(median),
        ),
        verdict(
          `all ${SHAPE.largestCohort} students in it`,
          students === SHAPE.largestCohort,
          `${students}`,
        ),
      ],
      notes: [
        'One call at a time after a warm-up, as the institution (`GET /api/institutions/:id/cohorts/:cohortId/report`).',
      ],
    })
  })

  // Stop the servers before the certificates, so they have the cores to themselves.
  if (opts.keep) {
    log(
      `--keep: the app stays on ${appBase}, the limit on ${rawBase} (database ${db.url}); Ctrl-C stops them`,
    )
    await new Promise(() => {})
  }
  await raw.stop()
  await app.stop()

  // 3g. Scale-out: two app instances and two workers on one Postgres and one Redis, as behind a
  // load balancer. Explore is loaded on both at once; a cohort's certificates are queued through
  // one instance, issued by the two workers through BullMQ and downloaded from both instances.
  await attempt('scale-out', 'two instances, two workers', async () => {
    const redis = await startRedisServer()
    stops.push(redis.stop)
    const shared = { REDIS_URL: redis.url }
    const ports = [await freePort(), await freePort()]
    const bases = ports.map((port) => `http://127.0.0.1:${port}`)
    const tUp = performance.now()
    const instances = ports.map((port, i) =>
      launch(`app${i + 1}`, [process.execPath, 'scripts/start.mjs'], appEnv(port, shared)),
    )
    const workers = [1, 2].map((i) =>
      launch(
        `worker${i}`,
        [process.execPath, '--no-deprecation', '--conditions=production', 'dist/run-worker.mjs'],
        appEnv(ports[0], shared),
      ),
    )
    await Promise.all(instances.map((run, i) => waitUntilServing(bases[i], '/api/ready', run)))
    log(
      `2 instances (${bases.join(', ')}) and 2 workers on one Redis, up in ${secs(performance.now() - tUp)}`,
    )

    // Explore on both instances at once, half the connections each.
    const shot = { path: `/api/courses/explore?sort=newest&limit=${EXPLORE_LIMIT}` }
    for (const base of bases) await warm(base, shot)
    const both = await Promise.all(
      bases.map((base) =>
        load('app', base, () => shot, { connections: Math.max(1, opts.connections / 2) }),
      ),
    )
    const combined = both.reduce((sum, l) => sum + l.rps, 0)
    const single = rows.find((r) => r.key === 'explore-newest')?.app?.rps
    log(
      `explore newest on two instances: ${combined.toFixed(1)} req/s together (${both.map(describe).join('; ')})`,
    )

    // Certificates: the cohort with about 200 completions in its courses.
    const cohort = await withClient(
      db.url,
      async (c) =>
        (
          await c.query(`select m.cohort_id as id, count(*)::int as n
                       from cohort_enrollments m
                       join cohorts_rels r on r.parent_id = m.cohort_id and r.path = 'courses'
                       join enrollments e on e.student_id = m.student_id
                         and e.course_id = r.courses_id and e.completed_at is not null
                       group by m.cohort_id order by abs(count(*) - 200), m.cohort_id limit 1`)
        ).rows[0] as { id: string; n: number },
    )
    const cohortPath = `/api/institutions/${meta.ids.institution}/cohorts/${cohort.id}/certificates`
    const tIssue = performance.now()
    const queued = await fetch(bases[0] + cohortPath, { method: 'POST', headers: auth })
    const { queued: count } = (await queued.json()) as { queued: number }
    if (queued.status !== 202 || !count)
      throw new Error(`bulk issue answered ${queued.status}, queued ${count}`)
    let status = { completed: 0, issued: 0 }
    const deadline = Date.now() + 300_000
    while (Date.now() < deadline) {
      status = await (await fetch(bases[1] + cohortPath, { headers: auth })).json()
      if (status.issued >= status.completed) break
      await new Promise((r) => setTimeout(r, 250))
    }
    const issueMs = performance.now() - tIssue
    const perSecond = (count * 1000) / issueMs
    log(
      `certificates through two workers: ${count} in ${secs(issueMs)} (${perSecond.toFixed(1)}/s)`,
    )

    // Once each: one outbox row per job key, one certificate per enrollment, every email sent.
    const once = await withClient(db.url, async (c) => {
      await until(
        async () =>
          (
            await c.query(
              `select count(*)::int as n from certifications
                           where created_at > $1 and emailed_at is null`,
              [meta.generatedAt],
            )
          ).rows[0].n === 0,
        { timeoutMs: 120_000, what: 'every certificate email' },
      )
      const dup = await c.query(
        `select count(*)::int as n from (select key from outbox
                                 where created_at > $1 and key is not null group by key
                                 having count(*) > 1) d`,
        [meta.generatedAt],
      )
      const made = await c.query(
        `select count(*)::int as n, count(distinct enrollment_id)::int as e
                                  from certifications where created_at > $1`,
        [meta.generatedAt],
      )
      const holders = await c.query(
        `select c.id, u.email from certifications c
                                     join users u on u.id = c.student_id
                                     where c.created_at > $1 order by c.id limit 10`,
        [meta.generatedAt],
      )
      return {
        duplicates: dup.rows[0].n as number,
        certificates: made.rows[0].n as number,
        enrollments: made.rows[0].e as number,
        holders: holders.rows as { id: string; email: string }[],
      }
    })
    // Downloads: each sampled holder fetches their PDF from both instances; the bytes agree.
    const holderTokens = await sessionsLike(
      db.url,
      institutionToken,
      once.holders.map((h) => h.email),
    )
    let downloads = 0
    for (const holder of once.holders) {
      const pdfs = await Promise.all(
        bases.map(async (base) => {
          const res = await fetch(`${base}/api/certifications/${holder.id}/download`, {
            method: 'POST',
            headers: { authorization: `JWT ${holderTokens.get(holder.email)}` },
          })
          return res.status === 200 && res.headers.get('content-type') === 'application/pdf'
            ? Buffer.from(await res.arrayBuffer())
            : null
        }),
      )
      if (pdfs[0] && pdfs[1] && pdfs[0].equals(pdfs[1])) downloads++
    }
    log(
      `${once.certificates} certificates, ${once.duplicates} duplicate outbox keys, ${downloads}/${once.holders.length} PDFs identical from both instances`,
    )
    for (const run of [...workers, ...instances]) await run.stop()
    await redis.stop()

    rows.push({
      key: 'scale-out',
      scenario: 'two app instances and two workers, one Postgres and one Redis',
      figure: `explore ${combined.toFixed(1)} req/s on both together${single ? ` (one instance: ${single.toFixed(1)})` : ''}; ${count} certificates in ${secs(issueMs)} (${perSecond.toFixed(1)}/s)`,
      verdicts: [
        verdict(
          'no failed requests',
          both.every((l) => !l.failures),
        ),
        verdict(
          'each job once',
          once.duplicates === 0 && once.certificates === count && once.enrollments === count,
          `${once.certificates} certificates for ${count} queued, ${once.duplicates} repeated outbox keys`,
        ),
        verdict(
          'a certificate downloads from either instance',
          downloads === once.holders.length && downloads > 0,
          `${downloads} of ${once.holders.length} sampled`,
        ),
      ],
      notes: [
        `Both instances (\`npm start\`) and both workers (\`npm run start:worker\`) share REDIS_URL: the catalog cache's generation, rate limits and BullMQ. Explore: ${both.map(describe).join('; ')}.`,
        `The institution queued the certificates of cohort ${cohort.id} (${count} completions) through the first instance and followed them through the second; the two workers issued them and sent every email, each job once. On ${os.cpus().length} cores two instances share the same CPUs, so this shows correctness and overhead, not added capacity.`,
        'Scheduled jobs run once per slot across instances: proved in tests/int/scale-out.int.spec.ts (both workers ticking every second).',
      ],
    })
  })

  // 3h. Certificates per second (bench/certificates, its own embedded database).
  await attempt('certificates', 'certificates', async () => {
    log('certificates (npm run bench:certificates -- --count 100) …')
    const run = await finished(
      'certificates',
      ['npm', 'run', 'bench:certificates', '--', '--count', '100'],
      {},
    )
    const output = readFileSync(run.logFile, 'utf8')
    const perSecond = Number(output.match(/certificate\.issue job:\s+([\d.]+)/)?.[1] ?? NaN)
    const render = Number(output.match(/PDF render only:\s+([\d.]+)/)?.[1] ?? NaN)
    const busy = Number(output.match(/busy (\d+)% of one core/)?.[1] ?? NaN) / 100
    // CPU per certificate while issuing, and the part of it the PDF takes (its render-only rate).
    const cpuMs = (busy * 1000) / perSecond
    const pdfShare = 1000 / render / cpuMs
    log(`certificates: ${perSecond} issued/s per worker (${render} PDFs/s render only)`)
    rows.push({
      key: 'certificates',
      scenario: 'certificates, one worker',
      figure: `${perSecond.toFixed(1)} certificates/s (PDF render alone ${render.toFixed(1)}/s)`,
      verdicts: [verdict('≥ 30/s per worker core', perSecond >= 30, `${perSecond.toFixed(1)}/s`)],
      notes: [
        'The whole certificate.issue job (lock, read, insert, render, store, link) for 100 completed enrollments and the email job each one queues, as a worker runs jobs: WORKER_CONCURRENCY (4) at a time, the outbox relay delivering the follow-up jobs in the same process; counted until every email is sent.',
        `While issuing, the process was busy ${Math.round(busy * 100)}% of one core: ~${cpuMs.toFixed(0)} ms of CPU per certificate, of which the PDF is ~${(1000 / render).toFixed(0)} ms (${Math.round(pdfShare * 100)}%). ` +
          'The rest is the two Local API creates (the certificate with its hooks, the stored file), one query reading what the certificate shows, the PDF link and the email (one read, one update).',
      ],
    })
  })

  // 4. RESULTS.md and the README's table.
  const cpus = os.cpus()
  const pgVersion = await withClient(db.url, async (c) =>
    String((await c.query('show server_version')).rows[0].server_version),
  )
  const fmtLoad = (l: number[]) => l.map((x) => x.toFixed(1)).join(' / ')
  const n = (k: string) => (meta.counts[k] ?? 0).toLocaleString('en')
  const info = {
    date: new Date().toISOString().replace('T', ' ').replace(/\..*/, ' UTC'),
    commit: describeHead(root, ['bench/RESULTS.md', 'README.md']),
    machine: [
      `**Machine:** ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, PostgreSQL ${pgVersion} (${process.env.DATABASE_URL ? 'DATABASE_URL server' : 'embedded'})`,
      `**Load average** (1/5/15 min): ${fmtLoad(loadBefore)} at the start, ${fmtLoad(loadAtMeasure)} when loading began, ${fmtLoad(os.loadavg())} at the end — above ${cpus.length} means other work competed for the cores`,
    ],
    settings: [
      `**Load:** autocannon, ${opts.connections} connections for ${opts.duration} s per run (the enrolls: ${enrollStudents.length} connections, one request each), loopback`,
    ],
    data: [
      `Seed ${meta.seed}, generator v${meta.version}: ${n('students')} students, ${n('educators')} educators, ${n('courses')} courses (${n('published courses')} published, ${n('paid courses')} paid), ${n('lessons')} lessons, ${n('quizzes')} quizzes, ${n('enrollments')} enrollments, ${n('lesson_progress')} lesson-progress rows, ${n('analytics_events')} analytics events.`,
      `One institution with ${n('cohorts')} cohorts and ${n('cohort_enrollments')} members (the largest: ${n('report cohort members')}), 2 courses each: ${n('export rows')} rows in the CSV export.`,
      `${n('communities')} public communities with ${n('community_members')} members and ${n('posts')} posts.`,
    ],
    timings: [
      `data: ${generation}`,
      `build: ${build}`,
      `CSV export and loads (explore … post page): ${secs(loadMs)}`,
      `whole run: ${elapsed()}`,
    ],
  }
  const markdown = renderResults(info, rows)
  const out = opts.out ? path.resolve(root, opts.out) : path.join(root, 'bench', 'RESULTS.md')
  fs.writeFileSync(out, markdown)
  log(`wrote ${path.relative(root, out)}`)
  if (!opts.out) {
    const readmeFile = path.join(root, 'README.md')
    const readme = readmeWithTable(readFileSync(readmeFile, 'utf8'), info, rows)
    if (readme) {
      fs.writeFileSync(readmeFile, readme)
      log("updated the README's benchmark table")
    }
  }
  for (const r of rows)
    for (const v of r.verdicts) if (v.met !== true) log(`${r.key}: ${verdictText(v)}`)
}

try {
  await main()
} catch (err) {
  console.error(`[bench] ${(err as Error).stack ?? err}`)
  process.exitCode = 1
} finally {
  await stopAll()
}
process.exit()

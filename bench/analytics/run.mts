// npm run bench:analytics — the analytics endpoints on a generated platform (shape.ts): 10k
// students, 1k courses, 100k enrollments, ~1M lesson-progress rows.
//
//   1. its own database: embedded Postgres in .data/bench-analytics/pg, or a
//      `readylab_bench_analytics` database on DATABASE_URL's server; migrations applied; data
//      generated once per seed (generate.mts) and reused until --fresh, a new seed or a new
//      generator version
//   2. Payload in this process, the /api route handlers called in-process (tests/helpers/http.ts)
//   3. the CSV export of 100k rows first (time, rows, RSS growth while streaming), then median and
//      p95 of the cohort report, the educator's analytics / student performance / revenue, the
//      student's and the institution's analytics; one profiled call each (time per SQL statement)
//      and EXPLAIN (ANALYZE, BUFFERS) of the slowest statement of each call out of target
//   4. bench/analytics/RESULTS.md
// With --ref <rev>, steps 2–4 run in a child process on a snapshot of that commit
// (.data/bench-analytics/app, with this checkout's bench/analytics and bench/access), against the
// same database.
//
// Options: --fresh  --seed <n>  --runs <n> (samples per call, default 20)  --budget <s> (per call,
//          default 15)  --csv-runs <n> (100k-row exports, default 3)  --explain (plans for every
//          call)  --ref <rev>  --out <file> (instead of bench/analytics/RESULTS.md)
import { spawn } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import v8 from 'node:v8'
import vm from 'node:vm'
import pg from 'pg'

import { commandLine } from '../access/cli'
import { describeHead, snapshot } from '../access/snapshot'
import { benchDatabase, readMeta, reuseOrRecreate, withClient } from '../access/database'
import { migrateAndVerify, migrationNames, runTS } from '../../scripts/lib/run.mjs'
import {
  csvPasses,
  formatMs,
  mb,
  median,
  percentile,
  renderResults,
  rssGrowth,
  timingPasses,
  type CsvRun,
  type Scenario,
  type Statement,
  type Timing,
} from './report'
import {
  ACCOUNTS,
  DEFAULT_SEED,
  GENERATOR_VERSION,
  PASSWORD,
  SHAPE,
  TARGETS,
  type AccountKey,
  type BenchMeta,
} from './shape'

const benchDir = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(benchDir, '../..')
// A --ref child shares its parent's folder (database, cached data, profiles).
const work = process.env.BENCH_ANALYTICS_WORK || path.join(root, '.data', 'bench-analytics')
const DB_NAME = 'readylab_bench_analytics'
const META_TABLE = 'bench_analytics_meta'
const SECRET = 'bench-analytics-secret-not-for-production'

// ---------------------------------------------------------------- options
const { flag, option } = commandLine()
const opts = {
  fresh: flag('fresh'),
  seed: Number(option('seed') ?? DEFAULT_SEED),
  runs: Number(option('runs') ?? 20),
  budgetMs: Number(option('budget') ?? 15) * 1000,
  csvRuns: Math.max(1, Number(option('csv-runs') ?? 3)),
  explain: flag('explain'),
  out: option('out'),
  ref: option('ref'),
}
const MIN_SAMPLES = 5

const log = (msg: string) => console.log(`[bench:analytics] ${msg}`)
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`

const OWN = ['bench/analytics', 'bench/access']
/** What is measured: HEAD and its uncommitted changes, or what the --ref parent snapshotted. */
const described = () => process.env.BENCH_COMMIT || describeHead(root, OWN)

/** --ref: the same benchmark, run by a child on a snapshot of that commit. */
async function runOnRef(ref: string) {
  const appDir = path.join(work, 'app')
  mkdirSync(work, { recursive: true })
  const commit = snapshot({ root, appDir, stampDir: work, ref, own: OWN })
  log(`snapshot of --ref ${ref} → ${path.relative(root, appDir)}`)
  // The same options but --ref, and --out as an absolute path.
  const args = process.argv
    .slice(2)
    .filter(
      (a, i, all) => !['--ref', '--out'].includes(a) && !['--ref', '--out'].includes(all[i - 1]),
    )
  const out = path.resolve(root, opts.out ?? path.join(benchDir, 'RESULTS.md'))
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/analytics/run.mts', ...args, '--out', out],
    {
      cwd: appDir,
      stdio: 'inherit',
      env: { ...process.env, BENCH_ANALYTICS_WORK: work, BENCH_COMMIT: commit },
    },
  )
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
  if (code !== 0) throw new Error(`the benchmark on --ref ${ref} exited with ${code}`)
}

// ---------------------------------------------------------------- 1. database
type Db = Awaited<ReturnType<typeof benchDatabase>>

/** The data of this seed and generator version, generated now unless it is already there. */
async function prepare(db: Db) {
  const cached = await reuseOrRecreate<BenchMeta>(db, {
    table: META_TABLE,
    version: GENERATOR_VERSION,
    seed: opts.seed,
    fresh: opts.fresh,
    migrations: migrationNames(),
  })
  const tMigrate = performance.now()
  const env = { PAYLOAD_LOG_LEVEL: 'warn', PAYLOAD_SECRET: SECRET }
  await migrateAndVerify(db.url, env)
  const migrated = `migrations checked/applied in ${seconds(performance.now() - tMigrate)}`
  if (cached) {
    return {
      meta: cached,
      generation: `reused the data generated ${cached.generatedAt} (seed ${cached.seed}, ${cached.seconds} s to generate); ${migrated}`,
    }
  }
  log(`generating data (seed ${opts.seed}) …`)
  const tGen = performance.now()
  await runTS('bench/analytics/generate.mts', [], {
    ...env,
    DATABASE_URL: db.url,
    BENCH_SEED: String(opts.seed),
    OUTBOX_RELAY: 'false',
    SCHEDULES: 'false',
    EMAIL_LOG: 'false',
  })
  const meta = await readMeta<BenchMeta>(db.url, META_TABLE)
  if (!meta) throw new Error('the generator finished without writing bench_analytics_meta')
  return {
    meta,
    generation: `generated in ${seconds(performance.now() - tGen)} (seed ${opts.seed}); ${migrated}`,
  }
}

// ---------------------------------------------------------------- 2. the app, in process
type ApiRaw = typeof import('../../tests/helpers/http').apiRaw

/** A full GC, so "before" is what the process really holds. */
const gc: () => void = (() => {
  v8.setFlagsFromString('--expose-gc')
  return vm.runInNewContext('gc') as () => void
})()

// ---------------------------------------------------------------- 3a. statement profile
let recording: Statement[] | null = null
{
  type Query = (...args: unknown[]) => unknown
  const proto = pg.Client.prototype as unknown as { query: Query }
  const original = proto.query
  proto.query = function (this: unknown, ...args: unknown[]) {
    const into = recording
    if (!into) return original.apply(this, args)
    const [config, values] = args as [
      string | { text?: string; values?: unknown[] },
      unknown[] | undefined,
    ]
    const text = typeof config === 'string' ? config : (config?.text ?? '')
    const params = Array.isArray(values)
      ? values
      : typeof config === 'object'
        ? (config?.values ?? [])
        : []
    const start = performance.now()
    const done = (r?: { rowCount?: number | null; rows?: unknown[] }) =>
      into.push({
        text,
        values: params,
        ms: performance.now() - start,
        rows: r?.rows?.length ?? r?.rowCount ?? 0,
      })
    // pg-pool's query() (drizzle's path) passes a callback; a direct client.query() a promise.
    const last = args.length - 1
    const callback = args[last]
    if (typeof callback === 'function') {
      args[last] = (err: unknown, res: never) => {
        done(res)
        return callback(err, res)
      }
      return original.apply(this, args)
    }
    const result = original.apply(this, args)
    return result instanceof Promise
      ? result.then((r) => {
          done(r)
          return r
        })
      : result
  }
}

// ---------------------------------------------------------------- 3b. measuring
type Check = (body: string) => { error?: string; answer?: string }

/** A check of a JSON answer, typed with the fields it reads. */
const json =
  <T,>(describe: (b: Partial<T>) => { error?: string; answer?: string }): Check =>
  (text) => {
    try {
      return describe(JSON.parse(text) as Partial<T>)
    } catch {
      return { error: `not JSON: ${text.slice(0, 80)}` }
    }
  }

async function call(apiRaw: ApiRaw, pathname: string, token: string) {
  const start = performance.now()
  const res = await apiRaw('GET', pathname, { token })
  const text = await res.text()
  return { ms: performance.now() - start, status: res.status, text }
}

async function measure(
  apiRaw: ApiRaw,
  scenario: Scenario,
  token: string,
  check: Check,
): Promise<Timing> {
  const t: Timing = { scenario, samples: [] }
  try {
    const warm = await call(apiRaw, scenario.path, token)
    const seen =
      warm.status === 200
        ? check(warm.text)
        : { error: `${warm.status}: ${warm.text.slice(0, 160)}` }
    t.error = seen.error
    t.answer = seen.answer
    const started = performance.now()
    while (!t.error && t.samples.length < opts.runs) {
      const r = await call(apiRaw, scenario.path, token)
      if (r.status !== 200) {
        t.error = `${r.status} on run ${t.samples.length + 1}`
        break
      }
      t.samples.push(r.ms)
      if (t.samples.length >= MIN_SAMPLES && performance.now() - started > opts.budgetMs) break
    }
    if (!t.error) {
      // One more call, every SQL statement timed.
      recording = []
      const start = performance.now()
      await call(apiRaw, scenario.path, token)
      t.profile = { totalMs: performance.now() - start, statements: recording }
      recording = null
    }
  } catch (err) {
    recording = null
    t.error = String(err).split('\n')[0]
  }
  const target =
    scenario.targetMs === undefined ? 'no target' : `target < ${formatMs(scenario.targetMs)}`
  log(
    `  ${scenario.key.padEnd(22)} n=${String(t.samples.length).padStart(2)} median ${formatMs(median(t.samples)).padStart(8)}  p95 ${formatMs(percentile(t.samples, 95)).padStart(8)}  ${target}${t.scenario.targetMs === undefined ? '' : timingPasses(t) ? ' PASS' : ' FAIL'}${t.error ? `  ${t.error}` : ''}${t.answer ? `  (${t.answer})` : ''}`,
  )
  return t
}

/** Streams a CSV export chunk by chunk, dropping each, with the process's memory sampled. */
async function streamCsv(
  apiRaw: ApiRaw,
  label: string,
  pathname: string,
  token: string,
  judged: boolean,
): Promise<CsvRun> {
  gc()
  const before = process.memoryUsage()
  const run: CsvRun = {
    label,
    rows: 0,
    bytes: 0,
    ms: 0,
    rssBefore: before.rss,
    rssPeak: before.rss,
    heapBefore: before.heapUsed,
    heapPeak: before.heapUsed,
    heapAfter: before.heapUsed,
    samples: 0,
    judged,
  }
  const sample = () => {
    const m = process.memoryUsage()
    run.rssPeak = Math.max(run.rssPeak, m.rss)
    run.heapPeak = Math.max(run.heapPeak, m.heapUsed)
    run.samples++
  }
  const timer = setInterval(sample, 50)
  const start = performance.now()
  try {
    const res = await apiRaw('GET', pathname, { token })
    if (res.status !== 200) throw new Error(`${res.status}: ${(await res.text()).slice(0, 160)}`)
    if (!res.body) throw new Error('no body')
    const reader = res.body.getReader()
    let lineEnds = 0
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      run.bytes += value.byteLength
      for (let i = 0; i < value.byteLength; i++) if (value[i] === 10) lineEnds++
      sample()
    }
    run.rows = Math.max(0, lineEnds - 1) // the header line
  } catch (err) {
    run.error = String(err).split('\n')[0]
  } finally {
    clearInterval(timer)
  }
  run.ms = performance.now() - start
  sample()
  gc()
  run.heapAfter = process.memoryUsage().heapUsed
  log(
    `  ${label.padEnd(44)} ${run.rows.toLocaleString('en').padStart(7)} rows  ${mb(run.bytes).padStart(8)}  ${formatMs(run.ms).padStart(7)}  RSS +${mb(rssGrowth(run))} (peak ${mb(run.rssPeak)}), heap kept ${mb(run.heapAfter - run.heapBefore)}${run.judged ? (csvPasses(run, TARGETS.csvGrowthMb, TARGETS.csvRows) ? ' PASS' : ' FAIL') : ''}${run.error ? `  ${run.error}` : ''}`,
  )
  return run
}

async function explain(url: string, statement: Statement) {
  return withClient(url, async (c) => {
    const { rows } = await c.query(
      `explain (analyze, buffers, verbose false) ${statement.text}`,
      statement.values as unknown[],
    )
    return rows.map((r) => String(r['QUERY PLAN'])).join('\n')
  })
}

// ---------------------------------------------------------------- main
async function main() {
  const t0 = performance.now()
  mkdirSync(work, { recursive: true })
  const loadBefore = os.loadavg()
  const external = Boolean(process.env.DATABASE_URL)

  const db = await benchDatabase({ dataDir: path.join(work, 'pg'), name: DB_NAME })
  const stops: Array<() => Promise<void>> = [db.stop]
  try {
    log(
      `database ${db.name} (${external ? 'DATABASE_URL server' : 'embedded, .data/bench-analytics/pg'})`,
    )
    const { meta, generation } = await prepare(db)
    log(generation)

    // Payload in this process, on the benchmark database, with no background work.
    Object.assign(process.env, {
      DATABASE_URL: db.url,
      PAYLOAD_SECRET: SECRET,
      PAYLOAD_LOG_LEVEL: 'warn',
      OUTBOX_RELAY: 'false',
      SCHEDULES: 'false',
      EMAIL_LOG: 'false',
      RATE_LIMIT_AUTH_MAX: '100000',
    })
    const tStart = performance.now()
    const { getPayload } = await import('payload')
    const { default: config } = await import('../../src/payload.config')
    const { setClock } = await import('../../src/services/analytics/clock')
    const { apiRaw } = await import('../../tests/helpers/http')
    const payload = await getPayload({ config })
    stops.unshift(async () => {
      // payload.destroy() can wait on the pool indefinitely; end the pool before Postgres stops.
      await Promise.race([
        Promise.resolve(payload.destroy()).catch(() => {}),
        new Promise((r) => setTimeout(r, 5000).unref()),
      ])
      // Payload's adapter keeps one client checked out for good (db-postgres connect()), so
      // pool.end() never settles: end the idle ones and let Postgres close the rest.
      const pool = (payload.db as unknown as { pool?: import('pg').Pool }).pool
      pool?.on('error', () => {})
      await Promise.race([
        pool?.end().catch(() => {}),
        new Promise((r) => setTimeout(r, 2000).unref()),
      ])
    })
    const runStart = Date.now()
    const anchor = new Date(meta.anchor).getTime()
    setClock(() => new Date(anchor + (Date.now() - runStart)))
    const tokens = {} as Record<AccountKey, string>
    for (const key of ['educator', 'institution', 'student'] as const) {
      const { token } = await payload.login({
        collection: 'users',
        data: { email: ACCOUNTS[key].email, password: PASSWORD },
      })
      if (!token) throw new Error(`could not log in as ${ACCOUNTS[key].email}`)
      tokens[key] = token
    }
    // Warm the route (module code, pool connections) without a large answer.
    await (await apiRaw('GET', '/api/users/me', { token: tokens.institution })).text()
    const startup = `Payload up and accounts logged in in ${seconds(performance.now() - tStart)}`
    log(startup)

    const { ids } = meta
    const inst = `/api/institutions/${ids.institution}`
    const educator = `/api/educators/${ids.educator}`

    // CSV first: a fresh heap, so nothing earlier can have made room the export then reuses.
    log('CSV export')
    const tCsv = performance.now()
    const csv: CsvRun[] = []
    for (let i = 0; i < opts.csvRuns; i++) {
      csv.push(
        await streamCsv(
          apiRaw,
          `all ${SHAPE.cohorts} cohorts (export-report?format=csv), run ${i + 1}${i === 0 ? ', fresh process' : ''}`,
          `${inst}/export-report?format=csv`,
          tokens.institution,
          true,
        ),
      )
    }
    csv.push(
      await streamCsv(
        apiRaw,
        'the 5k-student cohort (&cohortId=)',
        `${inst}/export-report?format=csv&cohortId=${meta.reportCohort}`,
        tokens.institution,
        false,
      ),
    )
    const csvMs = performance.now() - tCsv

    const scenarios: Array<{ scenario: Scenario; token: string; check: Check }> = [
      {
        scenario: {
          key: 'cohort-report',
          label: `cohort report, ${SHAPE.cohortSize.toLocaleString('en')} students × ${SHAPE.cohortCourses} courses: GET /api/institutions/:id/cohorts/:cohortId/report`,
          path: `${inst}/cohorts/${meta.reportCohort}/report`,
          account: 'institution',
          targetMs: TARGETS.cohortReportMs,
        },
        token: tokens.institution,
        check: json<{ students: unknown[] }>((b) =>
          b.students?.length === SHAPE.cohortSize
            ? { answer: `${b.students.length.toLocaleString('en')} students` }
            : { error: `${b.students?.length} students, expected ${SHAPE.cohortSize}` },
        ),
      },
      {
        scenario: {
          key: 'educator-analytics',
          label: 'educator analytics: GET /api/educators/:id/analytics',
          path: `${educator}/analytics`,
          account: 'big educator',
          targetMs: TARGETS.educatorMs,
        },
        token: tokens.educator,
        check: json<{ courses: number; totalStudents: number; activeStudents30d: number }>((b) =>
          b.courses === SHAPE.bigEducatorCourses
            ? {
                answer: `${b.courses} courses, ${(b.totalStudents ?? 0).toLocaleString('en')} students, ${(b.activeStudents30d ?? 0).toLocaleString('en')} active`,
              }
            : { error: `${b.courses} courses` },
        ),
      },
      {
        scenario: {
          key: 'student-performance',
          label: 'student performance, page 1: GET /api/educators/:id/student-performance',
          path: `${educator}/student-performance`,
          account: 'big educator',
          targetMs: TARGETS.educatorMs,
        },
        token: tokens.educator,
        check: json<{ docs: unknown[]; totalDocs: number }>((b) =>
          b.docs?.length
            ? { answer: `${b.docs.length} of ${(b.totalDocs ?? 0).toLocaleString('en')} rows` }
            : { error: 'an empty page' },
        ),
      },
      {
        scenario: {
          key: 'educator-revenue',
          label: 'revenue, last 90 days by day: GET /api/educators/:id/revenue',
          path: `${educator}/revenue`,
          account: 'big educator',
          targetMs: TARGETS.educatorMs,
        },
        token: tokens.educator,
        check: json<{ series: unknown[]; byCourse: unknown[] }>((b) =>
          b.series?.length
            ? { answer: `${b.series.length} days, ${b.byCourse?.length} courses` }
            : { error: 'no sales in the range' },
        ),
      },
      {
        scenario: {
          key: 'student-analytics',
          label: 'student analytics: GET /api/students/:id/analytics',
          path: `/api/students/${ids.student}/analytics`,
          account: 'student',
        },
        token: tokens.student,
        check: json<{ coursesEnrolled: number; lessonsCompleted: number }>((b) =>
          b.coursesEnrolled
            ? { answer: `${b.coursesEnrolled} courses, ${b.lessonsCompleted} lessons` }
            : { error: 'no courses' },
        ),
      },
      {
        scenario: {
          key: 'institution-analytics',
          label: 'institution analytics: GET /api/institutions/:id/analytics',
          path: `${inst}/analytics`,
          account: 'institution',
        },
        token: tokens.institution,
        check: json<{ cohorts: number; students: number }>((b) =>
          b.students
            ? { answer: `${b.cohorts} cohorts, ${b.students.toLocaleString('en')} students` }
            : { error: 'no students' },
        ),
      },
    ]
    log('endpoints')
    const tMeasure = performance.now()
    const timings: Timing[] = []
    for (const s of scenarios) timings.push(await measure(apiRaw, s.scenario, s.token, s.check))
    const measureMs = performance.now() - tMeasure

    // Every profiled statement, slowest first; plans for the slowest of each call out of target.
    mkdirSync(path.join(work, 'profile'), { recursive: true })
    mkdirSync(path.join(work, 'explain'), { recursive: true })
    for (const t of timings) {
      if (!t.profile) continue
      writeFileSync(
        path.join(work, 'profile', `${t.scenario.key}.txt`),
        [...t.profile.statements]
          .sort((a, b) => b.ms - a.ms)
          .map(
            (x) =>
              `${formatMs(x.ms).padStart(8)}  ${String(x.rows).padStart(7)} rows  ${x.text.replace(/\s+/g, ' ').slice(0, 400)}`,
          )
          .join('\n') + '\n',
      )
    }
    for (const t of timings) {
      const out = t.scenario.targetMs !== undefined && !timingPasses(t)
      if (!t.profile?.statements.length || (!out && !opts.explain)) continue
      const slowest = [...t.profile.statements].sort((a, b) => b.ms - a.ms)[0]
      try {
        const text = await explain(db.url, slowest)
        t.plan = { statement: slowest, text }
        writeFileSync(
          path.join(work, 'explain', `${t.scenario.key}.txt`),
          `${slowest.text}\n-- values: ${JSON.stringify(slowest.values)}\n\n${text}\n`,
        )
        log(
          `  plan of ${t.scenario.key}'s slowest statement: .data/bench-analytics/explain/${t.scenario.key}.txt`,
        )
      } catch (err) {
        log(`  EXPLAIN for ${t.scenario.key} failed: ${(err as Error).message}`)
      }
    }

    // ---------------------------------------------------------------- 4. RESULTS.md
    const pgVersion = await withClient(db.url, async (c) =>
      String((await c.query('show server_version')).rows[0].server_version),
    )
    const cpus = os.cpus()
    const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(' / ')
    const n = (k: string) => (meta.counts[k] ?? 0).toLocaleString('en')
    const markdown = renderResults(
      {
        date: new Date().toISOString().replace('T', ' ').replace(/\..*/, ' UTC'),
        commit: described(),
        machine: [
          `**Machine:** ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, PostgreSQL ${pgVersion} (${external ? 'DATABASE_URL server' : 'embedded, default settings'})`,
          `**Load average** (1/5/15 min): ${load(loadBefore)} at the start, ${load(os.loadavg())} at the end — above ${cpus.length} means other work competed for the cores`,
        ],
        runs: `1 warm-up call, then up to ${opts.runs} samples or ${opts.budgetMs / 1000} s per call (at least ${MIN_SAMPLES}); ${opts.csvRuns} exports of all cohorts and 1 of the report cohort`,
        data: [
          `Seed ${meta.seed}, generator v${meta.version}, anchor (the analytics clock) ${meta.anchor}.`,
          `${n('students')} students, ${n('educators')} educators, ${n('courses')} published courses (${n('lessons')} lessons, ${n('quizzes')} quizzes), ${n('enrollments')} enrollments, ${n('lesson_progress')} lesson-progress rows, ${n('quiz_attempts')} quiz attempts, ${n('certifications')} certificates, ${n('purchases')} purchases.`,
          `${n('analytics_events')} analytics events (${n('lesson_complete events')} lesson_complete with timeSpent and firstCompletion; enroll, course_complete, quiz_submit, certificate_issued, purchase_completed/refunded), over ${SHAPE.historyDays} days; ${n('analytics_daily')} rollup rows through the day before the anchor.`,
          `The big educator: ${n('big educator courses')} courses (${SHAPE.bigEducatorPaidCourses} paid), ${n('big educator enrollments')} enrollments. The student: ${n('student 0 enrollments')} enrollments.`,
          `The institution: ${SHAPE.cohorts} cohorts of ${SHAPE.cohortSize.toLocaleString('en')} students over the same ${SHAPE.cohortCourses} paid courses (every student in two cohorts), ${n('institution member × course rows')} member × course rows in all; the report cohort has ${n('report cohort members')} members.`,
          'Every enrollment has done 0–12 lessons plus one started, or (every 4th) all 20 and a certificate; everyone past lesson 11 took its quiz (a second attempt below 70).',
        ],
        timings: [
          `data: ${generation}`,
          startup,
          `CSV exports: ${seconds(csvMs)}; endpoint measurements: ${seconds(measureMs)}`,
          `whole run: ${seconds(performance.now() - t0)}`,
        ],
        csvTarget: { growthMb: TARGETS.csvGrowthMb, rows: TARGETS.csvRows },
      },
      timings,
      csv,
    )
    const file = opts.out ? path.resolve(root, opts.out) : path.join(benchDir, 'RESULTS.md')
    writeFileSync(file, markdown)
    writeFileSync(
      path.join(work, 'results.json'),
      JSON.stringify(
        {
          timings: timings.map((t) => ({
            ...t.scenario,
            samples: t.samples,
            error: t.error,
            answer: t.answer,
          })),
          csv,
        },
        null,
        2,
      ),
    )
    log(`wrote ${file} (whole run ${seconds(performance.now() - t0)})`)
  } finally {
    for (const stop of stops) await stop().catch(() => {})
  }
}

try {
  if (opts.ref) await runOnRef(opts.ref)
  else await main()
} catch (err) {
  console.error(`[bench:analytics] ${(err as Error).stack ?? err}`)
  process.exitCode = 1
}
process.exit()

// Figures and the RESULTS.md writer of the analytics benchmark. Statistics and number formatting
// come from the access benchmark's report (bench/access/report.ts).
import { formatMs, median, percentile } from '../access/report'

export { formatMs, median, percentile }

export type Scenario = {
  key: string
  label: string
  path: string
  account: string
  /** Upper bound for p95 in ms; undefined: reported, not judged (the issue sets no target). */
  targetMs?: number
}

/** One SQL statement of a profiled call: its text, parameters and time on the client. */
export type Statement = { text: string; values: unknown[]; ms: number; rows: number }

export type Timing = {
  scenario: Scenario
  samples: number[]
  /** Why a measurement is incomplete: a non-200 answer, a wrong body. */
  error?: string
  /** What the answer held, to show it was the real thing (e.g. "5,000 students"). */
  answer?: string
  profile?: { totalMs: number; statements: Statement[] }
  /** EXPLAIN (ANALYZE, BUFFERS) of its slowest statement, for calls out of target or --explain. */
  plan?: { statement: Statement; text: string }
}

export type CsvRun = {
  label: string
  rows: number
  bytes: number
  ms: number
  rssBefore: number
  rssPeak: number
  heapBefore: number
  heapPeak: number
  /** heapUsed after the export and a full GC: what it left behind. */
  heapAfter: number
  samples: number
  /** Judged against the memory target (the exports of all cohorts: 100k rows). */
  judged: boolean
  error?: string
}

export const MB = 2 ** 20
export const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`
export const rssGrowth = (r: CsvRun) => r.rssPeak - r.rssBefore

export const timingPasses = (t: Timing) =>
  !t.error &&
  t.samples.length > 0 &&
  (t.scenario.targetMs === undefined || percentile(t.samples, 95) < t.scenario.targetMs)

export const csvPasses = (r: CsvRun, growthLimitMb: number, minRows: number) =>
  !r.error && r.rows >= minRows && rssGrowth(r) <= growthLimitMb * MB

export type RunInfo = {
  date: string
  commit: string
  machine: string[]
  data: string[]
  runs: string
  timings: string[]
  csvTarget: { growthMb: number; rows: number }
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ')
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s)

/** The statement with its parameters inlined, to paste into psql. */
export function inlined(s: Pick<Statement, 'text' | 'values'>) {
  return s.text.replace(/\$(\d+)\b/g, (_, i: string) => {
    const v = s.values[Number(i) - 1]
    if (v === null || v === undefined) return 'null'
    if (typeof v === 'number' || typeof v === 'boolean') return String(v)
    return `'${String(v instanceof Date ? v.toISOString() : v).replace(/'/g, "''")}'`
  })
}

export function renderResults(info: RunInfo, timings: Timing[], csv: CsvRun[]) {
  const judgedCsv = csv.filter((r) => r.judged)
  const failed =
    timings.filter((t) => t.scenario.targetMs !== undefined && !timingPasses(t)).length +
    judgedCsv.filter((r) => !csvPasses(r, info.csvTarget.growthMb, info.csvTarget.rows)).length
  const lines: string[] = []
  const out = (...l: string[]) => lines.push(...l)
  out(
    '# Analytics benchmark — results',
    '',
    '<!-- Written by `npm run bench:analytics` (bench/analytics/run.mts); re-run it rather than editing. -->',
    '',
    `- **Date:** ${info.date}`,
    `- **Commit measured:** ${info.commit}`,
    '- **App:** in process — the route handlers `next start` serves /api with (`REST_GET(config)` from `@payloadcms/next/routes`, as the integration tests call them), no HTTP hop',
    ...info.machine.map((m) => `- ${m}`),
    `- **Runs:** ${info.runs}`,
    `- **Verdict:** ${failed === 0 ? 'every target met' : `${failed} target(s) missed`}`,
    '',
    '## Endpoints',
    '',
    'Pass = p95 under the target. Targets from the issue: cohort report < 1 s, educator analytics < 200 ms (applied to each of the educator dashboard calls); the student and institution summaries have none and are reported for reference.',
    '',
    '| call | account | answer | n | median | p95 | target | result |',
    '|---|---|---|---:|---:|---:|---:|---|',
  )
  for (const t of timings) {
    const target = t.scenario.targetMs
    const verdict = t.error
      ? `FAIL (${cell(t.error)})`
      : target === undefined
        ? '—'
        : timingPasses(t)
          ? 'PASS'
          : 'FAIL'
    out(
      `| ${cell(t.scenario.label)} | ${t.scenario.account} | ${cell(t.answer ?? '')} | ${t.samples.length} | ${formatMs(median(t.samples))} | ${formatMs(percentile(t.samples, 95))} | ${target === undefined ? '—' : `< ${formatMs(target)}`} | ${verdict} |`,
    )
  }
  out(
    '',
    '## CSV export: time and memory',
    '',
    `Pass = at least ${info.csvTarget.rows.toLocaleString('en')} rows and the process's resident memory (RSS) at most ${info.csvTarget.growthMb} MB above where it was before the request, at its peak while the body streams, on every export of all cohorts (the first in a fresh process: nothing warmed up but the route).`,
    '',
    '| export | rows | size | time | RSS before | RSS peak | RSS growth | heap peak growth | heap kept after GC | result |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  )
  for (const r of csv) {
    const verdict = r.error
      ? `FAIL (${cell(r.error)})`
      : r.judged
        ? csvPasses(r, info.csvTarget.growthMb, info.csvTarget.rows)
          ? `PASS (≤ ${info.csvTarget.growthMb} MB)`
          : `FAIL (> ${info.csvTarget.growthMb} MB or < ${info.csvTarget.rows.toLocaleString('en')} rows)`
        : '—'
    out(
      `| ${cell(r.label)} | ${r.rows.toLocaleString('en')} | ${mb(r.bytes)} | ${formatMs(r.ms)} | ${mb(r.rssBefore)} | ${mb(r.rssPeak)} | ${mb(rssGrowth(r))} | ${mb(r.heapPeak - r.heapBefore)} | ${mb(r.heapAfter - r.heapBefore)} | ${verdict} |`,
    )
  }
  out(
    '',
    '## Where the time goes',
    '',
    'One extra call per endpoint with every SQL statement timed on the client (the time from sending it to its last row).',
    '',
    '| call | statements | SQL total | call total | slowest statement | its time | rows |',
    '|---|---:|---:|---:|---|---:|---:|',
  )
  for (const t of timings) {
    if (!t.profile) continue
    const sqlMs = t.profile.statements.reduce((s, x) => s + x.ms, 0)
    const top = [...t.profile.statements].sort((a, b) => b.ms - a.ms)[0]
    out(
      `| ${cell(t.scenario.label)} | ${t.profile.statements.length} | ${formatMs(sqlMs)} | ${formatMs(t.profile.totalMs)} | ${top ? `\`${cell(clip(top.text.trim(), 110))}\`` : '—'} | ${top ? formatMs(top.ms) : '—'} | ${top ? top.rows.toLocaleString('en') : '—'} |`,
    )
  }
  const plans = timings.filter((t) => t.plan)
  if (plans.length) {
    out(
      '',
      '## Query plans',
      '',
      "`EXPLAIN (ANALYZE, BUFFERS)` of the slowest statement of each call out of target (or every call, with `--explain`), with the call's own parameters.",
    )
    for (const t of plans) {
      out(
        '',
        `### ${t.scenario.label}`,
        '',
        '<details><summary>statement and plan</summary>',
        '',
        '```sql',
        inlined(t.plan!.statement).trim(),
        '```',
        '',
        '```',
        t.plan!.text,
        '```',
        '',
        '</details>',
      )
    }
  }
  out('', '## Data', '', ...info.data.map((d) => `- ${d}`))
  out('', '## Timings of this run', '', ...info.timings.map((t) => `- ${t}`))
  out(
    '',
    '## How it is measured',
    '',
    "- One process: the benchmark starts Payload on the benchmark database and calls the same route handlers Next serves /api with, using standard `Request` objects (tests/helpers/http.ts), logged in as each account (`Authorization: JWT` from `payload.login`). A call's time runs from the handler call to the last byte of the body; every answer must be 200 and hold what the call promises (e.g. the cohort report lists all its students). One warm-up call, then up to the run count or the time budget (at least 5 samples).",
    "- CSV memory: `process.memoryUsage()` sampled every 50 ms and at every chunk while the body is read chunk by chunk and dropped (counting bytes and line ends, never keeping them); growth = the peak RSS minus the RSS just before the request, after a full GC. The heap's peak includes garbage not yet collected; what the export keeps is the heap after it and another full GC. The CSV runs come first, before any other call has grown the heap, so later garbage cannot hide the export's own use.",
    '- The analytics clock (`src/services/analytics/clock.ts`) is pinned to the data\'s anchor (noon UTC of the day it was generated, plus the time since the run started), so the default ranges and "active in the last 30 days" cover the same rows however old the cached data is; the rollups cover every day before the anchor, the anchor\'s day is read live, as in production.',
    '- The statement profile wraps `pg.Client#query` for one call per endpoint (outside the timed samples).',
    '',
  )
  return lines.join('\n')
}

// The platform benchmark's verdicts and its RESULTS.md (and the README's copy of the table).
import { formatMs } from '../access/report'

/** One autocannon run (or a sequence of timed calls) against one server. */
export type Load = {
  server: 'app' | 'raw' | 'rest'
  rps: number
  p50: number
  p99: number
  requests: number
  /** Answers other than the expected status, and connection errors or timeouts. */
  failures: number
}

export type Verdict = { target: string; met: boolean | null; why?: string }

export type Row = {
  key: string
  scenario: string
  app?: Load
  /** The limit (raw SQL server) and the default (Payload REST), where measured. */
  raw?: Load
  rest?: Load
  /** A figure that is not a rate: the cohort report's time, the export's memory, certificates/s. */
  figure?: string
  verdicts: Verdict[]
  notes: string[]
}

export const ratio = (a?: Load, b?: Load) => (a && b && b.rps > 0 ? a.rps / b.rps : NaN)
const times = (x: number) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : '—')
const rps = (l?: Load) => (l ? `${l.rps.toFixed(1)}` : '—')
const cell = (s: string) => s.replace(/\|/g, '\\|')

export const verdictText = (v: Verdict) =>
  `${v.met === null ? 'not measured' : v.met ? 'met' : 'NOT MET'}: ${v.target}${v.why ? ` (${v.why})` : ''}`

/** The summary table: RESULTS.md's and the README's. */
export function summaryTable(rows: Row[]) {
  const lines = [
    '| scenario | app req/s | p50 | p99 | limit (raw SQL) req/s | app ÷ limit | default (REST) req/s | app ÷ default | target | result |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|---|',
  ]
  for (const r of rows) {
    const met = r.verdicts.every((v) => v.met === true)
    const measured = r.verdicts.some((v) => v.met !== null)
    lines.push(
      `| ${cell(r.scenario)} | ${r.app ? rps(r.app) : cell(r.figure ?? '—')} | ${r.app ? formatMs(r.app.p50) : '—'} | ${r.app ? formatMs(r.app.p99) : '—'} | ${rps(r.raw)} | ${times(ratio(r.app, r.raw))} | ${rps(r.rest)} | ${times(ratio(r.app, r.rest))} | ${cell(r.verdicts.map((v) => v.target).join('; ') || '—')} | ${!r.verdicts.length ? '—' : !measured ? 'not measured' : met ? 'met' : 'NOT MET'} |`,
    )
  }
  return lines
}

export type RunInfo = {
  date: string
  commit: string
  machine: string[]
  settings: string[]
  data: string[]
  timings: string[]
}

export function renderResults(info: RunInfo, rows: Row[]) {
  const failed = rows.filter((r) => r.verdicts.some((v) => v.met !== true))
  const out = [
    '# Platform benchmark — results',
    '',
    '<!-- Written by `npm run bench` (bench/platform/run.mts); re-run it rather than editing. -->',
    '',
    `- **Date:** ${info.date}`,
    `- **Commit measured:** ${info.commit}`,
    ...info.machine.map((m) => `- ${m}`),
    ...info.settings.map((s) => `- ${s}`),
    `- **Verdict:** ${failed.length ? `${failed.length} scenario(s) with a target not met: ${failed.map((r) => r.key).join(', ')}` : 'every target met'}`,
    '',
    '## Summary',
    '',
    '"Limit": a minimal `node:http` + `pg` server (bench/platform/raw-server.ts) answering with the same JSON ' +
      'through purpose-written SQL. "Default": Payload\'s REST API called as a frontend would naively ' +
      '(`/api/courses?where[_status][equals]=published&depth=2&limit=20`). Both run in the same run, on the same data.',
    '',
    ...summaryTable(rows),
    '',
    '## Per scenario',
    '',
  ]
  for (const r of rows) {
    out.push(`### ${r.scenario}`, '')
    for (const l of [r.app, r.raw, r.rest].filter(Boolean) as Load[])
      out.push(
        `- ${{ app: 'app', raw: 'limit (raw SQL)', rest: 'default (Payload REST)' }[l.server]}: ${l.rps.toFixed(1)} req/s, p50 ${formatMs(l.p50)}, p99 ${formatMs(l.p99)}, ${l.requests.toLocaleString('en')} requests, ${l.failures} failed`,
      )
    if (r.figure) out.push(`- ${r.figure}`)
    for (const v of r.verdicts) out.push(`- ${verdictText(v)}`)
    for (const n of r.notes) out.push(`- ${n}`)
    out.push('')
  }
  out.push('## Data', '', ...info.data.map((d) => `- ${d}`), '')
  out.push('## Timings of this run', '', ...info.timings.map((t) => `- ${t}`), '')
  out.push(
    '## How it is measured',
    '',
    '- `npm run build`, then the app as `npm start` runs it (`node scripts/start.mjs`, production) on the ' +
      "benchmark's own database (an embedded Postgres in .data/bench-platform/pg, or a `readylab_bench_platform` " +
      "database on DATABASE_URL's server); the raw server and the load generator run on the same machine.",
    '- Rates: `autocannon` over loopback with bounded connections for a fixed duration, after a warm-up; ' +
      'p50/p99 are its latency percentiles. A run counts only answers with the expected status; any other ' +
      'answer, error or timeout is a failure and fails the scenario.',
    '- Lesson complete: each request completes a different (student, lesson) pair that was not complete, ' +
      'as that student (`Authorization: JWT`, from `POST /api/users/login`); the app and the limit get ' +
      "disjoint students. Afterwards every touched enrollment's `progress_percentage` is checked against SQL.",
    "- The export's memory: measured first, in the freshly started app (a heap grown by the loads " +
      "would hide a buffered export), after one export of the smallest cohort has loaded the route's " +
      'code; the resident set (VmRSS in /proc) of its process tree, sampled ' +
      'every 20 ms while the whole CSV is read; growth = peak − the value just before the request.',
    '- Certificates: `npm run bench:certificates` (bench/certificates), after the app is stopped.',
    '',
  )
  return out.join('\n')
}

const START = '<!-- bench:platform:start -->'
const END = '<!-- bench:platform:end -->'

/** The README with its benchmark table replaced (between the markers), or null without them. */
export function readmeWithTable(readme: string, info: RunInfo, rows: Row[]) {
  const from = readme.indexOf(START)
  const to = readme.indexOf(END)
  if (from < 0 || to < from) return null
  const block = [
    START,
    `Last run: ${info.date}, ${info.machine[0]?.replace(/\*\*/g, '') ?? ''}; commit ${info.commit}.`,
    '',
    ...summaryTable(rows),
  ].join('\n')
  return `${readme.slice(0, from)}${block}\n${readme.slice(to)}`
}

// Statistics and the RESULTS.md writer of the access benchmark.
import type { Account } from './accounts'

export type Scenario = {
  key: string
  label: string
  /** Upper bound for p95, in ms. */
  targetMs: number
}

export const API_TARGET_MS = 200
export const ADMIN_TARGET_MS = 2000
/** The largest account of a kind may take at most this many times the smallest one's median… */
export const GROWTH_LIMIT = 2
/** …unless the difference is within loopback noise. */
export const GROWTH_NOISE_MS = 10

export type Measurement = {
  account: Account
  scenario: Scenario
  path: string
  samples: number[]
  /** Why a measurement is incomplete or failed: a non-200 answer, a timeout, a wrong screen. */
  error?: string
  note?: string
}

export const median = (xs: number[]) => percentile(xs, 50)

/** Nearest-rank percentile. */
export function percentile(xs: number[], p: number) {
  if (!xs.length) return NaN
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]
}

export const passes = (m: Measurement) =>
  !m.error && m.samples.length > 0 && percentile(m.samples, 95) < m.scenario.targetMs

export function formatMs(ms: number) {
  if (!Number.isFinite(ms)) return '—'
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`
  return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`
}

export type Growth = {
  kind: string
  scenario: Scenario
  smallest: Measurement
  largest: Measurement
  ratio: number
  pass: boolean
}

/** For each kind of account with several sizes: the largest against the smallest, by median. */
export function growthChecks(results: Measurement[]): Growth[] {
  const out: Growth[] = []
  const groups = new Map<string, Measurement[]>()
  for (const m of results) {
    if (m.account.kind === 'admin') continue
    const key = `${m.account.kind}\u0000${m.scenario.key}`
    groups.set(key, [...(groups.get(key) ?? []), m])
  }
  for (const list of groups.values()) {
    if (list.length < 2) continue
    const sorted = [...list].sort((a, b) => a.account.size - b.account.size)
    const smallest = sorted[0]
    const largest = sorted[sorted.length - 1]
    const a = median(smallest.samples)
    const b = median(largest.samples)
    const ratio = b / a
    const pass =
      !smallest.error &&
      !largest.error &&
      Number.isFinite(ratio) &&
      (ratio <= GROWTH_LIMIT || b - a <= GROWTH_NOISE_MS)
    out.push({
      kind: smallest.account.kind,
      scenario: smallest.scenario,
      smallest,
      largest,
      ratio,
      pass,
    })
  }
  return out
}

export type RunInfo = {
  date: string
  commit: string
  mode: string
  machine: string[]
  data: string[]
  timings: string[]
  runs: string
}

const cell = (s: string) => s.replace(/\|/g, '\\|')

export function renderResults(info: RunInfo, results: Measurement[]) {
  const growth = growthChecks(results)
  const failed = results.filter((m) => !passes(m)).length + growth.filter((g) => !g.pass).length
  const lines: string[] = []
  lines.push('# Access benchmark — results')
  lines.push('')
  lines.push(
    '<!-- Written by `npm run bench:access` (bench/access/run.mts); re-run it rather than editing. -->',
  )
  lines.push('')
  lines.push(`- **Date:** ${info.date}`)
  lines.push(`- **Commit measured:** ${info.commit}`)
  lines.push(`- **App:** ${info.mode}`)
  for (const m of info.machine) lines.push(`- ${m}`)
  lines.push(`- **Runs:** ${info.runs}`)
  lines.push(
    `- **Verdict:** ${failed === 0 ? 'every scenario within target' : `${failed} check(s) out of target`}`,
  )
  lines.push('')
  lines.push('## Per account')
  lines.push('')
  lines.push(
    `Pass = p95 under the target (API calls < ${API_TARGET_MS} ms, admin first screen < ${ADMIN_TARGET_MS / 1000} s).`,
  )
  lines.push('')
  lines.push('| scenario | account | size | n | median | p95 | target | result |')
  lines.push('|---|---|---|---:|---:|---:|---:|---|')
  for (const m of results) {
    const verdict = passes(m) ? 'pass' : 'FAIL'
    const why = [m.error, m.note].filter(Boolean).join('; ')
    lines.push(
      `| ${cell(m.scenario.label)} | ${m.account.key} | ${m.account.sizeLabel} | ${m.samples.length} | ${formatMs(median(m.samples))} | ${formatMs(percentile(m.samples, 95))} | < ${formatMs(m.scenario.targetMs)} | ${verdict}${why ? ` (${cell(why)})` : ''} |`,
    )
  }
  lines.push('')
  lines.push('## Growth: largest account against the smallest')
  lines.push('')
  lines.push(
    `Pass = the largest account's median is within ${GROWTH_LIMIT}× the smallest's (or within ${GROWTH_NOISE_MS} ms of it: loopback noise).`,
  )
  lines.push('')
  lines.push('| scenario | kind | smallest | median | largest | median | ratio | result |')
  lines.push('|---|---|---|---:|---|---:|---:|---|')
  for (const g of growth) {
    lines.push(
      `| ${cell(g.scenario.label)} | ${g.kind} | ${g.smallest.account.sizeLabel} | ${formatMs(median(g.smallest.samples))} | ${g.largest.account.sizeLabel} | ${formatMs(median(g.largest.samples))} | ${Number.isFinite(g.ratio) ? `${g.ratio.toFixed(1)}×` : '—'} | ${g.pass ? 'pass' : 'FAIL'} |`,
    )
  }
  lines.push('')
  lines.push('## Data')
  lines.push('')
  for (const d of info.data) lines.push(`- ${d}`)
  lines.push('')
  lines.push('## Timings of this run')
  lines.push('')
  for (const t of info.timings) lines.push(`- ${t}`)
  lines.push('')
  lines.push('## How it is measured')
  lines.push('')
  lines.push(
    '- Every call is made over loopback by one client, one request at a time, logged in as the account ' +
      '(`Authorization: JWT <token>` from `POST /api/users/login`); the time is from sending the request ' +
      'to the last byte of the body, and every answer must be 200. Each call is made once to warm up, ' +
      'then repeated up to the run count or until its time budget is spent (at least 3 samples).',
  )
  lines.push(
    "- The admin's first screen: a fresh Chromium context (`/usr/bin/chromium`, headless) with the " +
      "account's `payload-token` cookie opens `/admin` and waits until the dashboard shows its collection " +
      'cards (students, who may not use the admin, until the Unauthorized screen). One warm-up load, then ' +
      'timed loads.',
  )
  lines.push(
    '- The app is built from a snapshot of the tree (`.data/bench-access/app`) and served by `next start` ' +
      '(or `next dev` with `--dev`) against its own database; the benchmark client, Chromium, the app and ' +
      'Postgres share the machine, as do any other processes running at the time (see the load average).',
  )
  lines.push('')
  return lines.join('\n')
}

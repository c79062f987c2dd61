// Small pieces the benchmarks' runners and generators share (bench/access, bench/analytics).

/** `--name` flags and `--name value` options of this process's command line. */
export function commandLine(argv = process.argv.slice(2)) {
  return {
    flag: (name: string) => argv.includes(`--${name}`),
    option: (name: string) => {
      const i = argv.indexOf(`--${name}`)
      return i >= 0 ? argv[i + 1] : undefined
    },
  }
}

/** What a generator child process is given: DATABASE_URL and BENCH_SEED. */
export function generatorInput(defaultSeed: number) {
  const url = process.env.DATABASE_URL
  if (!url) throw new Error('DATABASE_URL is required')
  const seed = Number(process.env.BENCH_SEED || defaultSeed)
  if (!Number.isInteger(seed)) throw new Error(`BENCH_SEED must be an integer, got ${seed}`)
  return { url, seed }
}

/** Logs a step of a generator with the seconds since the previous one. */
export function stepTimer(prefix = 'generate') {
  let last = performance.now()
  return (label: string) => {
    const now = performance.now()
    console.log(`[${prefix}] ${label} (${((now - last) / 1000).toFixed(1)} s)`)
    last = now
  }
}

/** The environment of a generator child process: Payload from source, no relay, schedules or email. */
export const generatorEnv = ({
  url,
  seed,
  secret,
}: {
  url: string
  seed: number
  secret: string
}) => ({
  DATABASE_URL: url,
  BENCH_SEED: String(seed),
  NODE_OPTIONS: '--no-deprecation --conditions=development',
  PAYLOAD_CONFIG_PATH: 'src/payload.config.ts',
  PAYLOAD_SECRET: secret,
  PAYLOAD_LOG_LEVEL: 'warn',
  OUTBOX_RELAY: 'false',
  SCHEDULES: 'false',
  EMAIL_LOG: 'false',
})

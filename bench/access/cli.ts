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

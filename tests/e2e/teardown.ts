import { rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** Removes the run's throwaway database (the dev server stopped its Postgres on exit). */
export default function teardown() {
  const port = Number(process.env.E2E_PORT || 3939)
  rmSync(path.join(os.tmpdir(), `readylab-e2e-pg-${port}`), { recursive: true, force: true })
}

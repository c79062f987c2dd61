// Applies the committed migrations (`npm run migrate`, `npm start`, the test setup). Compiled to
// dist/run-migrations.mjs by `npm run build`, so production runs it with plain node.
import { getPayload } from 'payload'

import { validateEnvironmentOrExit } from './config/environment'
import { applyMigrations } from './lib/migrations'

validateEnvironmentOrExit('migrate')
const { default: config } = await import('./payload.config')
// No relay or schedules here: this process only migrates.
const payload = await getPayload({ config, disableOnInit: true })
try {
  await applyMigrations(payload)
  payload.logger.info('[migrate] every migration is applied')
} catch (err) {
  payload.logger.error(`[migrate] ${(err as Error).message}`)
  process.exitCode = 1
} finally {
  await payload.destroy()
}
process.exit(process.exitCode ?? 0)

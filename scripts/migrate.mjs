// `npm run migrate`: applies committed migrations and checks each one was recorded.
import { ensureDatabase } from './lib/database.mjs'
import { migrateAndVerify, onExit } from './lib/run.mjs'

const db = await ensureDatabase()
const exit = onExit(db.stop)
try {
  await migrateAndVerify(db.url)
  console.log('[migrate] all migrations applied')
  await exit(0)
} catch (err) {
  console.error(`[migrate] ${err.message}`)
  await exit(1)
}

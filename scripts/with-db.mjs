// Runs a command with DATABASE_URL pointing at the app's database (embedded by default), e.g.
// `node scripts/with-db.mjs payload migrate:create add-courses`.
import { ensureDatabase } from './lib/database.mjs'
import { onExit, payloadCLI, run } from './lib/run.mjs'
import path from 'node:path'

const [command, ...args] = process.argv.slice(2)
if (!command) {
  console.error('usage: node scripts/with-db.mjs <command> [...args]')
  process.exit(2)
}
const db = await ensureDatabase()
const exit = onExit(db.stop)
try {
  if (command === 'payload') await payloadCLI(args, { DATABASE_URL: db.url })
  else
    await run(command === 'tsx' ? path.resolve('node_modules/.bin/tsx') : command, args, {
      DATABASE_URL: db.url,
    })
  await exit(0)
} catch (err) {
  console.error(err.message)
  await exit(1)
}

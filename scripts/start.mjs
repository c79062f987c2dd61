// `npm start` (after `npm run build`): same database handling as dev, production server.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { ensureDatabase, projectRoot } from './lib/database.mjs'
import { migrateAndVerify, onExit } from './lib/run.mjs'

const db = await ensureDatabase()
let server
const exit = onExit(async () => {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM')
    await new Promise((r) => server.once('exit', r))
  }
  await db.stop()
})
try {
  await migrateAndVerify(db.url)
} catch (err) {
  console.error(err.message)
  await exit(1)
}
server = spawn(
  process.execPath,
  [
    path.join(projectRoot, 'node_modules/next/dist/bin/next'),
    'start',
    '--port',
    process.env.PORT || '3000',
  ],
  { cwd: projectRoot, stdio: 'inherit', env: { ...process.env, DATABASE_URL: db.url } },
)
server.on('exit', (code) => exit(code ?? 0))

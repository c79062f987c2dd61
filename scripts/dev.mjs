// `npm run dev`: database (embedded unless DATABASE_URL) → migrations → demo data when empty → next dev.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { ensureDatabase, projectRoot } from './lib/database.mjs'
import { migrateAndVerify, onExit, runTS, userCount } from './lib/run.mjs'

const port = process.env.PORT || '3000'
const db = await ensureDatabase()
let next
const exit = onExit(async () => {
  if (next && next.exitCode === null) {
    next.kill('SIGTERM')
    await new Promise((r) => next.once('exit', r))
  }
  await db.stop()
})

try {
  await migrateAndVerify(db.url)
  if ((await userCount(db.url)) === 0) await runTS('src/seed/run.ts', [], { DATABASE_URL: db.url })
  else console.log('[seed] database already has users; skipping demo data (npm run seed to rerun)')
} catch (err) {
  console.error(err.message)
  await exit(1)
}

next = spawn(
  process.execPath,
  [path.join(projectRoot, 'node_modules/next/dist/bin/next'), 'dev', '--port', port],
  {
    cwd: projectRoot,
    stdio: 'inherit',
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      PAYLOAD_AUTOGENERATE_TYPES: 'true',
      NODE_OPTIONS: [process.env.NODE_OPTIONS, '--no-deprecation'].filter(Boolean).join(' '),
    },
  },
)
console.log(
  `[dev] The Ready Lab on http://localhost:${port} — admin /admin, REST /api, GraphQL /api/graphql`,
)
next.on('exit', (code) => exit(code ?? 0))

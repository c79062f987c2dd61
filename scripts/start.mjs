// `npm start` (after `npm run build`): the production server. Applies pending migrations (once
// across instances, under an advisory lock; a failed one stops the start), then serves the built app
// from this process, so a SIGTERM from Docker or an orchestrator reaches it: it stops accepting
// connections, lets the requests in flight finish (up to SHUTDOWN_TIMEOUT_MS) and exits 0.
import http from 'node:http'

import { projectRoot } from './lib/database.mjs'
import { migrateAndVerify } from './lib/run.mjs'

process.env.NODE_ENV = 'production'
const port = Number(process.env.PORT || 3000)
const graceMs = Number(process.env.SHUTDOWN_TIMEOUT_MS || 25_000)
// One JSON line per event, like the app's own (pino) log lines in production.
const log = (msg, level = 30) =>
  console.log(JSON.stringify({ level, time: Date.now(), pid: process.pid, name: 'start', msg }))

try {
  // Validates the environment first: a missing or malformed variable ends the start with one line.
  await migrateAndVerify(process.env.DATABASE_URL ?? '')
} catch (err) {
  log(err.message, 60)
  process.exit(1)
}

const { default: next } = await import('next')
const app = next({ dev: false, dir: projectRoot, port })
await app.prepare()
const handle = app.getRequestHandler()

let inFlight = 0
let stopping = false
const server = http.createServer((req, res) => {
  inFlight++
  res.on('close', () => inFlight--)
  if (stopping) res.setHeader('Connection', 'close')
  handle(req, res)
})
server.listen(port, () => log(`listening on port ${port}`))

const stop = async (signal) => {
  if (stopping) return
  stopping = true
  log(`${signal}: draining ${inFlight} request(s)`)
  server.close()
  server.closeIdleConnections()
  const deadline = Date.now() + graceMs
  while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
  server.closeAllConnections()
  log(`stopped${inFlight ? ` (${inFlight} request(s) cut at the deadline)` : ''}`)
  process.exit(0)
}
process.on('SIGTERM', () => void stop('SIGTERM'))
process.on('SIGINT', () => void stop('SIGINT'))

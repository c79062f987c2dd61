// Keeps the hot-path measurement's embedded Postgres running (data in .data/bench-hotpaths/pg)
// and prints its URL; Ctrl-C stops it.
import path from 'node:path'

import { startEmbeddedPostgres } from '../../scripts/lib/database.mjs'

const dataDir = path.resolve('.data/bench-hotpaths/pg')
const db = await startEmbeddedPostgres({ dataDir, persistent: true, log: () => {} })
console.log(`DATABASE_URL=${db.url}`)
const stop = async () => {
  await db.stop()
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
setInterval(() => {}, 1 << 30)

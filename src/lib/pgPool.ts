import pg from 'pg'

let lostAt = 0

/** When this process last failed to reach Postgres (ms since epoch; 0 if never). */
export const lastConnectionFailure = () => lostAt

// Payload's logger is not reachable from the adapter's pool; a line a second is enough.
let warnedAt = 0
function lost(what: string, err: Error) {
  lostAt = Date.now()
  if (lostAt - warnedAt < 1000) return
  warnedAt = lostAt
  console.warn(`[db] ${what}: ${err.message}`)
}

type ConnectCallback = (err: Error | undefined, client: pg.PoolClient, done: () => void) => void

/**
 * node-postgres with a Pool that survives Postgres going away (a restart, a failover): when the
 * server ends a connection, pg emits 'error' on the pool (an idle client) or on the client (one
 * checked out between queries), and an 'error' event nobody listens to ends the process.
 * With these listeners the broken client is dropped (the pool checks `_queryable` on release),
 * the query that was running fails, and the next ones get fresh connections once the server is
 * back — no restart of the app. Failures are timed for src/hooks/databaseOutage.ts.
 */
class ResilientPool extends pg.Pool {
  constructor(options?: pg.PoolConfig) {
    super(options)
    this.on('error', (err) => lost('idle connection lost', err))
    this.on('connect', (client) => {
      client.on('error', (err) => lost('connection lost', err))
    })
  }

  // pool.query() connects through the callback form, transactions through the promise form.
  connect(): Promise<pg.PoolClient>
  connect(callback: ConnectCallback): void
  connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    if (callback) {
      return super.connect((err, client, done) => {
        if (err) lost('cannot connect', err)
        callback(err, client!, done)
      })
    }
    return super.connect().catch((err: Error) => {
      lost('cannot connect', err)
      throw err
    })
  }
}

/** The `pg` option of postgresAdapter: the pg module with the resilient Pool. */
export const resilientPg = { ...pg, Pool: ResilientPool } as unknown as typeof pg

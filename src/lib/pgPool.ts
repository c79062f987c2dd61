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

/**
 * A connection of its own (not from the pool) for LISTEN, with the pool's settings: a listener
 * holds its connection for the life of the process, and the pool's connections are for work
 * (a pooled listener left one fewer, and nested acquisitions under load could then starve it).
 */
export async function listenerConnection(
  pool: pg.Pool,
  channel: string,
  onNotification: (payload: string | undefined) => void,
  /** The connection broke after it was listening (a restart, a failover). */
  onError: (client: pg.Client, err: Error) => void,
): Promise<pg.Client> {
  const options = (pool as unknown as { options: pg.ClientConfig }).options
  const client = new pg.Client(options)
  client.on('notification', (message) => onNotification(message.payload))
  client.on('error', (err) => onError(client, err))
  try {
    await client.connect()
    await client.query(`listen ${channel}`)
  } catch (err) {
    client.end().catch(() => {})
    throw err
  }
  return client
}

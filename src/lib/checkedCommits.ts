import type { DatabaseAdapterObj } from 'payload'

import { committed } from './afterCommit'

type Transaction = ((
  run: (tx: object) => Promise<unknown>,
  options?: unknown,
) => Promise<unknown>) & { __checked?: true }
type Adapter = {
  sessions: Record<string, { db: object }>
  drizzle: { transaction: Transaction }
  initializing?: Promise<void>
  beginTransaction(...args: unknown[]): Promise<null | number | string>
  commitTransaction(id: Promise<number | string> | number | string): Promise<void>
  payload?: { logger: { warn: (obj: object, msg: string) => void } }
}

/**
 * Payload's Postgres adapter answers a commit as done even when COMMIT failed (its transaction
 * promise swallows the error), so a write cut off by a connection loss at that moment was
 * acknowledged and then missing (tests/int/faults-postgres.int.spec.ts caught one). The
 * transaction's own outcome is now kept beside it, and a commit whose transaction failed throws:
 * the operation fails and the client is told to try again. No extra query, no extra connection.
 */
export function withCheckedCommits(adapter: DatabaseAdapterObj): DatabaseAdapterObj {
  return {
    ...adapter,
    init: (args) => {
      const db = adapter.init(args) as unknown as Adapter
      const failed = new WeakMap<object, unknown>()

      const watchTransactions = () => {
        const original = db.drizzle?.transaction
        if (!original || original.__checked) return
        const watched: Transaction = (run, options) => {
          let handle: object | undefined
          const outcome = original.call(
            db.drizzle,
            (tx) => {
              handle = tx
              return run(tx)
            },
            options,
          )
          outcome.catch((error: unknown) => {
            if (handle) failed.set(handle, error)
          })
          return outcome
        }
        watched.__checked = true
        db.drizzle.transaction = watched
      }

      // The adapter replaces its drizzle handle when it reconnects: watch whichever is current.
      const begin = db.beginTransaction.bind(db)
      db.beginTransaction = async (...beginArgs) => {
        await db.initializing
        watchTransactions()
        return begin(...beginArgs)
      }

      const commit = db.commitTransaction.bind(db)
      db.commitTransaction = async (incoming) => {
        const id = String(await incoming)
        const tx = db.sessions[id]?.db
        await commit(id)
        const error = tx && failed.get(tx)
        if (error) {
          throw new Error('The transaction did not commit: the database connection failed', {
            cause: error,
          })
        }
        // What waited for this commit (src/lib/afterCommit.ts), e.g. cache invalidation.
        await committed(tx, (err) =>
          db.payload?.logger.warn({ err }, 'after-commit callback failed'),
        )
      }
      return db as unknown as ReturnType<DatabaseAdapterObj['init']>
    },
  }
}

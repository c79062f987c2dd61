import { AsyncLocalStorage } from 'node:async_hooks'
import type { Payload } from 'payload'

type Query = (this: unknown, ...args: unknown[]) => unknown
export type Statement = { text: string; values: unknown[] }

/**
 * The SQL statements sent on behalf of `call` (pooled or in its transaction), with their
 * parameters — not the outbox relay's polls or jobs that share the pool meanwhile.
 */
export async function statementsSentBy<T>(payload: Payload, call: () => Promise<T>) {
  const pool = (payload.db as unknown as { pool: { Client: { prototype: { query: Query } } } }).pool
  const proto = pool.Client.prototype
  const original = proto.query
  const mine = new AsyncLocalStorage<true>()
  const statements: Statement[] = []
  proto.query = function (this: unknown, ...args: unknown[]) {
    if (mine.getStore()) {
      const [first, second] = args as [string | { text: string; values?: unknown[] }, unknown[]]
      const text = typeof first === 'string' ? first : first?.text
      const values = (typeof first === 'string' ? undefined : first?.values) ?? second ?? []
      statements.push({ text, values })
    }
    return original.apply(this, args)
  }
  try {
    const result = await mine.run(true, call)
    return { result, statements }
  } finally {
    proto.query = original
  }
}

/** How many SQL statements `call` sends. */
export async function countQueries<T>(payload: Payload, call: () => Promise<T>) {
  const { result, statements } = await statementsSentBy(payload, call)
  return { result, count: statements.length }
}

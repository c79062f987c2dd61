import type { PayloadRequest } from 'payload'

type Callback = () => unknown

/** Callbacks waiting for a transaction (keyed by its drizzle handle) to commit. */
const pending = new WeakMap<object, Callback[]>()

/**
 * Runs `fn` once req's transaction has committed (now, when req has none): for what other
 * requests must only see after the data is visible, such as invalidating a shared cache. Dropped
 * when the transaction rolls back. Errors are logged, never thrown: the write has happened.
 */
export async function afterCommit(req: PayloadRequest, fn: Callback) {
  const id = req.transactionID ? await req.transactionID : undefined
  const handle =
    id === undefined || id === null ? undefined : req.payload.db.sessions?.[String(id)]?.db
  if (!handle) return runSafely(req, fn)
  const callbacks = pending.get(handle)
  if (callbacks) callbacks.push(fn)
  else pending.set(handle, [fn])
}

/** Called by the adapter's commit (src/lib/checkedCommits.ts) once COMMIT succeeded. */
export async function committed(handle: object | undefined, log?: (err: unknown) => void) {
  if (!handle) return
  const callbacks = pending.get(handle)
  if (!callbacks) return
  pending.delete(handle)
  for (const fn of callbacks) {
    try {
      await fn()
    } catch (err) {
      log?.(err)
    }
  }
}

async function runSafely(req: PayloadRequest, fn: Callback) {
  try {
    await fn()
  } catch (err) {
    req.payload.logger.warn({ err }, 'after-commit callback failed')
  }
}

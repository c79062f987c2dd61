import type { Payload, PayloadRequest } from 'payload'

type TransactionID = string | number
type Callback = () => void | Promise<void>

const pending = new Map<TransactionID, Callback[]>()
const installed = new WeakSet<object>()

const running = new Set<Promise<void>>()

const run = (fn: Callback) => {
  const task: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
    .then(fn)
    .catch((err) => console.error('[afterCommit] callback failed', err))
    .finally(() => running.delete(task))
  running.add(task)
}

/** Resolves once every callback released by a commit so far has finished. */
export async function afterCommitSettled() {
  while (running.size) await Promise.allSettled([...running])
}

/**
 * Lets code inside a transaction schedule work for after it commits (dropped on rollback), so a job
 * never runs against data that is not visible yet — or never will be. Installed once per Payload.
 */
export function installAfterCommit(payload: Payload) {
  const db = payload.db
  if (installed.has(db)) return
  installed.add(db)
  const commit = db.commitTransaction.bind(db)
  const rollback = db.rollbackTransaction.bind(db)
  db.commitTransaction = async (incoming) => {
    const id = await incoming
    await commit(id)
    const callbacks = pending.get(id)
    pending.delete(id)
    callbacks?.forEach(run)
  }
  db.rollbackTransaction = async (incoming) => {
    const id = await incoming
    pending.delete(id)
    await rollback(id)
  }
}

/** Runs fn once req's transaction commits, or right away when there is none. */
export async function afterCommit(
  req: Pick<PayloadRequest, 'transactionID' | 'payload'>,
  fn: Callback,
) {
  const id = req.transactionID ? await req.transactionID : undefined
  const sessions = (req.payload.db as unknown as { sessions?: Record<string, unknown> }).sessions
  if (id !== undefined && sessions?.[id]) {
    const list = pending.get(id) ?? []
    list.push(fn)
    pending.set(id, list)
  } else {
    run(fn)
  }
}

import config from '@payload-config'
import { getPayload, type Payload } from 'payload'
import { afterAll } from 'vitest'

let instance: Promise<Payload> | null = null

/** Payload once per test file, on the run's database; closed after the file's tests. */
export function getTestPayload(): Promise<Payload> {
  if (!instance) {
    instance = getPayload({ config })
    afterAll(async () => {
      const payload = await instance!
      instance = null
      await payload.destroy()
      const pool = (payload.db as unknown as { pool?: { end(): Promise<void>; ended?: boolean } })
        .pool
      if (pool && !pool.ended) await pool.end().catch(() => {})
    })
  }
  return instance
}

import { randomUUID } from 'node:crypto'
import { commitTransaction, createLocalReq, initTransaction, type Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { sql, transactionDb } from '../../src/lib/sql'
import { getTestPayload } from '../helpers/payload'

let payload: Payload

beforeAll(async () => {
  payload = await getTestPayload()
})

describe('a commit the database did not make', () => {
  it('fails the operation instead of acknowledging a write that is not stored', async () => {
    const req = await createLocalReq({}, payload)
    await initTransaction(req)
    const email = `lost-commit-${randomUUID()}@test.readylab`
    await payload.create({
      collection: 'institution-inquiries',
      data: {
        organizationName: 'Lost at commit',
        contactName: 'Nobody',
        email,
        message: 'written, then the connection dies before COMMIT',
      },
      req,
    })
    const tx = await transactionDb(req)
    const { rows } = (await tx.execute(sql`select pg_backend_pid() as pid`)) as unknown as {
      rows: { pid: number }[]
    }
    // The transaction's connection dies between the write and the commit (a restart, a network cut).
    await payload.db.drizzle.execute(sql`select pg_terminate_backend(${rows[0].pid})`)

    await expect(commitTransaction(req)).rejects.toThrow(/did not commit/)
    const stored = await payload.find({
      collection: 'institution-inquiries',
      where: { email: { equals: email } },
      overrideAccess: true,
    })
    expect(stored.totalDocs).toBe(0)
  })
})

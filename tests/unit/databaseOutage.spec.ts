import { describe, expect, it } from 'vitest'

import { isDatabaseOutage } from '../../src/hooks/databaseOutage'

const withCause = (message: string, cause: unknown) => Object.assign(new Error(message), { cause })

describe('isDatabaseOutage', () => {
  it('recognises what node-postgres and Payload report while Postgres is down or restarting', () => {
    expect(isDatabaseOutage(Object.assign(new Error('shutting down'), { code: '57P01' }))).toBe(
      true,
    )
    expect(
      isDatabaseOutage(new Error('Error: cannot begin transaction: Failed query: begin')),
    ).toBe(true)
    expect(
      isDatabaseOutage(new Error('cannot begin transaction: the database system is starting up')),
    ).toBe(true)
    // drizzle wraps the driver's error as the cause of its own.
    expect(
      isDatabaseOutage(withCause('Failed query: select 1', new Error('Connection terminated'))),
    ).toBe(true)
  })

  it('leaves client mistakes and real bugs alone', () => {
    expect(isDatabaseOutage(Object.assign(new Error('bad uuid'), { code: '22P02' }))).toBe(false)
    expect(isDatabaseOutage(Object.assign(new Error('duplicate'), { code: '23505' }))).toBe(false)
    expect(
      isDatabaseOutage(new TypeError("Cannot read properties of undefined (reading 'id')")),
    ).toBe(false)
    expect(isDatabaseOutage(undefined)).toBe(false)
    // Another service refusing connections (Stripe, Mux) while the pool is healthy.
    expect(isDatabaseOutage(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }))).toBe(
      false,
    )
  })
})

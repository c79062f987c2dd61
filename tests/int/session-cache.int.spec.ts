// Authenticated users served from memory (src/collections/Users/sessionCache.ts): a known session
// costs no user read, and every change that could end or narrow it — made through this process,
// by SQL, or (the same thing) by another instance — is honoured on the next request.
import pg from 'pg'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { expectStatus } from '../helpers/courses'
import { api } from '../helpers/http'
import { getTestPayload } from '../helpers/payload'
import { statementsSentBy } from '../helpers/queries'
import { createUser, deleteUsers, type TestUser } from '../helpers/users'
import { until } from '../helpers/wait'

let payload: Payload
let sql: pg.Client
const users: TestUser[] = []

/** Another instance's write: a connection of its own, outside this process's Payload. */
const elsewhere = (text: string, values: unknown[]) => sql.query(text, values)

async function newUser(role: 'student' | 'educator' = 'student') {
  const user = await createUser(payload, role)
  users.push(user)
  return user
}

/** GET /api/auth/me as the holder of `token`: 200 while the session authenticates, else 401. */
const me = (token: string) => api('GET', '/api/auth/me', { token })

beforeAll(async () => {
  payload = await getTestPayload()
  sql = new pg.Client({ connectionString: process.env.DATABASE_URL })
  await sql.connect()
})

afterAll(async () => {
  await sql.end()
  await deleteUsers(payload, ...users)
})

describe('a known session', () => {
  it('is authenticated without reading the user again', async () => {
    const user = await newUser()
    const catalog = () => api('GET', '/api/courses/explore?sort=newest', { token: user.token })
    expectStatus(await catalog(), 200) // the session and the catalog page, read once
    // Logging in changed the user: its notification may still drop the first entry.
    await until(
      async () => {
        const { result, statements } = await statementsSentBy(payload, catalog)
        expectStatus(result, 200)
        return !statements.some((s) => /from "users"/.test(s.text))
      },
      { timeoutMs: 5000, what: 'a request that reads no user' },
    )
  })

  it('keeps Payload’s cookie rule: the same token from a cross-site page is not a session', async () => {
    const user = await newUser()
    const cookie = `payload-token=${user.token}`
    const sameSite = await api('GET', '/api/auth/me', {
      cookie,
      headers: { 'Sec-Fetch-Site': 'same-origin' },
    })
    expectStatus(sameSite, 200)
    const crossSite = await api('GET', '/api/auth/me', {
      cookie,
      headers: { 'Sec-Fetch-Site': 'cross-site' },
    })
    expect(crossSite.status).toBe(401)
    const foreignOrigin = await api('GET', '/api/auth/me', {
      cookie,
      headers: { Origin: 'https://evil.example' },
    })
    expect(foreignOrigin.status).toBe(401)
  })

  it('ends at once on logout, and a bad signature never matches a cached token', async () => {
    const user = await newUser()
    expectStatus(await me(user.token), 200)
    const [header, claims] = user.token.split('.')
    expect((await me(`${header}.${claims}.forged-signature`)).status).toBe(401)
    expectStatus(await api('POST', '/api/auth/logout', { token: user.token }), 200)
    expect((await me(user.token)).status).toBe(401)
  })
})

describe('a change made elsewhere (SQL, another instance)', () => {
  it('a deleted session stops authenticating', async () => {
    const user = await newUser()
    expectStatus(await me(user.token), 200)
    await elsewhere('delete from users_sessions where _parent_id = $1', [user.user.id])
    await until(async () => (await me(user.token)).status === 401, { timeoutMs: 5000 })
  })

  it('a role taken away is refused, a role given is granted', async () => {
    const user = await newUser('educator')
    const createCourse = () =>
      api('POST', '/api/courses', {
        token: user.token,
        body: { title: `Cache ${Date.now()}`, courseType: 'microlearning' },
      })
    expectStatus(await createCourse(), 201)
    await elsewhere(`update users set role = 'student' where id = $1`, [user.user.id])
    await until(async () => (await createCourse()).status === 403, { timeoutMs: 5000 })
    await elsewhere(`update users set role = 'educator' where id = $1`, [user.user.id])
    await until(async () => (await createCourse()).status === 201, { timeoutMs: 5000 })
    await elsewhere('delete from courses where educator_id = $1', [user.user.id])
  })

  it('a deleted account stops authenticating', async () => {
    const user = await createUser(payload, 'student')
    expectStatus(await me(user.token), 200)
    await payload.delete({ collection: 'users', id: user.user.id, overrideAccess: true })
    expect((await me(user.token)).status).toBe(401)
  })
})

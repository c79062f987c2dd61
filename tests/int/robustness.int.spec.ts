import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { api, errorMessage, uniqueIp } from '../helpers/http'
import { getTestPayload } from '../helpers/payload'
import { createUser, deleteUsers, type TestUser } from '../helpers/users'

let admin: TestUser
let educator: TestUser

beforeAll(async () => {
  const payload = await getTestPayload()
  admin = await createUser(payload, 'admin')
  educator = await createUser(payload, 'educator')
})

afterAll(async () => {
  await deleteUsers(await getTestPayload(), admin, educator)
})

describe("client mistakes on Payload's own routes are 400s, never 500s", () => {
  it('a body that is not JSON', async () => {
    for (const [method, path] of [
      ['POST', '/api/courses'],
      ['PATCH', `/api/users/${'00000000-0000-4000-8000-000000000000'}`],
      ['POST', '/api/users/login'],
    ] as const) {
      const res = await api(method, path, {
        token: educator.token,
        body: '{not json',
        headers: { 'content-type': 'application/json' },
        ip: uniqueIp(),
      })
      expect(res.status, `${method} ${path}`).toBe(400)
      expect(errorMessage(res)).toMatch(/JSON/)
    }
  })

  it('filters with values Postgres cannot read', async () => {
    for (const path of [
      '/api/users?where[id][equals]=not-a-uuid',
      '/api/media?where[owner][equals]=nope',
      '/api/certifications?where[issuedAt][greater_than]=not-a-date',
      '/api/live-streams?where[scheduledAt][less_than]=yesterday-ish',
      '/api/communities?where[id][in]=abc,def',
      '/api/job-failures?where[attempts][equals]=many',
    ]) {
      const res = await api('GET', path, { token: admin.token })
      expect(res.status, path).toBeLessThan(500)
      if (res.status !== 200) expect(res.body.errors?.[0]?.message, path).toBeTruthy()
    }
  })

  it('an unknown id in a path is a 404', async () => {
    for (const path of [
      '/api/users/not-a-uuid',
      '/api/courses/123',
      '/api/certifications/xyz',
      '/api/live-streams/1',
    ]) {
      expect((await api('GET', path, { token: admin.token })).status, path).toBe(404)
    }
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { api, errorMessage, graphql, uniqueIp } from '../helpers/http'
import { getTestPayload } from '../helpers/payload'
import { createUser, deleteUsers, type TestUser } from '../helpers/users'
import { until } from '../helpers/wait'
import { startHeartbeat } from '../../src/jobs/heartbeat'
import { createRedis } from '../../src/lib/redis'

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

  it('a NUL character in a search or a text is a 400 (Postgres cannot hold it)', async () => {
    const search = await api('GET', '/api/courses/explore?q=a%00b', { token: educator.token })
    expect(search.status).toBe(400)
    expect(errorMessage(search)).toMatch(/NUL/)
    const filter = await api('GET', '/api/courses?where[title][like]=%00', {
      token: educator.token,
    })
    expect(filter.status).toBe(400)
    const text = await api('POST', '/api/courses', {
      token: educator.token,
      body: { title: 'Nul\u0000title', courseType: 'microlearning' },
    })
    expect(text.status).toBe(400)
    expect(errorMessage(text)).toMatch(/NUL/)
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

describe('list sizes', () => {
  it('caps every list at 100 for non-admins (limit 0, -1, huge, pagination=false); admins are not capped', async () => {
    const payload = await getTestPayload()
    // Uncapped, Payload answers these with every row (and a limit of 0 or the number asked for).
    for (const query of [
      'limit=0',
      'limit=-1',
      'limit=100000',
      'pagination=false',
      'pagination=false&limit=0',
    ]) {
      for (const path of ['/api/users', '/api/courses', '/api/platform-fees']) {
        const res = await api('GET', `${path}?${query}&depth=0`, { token: educator.token })
        expect([path, query, res.status]).toEqual([path, query, 200])
        expect([path, query, res.body.limit]).toEqual([path, query, 100])
        expect(res.body.docs.length).toBeLessThanOrEqual(100)
      }
    }
    const anonymous = await api('GET', '/api/courses?pagination=false')
    expect(anonymous.body.limit).toBe(100)
    // Other files create and delete users meanwhile: the list and the count are read again until
    // no change fell between them.
    await expect
      .poll(async () => {
        const all = await api('GET', '/api/users?pagination=false&depth=0', { token: admin.token })
        expect(all.status).toBe(200)
        const total = await payload.count({ collection: 'users', overrideAccess: true })
        return all.body.docs.length - total.totalDocs
      })
      .toBe(0)
  })
})

describe('GraphQL Access', () => {
  it('answers false for what the caller may not do, instead of an internal error', async () => {
    const query = `{ Access { canAccessAdmin users { read { permission } delete { permission } } purchases { create { permission } } } }`
    const student = await createUser(await getTestPayload(), 'student')
    try {
      for (const [who, token, canAccessAdmin] of [
        ['anonymous', undefined, false],
        ['student', student.token, false],
        ['educator', educator.token, true],
        ['admin', admin.token, true],
      ] as const) {
        const res = await graphql(query, {}, { token })
        expect([who, res.body.errors]).toEqual([who, undefined])
        expect([who, res.body.data.Access.canAccessAdmin]).toEqual([who, canAccessAdmin])
        expect(res.body.data.Access.purchases.create.permission).toBe(false)
      }
      const asAdmin = await graphql(query, {}, { token: admin.token })
      expect(asAdmin.body.data.Access.users.delete.permission).toBe(true)
      const anonymous = await graphql(query)
      expect(anonymous.body.data.Access.users.delete.permission).toBe(false)
    } finally {
      await deleteUsers(await getTestPayload(), student)
    }
  })
})

describe('health and readiness', () => {
  it('GET /api/health answers while the process lives; /api/ready checks the database, migrations, Redis and a worker', async () => {
    const health = await api('GET', '/api/health')
    expect(health.status).toBe(200)
    expect(health.body).toEqual({ status: 'ok' })
    const ready = await api('GET', '/api/ready')
    expect(ready.status).toBe(200)
    expect(ready.body).toEqual({
      ready: true,
      checks: { database: { ok: true }, migrations: { ok: true } },
    })
    // With Redis configured, jobs run only in workers: no worker heard from = not ready.
    process.env.REDIS_URL = process.env.TEST_REDIS_URL
    const redis = createRedis(process.env.TEST_REDIS_URL!)
    try {
      const noWorker = await api('GET', '/api/ready')
      expect(noWorker.status).toBe(503)
      expect(noWorker.body.ready).toBe(false)
      expect(noWorker.body.checks.redis).toEqual({ ok: true })
      expect(noWorker.body.checks.worker).toMatchObject({ ok: false })
      const heartbeat = startHeartbeat(redis, `test-${process.pid}`)
      await until(async () => (await api('GET', '/api/ready')).status === 200, {
        what: 'readiness once a worker beats',
      })
      const withWorker = await api('GET', '/api/ready')
      expect(withWorker.body.checks).toEqual({
        database: { ok: true },
        migrations: { ok: true },
        redis: { ok: true },
        worker: { ok: true },
      })
      // A worker that stops says so at once; readiness follows.
      await heartbeat.stop()
      expect((await api('GET', '/api/ready')).status).toBe(503)
    } finally {
      redis.disconnect()
      delete process.env.REDIS_URL
    }
  })
})

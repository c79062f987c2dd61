import { randomUUID } from 'node:crypto'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { createRedis } from '../../src/lib/redis'
import { sentEmails } from '../../src/services/email'
import { createRedisStore, enforceRateLimit } from '../../src/lib/rateLimit'
import { api, errorMessage, graphql, type ApiResponse } from '../helpers/http'
import { getTestPayload } from '../helpers/payload'
import { until } from '../helpers/wait'
import {
  createUser,
  deleteUsers,
  TEST_PASSWORD,
  uniqueEmail,
  type TestUser,
} from '../helpers/users'

const NEW_PASSWORD = 'a-brand-new-passphrase'
const AUTH_MAX =
  Number(process.env.RATE_LIMIT_AUTH_MAX) > 0 ? Number(process.env.RATE_LIMIT_AUTH_MAX) : 20

let payload: Payload
const created: TestUser[] = []
const signedUpEmails: string[] = []

/** A user of this suite, removed in afterAll. */
async function makeUser(role: TestUser['user']['role'] = 'student') {
  const user = await createUser(payload, role)
  created.push(user)
  return user
}

const signup = (body: Record<string, unknown>, ip?: string) => {
  if (typeof body.email === 'string') signedUpEmails.push(body.email.toLowerCase())
  return api('POST', '/api/auth/signup', { body, ip })
}

const login = (email: string, password: string, ip?: string) =>
  api('POST', '/api/auth/login', { body: { email, password }, ip })

const setCookie = (res: ApiResponse) => res.headers.get('set-cookie') ?? ''

/** "payload-token=<value>" from a Set-Cookie header, ready for a Cookie header. */
const cookiePair = (res: ApiResponse) => setCookie(res).split(';')[0]
/** What a browser sends with a same-origin fetch; a cookie alone from a non-browser is not trusted. */
const sameOrigin = { 'Sec-Fetch-Site': 'same-origin' }

const findByEmail = async (email: string) => {
  const { docs } = await payload.find({
    collection: 'users',
    where: { email: { equals: email.toLowerCase() } },
    overrideAccess: true,
    depth: 0,
  })
  return docs[0]
}

/** The reset token from the newest reset email sent to `email`. */
function resetTokenFor(email: string): string | undefined {
  const mail = [...sentEmails()].reverse().find((m) => m.to === email)
  const match = mail?.html.match(/\/admin\/reset\/([^"<\s]+)/)
  return match ? decodeURIComponent(match[1]) : undefined
}

beforeAll(async () => {
  payload = await getTestPayload()
})

afterAll(async () => {
  await deleteUsers(payload, ...created)
  if (signedUpEmails.length) {
    await payload.delete({
      collection: 'users',
      where: { email: { in: signedUpEmails } },
      overrideAccess: true,
    })
  }
})

describe('POST /api/auth/signup', () => {
  it.each(['student', 'educator', 'institution'] as const)(
    'creates a %s account and answers 201 {user, token} with a session cookie',
    async (role) => {
      const email = uniqueEmail(`signup-${role}`)
      const res = await signup({ email, password: TEST_PASSWORD, fullName: 'New Person', role })

      expect(res.status).toBe(201)
      expect(res.body.user).toMatchObject({ email, role, fullName: 'New Person' })
      expect(res.body.user).not.toHaveProperty('hash')
      expect(res.body.user).not.toHaveProperty('salt')
      expect(res.body.user).not.toHaveProperty('password')
      expect(typeof res.body.token).toBe('string')
      expect(setCookie(res)).toMatch(/payload-token=/)
      expect(setCookie(res)).toMatch(/HttpOnly/i)

      const me = await api('GET', '/api/auth/me', { token: res.body.token })
      expect(me.status).toBe(200)
      expect(me.body.user).toMatchObject({ id: res.body.user.id, email, role })
      expect((await findByEmail(email))?.role).toBe(role)
    },
  )

  it('makes a student when no role is given', async () => {
    const email = uniqueEmail('signup-default')
    const res = await signup({ email, password: TEST_PASSWORD, fullName: 'No Role' })
    expect(res.status).toBe(201)
    expect(res.body.user.role).toBe('student')
  })

  it('stores the email in lower case so login is case-insensitive', async () => {
    const email = uniqueEmail('signup-case')
    const res = await signup({
      email: email.toUpperCase(),
      password: TEST_PASSWORD,
      fullName: 'Case',
    })
    expect(res.status).toBe(201)
    expect(res.body.user.email).toBe(email)
    expect((await login(email.toUpperCase(), TEST_PASSWORD)).status).toBe(200)
  })

  it('refuses to create an admin (403) and creates nothing', async () => {
    const email = uniqueEmail('signup-admin')
    const res = await signup({ email, password: TEST_PASSWORD, fullName: 'Wannabe', role: 'admin' })
    expect(res.status).toBe(403)
    expect(res.body.token).toBeUndefined()
    expect(await findByEmail(email)).toBeUndefined()
  })

  it('rejects an unknown role with 400 naming the field', async () => {
    const email = uniqueEmail('signup-role')
    const res = await signup({ email, password: TEST_PASSWORD, fullName: 'X', role: 'superuser' })
    expect(res.status).toBe(400)
    expect(errorMessage(res)).toMatch(/role/)
    expect(await findByEmail(email)).toBeUndefined()
  })

  const valid = () => ({
    email: uniqueEmail('signup-bad'),
    password: TEST_PASSWORD,
    fullName: 'Valid Name',
  })
  it.each([
    ['email', 'missing', { email: undefined }],
    ['email', 'invalid', { email: 'not-an-email' }],
    ['email', 'not a string', { email: 42 }],
    ['fullName', 'missing', { fullName: undefined }],
    ['fullName', 'blank', { fullName: '   ' }],
    ['fullName', 'too long', { fullName: 'x'.repeat(121) }],
    ['password', 'missing', { password: undefined }],
    ['password', 'shorter than 10 characters', { password: 'nine-char' }],
  ])('rejects %s (%s) with 400 naming the field', async (field, _case, patch) => {
    const body = { ...valid(), ...patch }
    const res = await signup(body)
    expect(res.status).toBe(400)
    expect(errorMessage(res)).toContain(field)
    if (typeof body.email === 'string' && body.email.includes('@')) {
      expect(await findByEmail(body.email)).toBeUndefined()
    }
  })

  it('rejects a duplicate email (any letter case) with 400', async () => {
    const existing = await makeUser()
    for (const email of [existing.email, existing.email.toUpperCase()]) {
      const res = await signup({ email, password: TEST_PASSWORD, fullName: 'Twin' })
      expect(res.status).toBe(400)
      expect(errorMessage(res)).toMatch(/email/i)
    }
    const { totalDocs } = await payload.count({
      collection: 'users',
      where: { email: { equals: existing.email } },
      overrideAccess: true,
    })
    expect(totalDocs).toBe(1)
  })

  it('lets only one of two simultaneous signups with the same email through', async () => {
    const email = uniqueEmail('signup-race')
    const body = { email, password: TEST_PASSWORD, fullName: 'Racer' }
    const statuses = (await Promise.all([signup(body), signup(body)])).map((r) => r.status)
    expect(statuses.sort()).toEqual([201, 400])
  })

  it('answers malformed JSON with 400', async () => {
    const res = await api('POST', '/api/auth/signup', {
      body: '{"email": "a@b.c", "password": ',
      headers: { 'Content-Type': 'application/json' },
    })
    expect(res.status).toBe(400)
    expect(errorMessage(res)).toMatch(/json/i)
  })

  it('answers a JSON array body with 400', async () => {
    const res = await api('POST', '/api/auth/signup', {
      body: '[1,2,3]',
      headers: { 'Content-Type': 'application/json' },
    })
    expect(res.status).toBe(400)
  })

  it('answers a body over 1 MB with 413', async () => {
    const body = JSON.stringify({
      email: uniqueEmail('signup-big'),
      password: TEST_PASSWORD,
      fullName: 'x'.repeat(1024 * 1024 + 10),
    })
    const res = await api('POST', '/api/auth/signup', {
      body,
      headers: { 'Content-Type': 'application/json' },
    })
    expect(res.status).toBe(413)
  })

  it('answers a body over 1 MB with 413 when Content-Length declares it', async () => {
    const res = await api('POST', '/api/auth/signup', {
      body: '{}',
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(2 * 1024 * 1024) },
    })
    expect(res.status).toBe(413)
  })
})

describe('POST /api/auth/login', () => {
  let user: TestUser
  beforeAll(async () => {
    user = await makeUser('educator')
  })

  it('answers 200 {user, token, exp} and sets an HTTP-only session cookie', async () => {
    const res = await login(user.email, user.password)
    expect(res.status).toBe(200)
    expect(res.body.user).toMatchObject({ id: user.user.id, email: user.email, role: 'educator' })
    expect(res.body.user).not.toHaveProperty('hash')
    expect(typeof res.body.token).toBe('string')
    expect(res.body.exp).toBeGreaterThan(Date.now() / 1000)
    const cookie = setCookie(res)
    expect(cookie).toContain(`payload-token=${res.body.token}`)
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/Path=\//i)
  })

  it('accepts the email in any letter case', async () => {
    expect((await login(user.email.toUpperCase(), user.password)).status).toBe(200)
  })

  it('answers a wrong password and an unknown email alike with 401', async () => {
    const wrong = await login(user.email, 'definitely-not-it')
    const unknown = await login(uniqueEmail('nobody'), 'definitely-not-it')
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(errorMessage(wrong)).toBe(errorMessage(unknown))
    expect(wrong.body.token).toBeUndefined()
    expect(setCookie(wrong)).toBe('')
  })

  it('answers missing credentials with 400 naming the field', async () => {
    const res = await api('POST', '/api/auth/login', { body: { email: user.email } })
    expect(res.status).toBe(400)
    expect(errorMessage(res)).toContain('password')
  })

  it('answers malformed JSON with 400', async () => {
    const res = await api('POST', '/api/auth/login', {
      body: '{"email":',
      headers: { 'Content-Type': 'application/json' },
    })
    expect(res.status).toBe(400)
  })

  it('locks the account after 5 failed attempts, even for the right password, until the lock expires', async () => {
    const victim = await makeUser()
    for (let i = 0; i < 5; i++) {
      expect((await login(victim.email, `wrong-password-${i}`)).status).toBe(401)
    }
    const locked = await login(victim.email, victim.password)
    expect(locked.status).toBe(401)
    expect(locked.body.token).toBeUndefined()
    expect(errorMessage(locked)).toMatch(/lock/i)

    // The lock is temporary: once lockUntil has passed, the right password works again.
    await payload.db.updateOne({
      collection: 'users',
      id: victim.user.id,
      data: { lockUntil: new Date(Date.now() - 1000).toISOString() },
    })
    expect((await login(victim.email, victim.password)).status).toBe(200)
  })
})

describe('GET /api/auth/me', () => {
  let user: TestUser
  beforeAll(async () => {
    user = await makeUser()
  })

  it('authenticates with the Authorization: JWT header', async () => {
    const res = await api('GET', '/api/auth/me', { token: user.token })
    expect(res.status).toBe(200)
    expect(res.body.user).toMatchObject({ id: user.user.id, email: user.email, role: 'student' })
    for (const secret of ['hash', 'salt', 'resetPasswordToken', 'password']) {
      expect(res.body.user).not.toHaveProperty(secret)
    }
  })

  it('authenticates with the HTTP-only cookie from login', async () => {
    const session = await login(user.email, user.password)
    const res = await api('GET', '/api/auth/me', {
      cookie: cookiePair(session),
      headers: sameOrigin,
    })
    expect(res.status).toBe(200)
    expect(res.body.user.id).toBe(user.user.id)
  })

  it('ignores the cookie on requests from another site (CSRF), but not a JWT header', async () => {
    const cookie = cookiePair(await login(user.email, user.password))
    const from = (headers: Record<string, string>) =>
      api('GET', '/api/auth/me', { cookie, headers }).then((res) => res.status)
    // The app's own origin (PUBLIC_URL, or the dev server's loopback origin) and a browser's
    // same-origin marker are trusted; another origin or a cross-site fetch is not.
    expect(await from({ Origin: 'http://localhost:3000' })).toBe(200)
    expect(await from({ Origin: 'https://evil.example' })).toBe(401)
    expect(await from({ 'Sec-Fetch-Site': 'cross-site' })).toBe(401)
    expect(await from({})).toBe(401)
    const refresh = await api('POST', '/api/auth/refresh', {
      cookie,
      headers: { Origin: 'https://evil.example' },
    })
    expect(refresh.status).toBe(401)
    const bearer = await api('GET', '/api/auth/me', {
      token: user.token,
      headers: { Origin: 'https://evil.example' },
    })
    expect(bearer.status).toBe(200)
  })

  it('answers 401 to anonymous callers and to a forged token', async () => {
    expect((await api('GET', '/api/auth/me')).status).toBe(401)
    const forged = `${user.token.slice(0, -4)}AAAA`
    expect((await api('GET', '/api/auth/me', { token: forged })).status).toBe(401)
    const garbage = { cookie: 'payload-token=garbage', headers: sameOrigin }
    expect((await api('GET', '/api/auth/me', garbage)).status).toBe(401)
  })
})

describe('POST /api/auth/refresh', () => {
  it('returns a new token that authenticates, with a fresh cookie', async () => {
    const user = await makeUser()
    const res = await api('POST', '/api/auth/refresh', { token: user.token })
    expect(res.status).toBe(200)
    expect(res.body.user.id).toBe(user.user.id)
    expect(typeof res.body.token).toBe('string')
    expect(res.body.exp).toBeGreaterThan(Date.now() / 1000)
    expect(setCookie(res)).toContain(`payload-token=${res.body.token}`)

    const me = await api('GET', '/api/auth/me', { token: res.body.token })
    expect(me.status).toBe(200)
    expect(me.body.user.id).toBe(user.user.id)
  })

  it('works with the cookie too', async () => {
    const user = await makeUser()
    const session = await login(user.email, user.password)
    const res = await api('POST', '/api/auth/refresh', {
      cookie: cookiePair(session),
      headers: sameOrigin,
    })
    expect(res.status).toBe(200)
    expect(res.body.user.id).toBe(user.user.id)
  })

  it('answers 401 to anonymous callers', async () => {
    const res = await api('POST', '/api/auth/refresh')
    expect(res.status).toBe(401)
    expect(res.body.token).toBeUndefined()
  })
})

describe('POST /api/auth/logout', () => {
  it('expires the cookie and ends the session: the old token no longer authenticates', async () => {
    const user = await makeUser()
    const session = await login(user.email, user.password)
    const token: string = session.body.token
    expect((await api('GET', '/api/auth/me', { token })).status).toBe(200)

    const res = await api('POST', '/api/auth/logout', { token })
    expect(res.status).toBe(200)
    const cookie = setCookie(res)
    expect(cookie).toMatch(/payload-token=;/)
    const expires = cookie.match(/Expires=([^;]+)/i)?.[1]
    expect(expires).toBeDefined()
    expect(new Date(expires!).getTime()).toBeLessThan(Date.now())

    // Payload sessions (useSessions, on by default): logout removes this session server-side.
    expect((await api('GET', '/api/auth/me', { token })).status).toBe(401)
    const oldCookie = { cookie: cookiePair(session), headers: sameOrigin }
    expect((await api('GET', '/api/auth/me', oldCookie)).status).toBe(401)
    expect((await api('POST', '/api/auth/refresh', { token })).status).toBe(401)

    // Only that session: the user's other sessions stay valid.
    expect((await api('GET', '/api/auth/me', { token: user.token })).status).toBe(200)
  })

  it('logs out with the cookie', async () => {
    const user = await makeUser()
    const session = await login(user.email, user.password)
    const res = await api('POST', '/api/auth/logout', {
      cookie: cookiePair(session),
      headers: sameOrigin,
    })
    expect(res.status).toBe(200)
    expect((await api('GET', '/api/auth/me', { token: session.body.token })).status).toBe(401)
  })

  it('answers 401 to anonymous callers', async () => {
    expect((await api('POST', '/api/auth/logout')).status).toBe(401)
  })
})

describe('POST /api/auth/password-reset', () => {
  const startReset = (email: string) => api('POST', '/api/auth/password-reset', { body: { email } })
  const completeReset = (token: string, password: string) =>
    api('POST', '/api/auth/password-reset', { body: { token, password } })

  it('answers 200 for a known and an unknown email alike; only the known one gets a token', async () => {
    const user = await makeUser()
    const unknownEmail = uniqueEmail('unknown')

    const known = await startReset(user.email)
    const unknown = await startReset(unknownEmail)
    expect(known.status).toBe(200)
    expect(unknown.status).toBe(200)
    expect(unknown.body).toEqual(known.body)

    expect(resetTokenFor(user.email)).toMatch(/\S{16,}/)
    expect(sentEmails().some((m) => m.to === unknownEmail)).toBe(false)
  })

  it('rejects an invalid email with 400 naming the field', async () => {
    const res = await startReset('nope')
    expect(res.status).toBe(400)
    expect(errorMessage(res)).toContain('email')
  })

  it('completes with {token, password}: the new password logs in, the old one does not, the token is single-use', async () => {
    const user = await makeUser()
    await startReset(user.email.toUpperCase())
    const token = resetTokenFor(user.email)!
    expect(token).toBeDefined()

    const res = await completeReset(token, NEW_PASSWORD)
    expect(res.status).toBe(200)

    expect((await login(user.email, NEW_PASSWORD)).status).toBe(200)
    expect((await login(user.email, user.password)).status).toBe(401)
    // Sessions opened with the old password end.
    expect((await api('GET', '/api/auth/me', { token: user.token })).status).toBe(401)

    const reused = await completeReset(token, 'yet-another-password')
    expect(reused.status).toBe(400)
    expect(errorMessage(reused)).toContain('token')
    expect((await login(user.email, NEW_PASSWORD)).status).toBe(200)
  })

  it('rejects an expired token with 400 and leaves the password alone', async () => {
    const user = await makeUser()
    await startReset(user.email)
    const token = resetTokenFor(user.email)!
    await payload.db.updateOne({
      collection: 'users',
      id: user.user.id,
      data: { resetPasswordExpiration: new Date(Date.now() - 60_000).toISOString() },
    })

    const res = await completeReset(token, NEW_PASSWORD)
    expect(res.status).toBe(400)
    expect(errorMessage(res)).toContain('token')
    expect((await login(user.email, user.password)).status).toBe(200)
    expect((await login(user.email, NEW_PASSWORD)).status).toBe(401)
  })

  it('rejects an unknown token with 400', async () => {
    const res = await completeReset(randomUUID().replace(/-/g, ''), NEW_PASSWORD)
    expect(res.status).toBe(400)
  })

  it('rejects a new password shorter than 10 characters with 400 and keeps the token usable', async () => {
    const user = await makeUser()
    await startReset(user.email)
    const token = resetTokenFor(user.email)!

    const short = await completeReset(token, 'short')
    expect(short.status).toBe(400)
    expect(errorMessage(short)).toContain('password')
    expect((await login(user.email, user.password)).status).toBe(200)

    expect((await completeReset(token, NEW_PASSWORD)).status).toBe(200)
  })

  it("applies the same rules on Payload's own /api/users/forgot-password and /reset-password", async () => {
    const user = await makeUser()
    const started = await api('POST', '/api/users/forgot-password', { body: { email: user.email } })
    expect(started.status).toBe(200)
    const token = resetTokenFor(user.email)!
    expect(token).toBeDefined()

    const short = await api('POST', '/api/users/reset-password', {
      body: { token, password: 'short' },
    })
    expect(short.status).toBe(400)
    expect(errorMessage(short)).toContain('password')
    expect((await login(user.email, user.password)).status).toBe(200)

    const ok = await api('POST', '/api/users/reset-password', {
      body: { token, password: NEW_PASSWORD },
    })
    expect(ok.status).toBe(200)
    expect((await login(user.email, NEW_PASSWORD)).status).toBe(200)
  })

  it('answers malformed JSON with 400', async () => {
    const res = await api('POST', '/api/auth/password-reset', {
      body: '{"email"',
      headers: { 'Content-Type': 'application/json' },
    })
    expect(res.status).toBe(400)
  })
})

describe('auth rate limit', () => {
  it(`answers 429 after ${AUTH_MAX} auth requests a minute from one IP, while another IP still passes`, async () => {
    const ip = `198.51.100.${Math.floor(Math.random() * 200) + 20}`
    const email = uniqueEmail('ratelimit')
    const statuses: number[] = []
    for (let i = 0; i < AUTH_MAX; i++) {
      statuses.push((await login(email, 'wrong-password', ip)).status)
    }
    expect(statuses.every((s) => s === 401)).toBe(true)

    const limited = await login(email, 'wrong-password', ip)
    expect(limited.status).toBe(429)
    expect(errorMessage(limited)).toMatch(/too many/i)
    // Every auth endpoint shares the bucket.
    expect((await signup({ email, password: TEST_PASSWORD, fullName: 'X' }, ip)).status).toBe(429)
    expect((await api('POST', '/api/auth/password-reset', { body: { email }, ip })).status).toBe(
      429,
    )

    const other = await login(email, 'wrong-password', `${ip}1`)
    expect(other.status).toBe(401)
  })

  it('cannot be stepped around by inventing X-Forwarded-For addresses', async () => {
    const email = uniqueEmail('ratelimit-spoof')
    const seenByProxy = `203.0.113.${Math.floor(Math.random() * 200) + 20}`
    const spoofed = (i: number) => ({ 'x-forwarded-for': `10.9.${i}.1, ${seenByProxy}` })
    const attempt = (headers: Record<string, string>) =>
      api('POST', '/api/users/login', { body: { email, password: 'wrong-password' }, headers })
    for (let i = 0; i < AUTH_MAX; i++) expect((await attempt(spoofed(i))).status).toBe(401)
    expect((await attempt(spoofed(999))).status).toBe(429)

    // Without a trusted proxy the header counts for nothing: one bucket for everyone.
    const hops = process.env.TRUST_PROXY_HOPS
    process.env.TRUST_PROXY_HOPS = '0'
    try {
      const statuses: number[] = []
      for (let i = 0; i <= AUTH_MAX; i++) {
        statuses.push(
          (await attempt({ 'x-forwarded-for': `10.8.${i}.1`, 'x-real-ip': `10.7.${i}.1` })).status,
        )
      }
      expect(statuses.at(-1)).toBe(429)
    } finally {
      process.env.TRUST_PROXY_HOPS = hops
    }
  })

  it("limits Payload's own auth routes and GraphQL login the same way", async () => {
    const ip = `198.51.100.${Math.floor(Math.random() * 200) + 20}2`
    const email = uniqueEmail('ratelimit-payload')
    const body = { email, password: 'wrong-password' }
    for (let i = 0; i < AUTH_MAX; i++) {
      const route = i % 2 ? '/api/users/login' : '/api/auth/login'
      expect((await api('POST', route, { body, ip })).status).toBe(401)
    }
    expect((await api('POST', '/api/users/login', { body, ip })).status).toBe(429)
    expect((await api('POST', '/api/users/forgot-password', { body: { email }, ip })).status).toBe(
      429,
    )
    const gql = await graphql(
      `
        mutation ($email: String!) {
          loginUser(email: $email, password: "wrong-password") {
            token
          }
        }
      `,
      { email },
      { ip },
    )
    expect(gql.body.errors?.[0]?.message).toMatch(/too many/i)

    expect((await api('POST', '/api/users/login', { body, ip: `${ip}1` })).status).toBe(401)
  })
})

describe('Redis rate-limit store', () => {
  const url = inject('redisUrl')
  const a = createRedis(url)
  const b = createRedis(url)

  afterAll(async () => {
    await Promise.all([a.quit(), b.quit()])
  })

  it('shares one count between two connections and expires the window', async () => {
    const storeA = createRedisStore(a)
    const storeB = createRedisStore(b)
    const key = `test:${randomUUID()}`

    expect(await storeA.hit(key, 500)).toBe(1)
    expect(await storeB.hit(key, 500)).toBe(2)
    expect(await storeA.hit(key, 500)).toBe(3)
    // A later hit does not extend the window.
    expect(await b.pttl(`ratelimit:${key}`)).toBeLessThanOrEqual(500)

    // The window ends on Redis's clock: wait for the key to expire, not for a fixed time.
    await until(async () => (await b.pttl(`ratelimit:${key}`)) === -2, {
      timeoutMs: 2_000,
      everyMs: 20,
      what: 'the rate-limit window to expire',
    })
    expect(await storeB.hit(key, 500)).toBe(1)
    expect(await storeA.hit(key, 500)).toBe(2)
    await a.del(`ratelimit:${key}`)
  })

  it('limits a client across two app instances sharing Redis', async () => {
    const ip = `192.0.2.${Math.floor(Math.random() * 250)}-${randomUUID()}`
    // One request object per request, as each app instance would see it.
    const req = () => ({ headers: new Headers({ 'x-forwarded-for': ip }), payload, context: {} })
    const stores = [createRedisStore(a), createRedisStore(b)]
    for (let i = 0; i < AUTH_MAX; i++) {
      await expect(enforceRateLimit(req(), 'auth', stores[i % 2])).resolves.toBeUndefined()
    }
    await expect(enforceRateLimit(req(), 'auth', stores[0])).rejects.toMatchObject({ status: 429 })
    await expect(enforceRateLimit(req(), 'auth', stores[1])).rejects.toMatchObject({ status: 429 })
    await a.del(`ratelimit:auth:${ip}`)
  })
})

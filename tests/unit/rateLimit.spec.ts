import type { PayloadRequest } from 'payload'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { clientIp, createMemoryStore, rateLimitOperations } from '../../src/lib/rateLimit'

type HookArgs = Parameters<ReturnType<typeof rateLimitOperations>>[0]

let ipCounter = 0
/** One request as the hook sees it; a fresh client address unless one is given. */
const request = (
  options: { ip?: string; payloadAPI?: PayloadRequest['payloadAPI']; user?: object } = {},
) =>
  ({
    headers: new Headers({ 'x-forwarded-for': options.ip ?? `10.0.${++ipCounter}.1` }),
    payloadAPI: options.payloadAPI ?? 'REST',
    user: options.user ?? null,
    context: {},
    payload: { logger: { warn: () => {} } },
  }) as unknown as PayloadRequest

const run = (
  hook: ReturnType<typeof rateLimitOperations>,
  operation: string,
  req: PayloadRequest,
) => hook({ args: { marker: true }, operation, req } as unknown as HookArgs)

describe('createMemoryStore', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('counts hits per key within a fixed window, then starts again', async () => {
    const store = createMemoryStore()
    expect(await store.hit('a', 1000)).toBe(1)
    expect(await store.hit('a', 1000)).toBe(2)
    expect(await store.hit('b', 1000)).toBe(1)
    vi.advanceTimersByTime(999)
    // Hits do not extend the window.
    expect(await store.hit('a', 1000)).toBe(3)
    vi.advanceTimersByTime(1)
    expect(await store.hit('a', 1000)).toBe(1)
  })
})

describe('clientIp', () => {
  afterEach(() => vi.unstubAllEnvs())
  const ip = (headers: Record<string, string>) => clientIp({ headers: new Headers(headers) })

  it('without trusted proxies ignores what the client says: one shared bucket', () => {
    vi.stubEnv('TRUST_PROXY_HOPS', '0')
    expect(ip({ 'x-forwarded-for': '198.51.100.1' })).toBe('direct')
    expect(ip({ 'x-real-ip': '203.0.113.9' })).toBe('direct')
    expect(ip({})).toBe('direct')
  })

  it('with N trusted hops takes the N-th address from the right; client-sent entries do not count', () => {
    vi.stubEnv('TRUST_PROXY_HOPS', '1')
    expect(ip({ 'x-forwarded-for': '198.51.100.7' })).toBe('198.51.100.7')
    // A client inventing addresses: the proxy still appends the one it saw.
    expect(ip({ 'x-forwarded-for': '1.2.3.4, 5.6.7.8, 198.51.100.7' })).toBe('198.51.100.7')
    expect(ip({ 'x-real-ip': '203.0.113.9', 'x-forwarded-for': '198.51.100.7' })).toBe(
      '198.51.100.7',
    )
    vi.stubEnv('TRUST_PROXY_HOPS', '2')
    expect(ip({ 'x-forwarded-for': 'spoofed, 198.51.100.7, 10.0.0.2' })).toBe('198.51.100.7')
    expect(ip({ 'x-forwarded-for': '10.0.0.2' })).toBe('unknown') // fewer entries than hops
  })
})

describe('rateLimitOperations', () => {
  // The defaults: 5 inquiries per 10 minutes, 20 auth requests a minute.
  beforeEach(() => {
    vi.stubEnv('RATE_LIMIT_INQUIRY_MAX', '')
    vi.stubEnv('RATE_LIMIT_AUTH_MAX', '')
    vi.stubEnv('TRUST_PROXY_HOPS', '1') // each request's address as one proxy reports it
  })
  afterEach(() => vi.unstubAllEnvs())
  const inquiries = rateLimitOperations('inquiry', ['create'])

  it('answers 429 once one address exceeds the limit; another address still passes', async () => {
    const ip = '192.0.2.10'
    for (let i = 0; i < 5; i++) {
      await expect(run(inquiries, 'create', request({ ip }))).resolves.toEqual({ marker: true })
    }
    await expect(run(inquiries, 'create', request({ ip }))).rejects.toMatchObject({
      status: 429,
      message: 'Too many requests; try again in 600 seconds',
    })
    await expect(run(inquiries, 'create', request({ ip: '192.0.2.11' }))).resolves.toBeTruthy()
  })

  it('counts only the listed operations', async () => {
    const ip = '192.0.2.20'
    for (let i = 0; i < 10; i++) await run(inquiries, 'read', request({ ip }))
    await expect(run(inquiries, 'create', request({ ip }))).resolves.toBeTruthy()
  })

  it('does not limit server code on the Local API', async () => {
    const ip = '192.0.2.30'
    for (let i = 0; i < 10; i++) {
      await expect(
        run(inquiries, 'create', request({ ip, payloadAPI: 'local' })),
      ).resolves.toBeTruthy()
    }
  })

  it('counts a request once, however many limited operations it runs', async () => {
    const ip = '192.0.2.40'
    const req = request({ ip })
    for (let i = 0; i < 10; i++) await expect(run(inquiries, 'create', req)).resolves.toBeTruthy()
    for (let i = 0; i < 4; i++) await run(inquiries, 'create', request({ ip }))
    await expect(run(inquiries, 'create', request({ ip }))).rejects.toMatchObject({ status: 429 })
  })

  it('takes a rule for which operations count', async () => {
    // Signing up (a create by nobody signed in) counts; an admin creating users does not.
    const auth = rateLimitOperations(
      'auth',
      (operation, req) => operation === 'create' && !req.user,
    )
    const ip = '192.0.2.50'
    for (let i = 0; i < 30; i++) {
      await run(auth, 'create', request({ ip, user: { id: 'admin', role: 'admin' } }))
    }
    for (let i = 0; i < 20; i++) await run(auth, 'create', request({ ip }))
    await expect(run(auth, 'create', request({ ip }))).rejects.toMatchObject({ status: 429 })
  })
})

import { describe, expect, it } from 'vitest'

import { currentRequestId, logContext, withRequestId } from '../../src/lib/requestContext'
import { publicUrl } from '../../src/services/email'

/** A handler that answers the request id it ran under and the log context its lines would carry. */
const echo = withRequestId(async (_request: Request) =>
  Response.json({ id: currentRequestId(), log: logContext() }),
)
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('request ids', () => {
  it("gives each request an id, answers it and puts it on the handler's log lines", async () => {
    const first = await echo(new Request('http://app/api/x'))
    const second = await echo(new Request('http://app/api/x'))
    const a = await first.json()
    const b = await second.json()
    expect(a.id).toMatch(uuid)
    expect(first.headers.get('x-request-id')).toBe(a.id)
    expect(a.log).toEqual({ requestId: a.id })
    expect(b.id).not.toBe(a.id)
    expect(logContext()).toEqual({})
  })

  it("keeps a proxy's id when it is sane, replaces one that is not", async () => {
    const kept = await echo(
      new Request('http://app/api/x', { headers: { 'X-Request-Id': 'lb-7f3a9c21.0042' } }),
    )
    expect((await kept.json()).id).toBe('lb-7f3a9c21.0042')
    for (const bad of ['short', 'has spaces in it', 'x'.repeat(200), 'inject"\\n{"level":60}']) {
      const res = await echo(new Request('http://app/api/x', { headers: { 'X-Request-Id': bad } }))
      const { id } = await res.json()
      expect(id).toMatch(uuid)
      expect(res.headers.get('x-request-id')).toBe(id)
    }
  })

  it('names responses whose headers cannot be changed (redirects) too', async () => {
    const redirect = withRequestId(async (_request: Request) =>
      Response.redirect('http://app/elsewhere', 302),
    )
    const res = await redirect(new Request('http://app/api/x'))
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('http://app/elsewhere')
    expect(res.headers.get('x-request-id')).toMatch(uuid)
  })
})

describe('the public base URL', () => {
  const base = withRequestId(async (_request: Request) => Response.json({ url: publicUrl() }))
  const withEnv = async (env: Record<string, string | undefined>, run: () => Promise<void>) => {
    const saved = { PUBLIC_URL: process.env.PUBLIC_URL, PORT: process.env.PORT }
    Object.assign(process.env, env)
    for (const [key, value] of Object.entries(env)) if (value === undefined) delete process.env[key]
    try {
      await run()
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key]
        else process.env[key] = value
      }
    }
  }

  it('is PUBLIC_URL whenever it is set', async () => {
    await withEnv({ PUBLIC_URL: 'https://learn.example.org/' }, async () => {
      const res = await base(new Request('http://localhost:4100/api/x'))
      expect((await res.json()).url).toBe('https://learn.example.org')
    })
  })

  it('in development without it, the origin the request was made to, else the dev port', async () => {
    await withEnv({ PUBLIC_URL: undefined, PORT: '4100' }, async () => {
      const res = await base(new Request('http://192.168.1.20:4100/api/x'))
      expect((await res.json()).url).toBe('http://192.168.1.20:4100')
      // Outside a request (a job): this machine's dev server.
      expect(publicUrl()).toBe('http://localhost:4100')
      // The origin is not a log field.
      const logged = await echo(new Request('http://192.168.1.20:4100/api/x'))
      expect(Object.keys((await logged.json()).log)).toEqual(['requestId'])
    })
  })
})

import { describe, expect, it } from 'vitest'

import { currentRequestId, logContext, withRequestId } from '../../src/lib/requestContext'

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

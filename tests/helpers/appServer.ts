// A second app instance for tests/int/scale-out.int.spec.ts: its own process (its own memory,
// caches and pool), serving /api with the same route handlers Next serves, on a loopback port it
// prints as "listening <port>". Database, Redis and S3 come from its environment.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Readable } from 'node:stream'
import { getPayload } from 'payload'

import config from '../../src/payload.config'
import { restHandlers } from './routes'

const handlers: Record<string, (typeof restHandlers)['GET']> = restHandlers

// Starts Payload (and its onInit: the outbox relay) before the first request, as `next start` does.
await getPayload({ config })

const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`)
    const handler = handlers[req.method ?? 'GET']
    if (!handler || !url.pathname.startsWith('/api/')) {
      res.writeHead(404).end()
      return
    }
    const headers = new Headers()
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') headers.set(name, value)
      else if (value) for (const v of value) headers.append(name, v)
    }
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD'
    const request = new Request(url, {
      method: req.method,
      headers,
      body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
      duplex: 'half',
    } as RequestInit)
    const slug = url.pathname
      .replace(/^\/api\//, '')
      .split('/')
      .filter(Boolean)
    const response = await handler(request, { params: Promise.resolve({ slug }) })
    res.writeHead(response.status, Object.fromEntries(response.headers))
    if (response.body) Readable.fromWeb(response.body as never).pipe(res)
    else res.end()
  } catch (err) {
    res.writeHead(500).end(String(err))
  }
})
server.listen(0, '127.0.0.1', () => {
  console.log(`listening ${(server.address() as AddressInfo).port}`)
})

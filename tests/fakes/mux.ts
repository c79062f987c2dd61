import { createHmac, randomBytes } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export type RecordedRequest = { method: string; path: string; body: any; authorized: boolean }

/**
 * A loopback stand-in for the Mux API, enough for the real @mux/mux-node SDK: direct uploads,
 * live streams and "complete". Responses are wrapped in { data } as Mux does.
 */
export async function startFakeMux({
  tokenId,
  tokenSecret,
}: {
  tokenId: string
  tokenSecret: string
}) {
  const requests: RecordedRequest[] = []
  let counter = 0
  const expectedAuth = `Basic ${Buffer.from(`${tokenId}:${tokenSecret}`).toString('base64')}`
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString()
      const body = text ? JSON.parse(text) : null
      const path = (req.url ?? '').split('?')[0]
      const authorized = req.headers.authorization === expectedAuth
      requests.push({ method: req.method ?? '', path, body, authorized })
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' })
        res.end(JSON.stringify(payload))
      }
      if (!authorized)
        return send(401, { error: { type: 'unauthorized', messages: ['bad credentials'] } })
      // Unique across fakes: test files share the database, and Mux ids are unique columns there.
      const n = `${++counter}-${randomBytes(4).toString('hex')}`
      if (req.method === 'POST' && path === '/video/v1/uploads') {
        return send(201, {
          data: {
            id: `upload-${n}`,
            url: `https://storage.fake-mux.test/upload/${n}`,
            status: 'waiting',
            timeout: 3600,
            cors_origin: body.cors_origin,
            new_asset_settings: body.new_asset_settings,
          },
        })
      }
      if (req.method === 'POST' && path === '/video/v1/live-streams') {
        return send(201, {
          data: {
            id: `live-${n}`,
            stream_key: `sk-${randomBytes(8).toString('hex')}`,
            status: 'idle',
            playback_ids: [{ id: `pb-live-${n}`, policy: body.playback_policies?.[0] ?? 'public' }],
            new_asset_settings: body.new_asset_settings,
          },
        })
      }
      const complete = path.match(/^\/video\/v1\/live-streams\/([^/]+)\/complete$/)
      if (req.method === 'PUT' && complete) return send(200, { data: {} })
      send(404, { error: { type: 'not_found', messages: [`no route ${req.method} ${path}`] } })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** The `mux-signature` header Mux sends: t=<unix seconds>,v1=<HMAC-SHA256(secret, "t.body")>. */
export function muxSignature(
  body: string,
  secret: string,
  timestamp = Math.floor(Date.now() / 1000),
) {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')
  return `t=${timestamp},v1=${v1}`
}

let eventCounter = 0
/** A Mux webhook event envelope. */
export const muxEvent = (
  type: string,
  data: Record<string, unknown>,
  id = `evt-${Date.now()}-${eventCounter++}`,
) => ({
  type,
  id,
  created_at: new Date().toISOString(),
  object: { type: type.split('.')[1], id: data.id },
  environment: { name: 'Test', id: 'env' },
  data,
})

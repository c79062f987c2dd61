import { createHmac, randomBytes } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export type RecordedRequest = { method: string; path: string; body: any; authorized: boolean }

/**
 * A loopback stand-in for the Mux API, enough for the real @mux/mux-node SDK: direct uploads,
 * live streams and "complete". Responses are wrapped in { data } as Mux does.
 *
 * With `acceptUploads`, a direct upload's URL is this server's own `/upload/<id>`, which takes a
 * browser's PUT (CORS preflight included) and reports it to `onUpload`; otherwise it is an address
 * nothing answers, as tests that never upload need.
 */
export async function startFakeMux({
  tokenId,
  tokenSecret,
  port = 0,
  acceptUploads = false,
  onUpload,
}: {
  tokenId: string
  tokenSecret: string
  port?: number
  acceptUploads?: boolean
  onUpload?: (upload: { id: string; bytes: number; passthrough?: string }) => void
}) {
  const uploads = new Map<string, { passthrough?: string }>()
  const requests: RecordedRequest[] = []
  let counter = 0
  const expectedAuth = `Basic ${Buffer.from(`${tokenId}:${tokenSecret}`).toString('base64')}`
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0]
      const uploadId = acceptUploads ? path.match(/^\/upload\/([^/]+)$/)?.[1] : undefined
      if (uploadId) {
        // The browser's PUT of the file, as to Mux's storage: no credentials, any origin.
        res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*')
        res.setHeader('Access-Control-Allow-Methods', 'PUT, OPTIONS')
        res.setHeader(
          'Access-Control-Allow-Headers',
          req.headers['access-control-request-headers'] ?? '*',
        )
        if (req.method === 'OPTIONS') return res.writeHead(204).end()
        if (req.method !== 'PUT' || !uploads.has(uploadId)) return res.writeHead(404).end()
        res.writeHead(200).end()
        onUpload?.({ id: uploadId, bytes: Buffer.concat(chunks).length, ...uploads.get(uploadId) })
        return
      }
      const text = Buffer.concat(chunks).toString()
      const body = text ? JSON.parse(text) : null
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
        uploads.set(`upload-${n}`, { passthrough: body.new_asset_settings?.passthrough })
        return send(201, {
          data: {
            id: `upload-${n}`,
            url: acceptUploads
              ? `http://127.0.0.1:${(server.address() as AddressInfo).port}/upload/upload-${n}`
              : `https://storage.fake-mux.test/upload/${n}`,
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
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
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

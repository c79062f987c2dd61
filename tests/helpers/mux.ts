import { muxSignature, startFakeMux } from '../fakes/mux'
import { api } from './http'

export const MUX_CREDENTIALS = { tokenId: 'test-token-id', tokenSecret: 'test-token-secret' }
export const MUX_WEBHOOK_SECRET = 'whsec-test-secret'

/** Points the app's Mux client at a loopback fake (the real SDK talks to it). */
export async function useFakeMux() {
  const fake = await startFakeMux(MUX_CREDENTIALS)
  const set = () => {
    process.env.MUX_TOKEN_ID = MUX_CREDENTIALS.tokenId
    process.env.MUX_TOKEN_SECRET = MUX_CREDENTIALS.tokenSecret
    process.env.MUX_WEBHOOK_SECRET = MUX_WEBHOOK_SECRET
    process.env.MUX_BASE_URL = fake.url
  }
  const clear = () => {
    for (const key of ['MUX_TOKEN_ID', 'MUX_TOKEN_SECRET', 'MUX_WEBHOOK_SECRET', 'MUX_BASE_URL']) {
      delete process.env[key]
    }
  }
  return { fake, set, clear }
}

/** Delivers an event to POST /api/webhooks/mux, signed like Mux signs it. */
export function deliverMuxEvent(
  event: unknown,
  { secret = MUX_WEBHOOK_SECRET, timestamp }: { secret?: string; timestamp?: number } = {},
) {
  const body = JSON.stringify(event)
  return api('POST', '/api/webhooks/mux', {
    body,
    headers: {
      'content-type': 'application/json',
      'mux-signature': muxSignature(body, secret, timestamp),
    },
  })
}

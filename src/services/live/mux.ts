import Mux from '@mux/mux-node'

import { serviceUnavailable } from '../../lib/errors'

/** Mux from the environment, or null when MUX_TOKEN_ID / MUX_TOKEN_SECRET are not set. */
export function muxClient(): Mux | null {
  const tokenId = process.env.MUX_TOKEN_ID
  const tokenSecret = process.env.MUX_TOKEN_SECRET
  if (!tokenId || !tokenSecret) return null
  return new Mux({
    tokenId,
    tokenSecret,
    webhookSecret: process.env.MUX_WEBHOOK_SECRET || null,
    ...(process.env.MUX_BASE_URL ? { baseURL: process.env.MUX_BASE_URL, maxRetries: 0 } : {}),
  })
}

/** Mux, or 503 with a clear message: the rest of the platform works without it. */
export function requireMux(): Mux {
  const mux = muxClient()
  if (!mux) {
    throw serviceUnavailable(
      'Video is not configured on this server: set MUX_TOKEN_ID and MUX_TOKEN_SECRET to enable uploads and live streams',
    )
  }
  return mux
}

/** Signed playback when a signing key is configured; public playback ids otherwise. */
export const signedPlayback = () =>
  Boolean(process.env.MUX_SIGNING_KEY_ID && process.env.MUX_SIGNING_KEY)

export const playbackPolicy = (): 'signed' | 'public' => (signedPlayback() ? 'signed' : 'public')

/** A short-lived playback token from the SDK's JWT helper. */
export async function playbackToken(playbackId: string) {
  const mux = muxClient() ?? new Mux({ tokenId: 'unused', tokenSecret: 'unused' })
  return mux.jwt.signPlaybackId(playbackId, {
    keyId: process.env.MUX_SIGNING_KEY_ID,
    keySecret: process.env.MUX_SIGNING_KEY,
    type: 'video',
    expiration: process.env.MUX_PLAYBACK_TOKEN_TTL || '2h',
  })
}

export const CAPTION_LANGUAGES = [
  { language_code: 'en', name: 'English (generated)' },
  { language_code: 'es', name: 'Español (generado)' },
] as const

// The Mux the admin end-to-end tests talk to (a Playwright webServer, before the dev server): the
// real SDK in the app creates direct uploads here, the browser PUTs the file here, and this then
// sends what Mux would — the upload's asset, the asset ready with its English and Spanish captions
// — to the app's webhook, signed with the webhook secret.
import { muxEvent, muxSignature, startFakeMux } from '../fakes/mux'

const env = (name: string) => {
  const value = process.env[name]
  if (!value) throw new Error(`fakeMux: ${name} is not set`)
  return value
}
const appUrl = env('APP_URL')
const webhookSecret = env('MUX_WEBHOOK_SECRET')

async function deliver(type: string, data: Record<string, unknown>) {
  const body = JSON.stringify(muxEvent(type, data))
  const res = await fetch(`${appUrl}/api/webhooks/mux`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'mux-signature': muxSignature(body, webhookSecret),
    },
    body,
  })
  if (!res.ok) console.error(`fakeMux: ${type} → ${res.status} ${await res.text()}`)
}

const fake = await startFakeMux({
  tokenId: env('MUX_TOKEN_ID'),
  tokenSecret: env('MUX_TOKEN_SECRET'),
  port: Number(env('PORT')),
  acceptUploads: true,
  onUpload: ({ id, passthrough }) => {
    const assetId = `asset-${id}`
    const tracks = ['en', 'es'].map((language) => ({
      id: `track-${language}-${id}`,
      type: 'text',
      text_type: 'subtitles',
      language_code: language,
      status: 'ready',
    }))
    void (async () => {
      await deliver('video.upload.asset_created', { id, asset_id: assetId })
      await deliver('video.asset.ready', {
        id: assetId,
        upload_id: id,
        passthrough,
        status: 'ready',
        duration: 75,
        aspect_ratio: '16:9',
        playback_ids: [{ id: `playback-${id}`, policy: 'signed' }],
        tracks,
      })
    })()
  },
})
console.log(`fake Mux on ${fake.url}`)

import type { Endpoint } from 'payload'

import { json } from '../../lib/http'
import { receiveMuxWebhook } from '../../services/live/muxWebhooks'

export const muxWebhookEndpoint: Endpoint = {
  path: '/webhooks/mux',
  method: 'post',
  handler: async (req) => json(await receiveMuxWebhook(req)),
}

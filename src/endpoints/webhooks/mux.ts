import { z } from 'zod'

import { json } from '../../lib/http'
import type { DocumentedEndpoint } from '../../openapi/operation'
import { receiveMuxWebhook } from '../../services/live/muxWebhooks'

export const muxWebhookEndpoint: DocumentedEndpoint = {
  path: '/webhooks/mux',
  method: 'post',
  custom: {
    openapi: {
      tags: ['webhooks', 'video', 'live'],
      summary: 'Mux webhook',
      description:
        'Signed with `mux-signature` (HMAC-SHA256 of the raw body, 5-minute tolerance). Each ' +
        'event id applies once; statuses only move forward. A caption event for an asset not ' +
        'known yet answers 503 so Mux delivers it again later.',
      access: 'signature',
      headers: [
        { name: 'mux-signature', description: '`t=<timestamp>,v1=<hmac>`', required: true },
      ],
      rawBody: {
        mediaType: 'application/json',
        description: 'A Mux event, verified on the raw bytes',
        schema: {
          type: 'object',
          required: ['id', 'type', 'data'],
          properties: {
            id: { type: 'string' },
            type: { type: 'string', examples: ['video.asset.ready', 'video.live_stream.active'] },
            data: { type: 'object' },
          },
        },
      },
      responses: {
        200: {
          description: 'Received (`duplicate: true` for a redelivery, which changes nothing)',
          schema: z.object({
            received: z.literal(true),
            duplicate: z.boolean(),
            outcome: z.string().optional(),
          }),
        },
      },
      errors: {
        400: 'Missing, invalid or stale signature, or not a Mux event',
        503: 'Webhooks are not configured, or the event must be retried later',
      },
    },
  },
  handler: async (req) => json(await receiveMuxWebhook(req)),
}

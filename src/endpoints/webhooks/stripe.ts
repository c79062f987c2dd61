import { z } from 'zod'

import { json } from '../../lib/http'
import type { DocumentedEndpoint } from '../../openapi/operation'
import { receiveStripeWebhook, STRIPE_EVENTS } from '../../services/payments/webhooks'

export const stripeWebhookEndpoint: DocumentedEndpoint = {
  path: '/webhooks/stripe',
  method: 'post',
  custom: {
    openapi: {
      tags: ['webhooks', 'payments'],
      summary: 'Stripe webhook',
      description:
        'Verified with `Stripe-Signature` on the raw body (STRIPE_WEBHOOK_SECRET). The event id ' +
        'and its effect commit together; 200 only after that, a duplicate answers 200 and ' +
        'changes nothing, and a failed effect answers 5xx so Stripe delivers it again. Handled: ' +
        STRIPE_EVENTS.map((e) => `\`${e}\``).join(', ') +
        '.',
      access: 'signature',
      headers: [
        { name: 'Stripe-Signature', description: '`t=<timestamp>,v1=<hmac>`', required: true },
      ],
      rawBody: {
        mediaType: 'application/json',
        description: 'A Stripe event, verified on the raw bytes',
        schema: {
          type: 'object',
          required: ['id', 'type', 'data'],
          properties: {
            id: { type: 'string' },
            type: { type: 'string', examples: ['checkout.session.completed'] },
            data: { type: 'object' },
          },
        },
      },
      responses: {
        200: {
          description: 'Applied (`duplicate: true` for a redelivery, which changes nothing)',
          schema: z.object({
            received: z.literal(true),
            duplicate: z.boolean(),
            outcome: z.string().optional(),
          }),
        },
      },
      errors: {
        400: 'Missing, invalid or stale signature',
        503: 'Stripe is not configured (STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET)',
      },
    },
  },
  handler: async (req) => json(await receiveStripeWebhook(req)),
}

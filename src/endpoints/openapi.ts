import { json } from '../lib/http'
import { openAPIDocument } from '../openapi/document'
import type { DocumentedEndpoint } from '../openapi/operation'

/** GET /api/openapi.json — the OpenAPI 3.1 document of the custom endpoints (public). */
export const openAPIEndpoint: DocumentedEndpoint = {
  path: '/openapi.json',
  method: 'get',
  custom: {
    openapi: {
      tags: ['openapi'],
      summary: 'This OpenAPI 3.1 document',
      access: 'public',
      responses: {
        200: {
          description: 'The document',
          schema: { type: 'object', required: ['openapi', 'info', 'paths'] },
        },
      },
    },
  },
  handler: async (req) => json(openAPIDocument(req.payload.config)),
}

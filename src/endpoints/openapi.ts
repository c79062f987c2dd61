import type { Endpoint } from 'payload'

import { json } from '../lib/http'
import { openAPIDocument } from '../openapi/document'

/** GET /api/openapi.json — the OpenAPI 3.1 document of the custom endpoints (public). */
export const openAPIEndpoint: Endpoint = {
  path: '/openapi.json',
  method: 'get',
  handler: async (req) => json(openAPIDocument(req.payload.config)),
}

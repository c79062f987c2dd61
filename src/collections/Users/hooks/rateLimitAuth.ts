import type { CollectionBeforeOperationHook } from 'payload'

import { enforceRateLimit } from '../../../services/accounts/rateLimit'

const AUTH_OPERATIONS = new Set(['login', 'forgotPassword', 'refresh'])

/**
 * Payload's own auth routes (/api/users/login, /forgot-password, /refresh-token) and the GraphQL
 * auth mutations share the per-IP auth limit with /api/auth/*. Server code calling the Local API
 * (payloadAPI 'local') is not an HTTP client and is not limited.
 */
export const rateLimitAuth: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (AUTH_OPERATIONS.has(operation) && req.payloadAPI !== 'local') {
    await enforceRateLimit(req, 'auth')
  }
  return args
}

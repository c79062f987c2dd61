import { rateLimitOperations } from '../../../lib/rateLimit'

const AUTH_OPERATIONS = new Set(['login', 'forgotPassword', 'resetPassword', 'refresh'])

/**
 * Logging in, refreshing, starting or completing a password reset and signing up (a create by
 * nobody signed in) share the per-IP auth limit, through /api/auth/*, Payload's own auth routes
 * (/api/users/login, /forgot-password, /reset-password, /refresh-token) and GraphQL alike.
 */
export const rateLimitAuth = rateLimitOperations(
  'auth',
  (operation, req) => AUTH_OPERATIONS.has(operation) || (operation === 'create' && !req.user),
)

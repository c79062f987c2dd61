import {
  APIError,
  generateExpiredPayloadCookie,
  generatePayloadCookie,
  logoutOperation,
  refreshOperation,
  type PayloadRequest,
} from 'payload'

import { badRequest, unauthorized } from '../../lib/errors'
import type { User } from '../../payload-types'

const usersCollection = (req: PayloadRequest) => req.payload.collections.users

/** The Set-Cookie header value that carries a session token (HTTP-only). */
export const sessionCookie = (req: PayloadRequest, token: string) =>
  generatePayloadCookie({
    collectionAuthConfig: usersCollection(req).config.auth,
    cookiePrefix: req.payload.config.cookiePrefix,
    token,
  })

export const expiredSessionCookie = (req: PayloadRequest) =>
  generateExpiredPayloadCookie({
    collectionAuthConfig: usersCollection(req).config.auth,
    cookiePrefix: req.payload.config.cookiePrefix,
  })

/**
 * The session's user read back as they may see themself: Payload's login and refresh answer with
 * the raw row (group-internal `_uuid` keys, Stripe ids, `updatedAt: null` before the first save).
 */
const ownView = (req: PayloadRequest, user: User) =>
  req.payload.findByID({
    collection: 'users',
    id: user.id,
    depth: 0,
    overrideAccess: false,
    user: { ...user, collection: 'users' },
    req,
  })

export async function login(req: PayloadRequest, email: string, password: string) {
  const result = await req.payload.login({
    collection: 'users',
    data: { email: email.toLowerCase(), password },
    depth: 0,
    req,
  })
  if (!result.token) throw unauthorized('The email or password provided is incorrect.')
  return { user: await ownView(req, result.user as User), token: result.token, exp: result.exp }
}

export async function refresh(req: PayloadRequest) {
  if (!req.user) throw unauthorized()
  const result = await refreshOperation({ collection: usersCollection(req), req })
  if (!result.refreshedToken) throw unauthorized()
  return {
    user: await ownView(req, result.user as User),
    token: result.refreshedToken,
    exp: result.exp,
  }
}

export async function logout(req: PayloadRequest) {
  if (!req.user) throw unauthorized()
  await logoutOperation({ collection: usersCollection(req), req })
}

/** The caller as they may see themself (field access applied). */
export async function currentUser(req: PayloadRequest) {
  if (!req.user) throw unauthorized()
  return req.payload.findByID({
    collection: 'users',
    id: req.user.id,
    depth: 1,
    overrideAccess: false,
    user: req.user,
    req,
  })
}

/** Always succeeds whether or not the address is registered (no user enumeration). */
export async function startPasswordReset(req: PayloadRequest, email: string) {
  await req.payload.forgotPassword({
    collection: 'users',
    data: { email: email.toLowerCase() },
    disableEmail: false,
    req,
  })
}

/** Completes a reset; the token is single-use and expires after an hour. */
export async function completePasswordReset(req: PayloadRequest, token: string, password: string) {
  try {
    const result = await req.payload.resetPassword({
      collection: 'users',
      data: { token, password },
      // Anonymous by nature: the single-use token is the authorization.
      overrideAccess: true,
      req,
    })
    return result
  } catch (err) {
    if (err instanceof APIError && err.status === 403) {
      throw badRequest('token: the reset token is invalid or has expired')
    }
    throw err
  }
}

import {
  Forbidden,
  ValidationError,
  type CollectionBeforeOperationHook,
  type CollectionBeforeValidateHook,
} from 'payload'

import { isAdminUser } from '../../../access'
import { MIN_PASSWORD_LENGTH } from '../../../lib/constants'

function assertPasswordLength(password: unknown) {
  if (typeof password === 'string' && password.length < MIN_PASSWORD_LENGTH) {
    throw new ValidationError({
      collection: 'users',
      errors: [
        {
          path: 'password',
          message: `password must be at least ${MIN_PASSWORD_LENGTH} characters`,
        },
      ],
    })
  }
}

/** Passwords have a minimum length, however the account is written. */
export const guardPassword: CollectionBeforeValidateHook = ({ data }) => {
  assertPasswordLength(data?.password)
  return data
}

/**
 * Payload's reset-password operation (its REST route and GraphQL mutation) hashes the new password
 * without running validation hooks on it, so the minimum length is checked before it starts.
 */
export const guardResetPassword: CollectionBeforeOperationHook = ({ args, operation }) => {
  if (operation === 'resetPassword') {
    assertPasswordLength((args.data as { password?: unknown } | undefined)?.password)
  }
  return args
}

/**
 * Only admins make admins or change anyone's role. This runs before Payload drops the fields a
 * caller may not update (which would silently ignore the request), so a non-admin asking for another
 * role gets a 403 — over our PUT, Payload's PATCH and GraphQL alike. Non-admins can only update
 * themselves, so "another role" means one other than their own. Trusted server code
 * (overrideAccess: signup service, seed) picks roles itself.
 */
export const guardRoleChange: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation !== 'create' && operation !== 'update') return args
  if (args.overrideAccess || !req.user || isAdminUser(req.user)) return args
  const role = (args.data as { role?: unknown } | undefined)?.role
  if (role !== undefined && role !== req.user.role) throw new Forbidden(req.t)
  return args
}

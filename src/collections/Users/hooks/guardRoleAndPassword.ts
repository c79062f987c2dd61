import { Forbidden, ValidationError, type CollectionBeforeValidateHook } from 'payload'

import { isAdminUser } from '../../../access'
import { MIN_PASSWORD_LENGTH } from '../../../lib/constants'

/** Only admins make admins or change anyone's role; passwords have a minimum length. */
export const guardRoleAndPassword: CollectionBeforeValidateHook = ({
  data,
  operation,
  originalDoc,
  req,
}) => {
  if (!data) return data
  if (typeof data.password === 'string' && data.password.length < MIN_PASSWORD_LENGTH) {
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
  // Anonymous callers cannot reach create/update at all (collection access); trusted server code
  // (signup service, seed) runs without a user and validates roles itself.
  if (!req.user || isAdminUser(req.user)) return data

  if (operation === 'create' && data.role === 'admin') throw new Forbidden(req.t)
  if (operation === 'update' && data.role !== undefined && data.role !== originalDoc?.role) {
    throw new Forbidden(req.t)
  }
  return data
}

import type { CollectionBeforeValidateHook } from 'payload'

import { hasRole } from '../../../access'

/** An educator always authors as themself; admins may pick the educator. */
export const assignEducator: CollectionBeforeValidateHook = ({ data, operation, req }) => {
  if (data && operation === 'create' && hasRole(req.user, 'educator')) data.educator = req.user!.id
  return data
}

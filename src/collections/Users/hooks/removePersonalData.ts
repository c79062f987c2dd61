import type { CollectionBeforeDeleteHook } from 'payload'

import { deleteUserData } from '../../../services/accounts/users'

export const removePersonalData: CollectionBeforeDeleteHook = async ({ id, req }) => {
  await deleteUserData(req, String(id))
}

import type { CollectionAfterChangeHook } from 'payload'

import { recountEducatorStudents } from '../../../hooks/counters'
import type { User } from '../../../payload-types'

/**
 * Saving a user rewrites the whole row, including counters read before a concurrent enrollment
 * committed; recounting under the row lock in the same transaction puts the exact value back.
 */
export const keepEducatorCounters: CollectionAfterChangeHook<User> = async ({
  doc,
  operation,
  req,
}) => {
  if (operation === 'update' && doc.role === 'educator') await recountEducatorStudents(req, doc.id)
  return doc
}

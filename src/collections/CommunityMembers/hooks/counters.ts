import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionBeforeChangeHook,
} from 'payload'
import { ValidationError } from 'payload'

import { idOf } from '../../../lib/ids'
import { recountCommunityMembers } from '../../../hooks/counters'
import { lockRow } from '../../../lib/locks'
import { isUUID } from '../../../lib/http'

/** A new membership waits for the community row, so joins (and deletes) of one community serialize. */
export const lockCommunity: CollectionBeforeChangeHook = async ({ data, operation, req }) => {
  if (operation !== 'create') return data
  const communityId = idOf(data.community)
  if (isUUID(communityId) && !(await lockRow(req, 'communities', communityId))) {
    throw new ValidationError({
      collection: 'community-members',
      errors: [{ path: 'community', message: 'Community not found' }],
    })
  }
  return data
}

// Whatever path adds or removes a member (join/leave, admin UI, user deletion), memberCount
// follows in the same transaction.

export const countMemberAdded: CollectionAfterChangeHook = async ({ doc, operation, req }) => {
  if (operation === 'create') await recountCommunityMembers(req, String(idOf(doc.community)))
  return doc
}

export const countMemberRemoved: CollectionAfterDeleteHook = async ({ doc, req }) => {
  await recountCommunityMembers(req, String(idOf(doc.community)))
}

import type { CollectionAfterChangeHook } from 'payload'

import { idOf } from '../../../lib/ids'
import type { Community } from '../../../payload-types'

/** Whoever creates a community moderates it. */
export const addCreatorAsModerator: CollectionAfterChangeHook<Community> = async ({
  doc,
  operation,
  req,
}) => {
  const creator = idOf(doc.createdBy)
  if (operation !== 'create' || !creator) return doc
  await req.payload.create({
    collection: 'community-members',
    data: {
      community: doc.id,
      user: creator,
      role: 'moderator',
      joinedAt: new Date().toISOString(),
    },
    depth: 0,
    overrideAccess: true,
    req,
  })
  return doc
}

import type { Access, Where } from 'payload'

import { hasRole, isAdminUser } from '../../access'

/** Participant rows: the user's own, the stream's educator sees the stream's, admins all. */
export const ownLiveRecords: Access = ({ req: { user } }): boolean | Where => {
  if (!user) return false
  if (isAdminUser(user)) return true
  if (hasRole(user, 'educator')) {
    return { or: [{ user: { equals: user.id } }, { 'liveStream.educator': { equals: user.id } }] }
  }
  return { user: { equals: user.id } }
}

import type { FieldHook } from 'payload'

import { communityScope } from '../../../access/communities'

/** The caller's role in the community (member | moderator), or null — from the per-request scope. */
export const viewerRole: FieldHook = async ({ req, data, originalDoc }) => {
  const id = (data?.id ?? originalDoc?.id) as string | undefined
  if (!req.user || !id) return null
  const scope = await communityScope(req)
  if (scope.moderator.includes(id)) return 'moderator'
  if (scope.member.includes(id)) return 'member'
  return null
}

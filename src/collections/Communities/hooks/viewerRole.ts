import type { FieldHook } from 'payload'

import { roleIn } from '../../../access/communities'

/** The caller's role in the community (member | moderator), or null — asked once per community. */
export const viewerRole: FieldHook = async ({ req, data, originalDoc }) => {
  const id = (data?.id ?? originalDoc?.id) as string | undefined
  if (!req.user || !id) return null
  return roleIn(req, id)
}

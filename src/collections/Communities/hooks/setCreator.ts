import { randomBytes } from 'node:crypto'
import type { CollectionBeforeValidateHook } from 'payload'

import { isAdminUser } from '../../../access'
import { slugify } from '../../Courses/hooks/uniqueSlug'

/** The creator is the caller (admins may name another creator). */
export const setCreator: CollectionBeforeValidateHook = ({ data, operation, req }) => {
  if (data && operation === 'create' && req.user) {
    if (!isAdminUser(req.user) || !data.createdBy) data.createdBy = req.user.id
  }
  return data
}

/** Slug from the name when none is given; a short suffix keeps generated slugs unique. */
export const communitySlug: CollectionBeforeValidateHook = async ({ data, originalDoc, req }) => {
  if (!data || data.slug || originalDoc?.slug || !data.name) return data
  const base = slugify(String(data.name)).slice(0, 120) || 'community'
  const { totalDocs } = await req.payload.count({
    collection: 'communities',
    where: { slug: { equals: base } },
    overrideAccess: true,
    req,
  })
  data.slug = totalDocs ? `${base}-${randomBytes(3).toString('hex')}` : base
  return data
}

import { randomBytes } from 'node:crypto'
import type { CollectionBeforeValidateHook } from 'payload'

export const slugify = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 200)

/** Slug from the title when none is given; a short suffix keeps generated slugs unique. */
export const uniqueSlug: CollectionBeforeValidateHook = async ({ data, originalDoc, req }) => {
  if (!data || data.slug || originalDoc?.slug || !data.title) return data
  const base = slugify(String(data.title)) || 'course'
  const { totalDocs } = await req.payload.count({
    collection: 'courses',
    where: { slug: { equals: base } },
    overrideAccess: true,
    req,
  })
  data.slug = totalDocs ? `${base}-${randomBytes(3).toString('hex')}` : base
  return data
}

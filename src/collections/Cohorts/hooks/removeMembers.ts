import type { CollectionBeforeDeleteHook } from 'payload'

/**
 * A deleted cohort takes its membership rows along (their cohort foreign key is NOT NULL). The
 * course enrollments made through it stay: the students keep what they were learning.
 */
export const removeMembers: CollectionBeforeDeleteHook = async ({ id, req }) => {
  await req.payload.delete({
    collection: 'cohort-enrollments',
    where: { cohort: { equals: id } },
    overrideAccess: true,
    req,
  })
}

import type { CollectionBeforeDeleteHook } from 'payload'

/** A deleted quiz takes its attempts along (their quiz foreign key is NOT NULL). */
export const removeAttempts: CollectionBeforeDeleteHook = async ({ id, req }) => {
  await req.payload.delete({
    collection: 'quiz-attempts',
    where: { quiz: { equals: id } },
    overrideAccess: true,
    req,
  })
}

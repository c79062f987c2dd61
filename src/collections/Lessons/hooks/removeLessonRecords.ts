import type { CollectionBeforeDeleteHook } from 'payload'

/**
 * A deleted lesson takes its quiz (and that quiz's attempts) and the progress rows that point at
 * it, whichever API deletes it; their foreign keys would otherwise fail the delete.
 */
export const removeLessonRecords: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const where = { lesson: { equals: id } }
  await req.payload.delete({ collection: 'quizzes', where, overrideAccess: true, req })
  await req.payload.delete({ collection: 'lesson-progress', where, overrideAccess: true, req })
}

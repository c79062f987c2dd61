import type { CollectionBeforeDeleteHook } from 'payload'

/** An enrollment's progress and quiz attempts go with it. */
export const removeLearnerRecords: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const where = { enrollment: { equals: id } }
  await req.payload.delete({ collection: 'lesson-progress', where, overrideAccess: true, req })
  await req.payload.delete({ collection: 'quiz-attempts', where, overrideAccess: true, req })
}

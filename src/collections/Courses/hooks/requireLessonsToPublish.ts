import { ValidationError, type CollectionBeforeChangeHook } from 'payload'

/** A course cannot be published (from the API or the admin) before it has a lesson. */
export const requireLessonsToPublish: CollectionBeforeChangeHook = async ({
  data,
  originalDoc,
  req,
}) => {
  if (data._status !== 'published') return data
  const id = originalDoc?.id
  const lessons = id
    ? (await req.payload.count({ collection: 'lessons', where: { course: { equals: id } }, req }))
        .totalDocs
    : 0
  if (!lessons) {
    throw new ValidationError({
      collection: 'courses',
      errors: [
        {
          path: '_status',
          message: 'A course needs at least one lesson before it can be published',
        },
      ],
    })
  }
  return data
}

import type { CollectionBeforeChangeHook } from 'payload'

import { badRequest } from '../../../lib/errors'

const NEEDS_A_LESSON = 'A course needs at least one lesson before it can be published'

/**
 * The one home of the rule: a course cannot be published before it has a lesson, whichever way it
 * is published (POST /api/courses/:id/publish, Payload's REST and GraphQL, the admin). The 400
 * names `_status` so the admin marks the field.
 */
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
    throw badRequest(NEEDS_A_LESSON, {
      collection: 'courses',
      errors: [{ path: '_status', message: NEEDS_A_LESSON }],
    })
  }
  return data
}

import { ValidationError, type CollectionBeforeChangeHook } from 'payload'

import { canManageCourse } from '../../../access/courses'
import { idOf } from '../../../lib/ids'

/** A course community names its course, one the creator teaches; other communities have none. */
export const validateVisibility: CollectionBeforeChangeHook = async ({
  data,
  originalDoc,
  operation,
  req,
}) => {
  const visibility = data.visibility ?? originalDoc?.visibility
  const course = idOf(data.course !== undefined ? data.course : originalDoc?.course)
  const fail = (message: string) => {
    throw new ValidationError({ collection: 'communities', errors: [{ path: 'course', message }] })
  }
  if (visibility !== 'course') {
    if (course) data.course = null
    return data
  }
  if (!course) fail('A course community needs a course')
  const changed = operation === 'create' || course !== idOf(originalDoc?.course)
  if (changed && req.user && !(await canManageCourse(req, course))) {
    fail('Only the course educator or an admin can attach a community to this course')
  }
  return data
}

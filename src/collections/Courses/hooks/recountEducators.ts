import type { CollectionAfterChangeHook } from 'payload'

import { idOf } from '../../../lib/ids'
import { recountEducatorStudents } from '../../../hooks/counters'
import type { Course } from '../../../payload-types'

/** An admin who hands a course to another educator moves its students between their counters. */
export const recountEducatorsOnReassign: CollectionAfterChangeHook<Course> = async ({
  doc,
  previousDoc,
  operation,
  req,
}) => {
  const before = idOf(previousDoc?.educator)
  const after = idOf(doc.educator)
  if (operation !== 'update' || !before || !after || before === after) return doc
  // Always lock the two users in the same order, so two reassignments cannot deadlock.
  for (const educatorId of [before, after].sort()) await recountEducatorStudents(req, educatorId)
  return doc
}

import type { CollectionBeforeDeleteHook } from 'payload'

import { lockCommunityRecord } from '../../../hooks/counters'
import { execute, sql } from '../../../lib/sql'
import { removePosts } from './removePosts'

/**
 * Registered on `courses` (its beforeDelete hooks): a deleted course takes its discussion (posts with
 * their comments and reactions) along. Its course communities stay, as members-only communities,
 * so their members keep what they wrote.
 */
export const removeCourseDiscussions: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const courseId = String(id)
  await lockCommunityRecord(req, 'courses', courseId)
  await removePosts(req, 'course_id', courseId)
  await execute(
    req,
    sql`update communities set visibility = 'members', course_id = null
        where course_id = ${courseId}`,
  )
}

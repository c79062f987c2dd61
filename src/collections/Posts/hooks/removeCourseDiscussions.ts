import type { CollectionBeforeDeleteHook } from 'payload'

import { lockCommunityRecord } from '../../../hooks/counters'
import { execute, sql } from '../../../lib/sql'

/**
 * Registered on `courses` (its beforeDelete hooks): a deleted course takes its discussion (posts with
 * their comments and reactions) along. Its course communities stay, as members-only communities,
 * so their members keep what they wrote.
 */
export const removeCourseDiscussions: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const courseId = String(id)
  await lockCommunityRecord(req, 'courses', courseId)
  await execute(req, sql`select id from posts where course_id = ${courseId} for update`)
  await execute(
    req,
    sql`select c.id from comments c join posts p on p.id = c.post_id
        where p.course_id = ${courseId} for update of c`,
  )
  await execute(
    req,
    sql`delete from reactions
        where post_id in (select id from posts where course_id = ${courseId})
           or comment_id in (select c.id from comments c join posts p on p.id = c.post_id
                             where p.course_id = ${courseId})`,
  )
  await execute(
    req,
    sql`delete from comments where post_id in (select id from posts where course_id = ${courseId})`,
  )
  await execute(req, sql`delete from posts where course_id = ${courseId}`)
  await execute(
    req,
    sql`update communities set visibility = 'members', course_id = null
        where course_id = ${courseId}`,
  )
}

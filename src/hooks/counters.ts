import type { PayloadRequest } from 'payload'

import { execute, lockRow, sql } from '../lib/sql'

/**
 * Counters are recomputed from count(*) under the parent row's lock, inside the transaction that
 * changed the children: the next writer waits for the lock and its fresh statement sees this one's
 * commit, so the stored number always equals the real count however many requests run at once.
 */

export async function recountCourseEnrollments(req: PayloadRequest, courseId: string) {
  if (!(await lockRow(req, 'courses', courseId))) return
  const [course] = await execute<{ educator_id: string | null }>(
    req,
    sql`update courses
        set total_enrollments = (select count(*) from enrollments where course_id = ${courseId})
        where id = ${courseId}
        returning educator_id`,
  )
  if (course?.educator_id) await recountEducatorStudents(req, course.educator_id)
}

/** Distinct students across all of an educator's courses. */
export async function recountEducatorStudents(req: PayloadRequest, educatorId: string) {
  if (!(await lockRow(req, 'users', educatorId))) return
  await execute(
    req,
    sql`update users
        set educator_profile_total_students = (
          select count(distinct e.student_id)
          from enrollments e join courses c on c.id = e.course_id
          where c.educator_id = ${educatorId})
        where id = ${educatorId}`,
  )
}

type CommunityTable = 'communities' | 'posts' | 'comments' | 'courses'

/**
 * Row lock on a community-area parent. `update` (FOR NO KEY UPDATE) serializes writers of the
 * same parent; `share` (FOR SHARE) lets many children be added at once but waits for — and blocks
 * — a writer such as a delete that is removing the parent with its children.
 */
export async function lockCommunityRecord(
  req: PayloadRequest,
  table: CommunityTable,
  id: string,
  mode: 'update' | 'share' = 'update',
) {
  const rows = await execute(
    req,
    mode === 'share'
      ? sql`select id from ${sql.identifier(table)} where id = ${id} for share`
      : sql`select id from ${sql.identifier(table)} where id = ${id} for no key update`,
  )
  return rows.length > 0
}

export async function recountCommunityMembers(req: PayloadRequest, communityId: string) {
  if (!(await lockCommunityRecord(req, 'communities', communityId))) return
  await execute(
    req,
    sql`update communities
        set member_count = (select count(*) from community_members where community_id = ${communityId})
        where id = ${communityId}`,
  )
}

export async function recountPostComments(req: PayloadRequest, postId: string) {
  if (!(await lockCommunityRecord(req, 'posts', postId))) return
  await execute(
    req,
    sql`update posts
        set comment_count = (select count(*) from comments where post_id = ${postId})
        where id = ${postId}`,
  )
}

/** reactionCount of the post or comment a reaction points at. */
export async function recountReactions(
  req: PayloadRequest,
  target: { post?: string | null; comment?: string | null },
) {
  if (target.post) {
    if (!(await lockCommunityRecord(req, 'posts', target.post))) return
    await execute(
      req,
      sql`update posts
          set reaction_count = (select count(*) from reactions where post_id = ${target.post})
          where id = ${target.post}`,
    )
  } else if (target.comment) {
    if (!(await lockCommunityRecord(req, 'comments', target.comment))) return
    await execute(
      req,
      sql`update comments
          set reaction_count = (select count(*) from reactions where comment_id = ${target.comment})
          where id = ${target.comment}`,
    )
  }
}

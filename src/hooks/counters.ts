import { and, countDistinct, eq, sql } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

import { lockRow } from '../lib/locks'
import { invalidateCatalog } from '../services/learning/catalogCache'
import { table, transactionDb } from '../lib/sql'

/**
 * Counters are recomputed from count(*) under the parent row's lock (see src/lib/locks.ts), inside
 * the transaction that changed the children: the next writer waits for the lock and its fresh
 * statement sees this one's commit, so the stored number always equals the real count however
 * many requests run at once.
 */

export async function recountCourseEnrollments(req: PayloadRequest, courseId: string) {
  if (!(await lockRow(req, 'courses', courseId))) return
  const courses = table(req, 'courses', ['id', 'educator', 'totalEnrollments'])
  const enrollments = table(req, 'enrollments', ['course'])
  const db = await transactionDb(req)
  const [course] = await db
    .update(courses)
    .set({
      totalEnrollments: sql`(select count(*) from ${enrollments} where ${eq(enrollments.course, courseId)})`,
    })
    .where(eq(courses.id, courseId))
    .returning({ educator: courses.educator })
  // `popular` orders the catalog by this counter, and cards show it.
  await invalidateCatalog(req)
  if (course?.educator) await recountEducatorStudents(req, String(course.educator))
}

/** Distinct students across all of an educator's courses. */
export async function recountEducatorStudents(req: PayloadRequest, educatorId: string) {
  if (!(await lockRow(req, 'users', educatorId))) return
  const users = table(req, 'users', ['id', 'educatorProfile_totalStudents'])
  const enrollments = table(req, 'enrollments', ['course', 'student'])
  const courses = table(req, 'courses', ['id', 'educator'])
  const db = await transactionDb(req)
  const students = db
    .select({ n: countDistinct(enrollments.student) })
    .from(enrollments)
    .innerJoin(courses, eq(courses.id, enrollments.course))
    .where(eq(courses.educator, educatorId))
  await db
    .update(users)
    .set({ educatorProfile_totalStudents: sql`(${students})` })
    .where(eq(users.id, educatorId))
}

export async function recountCommunityMembers(req: PayloadRequest, communityId: string) {
  if (!(await lockRow(req, 'communities', communityId))) return
  const communities = table(req, 'communities', ['id', 'memberCount'])
  const members = table(req, 'community-members', ['community'])
  const db = await transactionDb(req)
  await db
    .update(communities)
    .set({
      memberCount: sql`(select count(*) from ${members} where ${eq(members.community, communityId)})`,
    })
    .where(eq(communities.id, communityId))
}

export async function recountPostComments(req: PayloadRequest, postId: string) {
  if (!(await lockRow(req, 'posts', postId))) return
  const posts = table(req, 'posts', ['id', 'commentCount'])
  const comments = table(req, 'comments', ['post'])
  const db = await transactionDb(req)
  await db
    .update(posts)
    .set({
      commentCount: sql`(select count(*) from ${comments} where ${eq(comments.post, postId)})`,
    })
    .where(eq(posts.id, postId))
}

/** reactionCount of the post or comment a reaction points at. */
export async function recountReactions(
  req: PayloadRequest,
  target: { post?: string | null; comment?: string | null },
) {
  const reactions = table(req, 'reactions', ['post', 'comment'])
  const db = await transactionDb(req)
  if (target.post) {
    if (!(await lockRow(req, 'posts', target.post))) return
    const posts = table(req, 'posts', ['id', 'reactionCount'])
    await db
      .update(posts)
      .set({
        reactionCount: sql`(select count(*) from ${reactions} where ${eq(reactions.post, target.post)})`,
      })
      .where(eq(posts.id, target.post))
  } else if (target.comment) {
    if (!(await lockRow(req, 'comments', target.comment))) return
    const comments = table(req, 'comments', ['id', 'reactionCount'])
    await db
      .update(comments)
      .set({
        reactionCount: sql`(select count(*) from ${reactions} where ${eq(reactions.comment, target.comment)})`,
      })
      .where(eq(comments.id, target.comment))
  }
}

/**
 * A course's ratingSum, reviewCount and averageRating (their mean) over its reviews that are not
 * hidden, recomputed in one statement under the course's `write` lock.
 */
export async function recountCourseRating(req: PayloadRequest, courseId: string) {
  if (!(await lockRow(req, 'courses', courseId))) return
  const courses = table(req, 'courses', ['id', 'ratingSum', 'reviewCount', 'averageRating'])
  const reviews = table(req, 'course-reviews', ['course', 'rating', 'hidden'])
  const visible = and(eq(reviews.course, courseId), sql`${reviews.hidden} is not true`)
  const db = await transactionDb(req)
  await db
    .update(courses)
    .set({
      ratingSum: sql`(select coalesce(sum(${reviews.rating}), 0) from ${reviews} where ${visible})`,
      reviewCount: sql`(select count(*) from ${reviews} where ${visible})`,
      averageRating: sql`(select avg(${reviews.rating}) from ${reviews} where ${visible})`,
    })
    .where(eq(courses.id, courseId))
  // `rating` orders the catalog by these counters, and cards show them.
  await invalidateCatalog(req)
}

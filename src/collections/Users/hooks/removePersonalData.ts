import { eq, or } from '@payloadcms/db-postgres/drizzle'
import type { CollectionBeforeDeleteHook } from 'payload'

import { lockRow } from '../../../lib/locks'
import { table, transactionDb } from '../../../lib/sql'
import { deleteUserData } from '../../../services/accounts/users'

/**
 * A user's delete changes the courses they teach (deleted), take (unenrolled) and review
 * (recounted). Those course rows
 * are locked first, in id order, each as strongly as the cascade will need it (src/lib/locks.ts):
 * the cascade then walks collections in config order without ever taking two courses out of order.
 */
export const removePersonalData: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const userId = String(id)
  const courses = table(req, 'courses', ['id', 'educator'])
  const enrollments = table(req, 'enrollments', ['course', 'student'])
  const reviews = table(req, 'course-reviews', ['course', 'student'])
  const db = await transactionDb(req)
  const touched: { id: unknown; educator: unknown }[] = await db
    .selectDistinct({ id: courses.id, educator: courses.educator })
    .from(courses)
    .leftJoin(enrollments, eq(enrollments.course, courses.id))
    .where(or(eq(courses.educator, userId), eq(enrollments.student, userId)))
    .orderBy(courses.id)
  const reviewed = await db
    .selectDistinct({ id: reviews.course })
    .from(reviews)
    .where(eq(reviews.student, userId))
  const known = new Set(touched.map((c) => String(c.id)))
  for (const { id } of reviewed) {
    if (id && !known.has(String(id))) touched.push({ id, educator: null })
  }
  touched.sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1))
  for (const course of touched) {
    await lockRow(
      req,
      'courses',
      String(course.id),
      course.educator === userId ? 'delete' : 'write',
    )
  }
  await deleteUserData(req, userId)
}

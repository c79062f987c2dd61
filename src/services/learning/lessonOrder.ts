import { eq, sql } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

import { badRequest, notFound } from '../../lib/errors'
import { withTransaction } from '../../lib/http'
import { lockRow } from '../../lib/locks'
import { table, transactionDb } from '../../lib/sql'
import type { Course } from '../../payload-types'
import { invalidateCatalog } from './catalogCache'

export type OrderedLesson = { id: string; title: string; orderIndex: number }

/**
 * POST /api/courses/:id/lessons/reorder: the course's lessons take the order of `lessonIds`
 * (orderIndex 0..n-1). The list must name every lesson of the course exactly once. Runs in one
 * transaction under the course's `write` lock (src/lib/locks.ts), so concurrent reorders apply one
 * after the other and each checks the lessons as the previous one left them.
 */
export async function reorderLessons(
  req: PayloadRequest,
  course: Pick<Course, 'id'>,
  lessonIds: string[],
): Promise<OrderedLesson[]> {
  const duplicates = lessonIds.filter((id, i) => lessonIds.indexOf(id) !== i)
  if (duplicates.length) {
    throw badRequest(`lessonIds: lists ${[...new Set(duplicates)].join(', ')} more than once`, {
      fields: ['lessonIds'],
    })
  }
  return withTransaction(req, async () => {
    if (!(await lockRow(req, 'courses', course.id, 'write'))) throw notFound('Course not found')
    const lessons = table(req, 'lessons', ['id', 'course', 'orderIndex', 'title', 'updatedAt'])
    const db = await transactionDb(req)
    const current = await db
      .select({ id: lessons.id, title: lessons.title })
      .from(lessons)
      .where(eq(lessons.course, course.id))
    const titles = new Map(current.map((row) => [String(row.id), String(row.title)]))
    const known = new Set(titles.keys())
    const unknown = lessonIds.filter((id) => !known.has(id))
    const missing = [...known].filter((id) => !lessonIds.includes(id))
    if (unknown.length || missing.length) {
      const problems = [
        unknown.length && `not lessons of this course: ${unknown.join(', ')}`,
        missing.length && `missing: ${missing.join(', ')}`,
      ].filter(Boolean)
      throw badRequest(
        `lessonIds: must list every lesson of the course exactly once (${problems.join('; ')})`,
        { fields: ['lessonIds'] },
      )
    }
    if (lessonIds.length) {
      const position = sql.join(
        lessonIds.map((id, index) => sql`when ${lessons.id} = ${id} then ${index}::numeric`),
        sql` `,
      )
      await db
        .update(lessons)
        .set({ orderIndex: sql`case ${position} end`, updatedAt: sql`now()` })
        .where(eq(lessons.course, course.id))
    }
    // The syllabus is on the course's cached page and catalog.
    await invalidateCatalog(req)
    // Every lesson is listed once, so the new order is the list itself (no second read).
    return lessonIds.map((id, orderIndex) => ({ id, title: titles.get(id)!, orderIndex }))
  })
}

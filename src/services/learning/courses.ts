import { and, count, desc, eq, ilike, type SQL } from '@payloadcms/db-postgres/drizzle'
import type { PaginatedDocs, PayloadRequest, Where } from 'payload'

import { exists } from '../../access/subqueries'

import { hasRole, isAdminUser } from '../../access'
import { idOf } from '../../lib/ids'
import { forbidden, notFound } from '../../lib/errors'
import { requireUser } from '../../lib/http'
import { findOr404 } from '../../lib/lookup'
import { pageShape } from '../../lib/pagination'
import { bayesianAverageSql } from '../../lib/rating'
import { selectTable, sql, table, transactionDb, type Table } from '../../lib/sql'
import type { Course, Lesson } from '../../payload-types'

/** A course as the caller may see it (drafts only for their educator and admins) or 404. */
export const visibleCourse = (req: PayloadRequest, id: unknown): Promise<Course> =>
  findOr404(req, 'courses', id, 'Course', { asCaller: true })

export const isCourseOwner = (req: PayloadRequest, course: Pick<Course, 'educator'>) =>
  Boolean(req.user && idOf(course.educator) === req.user.id)

/** A course the caller manages: 401 anonymous, 404 invisible, 403 someone else's. */
export async function managedCourse(req: PayloadRequest, id: unknown): Promise<Course> {
  requireUser(req)
  const course = await visibleCourse(req, id)
  if (!isAdminUser(req.user) && !isCourseOwner(req, course)) {
    throw forbidden('Only the course educator or an admin can do this')
  }
  return course
}

/** A lesson of the given course as the caller may read it (content only for viewers), or 404. */
export async function lessonOfCourse(req: PayloadRequest, course: Course, lessonId: unknown) {
  const lesson = await findOr404(req, 'lessons', lessonId, 'Lesson', { asCaller: true })
  if (idOf(lesson.course) !== course.id) throw notFound('Lesson not found')
  return lesson
}

/** 400 without a lesson: the Courses hook requireLessonsToPublish decides, however it is published. */
export async function publishCourse(req: PayloadRequest, course: Course) {
  return req.payload.update({
    collection: 'courses',
    id: course.id,
    data: { _status: 'published' },
    depth: 0,
    overrideAccess: false,
    user: req.user,
    req,
  })
}

export async function updateCourse(req: PayloadRequest, course: Course, data: Partial<Course>) {
  return req.payload.update({
    collection: 'courses',
    id: course.id,
    data,
    depth: 0,
    overrideAccess: false,
    user: req.user,
    req,
  })
}

export type LessonInput = Partial<
  Pick<
    Lesson,
    | 'title'
    | 'description'
    | 'lessonType'
    | 'orderIndex'
    | 'duration'
    | 'isFreePreview'
    | 'availableAfterDays'
    | 'content'
  >
>

export async function addLesson(req: PayloadRequest, course: Course, input: LessonInput) {
  let orderIndex = input.orderIndex
  if (orderIndex === undefined) {
    const last = await req.payload.find({
      collection: 'lessons',
      where: { course: { equals: course.id } },
      sort: '-orderIndex',
      limit: 1,
      depth: 0,
      select: { orderIndex: true },
      overrideAccess: false,
      user: req.user,
      req,
    })
    orderIndex = last.docs.length ? (last.docs[0].orderIndex ?? 0) + 1 : 0
  }
  return req.payload.create({
    collection: 'lessons',
    data: { ...input, orderIndex, course: course.id } as Lesson,
    depth: 0,
    overrideAccess: false,
    user: req.user,
    req,
  })
}

export const updateLesson = (req: PayloadRequest, lesson: Lesson, data: LessonInput) =>
  req.payload.update({
    collection: 'lessons',
    id: lesson.id,
    data,
    depth: 0,
    overrideAccess: false,
    user: req.user,
    req,
  })

/** Its quiz, attempts and progress rows go with it (Lessons beforeDelete). */
export async function deleteLesson(req: PayloadRequest, lesson: Lesson) {
  await req.payload.delete({
    collection: 'lessons',
    id: lesson.id,
    overrideAccess: false,
    // Admin edit locks apply, as on Payload's own routes (checkEditLockInTransaction).
    overrideLock: false,
    user: req.user,
    req,
  })
}

export type ExploreQuery = {
  q?: string
  courseType?: string
  teachingStyle?: string
  tag?: string
  sort: 'popular' | 'newest' | 'rating'
  page: number
  limit: number
}

const SORTS = { popular: '-totalEnrollments', newest: '-createdAt' }

/** What a catalog card shows, and nothing else. */
const CARD = {
  select: {
    title: true,
    slug: true,
    courseType: true,
    teachingStyles: true,
    tags: true,
    price: true,
    currency: true,
    thumbnail: true,
    totalEnrollments: true,
    averageRating: true,
    reviewCount: true,
    educator: true,
    createdAt: true,
  },
  populate: {
    users: { fullName: true, profileImage: true },
    media: { url: true, alt: true, sizes: true },
  },
} as const

type CardPage = PaginatedDocs<Pick<Course, keyof typeof CARD.select | 'id'>>

/** The public catalog: published courses only, with just what a catalog card shows. */
export async function exploreCourses(req: PayloadRequest, query: ExploreQuery): Promise<CardPage> {
  const filters: Where[] = [{ _status: { equals: 'published' } }]
  if (query.q) filters.push({ title: { like: query.q } })
  if (query.courseType) filters.push({ courseType: { equals: query.courseType } })
  if (query.teachingStyle) filters.push({ teachingStyles: { contains: query.teachingStyle } })
  if (query.tag) filters.push({ tags: { contains: query.tag } })
  const cards = (where: Where[], sort: string[], page: number, limit: number) =>
    req.payload.find({
      collection: 'courses',
      where: { and: where },
      sort,
      page,
      limit,
      depth: 1,
      ...CARD,
      overrideAccess: false,
      user: req.user,
      req,
    }) as Promise<CardPage>
  if (query.sort !== 'rating') {
    return cards(filters, [SORTS[query.sort], '-createdAt'], query.page, query.limit)
  }
  return exploreByRating(req, query, filters, cards)
}

/**
 * Best rated first by the Bayesian average of src/lib/rating.ts, computed by Postgres in the query
 * that picks the page; unrated courses after the rated ones, newest first. The same filters as
 * the other sorts (Payload's `like` is every word of `q`, case-insensitively), then the page's
 * cards are read through the Local API like the other sorts' and put in this order.
 */
async function exploreByRating(
  req: PayloadRequest,
  query: ExploreQuery,
  filters: Where[],
  cards: (where: Where[], sort: string[], page: number, limit: number) => Promise<CardPage>,
): Promise<CardPage> {
  const courses = table(req, 'courses', [
    'id',
    '_status',
    'title',
    'courseType',
    'ratingSum',
    'reviewCount',
    'createdAt',
  ])
  const conditions: SQL[] = [eq(courses._status, 'published')]
  for (const word of query.q?.split(' ').filter(Boolean) ?? []) {
    conditions.push(ilike(courses.title, `%${word}%`))
  }
  if (query.courseType) conditions.push(eq(courses.courseType, query.courseType))
  const hasOption = (options: Table<'parent' | 'value'>, value: string) =>
    exists(
      sql`(select 1 from ${options} where ${and(eq(options.parent, courses.id), eq(options.value, value))})`,
    )
  if (query.teachingStyle) {
    conditions.push(hasOption(selectTable(req, 'courses', 'teachingStyles'), query.teachingStyle))
  }
  if (query.tag) conditions.push(hasOption(selectTable(req, 'courses', 'tags'), query.tag))
  const where = and(...conditions)
  const db = await transactionDb(req)
  const [{ total }] = await db.select({ total: count() }).from(courses).where(where)
  const ranked = await db
    .select({ id: courses.id })
    .from(courses)
    .where(where)
    .orderBy(
      sql`(${courses.reviewCount} > 0) desc nulls last`,
      desc(bayesianAverageSql(courses.ratingSum, courses.reviewCount)),
      desc(courses.createdAt),
      courses.id,
    )
    .limit(query.limit)
    .offset((query.page - 1) * query.limit)
  const ids = ranked.map((row) => String(row.id))
  const found = ids.length
    ? (await cards([...filters, { id: { in: ids } }], ['id'], 1, ids.length)).docs
    : []
  const byId = new Map(found.map((doc) => [doc.id, doc]))
  const docs = ids.flatMap((id) => byId.get(id) ?? [])
  return pageShape(docs, Number(total), query.page, query.limit)
}

export const canSeeAsStaff = (req: PayloadRequest, course: Course) =>
  isAdminUser(req.user) || (hasRole(req.user, 'educator') && isCourseOwner(req, course))

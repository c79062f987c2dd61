import { and, count, desc, eq, ilike, type SQL } from '@payloadcms/db-postgres/drizzle'
import type { PaginatedDocs, PayloadRequest } from 'payload'

import { exists } from '../../access/subqueries'

import { hasRole, isAdminUser } from '../../access'
import { idOf } from '../../lib/ids'
import { forbidden, notFound } from '../../lib/errors'
import { cacheableJson, isUUID, requireUser } from '../../lib/http'
import { findOr404 } from '../../lib/lookup'
import { pageShape } from '../../lib/pagination'
import { bayesianAverageSql } from '../../lib/rating'
import { selectTable, sql, table, transactionDb, type Table } from '../../lib/sql'
import type { Course, Lesson } from '../../payload-types'
import { cachedCatalogPage, type CatalogPage } from './catalogCache'

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

type Card = Pick<Course, keyof typeof CARD.select | 'id'>

/**
 * The public catalog: published courses only, with just what a catalog card shows. The same for
 * every caller, so pages are served from the catalog cache (catalogCache.ts) until the catalog
 * changes; `totalDocs` is the exact count, computed with the page (one window count, no second
 * query) and cached with it.
 */
export const exploreCourses = (req: PayloadRequest, query: ExploreQuery): Promise<CatalogPage> =>
  cachedCatalogPage(exploreCacheKey(query), async () => {
    const page = await explorePage(req, query)
    return { body: page, totalDocs: page.totalDocs }
  })

/** The catalog cache's key of an explore page. */
export const exploreCacheKey = (query: ExploreQuery) =>
  JSON.stringify([
    query.q?.toLowerCase() ?? '',
    query.courseType ?? '',
    query.teachingStyle ?? '',
    query.tag ?? '',
    query.sort,
    query.page,
    query.limit,
  ])

/** The catalog cache's key of an anonymous course read: Payload's answer depends on the query. */
export const courseDetailCacheKey = (id: string, search: string) => `course|${id}|${search}`

/**
 * One page, picked by one purpose-built query (filters, order, limit and the total by a window
 * count), then the page's cards read through the Local API in that order — the same documents
 * Payload gives for these fields, educator and thumbnail populated.
 *
 * Orders: popular = most enrollments, newest = latest created, rating = best Bayesian average of
 * src/lib/rating.ts (unrated courses after the rated ones); ties newest first, then by id. `q`
 * matches every word of it in the title, case-insensitively (as Payload's `like`).
 */
export async function explorePage(
  req: PayloadRequest,
  query: ExploreQuery,
): Promise<PaginatedDocs<Card>> {
  const courses = table(req, 'courses', [
    'id',
    '_status',
    'title',
    'courseType',
    'totalEnrollments',
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
  const order =
    query.sort === 'popular'
      ? [desc(courses.totalEnrollments)]
      : query.sort === 'rating'
        ? [
            sql`(${courses.reviewCount} > 0) desc nulls last`,
            desc(bayesianAverageSql(courses.ratingSum, courses.reviewCount)),
          ]
        : []
  const db = await transactionDb(req)
  const ranked = await db
    .select({ id: courses.id, total: sql<number>`count(*) over ()` })
    .from(courses)
    .where(where)
    .orderBy(...order, desc(courses.createdAt), courses.id)
    .limit(query.limit)
    .offset((query.page - 1) * query.limit)
  let total = Number(ranked[0]?.total ?? 0)
  if (!ranked.length && query.page > 1) {
    total = Number((await db.select({ total: count() }).from(courses).where(where))[0].total)
  }
  const ids = ranked.map((row) => String(row.id))
  const found = ids.length
    ? await req.payload.find({
        collection: 'courses',
        where: { and: [{ id: { in: ids } }, { _status: { equals: 'published' } }] },
        pagination: false,
        depth: 1,
        ...CARD,
        // Published courses and card fields only, which every caller may read.
        overrideAccess: true,
        req,
      })
    : { docs: [] }
  const byId = new Map(found.docs.map((doc) => [doc.id, doc as Card]))
  return pageShape(
    ids.flatMap((id) => byId.get(id) ?? []),
    total,
    query.page,
    query.limit,
  )
}

/** A read that is not kept: its answer goes back as it is. */
class Uncached {
  constructor(readonly response: Response) {}
}

/**
 * GET /api/courses/:id: Payload's own read (`read`), whose anonymous answers — the same for every
 * anonymous caller — are kept in the catalog cache (catalogCache.ts) per course and query string
 * until the catalog changes (the course, a lesson, the educator, a thumbnail), with an ETag. A
 * logged-in caller may see more (their drafts, lesson content once enrolled) and opens a
 * course_view event: always read fresh, and marked private for HTTP caches. Only 200s are kept.
 */
export async function courseDetail(
  req: PayloadRequest,
  read: (req: PayloadRequest) => Promise<Response> | Response,
): Promise<Response> {
  const id = req.routeParams?.id
  // A malformed id names no course (and must not reach Postgres as a bad cast).
  if (!isUUID(id)) throw notFound('Course not found')
  if (req.user) {
    const res = await read(req)
    const headers = new Headers(res.headers)
    headers.set('Cache-Control', 'private, no-cache')
    headers.set('Vary', 'Authorization, Cookie')
    return new Response(res.body, { status: res.status, headers })
  }
  const search = new URL(req.url ?? 'http://localhost').search
  try {
    const page = await cachedCatalogPage(courseDetailCacheKey(id, search), async () => {
      const res = await read(req)
      if (res.status !== 200) throw new Uncached(res)
      return { body: await res.text(), totalDocs: 1 }
    })
    return cacheableJson(req, page)
  } catch (err) {
    if (err instanceof Uncached) return err.response
    throw err
  }
}

export const canSeeAsStaff = (req: PayloadRequest, course: Course) =>
  isAdminUser(req.user) || (hasRole(req.user, 'educator') && isCourseOwner(req, course))

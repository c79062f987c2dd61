import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { sql } from '@payloadcms/db-postgres/drizzle'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { bayesianAverage } from '../../src/lib/rating'
import type { Course, CourseReview, Lesson } from '../../src/payload-types'
import {
  buildCourse,
  completeLesson,
  createCourse,
  deleteCourses,
  enroll,
  expectStatus,
  uniqueTitle,
} from '../helpers/courses'
import { api, errorMessage, graphql } from '../helpers/http'
import { getTestPayload } from '../helpers/payload'
import { createCast, createUser, deleteUsers, type TestUser } from '../helpers/users'

type Cast = Awaited<ReturnType<typeof createCast>>

let payload: Payload
let cast: Cast
const courseIds: string[] = []
const extraUsers: TestUser[] = []

/** A published course of `lessons` lessons, tracked for cleanup. */
async function publishedCourse(token: string, lessons: number, title = uniqueTitle('Reviewed')) {
  const built = await buildCourse(token, {
    course: { title },
    lessons: Array.from({ length: lessons }, () => ({})),
  })
  courseIds.push(built.course.id)
  return built
}

/** Enrolls the student and completes the first `done` lessons. */
async function progress(student: TestUser, courseId: string, lessons: Lesson[], done: number) {
  await enroll(student.token, courseId)
  for (const lesson of lessons.slice(0, done)) {
    expectStatus(await completeLesson(student.token, courseId, lesson.id), 200)
  }
}

async function newStudents(n: number) {
  const students = await Promise.all(
    Array.from({ length: n }, () => createUser(payload, 'student')),
  )
  extraUsers.push(...students)
  return students
}

const stored = (id: string) =>
  payload.findByID({ collection: 'courses', id, depth: 0, overrideAccess: true }) as Promise<Course>

/** The counters as stored, and as recomputed from the visible reviews right now. */
async function counters(courseId: string) {
  const course = await stored(courseId)
  const { docs } = await payload.find({
    collection: 'course-reviews',
    where: { and: [{ course: { equals: courseId } }, { hidden: { not_equals: true } }] },
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  const sum = docs.reduce((total, r) => total + r.rating, 0)
  return {
    stored: {
      reviewCount: course.reviewCount,
      ratingSum: course.ratingSum,
      averageRating: course.averageRating ?? null,
    },
    actual: {
      reviewCount: docs.length,
      ratingSum: sum,
      averageRating: docs.length ? sum / docs.length : null,
    },
  }
}

async function expectExactCounters(courseId: string) {
  const { stored: kept, actual } = await counters(courseId)
  expect(kept.reviewCount).toBe(actual.reviewCount)
  expect(kept.ratingSum).toBe(actual.ratingSum)
  if (actual.averageRating === null) expect(kept.averageRating).toBeNull()
  else expect(kept.averageRating).toBeCloseTo(actual.averageRating, 10)
  return actual
}

const reviews = (courseId: string) => `/api/courses/${courseId}/reviews`

beforeAll(async () => {
  payload = await getTestPayload()
  cast = await createCast(payload)
})

afterAll(async () => {
  await deleteCourses(payload, courseIds)
  await deleteUsers(payload, ...Object.values(cast), ...extraUsers)
})

describe('reviewing a course', () => {
  let course: Course
  let lessons: Lesson[]
  let review: CourseReview
  let halfway: TestUser
  let quarter: TestUser

  beforeAll(async () => {
    ;({ course, lessons } = await publishedCourse(cast.educator.token, 4))
    ;[halfway, quarter] = await newStudents(2)
    await progress(halfway, course.id, lessons, 2)
    await progress(quarter, course.id, lessons, 1)
  })

  it('refuses a student below the minimum progress, saying how far they are', async () => {
    const res = await api('POST', reviews(course.id), {
      token: quarter.token,
      body: { rating: 4, text: 'Too early' },
    })
    expect(res.status).toBe(403)
    expect(errorMessage(res)).toContain('at least 50%')
    expect(errorMessage(res)).toContain('25%')
  })

  it('refuses students who are not enrolled, and anonymous callers', async () => {
    const res = await api('POST', reviews(course.id), {
      token: cast.otherStudent.token,
      body: { rating: 5 },
    })
    expect(res.status).toBe(403)
    expect(errorMessage(res)).toContain('enrolled')
    expect((await api('POST', reviews(course.id), { body: { rating: 5 } })).status).toBe(401)
    const educator = await api('POST', reviews(course.id), {
      token: cast.educator.token,
      body: { rating: 5 },
    })
    expect(educator.status).toBe(403)
  })

  it('answers 404 for an unknown course or someone else’s draft', async () => {
    const draft = await createCourse(cast.otherEducator.token, { title: uniqueTitle('Draft') })
    courseIds.push(draft.id)
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', draft.id]) {
      const post = await api('POST', reviews(id), { token: halfway.token, body: { rating: 5 } })
      expect(post.status, id).toBe(404)
      expect((await api('GET', reviews(id))).status, id).toBe(404)
    }
  })

  it('answers 400 naming the field for bad stars or text', async () => {
    const cases: [unknown, string][] = [
      [{}, 'rating'],
      [{ rating: 0 }, 'rating'],
      [{ rating: 6 }, 'rating'],
      [{ rating: 4.5 }, 'rating'],
      [{ rating: '5' }, 'rating'],
      [{ rating: 5, text: 'x'.repeat(5001) }, 'text'],
      [{ rating: 5, text: 42 }, 'text'],
      [{ rating: 5, hidden: true }, 'hidden'],
    ]
    for (const [body, field] of cases) {
      const res = await api('POST', reviews(course.id), { token: halfway.token, body })
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(errorMessage(res)).toContain(field)
    }
    expect((await counters(course.id)).stored.reviewCount).toBe(0)
  })

  it('accepts one review at the minimum progress and counts it; a second is a 409', async () => {
    const res = await api('POST', reviews(course.id), {
      token: halfway.token,
      body: { rating: 5, text: 'Clear and practical' },
    })
    expectStatus(res, 201)
    review = res.body.doc
    expect(review).toMatchObject({ rating: 5, text: 'Clear and practical', hidden: false })
    const again = await api('POST', reviews(course.id), {
      token: halfway.token,
      body: { rating: 1 },
    })
    expect(again.status).toBe(409)
    expect(await counters(course.id)).toMatchObject({
      stored: { reviewCount: 1, ratingSum: 5, averageRating: 5 },
    })
    const page = await api('GET', `/api/courses/${course.id}`)
    expect(page.body).toMatchObject({ averageRating: 5, reviewCount: 1 })
  })

  it('lists visible reviews in the pagination shape to anyone, with the author’s name only', async () => {
    const res = await api('GET', reviews(course.id))
    expectStatus(res, 200)
    expect(res.body).toMatchObject({ totalDocs: 1, page: 1, hasNextPage: false })
    expect(res.body.docs[0]).toMatchObject({ id: review.id, rating: 5 })
    expect(res.body.docs[0].student.fullName).toBe(halfway.user.fullName)
    expect(JSON.stringify(res.body)).not.toContain(halfway.email)
    expect((await api('GET', `${reviews(course.id)}?limit=0`)).status).toBe(400)
  })

  it('lets only the author edit, and recounts', async () => {
    const path = `${reviews(course.id)}/${review.id}`
    for (const token of [
      cast.otherStudent.token,
      quarter.token,
      cast.educator.token,
      cast.admin.token,
    ]) {
      expect((await api('PUT', path, { token, body: { rating: 1 } })).status).toBe(403)
    }
    expect((await api('PUT', path, { body: { rating: 1 } })).status).toBe(401)
    expect((await api('PUT', path, { token: halfway.token, body: { rating: 9 } })).status).toBe(400)
    const res = await api('PUT', path, { token: halfway.token, body: { rating: 3, text: 'Good' } })
    expectStatus(res, 200)
    expect(res.body.doc).toMatchObject({ rating: 3, text: 'Good' })
    expect((await counters(course.id)).stored).toMatchObject({
      reviewCount: 1,
      ratingSum: 3,
      averageRating: 3,
    })
  })

  it('answers 404 for an unknown review or one of another course', async () => {
    const other = await publishedCourse(cast.educator.token, 1)
    const unknown = `${reviews(course.id)}/00000000-0000-4000-8000-000000000000`
    expect((await api('PUT', unknown, { token: halfway.token, body: { rating: 2 } })).status).toBe(
      404,
    )
    const elsewhere = `${reviews(other.course.id)}/${review.id}`
    expect(
      (await api('PUT', elsewhere, { token: halfway.token, body: { rating: 2 } })).status,
    ).toBe(404)
    expect((await api('DELETE', elsewhere, { token: halfway.token })).status).toBe(404)
  })

  it('lets the course educator reply once (409 the second time), nobody else', async () => {
    const path = `${reviews(course.id)}/${review.id}/reply`
    for (const token of [cast.otherEducator.token, halfway.token, quarter.token]) {
      expect((await api('POST', path, { token, body: { text: 'Thanks!' } })).status).toBe(403)
    }
    expect((await api('POST', path, { body: { text: 'Thanks!' } })).status).toBe(401)
    expect((await api('POST', path, { token: cast.educator.token, body: {} })).status).toBe(400)
    const res = await api('POST', path, { token: cast.educator.token, body: { text: 'Thanks!' } })
    expectStatus(res, 200)
    expect(res.body.doc).toMatchObject({ reply: 'Thanks!', repliedAt: expect.any(String) })
    const again = await api('POST', path, { token: cast.educator.token, body: { text: 'Again' } })
    expect(again.status).toBe(409)
    const both = await Promise.all(
      [1, 2].map(() => api('POST', path, { token: cast.educator.token, body: { text: 'Racing' } })),
    )
    expect(both.map((r) => r.status)).toEqual([409, 409])
  })

  it('lets admins hide a review: out of the list and the counters, still readable by its people', async () => {
    const path = `${reviews(course.id)}/${review.id}/hide`
    for (const token of [halfway.token, cast.educator.token]) {
      expect((await api('POST', path, { token, body: { hidden: true } })).status).toBe(403)
    }
    expect(
      (await api('POST', path, { token: cast.admin.token, body: { hidden: 'yes' } })).status,
    ).toBe(400)
    expectStatus(await api('POST', path, { token: cast.admin.token, body: { hidden: true } }), 200)
    expect((await counters(course.id)).stored).toMatchObject({
      reviewCount: 0,
      ratingSum: 0,
      averageRating: null,
    })
    for (const token of [undefined, halfway.token, cast.admin.token]) {
      expect((await api('GET', reviews(course.id), { token })).body.totalDocs).toBe(0)
    }
    const rest = (token?: string) => api('GET', `/api/course-reviews/${review.id}`, { token })
    expect((await rest()).status).toBe(404)
    expect((await rest(quarter.token)).status).toBe(404)
    for (const token of [halfway.token, cast.educator.token, cast.admin.token]) {
      expect((await rest(token)).status).toBe(200)
    }
    expect((await rest(cast.otherEducator.token)).status).toBe(404)
    expectStatus(await api('POST', path, { token: cast.admin.token, body: { hidden: false } }), 200)
    expect((await counters(course.id)).stored).toMatchObject({ reviewCount: 1, ratingSum: 3 })
  })

  it('allows no writes past the endpoints over REST and GraphQL', async () => {
    const create = await api('POST', '/api/course-reviews', {
      token: quarter.token,
      body: { course: course.id, student: quarter.user.id, rating: 5 },
    })
    expect(create.status).toBe(403)
    // The author's own update goes through the collection rules: hidden, reply stay untouched.
    await api('PATCH', `/api/course-reviews/${review.id}`, {
      token: halfway.token,
      body: { hidden: true, reply: 'Forged', rating: 4 },
    })
    const after = await payload.findByID({
      collection: 'course-reviews',
      id: review.id,
      overrideAccess: true,
    })
    expect(after).toMatchObject({ hidden: false, reply: 'Thanks!' })
    await expectExactCounters(course.id)
    const gql = await graphql(
      `
        mutation ($id: String!) {
          updateCourseReview(id: $id, data: { rating: 1 }) {
            id
          }
        }
      `,
      { id: review.id },
      { token: quarter.token },
    )
    expect(JSON.stringify(gql.body)).toMatch(/not allowed|Forbidden/i)
    const list = await graphql(
      `
        query ($course: JSON) {
          CourseReviews(where: { course: { equals: $course } }) {
            docs {
              id
              hidden
            }
          }
        }
      `,
      { course: course.id },
    )
    expect(list.body.data.CourseReviews.docs.map((r: { id: string }) => r.id)).toEqual([review.id])
  })

  it('lets the author or an admin delete, and recounts', async () => {
    const path = `${reviews(course.id)}/${review.id}`
    for (const token of [quarter.token, cast.educator.token]) {
      expect((await api('DELETE', path, { token })).status).toBe(403)
    }
    expect((await api('DELETE', path)).status).toBe(401)
    expectStatus(await api('DELETE', path, { token: halfway.token }), 200)
    expect((await counters(course.id)).stored).toMatchObject({
      reviewCount: 0,
      ratingSum: 0,
      averageRating: null,
    })
    expectStatus(
      await api('POST', reviews(course.id), { token: halfway.token, body: { rating: 2 } }),
      201,
    )
  })
})

describe('counters under concurrency', () => {
  let course: Course
  let students: TestUser[]
  const STUDENTS = 10

  beforeAll(async () => {
    const built = await publishedCourse(cast.educator.token, 2)
    course = built.course
    students = await newStudents(STUDENTS)
    await Promise.all(students.map((s) => progress(s, course.id, built.lessons, 1)))
  })

  it('stays exact under parallel reviews from many students', async () => {
    const results = await Promise.all(
      students.map((s, i) =>
        api('POST', reviews(course.id), { token: s.token, body: { rating: (i % 5) + 1 } }),
      ),
    )
    expect(results.map((r) => r.status)).toEqual(students.map(() => 201))
    const actual = await expectExactCounters(course.id)
    expect(actual).toMatchObject({ reviewCount: STUDENTS, ratingSum: 30 })
  })

  it('answers 201 once and 409 for the rest of one student’s parallel reviews', async () => {
    const [extra] = await newStudents(1)
    const built = await publishedCourse(cast.educator.token, 1)
    await progress(extra, built.course.id, built.lessons, 1)
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((rating) =>
        api('POST', reviews(built.course.id), { token: extra.token, body: { rating } }),
      ),
    )
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409])
    expect((await expectExactCounters(built.course.id)).reviewCount).toBe(1)
  })

  it('stays exact under parallel edits, hides and deletes', async () => {
    const { docs } = await payload.find({
      collection: 'course-reviews',
      where: { course: { equals: course.id } },
      pagination: false,
      depth: 0,
      overrideAccess: true,
    })
    const mine = (s: TestUser) => docs.find((r) => r.student === s.user.id)!
    const calls = students.map((s, i) => {
      const path = `${reviews(course.id)}/${mine(s).id}`
      if (i < 6) return api('PUT', path, { token: s.token, body: { rating: 5 - (i % 5) } })
      if (i < 8)
        return api('POST', `${path}/hide`, { token: cast.admin.token, body: { hidden: true } })
      return api('DELETE', path, { token: s.token })
    })
    const results = await Promise.all(calls)
    expect(results.map((r) => r.status)).toEqual(students.map(() => 200))
    const actual = await expectExactCounters(course.id)
    expect(actual.reviewCount).toBe(6)
    // Edits of the same review in parallel: the last one wins, the counters follow it.
    const first = students[0]
    const path = `${reviews(course.id)}/${mine(first).id}`
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all(
        [1, 2, 3, 4, 5, 1, 2].map((rating) =>
          api('PUT', path, { token: first.token, body: { rating } }),
        ),
      )
      expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200, 200])
      await expectExactCounters(course.id)
    }
  })
})

describe('database guarantees', () => {
  it('has a unique index on (course, student) that refuses a second review even past the endpoint', async () => {
    const { rows } = await (payload.db as unknown as PostgresAdapter).drizzle.execute<{
      indexdef: string
    }>(sql`select indexdef from pg_indexes where tablename = 'course_reviews'`)
    expect(
      rows.some((r) =>
        /UNIQUE INDEX .* USING btree \(course_id, student_id\)/.test(r.indexdef.replace(/"/g, '')),
      ),
    ).toBe(true)
    const built = await publishedCourse(cast.educator.token, 1)
    const [student] = await newStudents(1)
    const data = { course: built.course.id, student: student.user.id, rating: 4 }
    await payload.create({ collection: 'course-reviews', data, overrideAccess: true })
    await expect(
      payload.create({ collection: 'course-reviews', data, overrideAccess: true }),
    ).rejects.toThrow()
    expect((await expectExactCounters(built.course.id)).reviewCount).toBe(1)
  })
})

describe('deletes', () => {
  it('recounts the course when a reviewer’s account is deleted, and a deleted course takes its reviews', async () => {
    const built = await publishedCourse(cast.educator.token, 1)
    const [leaving, staying] = await newStudents(2)
    for (const [student, rating] of [
      [leaving, 1],
      [staying, 5],
    ] as const) {
      await progress(student, built.course.id, built.lessons, 1)
      expectStatus(
        await api('POST', reviews(built.course.id), { token: student.token, body: { rating } }),
        201,
      )
    }
    expect((await counters(built.course.id)).stored).toMatchObject({ reviewCount: 2, ratingSum: 6 })
    expectStatus(
      await api('DELETE', `/api/users/${leaving.user.id}`, { token: cast.admin.token }),
      200,
    )
    expect((await counters(built.course.id)).stored).toMatchObject({
      reviewCount: 1,
      ratingSum: 5,
      averageRating: 5,
    })
    expectStatus(
      await api('DELETE', `/api/courses/${built.course.id}`, { token: cast.educator.token }),
      200,
    )
    const left = await payload.count({
      collection: 'course-reviews',
      where: { course: { equals: built.course.id } },
      overrideAccess: true,
    })
    expect(left.totalDocs).toBe(0)
  })
})

describe('GET /api/courses/explore?sort=rating', () => {
  it('ranks many four-star reviews above a single five-star one (Bayesian average)', async () => {
    const marker = uniqueTitle('Rated').replace(/\s/g, '')
    const single = await publishedCourse(cast.educator.token, 1, `${marker} single`)
    const many = await publishedCourse(cast.otherEducator.token, 1, `${marker} many`)
    const unrated = await publishedCourse(cast.educator.token, 1, `${marker} unrated`)
    const students = await newStudents(5)
    await Promise.all(
      students.map(async (s, i) => {
        await progress(s, many.course.id, many.lessons, 1)
        expectStatus(
          await api('POST', reviews(many.course.id), { token: s.token, body: { rating: 4 } }),
          201,
        )
        if (i === 0) {
          await progress(s, single.course.id, single.lessons, 1)
          expectStatus(
            await api('POST', reviews(single.course.id), { token: s.token, body: { rating: 5 } }),
            201,
          )
        }
      }),
    )
    expect(bayesianAverage(20, 5)).toBeGreaterThan(bayesianAverage(5, 1))
    const res = await api('GET', `/api/courses/explore?q=${marker}&sort=rating`)
    expectStatus(res, 200)
    expect(res.body.docs.map((c: Course) => c.id)).toEqual([
      many.course.id,
      single.course.id,
      unrated.course.id,
    ])
    expect(res.body.docs[0]).toMatchObject({ averageRating: 4, reviewCount: 5 })
    expect(res.body.docs[1]).toMatchObject({ averageRating: 5, reviewCount: 1 })
    expect(res.body).toMatchObject({ totalDocs: 3, totalPages: 1 })
    const second = await api('GET', `/api/courses/explore?q=${marker}&sort=rating&limit=1&page=2`)
    expect(second.body.docs.map((c: Course) => c.id)).toEqual([single.course.id])
    expect(second.body).toMatchObject({
      totalDocs: 3,
      totalPages: 3,
      hasNextPage: true,
      hasPrevPage: true,
    })
  })
})

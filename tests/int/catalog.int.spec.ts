// The public catalog's cache and HTTP caching (GET /api/courses/explore), and the lean lesson
// completion path: what frontends and CDNs rely on, and what keeps them correct.
// Redis is on for this file (REDIS_URL, once Payload has started), as with several app instances:
// the catalog's generation lives there, so a change made through another instance is seen here.
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { sql } from '@payloadcms/db-postgres/drizzle'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { getRedis } from '../../src/lib/redis'
import type { Course } from '../../src/payload-types'
import {
  addLesson,
  buildCourse,
  completeLesson,
  deleteCourses,
  enroll,
  expectStatus,
  uniqueTitle,
} from '../helpers/courses'
import { api } from '../helpers/http'
import { getTestPayload } from '../helpers/payload'
import { countQueries, statementsSentBy } from '../helpers/queries'
import { createCast, createUser, deleteUsers, type TestUser } from '../helpers/users'

type Cast = Awaited<ReturnType<typeof createCast>>

let payload: Payload
let cast: Cast
const courseIds: string[] = []
const students: TestUser[] = []
const marker = uniqueTitle('Cached').replace(/\s/g, '')

const explore = (query = '', options: { token?: string; headers?: Record<string, string> } = {}) =>
  api('GET', `/api/courses/explore?q=${marker}&${query}`, options)
const ids = async (query = '') => (await explore(query)).body.docs.map((c: Course) => c.id)
const db = () => (payload.db as unknown as PostgresAdapter).drizzle

async function newCourse(title: string, publish = true) {
  const { course } = await buildCourse(cast.educator.token, {
    course: { title: `${marker} ${title}` },
    publish,
  })
  courseIds.push(course.id)
  return course
}

beforeAll(async () => {
  payload = await getTestPayload()
  process.env.REDIS_URL = process.env.TEST_REDIS_URL
  cast = await createCast(payload)
})

afterAll(async () => {
  await deleteCourses(payload, courseIds)
  await deleteUsers(payload, ...students, ...Object.values(cast))
  delete process.env.REDIS_URL
})

describe('GET /api/courses/explore: HTTP caching', () => {
  let first: Course

  beforeAll(async () => {
    first = await newCourse('Etag course')
  })

  it('sends an ETag and a public Cache-Control to anonymous callers, and 304 for a known ETag', async () => {
    const res = await explore()
    expectStatus(res, 200)
    expect(res.body.docs.map((c: Course) => c.id)).toEqual([first.id])
    const etag = res.headers.get('etag')
    expect(etag).toMatch(/^"[\w-]+"$/)
    expect(res.headers.get('cache-control')).toBe('public, no-cache')
    expect(res.headers.get('vary')).toContain('Authorization')

    const again = await explore('', { headers: { 'If-None-Match': etag! } })
    expect(again.status).toBe(304)
    expect(again.body).toBe('')
    expect(again.headers.get('etag')).toBe(etag)

    const listed = await explore('', { headers: { 'If-None-Match': `"other", W/${etag}` } })
    expect(listed.status).toBe(304)
    const stale = await explore('', { headers: { 'If-None-Match': '"something-else"' } })
    expectStatus(stale, 200)
  })

  it('gives another page or filter its own ETag', async () => {
    const all = await explore()
    const none = await explore('courseType=digital_product')
    expect(none.body.docs).toEqual([])
    expect(none.headers.get('etag')).not.toBe(all.headers.get('etag'))
  })

  it("marks a logged-in caller's answer private, with the same public content", async () => {
    const anonymous = await explore()
    for (const token of [cast.student.token, cast.educator.token, cast.admin.token]) {
      const res = await explore('', { token })
      expectStatus(res, 200)
      expect(res.headers.get('cache-control')).toBe('private, no-cache')
      expect(res.body).toEqual(anonymous.body)
    }
  })

  it('answers a repeated anonymous page from memory: its only statement is the search event', async () => {
    await explore('sort=newest')
    const { result, statements } = await statementsSentBy(payload, () => explore('sort=newest'))
    expectStatus(result, 200)
    expect(statements.map((s) => s.text.split('(')[0].trim())).toEqual([
      'insert into "analytics_events"',
    ])
  })

  it('answers a cached page without a search before Payload, exactly as the endpoint did', async () => {
    // No `q`: the whole catalog of this worker's database, first computed by the endpoint.
    const path = '/api/courses/explore?sort=newest&limit=7'
    const computed = await api('GET', path, { headers: { Origin: 'http://localhost:3000' } })
    const cached = await api('GET', path, { headers: { Origin: 'http://localhost:3000' } })
    expectStatus(cached, 200)
    expect(cached.body).toEqual(computed.body)
    const headers = (res: typeof cached) =>
      [...res.headers].filter(([name]) => name !== 'x-request-id').sort()
    expect(headers(cached)).toEqual(headers(computed))
    expect(cached.headers.get('cache-control')).toBe('public, no-cache')

    const etag = cached.headers.get('etag')!
    expect((await api('GET', path, { headers: { 'If-None-Match': etag } })).status).toBe(304)
    // Credentials (a token or a session cookie) are Payload's to check: never the public answer.
    const withToken = await api('GET', path, { token: cast.student.token })
    expect(withToken.headers.get('cache-control')).toBe('private, no-cache')
    const withCookie = await api('GET', path, {
      cookie: `payload-token=${cast.student.token}`,
      headers: { 'Sec-Fetch-Site': 'same-origin' },
    })
    expect(withCookie.headers.get('cache-control')).toBe('private, no-cache')
    // An invalid query still gets the endpoint's 400.
    expectStatus(await api('GET', '/api/courses/explore?sort=oldest'), 400)
    expectStatus(await api('GET', '/api/courses/explore?limit[]=3'), 400)
  })

  it('changes the ETag when the page changes', async () => {
    const before = (await explore()).headers.get('etag')
    const second = await newCourse('Second course')
    const after = await explore()
    expect(after.body.docs.map((c: Course) => c.id).sort()).toEqual([first.id, second.id].sort())
    expect(after.headers.get('etag')).not.toBe(before)
    const stale = await explore('', { headers: { 'If-None-Match': before! } })
    expectStatus(stale, 200)
  })
})

describe('GET /api/courses/explore: the cache follows the catalog', () => {
  let course: Course

  beforeAll(async () => {
    course = await newCourse('Lifecycle')
  })

  it('lists a newly published course at once, and drops an unpublished one', async () => {
    const draft = await newCourse('Later', false)
    expect(await ids()).not.toContain(draft.id)
    expectStatus(
      await api('POST', `/api/courses/${draft.id}/publish`, { token: cast.educator.token }),
      200,
    )
    expect(await ids()).toContain(draft.id)

    const unpublished = await api('PATCH', `/api/courses/${draft.id}`, {
      token: cast.educator.token,
      body: { _status: 'draft' },
    })
    expectStatus(unpublished, 200)
    expect(await ids()).not.toContain(draft.id)
  })

  it('shows an edited title, and forgets a deleted course', async () => {
    const gone = await newCourse('Doomed')
    expect(await ids()).toContain(gone.id)
    const renamed = `${marker} Renamed ${uniqueTitle('x')}`
    expectStatus(
      await api('PUT', `/api/courses/${course.id}`, {
        token: cast.educator.token,
        body: { title: renamed },
      }),
      200,
    )
    const page = await explore()
    expect(page.body.docs.find((c: Course) => c.id === course.id)?.title).toBe(renamed)

    expectStatus(
      await api('DELETE', `/api/courses/${gone.id}`, { token: cast.educator.token }),
      200,
    )
    expect(await ids()).not.toContain(gone.id)
  })

  it('follows the counters that order it: enrollments (popular)', async () => {
    const other = await newCourse('Runner-up')
    const student = await createUser(payload, 'student')
    students.push(student)
    const popular = (await explore('sort=popular')).body.docs as Course[]
    const before = popular.find((c) => c.id === other.id)!.totalEnrollments
    await enroll(student.token, other.id)
    const after = (await explore('sort=popular')).body.docs as Course[]
    expect(after[0].id).toBe(other.id)
    expect(after[0].totalEnrollments).toBe((before ?? 0) + 1)
  })

  it("shows the educator's new name on their cards", async () => {
    const name = `Educator ${uniqueTitle('n')}`
    expectStatus(
      await api('PATCH', `/api/users/${cast.educator.user.id}`, {
        token: cast.educator.token,
        body: { fullName: name },
      }),
      200,
    )
    const docs = (await explore()).body.docs as Course[]
    expect(docs.length).toBeGreaterThan(0)
    for (const doc of docs) expect((doc.educator as { fullName: string }).fullName).toBe(name)
  })

  it('drops its pages when another instance changes the catalog (shared generation in Redis)', async () => {
    const title = `${marker} Edited elsewhere ${uniqueTitle('x')}`
    await explore()
    // Another instance's write: the row changes without this process knowing…
    await db().execute(sql`update courses set title = ${title} where id = ${course.id}`)
    expect((await explore()).body.docs.map((c: Course) => c.title)).not.toContain(title)
    // …and after its commit it moves the shared generation on.
    await getRedis()!.incr('catalog:generation')
    expect((await explore()).body.docs.map((c: Course) => c.title)).toContain(title)
  })

  it('keeps totalDocs and the pages exact against SQL', async () => {
    const [{ n }] = (
      await db().execute(
        sql`select count(*)::int as n from courses
            where _status = 'published' and title ilike ${`%${marker}%`}`,
      )
    ).rows as { n: number }[]
    const seen: string[] = []
    for (let page = 1; page <= n; page++) {
      const res = await explore(`limit=1&page=${page}`)
      expect(res.body).toMatchObject({ totalDocs: n, totalPages: n, page })
      seen.push(...res.body.docs.map((c: Course) => c.id))
    }
    expect(new Set(seen).size).toBe(n)
  })
})

describe('GET /api/courses/:id: anonymous pages cached, logged-in ones fresh', () => {
  it('sends an ETag, answers 304 for it, and shows a new lesson at once', async () => {
    const { course } = await buildCourse(cast.educator.token, {
      course: { title: `${marker} Detail` },
      lessons: [{ content: 'Members only text' }],
    })
    courseIds.push(course.id)
    const res = await api('GET', `/api/courses/${course.id}`)
    expectStatus(res, 200)
    expect(res.body.id).toBe(course.id)
    const etag = res.headers.get('etag')!
    expect(etag).toBeTruthy()
    expect(res.headers.get('cache-control')).toBe('public, no-cache')
    const again = await api('GET', `/api/courses/${course.id}`, {
      headers: { 'If-None-Match': etag },
    })
    expect(again.status).toBe(304)

    const lesson = await addLesson(cast.educator.token, course.id, { title: 'Added later' })
    const fresh = await api('GET', `/api/courses/${course.id}`)
    expect(fresh.body.lessons.docs.map((l: { id: string }) => l.id)).toContain(lesson.id)
    expect(fresh.headers.get('etag')).not.toBe(etag)
  })

  it('never hands an anonymous page to a logged-in reader, or a private one to anyone', async () => {
    const { course, lessons } = await buildCourse(cast.educator.token, {
      course: { title: `${marker} Private` },
      lessons: [{ content: 'Members only text' }],
    })
    courseIds.push(course.id)
    const student = await createUser(payload, 'student')
    students.push(student)
    await api('GET', `/api/courses/${course.id}`)
    await enroll(student.token, course.id)

    const enrolled = await api('GET', `/api/courses/${course.id}`, { token: student.token })
    expectStatus(enrolled, 200)
    expect(enrolled.headers.get('cache-control')).toBe('private, no-cache')
    const ownLesson = enrolled.body.lessons.docs.find((l: { id: string }) => l.id === lessons[0].id)
    expect(JSON.stringify(ownLesson.content)).toContain('Members only text')

    const anonymous = await api('GET', `/api/courses/${course.id}`)
    expect(JSON.stringify(anonymous.body)).not.toContain('Members only text')

    // A draft: its educator sees it, anonymous callers still get 404 (never a cached page).
    const draft = await newCourse('Hidden draft', false)
    expect((await api('GET', `/api/courses/${draft.id}`)).status).toBe(404)
    expectStatus(await api('GET', `/api/courses/${draft.id}`, { token: cast.educator.token }), 200)
    expect((await api('GET', `/api/courses/${draft.id}`)).status).toBe(404)

    expectStatus(
      await api('PATCH', `/api/courses/${course.id}`, {
        token: cast.educator.token,
        body: { _status: 'draft' },
      }),
      200,
    )
    expect((await api('GET', `/api/courses/${course.id}`)).status).toBe(404)
  })
})

describe('POST .../lessons/:lessonId/complete: the lean path', () => {
  it('records progress in a few statements, exactly, with its event and the course completion', async () => {
    const { course, lessons } = await buildCourse(cast.educator.token, {
      course: { title: `${marker} Lean` },
      lessons: [{}, {}, {}],
    })
    courseIds.push(course.id)
    const student = await createUser(payload, 'student')
    students.push(student)
    const enrollment = await enroll(student.token, course.id)

    const { result, count } = await countQueries(payload, () =>
      completeLesson(student.token, course.id, lessons[0].id, { timeSpent: 30 }),
    )
    expectStatus(result, 200)
    expect(result.body).toEqual({ completed: true, progressPercentage: 33, courseCompleted: false })
    // Authentication, the lookup, begin, two locks, the lesson check, the write, commit.
    expect(count).toBeLessThanOrEqual(8)

    await completeLesson(student.token, course.id, lessons[0].id, { timeSpent: 20 })
    await completeLesson(student.token, course.id, lessons[0].id, { timeSpent: 45 })
    await completeLesson(student.token, course.id, lessons[1].id)
    const last = await completeLesson(student.token, course.id, lessons[2].id, { timeSpent: 5 })
    expect(last.body).toEqual({ completed: true, progressPercentage: 100, courseCompleted: true })

    const rows = (
      await db().execute(
        sql`select lesson_id, time_spent, completed from lesson_progress
            where enrollment_id = ${enrollment.id} order by lesson_id`,
      )
    ).rows as { lesson_id: string; time_spent: string; completed: boolean }[]
    expect(rows).toHaveLength(3)
    expect(rows.find((r) => r.lesson_id === lessons[0].id)?.time_spent).toBe('45')
    const events = (
      await db().execute(
        sql`select event_type, event_data from analytics_events
            where user_id = ${student.user.id} and course_id = ${course.id}
              and event_type in ('lesson_complete', 'course_complete') order by created_at, id`,
      )
    ).rows as { event_type: string; event_data: Record<string, unknown> }[]
    const first = events.filter(
      (e) => e.event_type === 'lesson_complete' && e.event_data.lessonId === lessons[0].id,
    )
    // 30 s first, then only the longer report's extra 15 s (20 s changed nothing).
    expect(first.map((e) => [e.event_data.timeSpent, e.event_data.firstCompletion])).toEqual([
      [30, true],
      [15, false],
    ])
    expect(events.filter((e) => e.event_type === 'course_complete')).toHaveLength(1)
    const jobs = (
      await db().execute(
        sql`select count(*)::int as n from outbox where key = ${`certificate-${enrollment.id}`}`,
      )
    ).rows as { n: number }[]
    expect(jobs[0].n).toBe(1)
    const [stored] = (
      await db().execute(
        sql`select progress_percentage, completed_at, last_accessed_lesson_id from enrollments
            where id = ${enrollment.id}`,
      )
    ).rows as {
      progress_percentage: string
      completed_at: string | null
      last_accessed_lesson_id: string
    }[]
    expect(stored.progress_percentage).toBe('100')
    expect(stored.completed_at).not.toBeNull()
    expect(stored.last_accessed_lesson_id).toBe(lessons[2].id)
  })
})

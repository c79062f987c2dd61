import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { sql } from '@payloadcms/db-postgres/drizzle'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Course } from '../../src/payload-types'
import {
  addLesson,
  buildCourse,
  createCourse,
  deleteCourses,
  expectStatus,
  uniqueTitle,
} from '../helpers/courses'
import { api, errorMessage, graphql } from '../helpers/http'
import { getTestPayload } from '../helpers/payload'
import { createCast, createUser, deleteUsers, type TestUser } from '../helpers/users'

type Cast = Awaited<ReturnType<typeof createCast>>

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

let payload: Payload
let cast: Cast
const courseIds: string[] = []

const track = <T extends { id: string }>(course: T) => {
  courseIds.push(course.id)
  return course
}

const readCourse = (id: string) =>
  payload.findByID({
    collection: 'courses',
    id,
    depth: 0,
    draft: true,
    overrideAccess: true,
    disableErrors: true,
  }) as Promise<Course | null>

beforeAll(async () => {
  payload = await getTestPayload()
  cast = await createCast(payload)
})

afterAll(async () => {
  await deleteCourses(payload, courseIds)
  await deleteUsers(payload, ...Object.values(cast))
})

describe('POST /api/courses', () => {
  it('creates a draft authored by the calling educator with a generated slug', async () => {
    const title = uniqueTitle('Créer un Cours')
    const res = await api('POST', '/api/courses', {
      token: cast.educator.token,
      body: {
        title,
        description: 'Learn to pitch.\n\nThen raise.',
        courseType: 'deep_learning',
        teachingStyles: ['visual', 'auditory'],
        tags: ['funding', 'ai'],
        price: 0,
        currency: 'usd',
      },
    })
    expectStatus(res, 201)
    const doc = track(res.body.doc)
    expect(doc).toMatchObject({
      title,
      _status: 'draft',
      educator: expect.objectContaining({ id: cast.educator.user.id }),
      courseType: 'deep_learning',
      teachingStyles: ['visual', 'auditory'],
      tags: ['funding', 'ai'],
      price: 0,
      currency: 'usd',
      totalEnrollments: 0,
    })
    expect(doc.slug).toMatch(/^creer-un-cours-[0-9a-f]{8}$/)
  })

  it('always authors as the caller and ignores read-only counters', async () => {
    const res = await api('POST', '/api/courses', {
      token: cast.educator.token,
      body: {
        title: uniqueTitle(),
        courseType: 'microlearning',
        educator: cast.otherEducator.user.id,
        totalEnrollments: 999,
        averageRating: 5,
      },
    })
    expectStatus(res, 201)
    track(res.body.doc)
    const stored = await readCourse(res.body.doc.id)
    expect(stored).toMatchObject({ educator: cast.educator.user.id, totalEnrollments: 0 })
    expect(stored!.averageRating ?? null).toBeNull()
  })

  it('gives a second course with the same title a different slug', async () => {
    const title = uniqueTitle('Same Title')
    const a = track(await createCourse(cast.educator.token, { title }))
    const b = track(await createCourse(cast.otherEducator.token, { title }))
    expect(a.slug).not.toEqual(b.slug)
  })

  it('refuses students, institutions and anonymous visitors', async () => {
    const body = { title: uniqueTitle(), courseType: 'microlearning' }
    for (const token of [cast.student.token, cast.institution.token, undefined]) {
      const res = await api('POST', '/api/courses', { token, body })
      expect(res.status).toBe(403)
    }
    expect(
      await payload.count({ collection: 'courses', where: { title: { equals: body.title } } }),
    ).toMatchObject({ totalDocs: 0 })
  })

  it('answers 400 naming the field for a missing title, bad type or fractional price', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ courseType: 'microlearning' }, 'title'],
      [{ title: uniqueTitle(), courseType: 'webinar' }, 'courseType'],
      [{ title: uniqueTitle(), courseType: 'microlearning', price: 12.5 }, 'price'],
      [{ title: uniqueTitle(), courseType: 'microlearning', price: -100 }, 'price'],
      [{ title: uniqueTitle(), courseType: 'microlearning', tags: ['cooking'] }, 'tags'],
    ]
    for (const [body, field] of cases) {
      const res = await api('POST', '/api/courses', { token: cast.educator.token, body })
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(JSON.stringify(res.body)).toContain(field)
    }
  })
})

describe('GET /api/courses and /api/courses/:id', () => {
  let draft: Course
  let published: Course

  beforeAll(async () => {
    draft = track(await createCourse(cast.educator.token, { title: uniqueTitle('Draft') }))
    published = track((await buildCourse(cast.educator.token)).course)
  })

  it('shows a draft only to its educator and admins', async () => {
    for (const token of [cast.educator.token, cast.admin.token]) {
      const res = await api('GET', `/api/courses/${draft.id}`, { token })
      expectStatus(res, 200)
      expect(res.body.id).toBe(draft.id)
    }
    for (const token of [
      undefined,
      cast.student.token,
      cast.otherEducator.token,
      cast.institution.token,
    ]) {
      const res = await api('GET', `/api/courses/${draft.id}`, { token })
      expect(res.status).toBe(404)
    }
  })

  it('lists published courses to everyone and drafts only to the owner', async () => {
    const where = `where[id][in]=${draft.id},${published.id}`
    const seen = async (token?: string) =>
      ((await api('GET', `/api/courses?${where}&depth=0`, { token })).body.docs as Course[])
        .map((c) => c.id)
        .sort()
    expect(await seen()).toEqual([published.id])
    expect(await seen(cast.student.token)).toEqual([published.id])
    expect(await seen(cast.otherEducator.token)).toEqual([published.id])
    expect(await seen(cast.educator.token)).toEqual([draft.id, published.id].sort())
    expect(await seen(cast.admin.token)).toEqual([draft.id, published.id].sort())
  })

  it('answers 404 for an unknown or malformed id', async () => {
    expect((await api('GET', `/api/courses/${crypto.randomUUID()}`)).status).toBe(404)
    expect((await api('GET', '/api/courses/not-a-uuid')).status).toBe(404)
  })

  it('shows a published course with its syllabus in order', async () => {
    const { course } = await buildCourse(cast.educator.token, {
      lessons: [
        { title: 'Third', orderIndex: 3 },
        { title: 'First', orderIndex: 1 },
        { title: 'Second', orderIndex: 2 },
      ],
    })
    track(course)
    const res = await api('GET', `/api/courses/${course.id}?depth=1`)
    expectStatus(res, 200)
    expect(res.body.lessons.docs.map((l: { title: string }) => l.title)).toEqual([
      'First',
      'Second',
      'Third',
    ])
  })
})

describe('PUT /api/courses/:id', () => {
  let course: Course

  beforeAll(async () => {
    course = track(await createCourse(cast.educator.token))
  })

  it('lets the owner update the course', async () => {
    const res = await api('PUT', `/api/courses/${course.id}`, {
      token: cast.educator.token,
      body: {
        title: 'Renamed course',
        description: 'New description',
        teachingStyles: ['kinesthetic'],
        tags: ['sales'],
        price: 2500,
        currency: 'eur',
      },
    })
    expectStatus(res, 200)
    expect(res.body.doc).toMatchObject({
      id: course.id,
      title: 'Renamed course',
      teachingStyles: ['kinesthetic'],
      tags: ['sales'],
      price: 2500,
      currency: 'eur',
      _status: 'draft',
    })
    expect(JSON.stringify(res.body.doc.description)).toContain('New description')
  })

  it('lets an admin update it, refuses others (403), anonymous (401), unknown (404)', async () => {
    const body = { title: 'Admin title' }
    expectStatus(
      await api('PUT', `/api/courses/${course.id}`, { token: cast.admin.token, body }),
      200,
    )
    // A draft is invisible to other educators and students: 404 rather than 403.
    expect(
      (await api('PUT', `/api/courses/${course.id}`, { token: cast.otherEducator.token, body }))
        .status,
    ).toBe(404)
    expect((await api('PUT', `/api/courses/${course.id}`, { body })).status).toBe(401)
    expect(
      (
        await api('PUT', `/api/courses/${crypto.randomUUID()}`, {
          token: cast.educator.token,
          body,
        })
      ).status,
    ).toBe(404)
    const { course: published } = await buildCourse(cast.educator.token)
    track(published)
    for (const token of [cast.otherEducator.token, cast.student.token, cast.institution.token]) {
      const res = await api('PUT', `/api/courses/${published.id}`, { token, body })
      expect(res.status).toBe(403)
    }
    expect((await readCourse(published.id))!.title).toBe(published.title)
  })

  it('answers 400 for read-only or unknown fields and bad values', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ totalEnrollments: 1000 }, 'totalEnrollments'],
      [{ educator: cast.otherEducator.user.id }, 'educator'],
      [{ _status: 'published' }, '_status'],
      [{ price: 9.99 }, 'price'],
      [{ courseType: 'nope' }, 'courseType'],
      [{ slug: 'Not A Slug' }, 'slug'],
      [{ title: '' }, 'title'],
    ]
    for (const [body, field] of cases) {
      const res = await api('PUT', `/api/courses/${course.id}`, {
        token: cast.educator.token,
        body,
      })
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(errorMessage(res)).toContain(field)
    }
    const stored = await readCourse(course.id)
    expect(stored).toMatchObject({ educator: cast.educator.user.id, totalEnrollments: 0 })
  })

  it('keeps a published course published when it is edited', async () => {
    const { course: published } = await buildCourse(cast.educator.token)
    track(published)
    const res = await api('PUT', `/api/courses/${published.id}`, {
      token: cast.educator.token,
      body: { title: uniqueTitle('Edited live') },
    })
    expectStatus(res, 200)
    expect(res.body.doc._status).toBe('published')
    const anon = await api('GET', `/api/courses/${published.id}`)
    expectStatus(anon, 200)
    expect(anon.body.title).toBe(res.body.doc.title)
  })

  it('accepts published prerequisites and rejects unknown ones, drafts and itself', async () => {
    const { course: first } = await buildCourse(cast.otherEducator.token)
    const unpublished = await createCourse(cast.educator.token)
    track(first)
    track(unpublished)
    const ok = await api('PUT', `/api/courses/${course.id}`, {
      token: cast.educator.token,
      body: { prerequisites: [first.id] },
    })
    expectStatus(ok, 200)
    expect((await readCourse(course.id))!.prerequisites).toEqual([first.id])
    for (const prerequisites of [[crypto.randomUUID()], [unpublished.id], [course.id]]) {
      const bad = await api('PUT', `/api/courses/${course.id}`, {
        token: cast.educator.token,
        body: { prerequisites },
      })
      expect(bad.status).toBe(400)
      expect(JSON.stringify(bad.body)).toContain('prerequisites')
    }
    expect((await readCourse(course.id))!.prerequisites).toEqual([first.id])
  })

  it("accepts the educator's own image as thumbnail, not an unknown or someone else's", async () => {
    const own = await payload.create({
      collection: 'media',
      data: { alt: 'cover', owner: cast.educator.user.id },
      file: { data: PNG, mimetype: 'image/png', name: 'cover.png', size: PNG.length },
      overrideAccess: true,
    })
    const foreign = await payload.create({
      collection: 'media',
      data: { alt: 'not yours', owner: cast.otherEducator.user.id },
      file: { data: PNG, mimetype: 'image/png', name: 'other.png', size: PNG.length },
      overrideAccess: true,
    })
    try {
      const ok = await api('PUT', `/api/courses/${course.id}`, {
        token: cast.educator.token,
        body: { thumbnail: own.id },
      })
      expectStatus(ok, 200)
      for (const thumbnail of [crypto.randomUUID(), foreign.id]) {
        const bad = await api('PUT', `/api/courses/${course.id}`, {
          token: cast.educator.token,
          body: { thumbnail },
        })
        expect(bad.status).toBe(400)
        expect(JSON.stringify(bad.body)).toContain('thumbnail')
      }
      expect((await readCourse(course.id))!.thumbnail).toBe(own.id)
    } finally {
      await api('PUT', `/api/courses/${course.id}`, {
        token: cast.educator.token,
        body: { thumbnail: null },
      })
      await payload.delete({ collection: 'media', where: { id: { in: [own.id, foreign.id] } } })
    }
  })
})

describe('POST /api/courses/:id/publish', () => {
  it('answers 400 for a course without lessons and keeps it a draft', async () => {
    const course = track(await createCourse(cast.educator.token))
    const res = await api('POST', `/api/courses/${course.id}/publish`, {
      token: cast.educator.token,
    })
    expect(res.status).toBe(400)
    expect(errorMessage(res)).toMatch(/lesson/)
    expect((await readCourse(course.id))!._status).toBe('draft')
  })

  it("refuses to publish through Payload's own PATCH without lessons too", async () => {
    const course = track(await createCourse(cast.educator.token))
    const res = await api('PATCH', `/api/courses/${course.id}`, {
      token: cast.educator.token,
      body: { _status: 'published' },
    })
    expect(res.status).toBe(400)
    expect(errorMessage(res)).toMatch(/lesson/)
    expect(res.body.errors[0].data.errors).toEqual([
      { path: '_status', message: expect.stringMatching(/lesson/) },
    ])
    expect((await readCourse(course.id))!._status).toBe('draft')
  })

  it('publishes a course with a lesson for the owner', async () => {
    const course = track(await createCourse(cast.educator.token))
    await addLesson(cast.educator.token, course.id)
    const res = await api('POST', `/api/courses/${course.id}/publish`, {
      token: cast.educator.token,
    })
    expectStatus(res, 200)
    expect(res.body.doc).toMatchObject({ id: course.id, _status: 'published' })
    expectStatus(await api('GET', `/api/courses/${course.id}`), 200)
  })

  it('is only for the owner and admins', async () => {
    const course = track(await createCourse(cast.educator.token))
    await addLesson(cast.educator.token, course.id)
    expect((await api('POST', `/api/courses/${course.id}/publish`)).status).toBe(401)
    for (const token of [cast.otherEducator.token, cast.student.token]) {
      expect((await api('POST', `/api/courses/${course.id}/publish`, { token })).status).toBe(404)
    }
    expect((await readCourse(course.id))!._status).toBe('draft')
    expectStatus(
      await api('POST', `/api/courses/${course.id}/publish`, { token: cast.admin.token }),
      200,
    )
  })
})

describe('DELETE /api/courses/:id', () => {
  it('lets the owner delete a course with its lessons and quiz', async () => {
    const { course, lessons, quiz } = await buildCourse(cast.educator.token, {
      quiz: {
        questions: [{ question: 'Q?', options: ['a', 'b'], correctAnswer: 0 }],
      },
    })
    track(course)
    const res = await api('DELETE', `/api/courses/${course.id}`, { token: cast.educator.token })
    expectStatus(res, 200)
    expect(await readCourse(course.id)).toBeNull()
    const ids = lessons.map((l) => l.id)
    expect(
      (await payload.count({ collection: 'lessons', where: { id: { in: ids } } })).totalDocs,
    ).toBe(0)
    expect(
      (await payload.count({ collection: 'quizzes', where: { id: { equals: quiz!.id } } }))
        .totalDocs,
    ).toBe(0)
  })

  it('removes the enrollments and keeps the educator counter exact', async () => {
    const educator = await createUser(payload, 'educator')
    const student = await createUser(payload, 'student')
    try {
      const { course } = await buildCourse(educator.token)
      track(course)
      expectStatus(
        await api('POST', `/api/courses/${course.id}/enroll`, { token: student.token }),
        201,
      )
      const before = await payload.findByID({
        collection: 'users',
        id: educator.user.id,
        overrideAccess: true,
      })
      expect(before.educatorProfile?.totalStudents).toBe(1)
      expectStatus(await api('DELETE', `/api/courses/${course.id}`, { token: educator.token }), 200)
      const after = await payload.findByID({
        collection: 'users',
        id: educator.user.id,
        overrideAccess: true,
      })
      expect(after.educatorProfile?.totalStudents).toBe(0)
      expect(
        (
          await payload.count({
            collection: 'enrollments',
            where: { student: { equals: student.user.id } },
          })
        ).totalDocs,
      ).toBe(0)
    } finally {
      await deleteUsers(payload, student, educator)
    }
  })

  it('refuses other educators, students and anonymous visitors', async () => {
    const { course } = await buildCourse(cast.educator.token)
    track(course)
    for (const token of [cast.otherEducator.token, cast.student.token, undefined]) {
      const res = await api('DELETE', `/api/courses/${course.id}`, { token })
      expect(res.status).toBe(403)
    }
    expect(await readCourse(course.id)).not.toBeNull()
    expectStatus(await api('DELETE', `/api/courses/${course.id}`, { token: cast.admin.token }), 200)
  })
})

describe('GET /api/courses/explore', () => {
  const marker = uniqueTitle('Explorable').replace(/\s/g, '')
  let popular: Course
  let fresh: Course
  let kinesthetic: Course
  let draft: Course
  const students: TestUser[] = []

  const CARD_KEYS = [
    'id',
    'title',
    'slug',
    'courseType',
    'teachingStyles',
    'tags',
    'price',
    'currency',
    'thumbnail',
    'totalEnrollments',
    'averageRating',
    'reviewCount',
    'educator',
    'createdAt',
  ]

  const explore = (query: string, token?: string) =>
    api('GET', `/api/courses/explore?q=${marker}&${query}`, { token })

  beforeAll(async () => {
    popular = (
      await buildCourse(cast.educator.token, {
        course: {
          title: `${marker} Popular funding`,
          courseType: 'deep_learning',
          teachingStyles: ['visual'],
          tags: ['funding'],
        },
      })
    ).course
    kinesthetic = (
      await buildCourse(cast.otherEducator.token, {
        course: {
          title: `${marker} Hands-on AI`,
          courseType: 'microlearning',
          teachingStyles: ['kinesthetic'],
          tags: ['ai', 'operations'],
        },
      })
    ).course
    fresh = (
      await buildCourse(cast.educator.token, {
        course: {
          title: `${marker} Brand new`,
          courseType: 'microlearning',
          teachingStyles: ['visual'],
          tags: ['branding'],
        },
      })
    ).course
    draft = await createCourse(cast.educator.token, {
      title: `${marker} Unfinished draft`,
      courseType: 'microlearning',
      tags: ['funding'],
    })
    for (const c of [popular, kinesthetic, fresh, draft]) track(c)
    students.push(
      ...(await Promise.all([createUser(payload, 'student'), createUser(payload, 'student')])),
    )
    for (const s of students) {
      expectStatus(await api('POST', `/api/courses/${popular.id}/enroll`, { token: s.token }), 201)
    }
    expectStatus(
      await api('POST', `/api/courses/${kinesthetic.id}/enroll`, { token: students[0].token }),
      201,
    )
  })

  afterAll(async () => {
    await deleteUsers(payload, ...students)
  })

  it('lists published courses only, most popular first, in the pagination shape', async () => {
    const res = await explore('')
    expectStatus(res, 200)
    expect(res.body).toMatchObject({
      totalDocs: 3,
      limit: 12,
      page: 1,
      totalPages: 1,
      hasNextPage: false,
      hasPrevPage: false,
    })
    expect(res.body.docs.map((c: Course) => c.id)).toEqual([popular.id, kinesthetic.id, fresh.id])
    expect(res.body.docs[0].totalEnrollments).toBe(2)
  })

  it('never lists drafts, even to their educator or an admin', async () => {
    for (const token of [cast.educator.token, cast.admin.token]) {
      const res = await explore('', token)
      expect(res.body.docs.map((c: Course) => c.id)).not.toContain(draft.id)
    }
  })

  it('returns only the fields a catalog card needs', async () => {
    const res = await explore('')
    for (const doc of res.body.docs) {
      expect(Object.keys(doc).filter((k) => !CARD_KEYS.includes(k))).toEqual([])
      // The educator is reduced to what a card shows (Payload tags auth documents with `collection`).
      expect(
        Object.keys(doc.educator).filter(
          (k) => !['id', 'fullName', 'profileImage', 'collection'].includes(k),
        ),
      ).toEqual([])
    }
    expect(JSON.stringify(res.body)).not.toContain(cast.educator.email)
  })

  it('filters by courseType, teachingStyle and tag', async () => {
    const ids = async (query: string) =>
      ((await explore(query)).body.docs as Course[]).map((c) => c.id).sort()
    expect(await ids('courseType=microlearning')).toEqual([kinesthetic.id, fresh.id].sort())
    expect(await ids('courseType=deep_learning')).toEqual([popular.id])
    expect(await ids('teachingStyle=kinesthetic')).toEqual([kinesthetic.id])
    expect(await ids('teachingStyle=visual')).toEqual([popular.id, fresh.id].sort())
    expect(await ids('tag=operations')).toEqual([kinesthetic.id])
    expect(await ids('tag=funding')).toEqual([popular.id])
    expect(await ids('tag=funding&courseType=microlearning')).toEqual([])
  })

  it('searches titles case-insensitively', async () => {
    const res = await api('GET', `/api/courses/explore?q=${marker.toLowerCase()}%20hands-on`)
    expectStatus(res, 200)
    expect(res.body.docs.map((c: Course) => c.id)).toEqual([kinesthetic.id])
  })

  it('sorts by newest', async () => {
    const res = await explore('sort=newest')
    expect(res.body.docs.map((c: Course) => c.id)).toEqual([fresh.id, kinesthetic.id, popular.id])
  })

  it('sorts by rating (Bayesian average), unrated courses last, across pages', async () => {
    // The counters as the review hooks keep them; reviews themselves are tested in reviews.int.spec.ts.
    const rate = (id: string, ratingSum: number, reviewCount: number) =>
      (payload.db as unknown as PostgresAdapter).drizzle.execute(
        sql`update courses set rating_sum = ${ratingSum}, review_count = ${reviewCount},
            average_rating = ${reviewCount ? ratingSum / reviewCount : null} where id = ${id}`,
      )
    // One 5-star review ranks below twenty 4-star ones: (35 + 5) / 11 < (35 + 80) / 30.
    await rate(kinesthetic.id, 80, 20)
    await rate(fresh.id, 5, 1)
    try {
      const res = await explore('sort=rating')
      expectStatus(res, 200)
      expect(res.body.docs.map((c: Course) => c.id)).toEqual([kinesthetic.id, fresh.id, popular.id])
      expect(res.body.docs[0]).toMatchObject({ averageRating: 4, reviewCount: 20 })
      expect(res.body.docs[1]).toMatchObject({ averageRating: 5, reviewCount: 1 })
      expect(res.body).toMatchObject({ totalDocs: 3, totalPages: 1, hasNextPage: false })
      const pages = []
      for (const page of [1, 2, 3]) {
        const one = await explore(`sort=rating&limit=1&page=${page}`)
        expect(one.body).toMatchObject({
          totalDocs: 3,
          totalPages: 3,
          page,
          hasPrevPage: page > 1,
          hasNextPage: page < 3,
        })
        pages.push(...one.body.docs.map((c: Course) => c.id))
      }
      expect(pages).toEqual([kinesthetic.id, fresh.id, popular.id])
      const second = await explore('sort=rating&limit=2&page=2')
      expect(second.body.docs.map((c: Course) => c.id)).toEqual([popular.id])
      expect(second.body).toMatchObject({ totalDocs: 3, totalPages: 2, hasNextPage: false })
      const beyond = await explore('sort=rating&limit=2&page=5')
      expect(beyond.body.docs).toEqual([])
      const filtered = await explore('sort=rating&courseType=microlearning')
      expect(filtered.body.docs.map((c: Course) => c.id)).toEqual([kinesthetic.id, fresh.id])
      const styled = await explore('sort=rating&teachingStyle=visual')
      expect(styled.body.docs.map((c: Course) => c.id)).toEqual([fresh.id, popular.id])
      const tagged = await explore('sort=rating&tag=operations')
      expect(tagged.body.docs.map((c: Course) => c.id)).toEqual([kinesthetic.id])
      for (const doc of res.body.docs) {
        expect(Object.keys(doc).filter((k) => !CARD_KEYS.includes(k))).toEqual([])
      }
    } finally {
      await rate(kinesthetic.id, 0, 0)
      await rate(fresh.id, 0, 0)
    }
  })

  it('paginates', async () => {
    const first = await explore('limit=2&page=1')
    expect(first.body).toMatchObject({ totalDocs: 3, totalPages: 2, hasNextPage: true, page: 1 })
    const second = await explore('limit=2&page=2')
    expect(second.body).toMatchObject({ page: 2, hasNextPage: false, hasPrevPage: true })
    expect(second.body.docs.map((c: Course) => c.id)).toEqual([fresh.id])
  })

  it('answers 400 naming the parameter for bad input', async () => {
    for (const [query, field] of [
      ['courseType=webinar', 'courseType'],
      ['teachingStyle=telepathic', 'teachingStyle'],
      ['tag=cooking', 'tag'],
      ['sort=cheapest', 'sort'],
      ['page=0', 'page'],
      ['page=abc', 'page'],
      ['limit=51', 'limit'],
      ['limit=-1', 'limit'],
    ]) {
      const res = await explore(query)
      expect(res.status, query).toBe(400)
      expect(errorMessage(res)).toContain(field)
    }
  })
})

describe('lessons: POST/PUT/DELETE /api/courses/:id/lessons', () => {
  let course: Course

  beforeAll(async () => {
    course = track(await createCourse(cast.educator.token))
  })

  it('adds lessons for the owner, appending by default', async () => {
    const first = await api('POST', `/api/courses/${course.id}/lessons`, {
      token: cast.educator.token,
      body: {
        title: 'Welcome',
        lessonType: 'reading',
        duration: 300,
        isFreePreview: true,
        content: 'Hello\n\nWorld',
      },
    })
    expectStatus(first, 201)
    expect(first.body.doc).toMatchObject({
      title: 'Welcome',
      lessonType: 'reading',
      duration: 300,
      isFreePreview: true,
      orderIndex: 0,
      course: course.id,
    })
    expect(first.body.doc.content.root.children).toHaveLength(2)
    const second = await addLesson(cast.educator.token, course.id, { lessonType: 'video' })
    expect(second.orderIndex).toBe(1)
    const third = await addLesson(cast.educator.token, course.id, { orderIndex: 10 })
    expect(third.orderIndex).toBe(10)
    const fourth = await addLesson(cast.educator.token, course.id)
    expect(fourth.orderIndex).toBe(11)
  })

  it('answers 400 for missing or invalid fields', async () => {
    for (const [body, field] of [
      [{ lessonType: 'reading' }, 'title'],
      [{ title: 'x' }, 'lessonType'],
      [{ title: 'x', lessonType: 'podcast' }, 'lessonType'],
      [{ title: 'x', lessonType: 'reading', orderIndex: -1 }, 'orderIndex'],
      [{ title: 'x', lessonType: 'reading', duration: 1.5 }, 'duration'],
      [{ title: 'x', lessonType: 'reading', course: crypto.randomUUID() }, 'course'],
    ] as const) {
      const res = await api('POST', `/api/courses/${course.id}/lessons`, {
        token: cast.educator.token,
        body,
      })
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(errorMessage(res)).toContain(field)
    }
  })

  it('refuses other educators, students and anonymous visitors', async () => {
    const { course: published } = await buildCourse(cast.educator.token)
    track(published)
    const body = { title: 'Intruder', lessonType: 'reading' }
    expect((await api('POST', `/api/courses/${published.id}/lessons`, { body })).status).toBe(401)
    for (const token of [cast.otherEducator.token, cast.student.token]) {
      const res = await api('POST', `/api/courses/${published.id}/lessons`, { token, body })
      expect(res.status).toBe(403)
    }
    // Payload's own collection route follows the same rule.
    const direct = await api('POST', '/api/lessons', {
      token: cast.otherEducator.token,
      body: { ...body, course: published.id },
    })
    expect(direct.status).toBe(403)
    expect(
      (
        await payload.count({
          collection: 'lessons',
          where: { and: [{ course: { equals: published.id } }, { title: { equals: 'Intruder' } }] },
        })
      ).totalDocs,
    ).toBe(0)
  })

  it('updates a lesson for the owner; 400 for bad fields; 404 for a lesson of another course', async () => {
    const lesson = await addLesson(cast.educator.token, course.id)
    const res = await api('PUT', `/api/courses/${course.id}/lessons/${lesson.id}`, {
      token: cast.educator.token,
      body: { title: 'Renamed lesson', orderIndex: 7, availableAfterDays: 3 },
    })
    expectStatus(res, 200)
    expect(res.body.doc).toMatchObject({
      id: lesson.id,
      title: 'Renamed lesson',
      orderIndex: 7,
      availableAfterDays: 3,
    })
    const bad = await api('PUT', `/api/courses/${course.id}/lessons/${lesson.id}`, {
      token: cast.educator.token,
      body: { course: crypto.randomUUID() },
    })
    expect(bad.status).toBe(400)
    const other = track(await createCourse(cast.educator.token))
    const wrongCourse = await api('PUT', `/api/courses/${other.id}/lessons/${lesson.id}`, {
      token: cast.educator.token,
      body: { title: 'Moved?' },
    })
    expect(wrongCourse.status).toBe(404)
    const unknown = await api('PUT', `/api/courses/${course.id}/lessons/${crypto.randomUUID()}`, {
      token: cast.educator.token,
      body: { title: 'x' },
    })
    expect(unknown.status).toBe(404)
  })

  it('refuses lesson updates and deletes by anyone but the owner or an admin', async () => {
    const { course: published, lessons } = await buildCourse(cast.educator.token)
    track(published)
    const path = `/api/courses/${published.id}/lessons/${lessons[0].id}`
    expect((await api('PUT', path, { body: { title: 'x' } })).status).toBe(401)
    expect((await api('DELETE', path)).status).toBe(401)
    for (const token of [cast.otherEducator.token, cast.student.token]) {
      expect((await api('PUT', path, { token, body: { title: 'x' } })).status).toBe(403)
      expect((await api('DELETE', path, { token })).status).toBe(403)
    }
    const direct = await api('PATCH', `/api/lessons/${lessons[0].id}`, {
      token: cast.otherEducator.token,
      body: { title: 'x' },
    })
    expect(direct.status).toBe(403)
    const stored = await payload.findByID({ collection: 'lessons', id: lessons[0].id })
    expect(stored.title).toBe(lessons[0].title)
    expectStatus(await api('PUT', path, { token: cast.admin.token, body: { title: 'Admin' } }), 200)
  })

  it('deletes a lesson with its quiz', async () => {
    const {
      course: built,
      quizLesson,
      quiz,
    } = await buildCourse(cast.educator.token, {
      quiz: { questions: [{ question: 'Q?', options: ['a', 'b'], correctAnswer: 1 }] },
    })
    track(built)
    const res = await api('DELETE', `/api/courses/${built.id}/lessons/${quizLesson!.id}`, {
      token: cast.educator.token,
    })
    expectStatus(res, 200)
    expect(res.body.id).toBe(quizLesson!.id)
    expect(
      await payload.findByID({
        collection: 'lessons',
        id: quizLesson!.id,
        disableErrors: true,
      }),
    ).toBeNull()
    expect(
      await payload.findByID({ collection: 'quizzes', id: quiz!.id, disableErrors: true }),
    ).toBeNull()
    const again = await api('DELETE', `/api/courses/${built.id}/lessons/${quizLesson!.id}`, {
      token: cast.educator.token,
    })
    expect(again.status).toBe(404)
  })
})

describe('POST/PATCH /api/quizzes (lesson owner)', () => {
  let built: Awaited<ReturnType<typeof buildCourse>>
  let foreign: Awaited<ReturnType<typeof buildCourse>>

  beforeAll(async () => {
    built = await buildCourse(cast.educator.token, { lessons: [{}, {}] })
    foreign = await buildCourse(cast.otherEducator.token, { lessons: [{}] })
    track(built.course)
    track(foreign.course)
  })

  const question = (correctAnswer: number, options = ['a', 'b', 'c']) => ({
    question: 'Q?',
    options,
    correctAnswer,
  })

  it('creates a quiz with defaults and the course taken from the lesson', async () => {
    const res = await api('POST', '/api/quizzes', {
      token: cast.educator.token,
      body: { lesson: built.lessons[0].id, course: foreign.course.id, questions: [question(2)] },
    })
    expectStatus(res, 201)
    expect(res.body.doc).toMatchObject({
      passingScore: 70,
      maxAttempts: 3,
      course: expect.objectContaining({ id: built.course.id }),
    })
  })

  it('answers 400 for an answer index outside the options, too few options or no questions', async () => {
    for (const body of [
      { questions: [question(3)] },
      { questions: [question(-1)] },
      { questions: [question(0, ['only'])] },
      { questions: [] },
      { questions: [question(0)], passingScore: 101 },
      { questions: [question(0)], maxAttempts: 0 },
    ]) {
      const res = await api('POST', '/api/quizzes', {
        token: cast.educator.token,
        body: { lesson: built.lessons[1].id, ...body },
      })
      expect(res.status, JSON.stringify(body)).toBe(400)
    }
  })

  it('answers 400 for a second quiz on the same lesson', async () => {
    const res = await api('POST', '/api/quizzes', {
      token: cast.educator.token,
      body: { lesson: built.lessons[0].id, questions: [question(0)] },
    })
    expect(res.status).toBe(400)
  })

  it("does not let an educator move their quiz or lesson into another educator's course", async () => {
    const { docs } = await payload.find({
      collection: 'quizzes',
      where: { lesson: { equals: built.lessons[0].id } },
      depth: 0,
    })
    const quiz = docs[0]
    await api('PATCH', `/api/quizzes/${quiz.id}`, {
      token: cast.educator.token,
      body: { lesson: foreign.lessons[0].id },
    })
    const storedQuiz = await payload.findByID({ collection: 'quizzes', id: quiz.id, depth: 0 })
    expect(storedQuiz).toMatchObject({ lesson: built.lessons[0].id, course: built.course.id })

    await api('PATCH', `/api/lessons/${built.lessons[1].id}`, {
      token: cast.educator.token,
      body: { course: foreign.course.id },
    })
    const storedLesson = await payload.findByID({
      collection: 'lessons',
      id: built.lessons[1].id,
      depth: 0,
    })
    expect(storedLesson.course).toBe(built.course.id)
    expect(
      (
        await payload.count({
          collection: 'lessons',
          where: { course: { equals: foreign.course.id } },
        })
      ).totalDocs,
    ).toBe(1)
  })

  it('keeps a lesson in its course, even between courses of the same educator', async () => {
    const mine = track(await createCourse(cast.educator.token))
    const lesson = await addLesson(cast.educator.token, built.course.id)
    for (const token of [cast.educator.token, cast.admin.token]) {
      await api('PATCH', `/api/lessons/${lesson.id}`, { token, body: { course: mine.id } })
      const stored = await payload.findByID({ collection: 'lessons', id: lesson.id, depth: 0 })
      expect(stored.course).toBe(built.course.id)
    }
  })
})

describe('slugs', () => {
  it('answers 400 naming the slug when it is already taken', async () => {
    const a = track(await createCourse(cast.educator.token))
    const b = track(await createCourse(cast.educator.token))
    const res = await api('PUT', `/api/courses/${b.id}`, {
      token: cast.educator.token,
      body: { slug: a.slug },
    })
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.body)).toContain('slug')
  })
})

describe('GraphQL mutations follow the same rules', () => {
  it('refuses course, enrollment and lesson writes by the wrong people', async () => {
    const { course, lessons } = await buildCourse(cast.educator.token, {
      course: { price: 9900 },
    })
    track(course)
    const createCourse = await graphql(
      `
        mutation {
          createCourse(data: { title: "Nope", courseType: microlearning }) {
            id
          }
        }
      `,
      {},
      { token: cast.student.token },
    )
    expect(createCourse.body.errors?.[0]?.message).toMatch(/not allowed/i)
    const update = await graphql(
      `
        mutation ($id: String!) {
          updateCourse(id: $id, data: { title: "Hijacked" }) {
            id
          }
        }
      `,
      { id: course.id },
      { token: cast.otherEducator.token },
    )
    expect(update.body.errors?.length).toBeGreaterThan(0)
    const enrollment = await graphql(
      `
        mutation ($student: String!, $course: String!) {
          createEnrollment(
            data: {
              student: $student
              course: $course
              source: purchase
              enrolledAt: "2026-01-01T00:00:00.000Z"
            }
          ) {
            id
          }
        }
      `,
      { student: cast.student.user.id, course: course.id },
      { token: cast.student.token },
    )
    expect(enrollment.body.errors?.[0]?.message).toMatch(/not allowed/i)
    const lesson = await graphql(
      `
        mutation ($id: String!) {
          updateLesson(id: $id, data: { title: "Hijacked" }) {
            id
          }
        }
      `,
      { id: lessons[0].id },
      { token: cast.otherEducator.token },
    )
    expect(lesson.body.errors?.length).toBeGreaterThan(0)
    expect((await readCourse(course.id))!.title).toBe(course.title)
    expect(
      (
        await payload.count({
          collection: 'enrollments',
          where: { course: { equals: course.id } },
        })
      ).totalDocs,
    ).toBe(0)
  })
})

describe("bad filters on Payload's own list routes", () => {
  it('answer 400 naming the field instead of a database error (500)', async () => {
    const cases: [string, string | undefined, string][] = [
      ['/api/courses?where[description][like]=pitch', undefined, 'description'],
      ['/api/courses?where[or][0][description][contains]=pitch', undefined, 'description'],
      ['/api/courses/count?where[description][like]=pitch', undefined, 'description'],
      ['/api/lessons?where[content][like]=pitch', cast.admin.token, 'content'],
      ['/api/lessons?where[course.description][like]=pitch', undefined, 'course.description'],
      ['/api/enrollments?where[course.description][like]=x', cast.student.token, 'course'],
      ['/api/courses?where[courseType][equals]=webinar', undefined, 'courseType'],
      ['/api/courses?where[tags][contains]=cooking', undefined, 'tags'],
      ['/api/courses?where[_status][equals]=secret', undefined, '_status'],
      ['/api/courses?where[id][in]=abc,def', undefined, 'id'],
      ['/api/courses?where[educator][in]=abc', undefined, 'educator'],
      ['/api/courses?page=-5', undefined, 'page'],
      ['/api/enrollments?where[course][in]=abc', cast.student.token, 'course'],
      ['/api/quiz-attempts?where[id][in]=1,2', cast.student.token, 'id'],
      ['/api/lesson-progress?page=0', cast.student.token, 'page'],
      ['/api/cohorts?where[courses][in]=x', cast.institution.token, 'courses'],
      ['/api/lessons?where[lessonType][in]=podcast', undefined, 'lessonType'],
    ]
    for (const [path, token, field] of cases) {
      const res = await api('GET', path, { token })
      expect(res.status, path).toBe(400)
      expect(errorMessage(res), path).toContain(field)
    }
    const gql = await graphql(`
      {
        Courses(where: { description: { like: "pitch" } }) {
          docs {
            id
          }
        }
      }
    `)
    expect(gql.body.errors[0].extensions.statusCode).toBe(400)
    expect(gql.body.errors[0].message).toContain('description')
  })

  it('still allow valid filters, including the operators Postgres supports on rich text', async () => {
    const { course } = await buildCourse(cast.educator.token, {
      course: { courseType: 'digital_product', tags: ['legal'] },
    })
    track(course)
    const ok = [
      'where[description][exists]=true',
      'where[description][equals]=x',
      `where[id][in]=${course.id},${crypto.randomUUID()}`,
      'where[courseType][in]=digital_product,microlearning',
      'where[tags][contains]=legal',
      `where[educator][equals]=${cast.educator.user.id}`,
      'where[_status][equals]=published',
      'page=1',
    ]
    for (const query of ok) {
      const res = await api('GET', `/api/courses?${query}`)
      expect(res.status, query).toBe(200)
    }
    const found = await api(
      'GET',
      `/api/courses?where[id][in]=${course.id}&where[tags][contains]=legal&where[courseType][equals]=digital_product`,
    )
    expect(found.body.docs.map((c: Course) => c.id)).toEqual([course.id])
    expect(
      (await api('GET', '/api/lessons?where[description][like]=intro')).status,
      'lessons.description is plain text',
    ).toBe(200)
  })
})

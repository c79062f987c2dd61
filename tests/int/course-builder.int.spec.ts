import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  addLesson,
  createCourse,
  deleteCourses,
  expectStatus,
  publishCourse,
} from '../helpers/courses'
import { api, errorMessage } from '../helpers/http'
import { getTestPayload } from '../helpers/payload'
import { createCast, deleteUsers } from '../helpers/users'

type Cast = Awaited<ReturnType<typeof createCast>>

let payload: Payload
let cast: Cast
const courseIds: string[] = []

/** The course's lessons as stored, in orderIndex order. */
async function storedOrder(courseId: string) {
  const { docs } = await payload.find({
    collection: 'lessons',
    where: { course: { equals: courseId } },
    sort: 'orderIndex',
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  return docs.map((d) => ({ id: d.id, orderIndex: d.orderIndex }))
}

/** A course of the cast's educator with `n` lessons (orderIndex 0..n-1). */
async function courseWithLessons(n: number) {
  const course = await createCourse(cast.educator.token)
  courseIds.push(course.id)
  const lessons = []
  for (let i = 0; i < n; i++) {
    lessons.push(await addLesson(cast.educator.token, course.id, { title: `Lesson ${i + 1}` }))
  }
  return { course, ids: lessons.map((l) => l.id) }
}

const reorder = (courseId: string, lessonIds: unknown, token?: string) =>
  api('POST', `/api/courses/${courseId}/lessons/reorder`, { token, body: { lessonIds } })

beforeAll(async () => {
  payload = await getTestPayload()
  cast = await createCast(payload)
})

afterAll(async () => {
  await deleteCourses(payload, courseIds)
  await deleteUsers(payload, ...Object.values(cast))
})

describe('POST /api/courses/:id/lessons/reorder', () => {
  it("rewrites the owner's lessons to orderIndex 0..n-1 in the order given", async () => {
    const { course, ids } = await courseWithLessons(4)
    const wanted = [ids[2], ids[0], ids[3], ids[1]]
    const res = await reorder(course.id, wanted, cast.educator.token)
    expectStatus(res, 200)
    expect(res.body.lessons).toEqual(
      wanted.map((id, orderIndex) => ({ id, orderIndex, title: expect.any(String) })),
    )
    expect(await storedOrder(course.id)).toEqual(
      wanted.map((id, orderIndex) => ({ id, orderIndex })),
    )

    // The course's join field (the builder's list) reads them in the new order.
    const read = await payload.findByID({
      collection: 'courses',
      id: course.id,
      depth: 0,
      overrideAccess: true,
    })
    expect(read.lessons?.docs).toEqual(wanted)
  })

  it('works on a published course too, and an admin may reorder', async () => {
    const { course, ids } = await courseWithLessons(2)
    await publishCourse(cast.educator.token, course.id)
    const res = await reorder(course.id, [ids[1], ids[0]], cast.admin.token)
    expectStatus(res, 200)
    expect((await storedOrder(course.id)).map((l) => l.id)).toEqual([ids[1], ids[0]])
  })

  it('answers 401 to anonymous callers, 403 to another educator and to students', async () => {
    const { course, ids } = await courseWithLessons(2)
    const reversed = [ids[1], ids[0]]
    expectStatus(await reorder(course.id, reversed), 401)
    // A draft is invisible to others: published, so the 403 is about ownership, not visibility.
    await publishCourse(cast.educator.token, course.id)
    const other = await reorder(course.id, reversed, cast.otherEducator.token)
    expectStatus(other, 403)
    expect(errorMessage(other)).toMatch(/educator or an admin/)
    expectStatus(await reorder(course.id, reversed, cast.student.token), 403)
    expectStatus(await reorder(course.id, reversed, cast.institution.token), 403)
    expect((await storedOrder(course.id)).map((l) => l.id)).toEqual(ids)
  })

  it("404s an unknown course, and another educator's draft", async () => {
    const missing = await reorder('00000000-0000-4000-8000-000000000000', [], cast.educator.token)
    expectStatus(missing, 404)
    expectStatus(await reorder('not-a-uuid', [], cast.educator.token), 404)
    const { course, ids } = await courseWithLessons(1)
    expectStatus(await reorder(course.id, ids, cast.otherEducator.token), 404)
  })

  it('400s a list that is not exactly the course’s lessons, and changes nothing', async () => {
    const { course, ids } = await courseWithLessons(3)
    const { ids: foreign } = await courseWithLessons(1)
    const cases: [unknown, RegExp][] = [
      [[ids[0], ids[1]], /missing: /],
      [[ids[0], ids[1], ids[2], foreign[0]], /not lessons of this course/],
      [[ids[0], ids[1], ids[1]], /more than once/],
      [[ids[0], ids[1], ids[2], ids[0]], /more than once/],
      [[ids[0], ids[1], 'nope'], /lessonIds/],
      ['all of them', /lessonIds/],
      [undefined, /lessonIds/],
    ]
    for (const [lessonIds, message] of cases) {
      const res = await reorder(course.id, lessonIds, cast.educator.token)
      expectStatus(res, 400)
      expect(errorMessage(res)).toMatch(message)
    }
    const extra = await api('POST', `/api/courses/${course.id}/lessons/reorder`, {
      token: cast.educator.token,
      body: { lessonIds: ids, orderIndex: 3 },
    })
    expectStatus(extra, 400)
    expect((await storedOrder(course.id)).map((l) => l.id)).toEqual(ids)
  })

  it('concurrent reorders leave one of the submitted orders, as a permutation 0..n-1', async () => {
    const { course, ids } = await courseWithLessons(5)
    const orders = Array.from({ length: 8 }, (_, k) =>
      ids.map((_, i) => ids[(i + k) % ids.length]).reverse(),
    )
    const answers = await Promise.all(
      orders.map((order) => reorder(course.id, order, cast.educator.token)),
    )
    for (const res of answers) expectStatus(res, 200)
    const stored = await storedOrder(course.id)
    expect(stored.map((l) => l.orderIndex)).toEqual([0, 1, 2, 3, 4])
    expect(orders.map((o) => o.join())).toContain(stored.map((l) => l.id).join())
    // Each answer is the order it applied: a whole permutation, never a mix of two.
    for (const [i, res] of answers.entries()) {
      expect(res.body.lessons.map((l: { id: string }) => l.id)).toEqual(orders[i])
    }
  })

  it('keeps the publish rule: a course without lessons still cannot be published', async () => {
    const course = await createCourse(cast.educator.token)
    courseIds.push(course.id)
    expectStatus(await reorder(course.id, [], cast.educator.token), 200)
    const res = await api('POST', `/api/courses/${course.id}/publish`, {
      token: cast.educator.token,
    })
    expectStatus(res, 400)
  })
})

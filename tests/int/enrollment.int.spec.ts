import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Course, Enrollment, User } from '../../src/payload-types'
import {
  buildCourse,
  completeLesson,
  createCourse,
  deleteCourses,
  enroll,
  expectStatus,
  submitQuiz,
  THREE_QUESTIONS,
  uniqueTitle,
} from '../helpers/courses'
import { api, errorMessage } from '../helpers/http'
import { getTestPayload } from '../helpers/payload'
import { createCast, createUser, deleteUsers, type TestUser } from '../helpers/users'

type Cast = Awaited<ReturnType<typeof createCast>>

let payload: Payload
let cast: Cast
const courseIds: string[] = []
const extraUsers: TestUser[] = []

const track = (course: Course) => {
  courseIds.push(course.id)
  return course
}

async function newStudent() {
  const s = await createUser(payload, 'student')
  extraUsers.push(s)
  return s
}

const enrollmentsOf = (studentId: string, courseId: string) =>
  payload.find({
    collection: 'enrollments',
    where: { and: [{ student: { equals: studentId } }, { course: { equals: courseId } }] },
    depth: 0,
  })

const totalEnrollments = async (courseId: string) =>
  (
    (await payload.findByID({
      collection: 'courses',
      id: courseId,
      depth: 0,
      draft: true,
    })) as Course
  ).totalEnrollments

const totalStudents = async (educatorId: string) =>
  ((await payload.findByID({ collection: 'users', id: educatorId, depth: 0 })) as User)
    .educatorProfile?.totalStudents

beforeAll(async () => {
  payload = await getTestPayload()
  cast = await createCast(payload)
})

afterAll(async () => {
  await deleteCourses(payload, courseIds)
  await deleteUsers(payload, ...extraUsers, ...Object.values(cast))
})

describe('POST /api/courses/:id/enroll', () => {
  let free: Course

  beforeAll(async () => {
    free = track((await buildCourse(cast.educator.token)).course)
  })

  it('enrolls a student in a free course (201) and counts them', async () => {
    const student = await newStudent()
    const res = await api('POST', `/api/courses/${free.id}/enroll`, { token: student.token })
    expectStatus(res, 201)
    expect(res.body.created).toBe(true)
    expect(res.body.doc).toMatchObject({
      student: student.user.id,
      course: free.id,
      source: 'free',
      progressPercentage: 0,
    })
    expect(res.body.doc.completedAt ?? null).toBeNull()
    expect(Date.parse(res.body.doc.enrolledAt)).toBeGreaterThan(Date.now() - 60_000)
    expect(await totalEnrollments(free.id)).toBe(
      (await payload.count({ collection: 'enrollments', where: { course: { equals: free.id } } }))
        .totalDocs,
    )
  })

  it("shows the admin's course list (the latest versions) the same count as the course", async () => {
    const course = track((await buildCourse(cast.educator.token)).course)
    const students = [await newStudent(), await newStudent(), await newStudent()]
    await Promise.all(students.map((s) => enroll(s.token, course.id)))
    // The admin's list view reads versions (drafts are on), as does an educator's draft list.
    const listed = await payload.find({
      collection: 'courses',
      draft: true,
      where: { id: { equals: course.id } },
      depth: 0,
    })
    expect(listed.docs[0].totalEnrollments).toBe(3)
    const asEducator = await api(
      'GET',
      `/api/courses?draft=true&where[id][equals]=${course.id}&depth=0`,
      { token: cast.educator.token },
    )
    expectStatus(asEducator, 200)
    expect(asEducator.body.docs[0].totalEnrollments).toBe(3)
  })

  it('answers 200 with the same enrollment when enrolling twice, without a duplicate', async () => {
    const student = await newStudent()
    const first = await api('POST', `/api/courses/${free.id}/enroll`, { token: student.token })
    expectStatus(first, 201)
    const before = await totalEnrollments(free.id)
    const second = await api('POST', `/api/courses/${free.id}/enroll`, { token: student.token })
    expectStatus(second, 200)
    expect(second.body.created).toBe(false)
    expect(second.body.doc.id).toBe(first.body.doc.id)
    expect((await enrollmentsOf(student.user.id, free.id)).totalDocs).toBe(1)
    expect(await totalEnrollments(free.id)).toBe(before)
  })

  it('counts each student once on the educator across their courses', async () => {
    const educator = await createUser(payload, 'educator')
    extraUsers.push(educator)
    const [a, b] = await Promise.all([
      buildCourse(educator.token).then((c) => track(c.course)),
      buildCourse(educator.token).then((c) => track(c.course)),
    ])
    const s1 = await newStudent()
    const s2 = await newStudent()
    await enroll(s1.token, a.id)
    await enroll(s1.token, b.id)
    await enroll(s2.token, b.id)
    expect(await totalEnrollments(a.id)).toBe(1)
    expect(await totalEnrollments(b.id)).toBe(2)
    expect(await totalStudents(educator.user.id)).toBe(2)
  })

  it('moves the students to the new educator when an admin reassigns a course', async () => {
    const [from, to] = await Promise.all([
      createUser(payload, 'educator'),
      createUser(payload, 'educator'),
    ])
    extraUsers.push(from, to)
    const { course } = await buildCourse(from.token)
    track(course)
    const kept = track((await buildCourse(from.token)).course)
    const [s1, s2] = [await newStudent(), await newStudent()]
    await enroll(s1.token, course.id)
    await enroll(s2.token, course.id)
    await enroll(s2.token, kept.id)
    expect(await totalStudents(from.user.id)).toBe(2)
    const res = await api('PATCH', `/api/courses/${course.id}`, {
      token: cast.admin.token,
      body: { educator: to.user.id },
    })
    expectStatus(res, 200)
    expect(await totalStudents(from.user.id)).toBe(1)
    expect(await totalStudents(to.user.id)).toBe(2)
  })

  it('keeps an enrollment on its student and course, even for admins (counters stay exact)', async () => {
    const a = track((await buildCourse(cast.educator.token)).course)
    const b = track((await buildCourse(cast.educator.token)).course)
    const student = await newStudent()
    const other = await newStudent()
    const enrollment = await enroll(student.token, a.id)
    await api('PATCH', `/api/enrollments/${enrollment.id}`, {
      token: cast.admin.token,
      body: { course: b.id, student: other.user.id },
    })
    const stored = (await payload.findByID({
      collection: 'enrollments',
      id: enrollment.id,
      depth: 0,
    })) as Enrollment
    expect(stored).toMatchObject({ course: a.id, student: student.user.id })
    expect(await totalEnrollments(a.id)).toBe(1)
    expect(await totalEnrollments(b.id)).toBe(0)
  })

  it('answers 402 for a paid course and enrolls nobody', async () => {
    const { course: paid } = await buildCourse(cast.educator.token, {
      course: { price: 4900, currency: 'usd' },
    })
    track(paid)
    const student = await newStudent()
    const res = await api('POST', `/api/courses/${paid.id}/enroll`, { token: student.token })
    expect(res.status).toBe(402)
    expect(errorMessage(res)).toContain('$49.00')
    expect((await enrollmentsOf(student.user.id, paid.id)).totalDocs).toBe(0)
    expect(await totalEnrollments(paid.id)).toBe(0)
  })

  it('answers 200 for a paid course the student already has (e.g. added by an admin)', async () => {
    const { course: paid } = await buildCourse(cast.educator.token, { course: { price: 1000 } })
    track(paid)
    const student = await newStudent()
    const created = await api('POST', '/api/enrollments', {
      token: cast.admin.token,
      body: { student: student.user.id, course: paid.id, source: 'admin' },
    })
    expectStatus(created, 201)
    const res = await api('POST', `/api/courses/${paid.id}/enroll`, { token: student.token })
    expectStatus(res, 200)
    expect(res.body.doc.id).toBe(created.body.doc.id)
    expect(await totalEnrollments(paid.id)).toBe(1)
  })

  it('answers 403 naming the missing prerequisite, then enrolls once it is completed', async () => {
    const prereq = await buildCourse(cast.educator.token, {
      course: { title: uniqueTitle('Foundations') },
      lessons: [{}],
    })
    track(prereq.course)
    const advanced = track(await createCourse(cast.educator.token))
    await api('POST', `/api/courses/${advanced.id}/lessons`, {
      token: cast.educator.token,
      body: { title: 'Advanced lesson', lessonType: 'reading' },
    })
    expectStatus(
      await api('PUT', `/api/courses/${advanced.id}`, {
        token: cast.educator.token,
        body: { prerequisites: [prereq.course.id] },
      }),
      200,
    )
    expectStatus(
      await api('POST', `/api/courses/${advanced.id}/publish`, { token: cast.educator.token }),
      200,
    )
    const student = await newStudent()
    const refused = await api('POST', `/api/courses/${advanced.id}/enroll`, {
      token: student.token,
    })
    expect(refused.status).toBe(403)
    expect(errorMessage(refused)).toContain(prereq.course.title)
    expect((await enrollmentsOf(student.user.id, advanced.id)).totalDocs).toBe(0)

    // Enrolled but not finished: still missing.
    await enroll(student.token, prereq.course.id)
    const stillRefused = await api('POST', `/api/courses/${advanced.id}/enroll`, {
      token: student.token,
    })
    expect(stillRefused.status).toBe(403)
    expect(errorMessage(stillRefused)).toContain(prereq.course.title)

    const done = await completeLesson(student.token, prereq.course.id, prereq.lessons[0].id)
    expectStatus(done, 200)
    expect(done.body.courseCompleted).toBe(true)
    expectStatus(
      await api('POST', `/api/courses/${advanced.id}/enroll`, { token: student.token }),
      201,
    )
  })

  it('answers 404 for a draft, unknown or malformed course', async () => {
    const draft = track(await createCourse(cast.educator.token))
    for (const id of [draft.id, crypto.randomUUID(), 'nope']) {
      const res = await api('POST', `/api/courses/${id}/enroll`, { token: cast.student.token })
      expect(res.status, id).toBe(404)
    }
    expect((await enrollmentsOf(cast.student.user.id, draft.id)).totalDocs).toBe(0)
  })

  it('answers 403 to educators, institutions and admins, and 401 anonymous', async () => {
    for (const user of [cast.educator, cast.otherEducator, cast.institution, cast.admin]) {
      const res = await api('POST', `/api/courses/${free.id}/enroll`, { token: user.token })
      expect(res.status, user.user.role).toBe(403)
      expect((await enrollmentsOf(user.user.id, free.id)).totalDocs).toBe(0)
    }
    expect((await api('POST', `/api/courses/${free.id}/enroll`)).status).toBe(401)
  })

  it("cannot be bypassed through Payload's own enrollments routes", async () => {
    const { course: paid } = await buildCourse(cast.educator.token, { course: { price: 500 } })
    track(paid)
    const student = await newStudent()
    const res = await api('POST', '/api/enrollments', {
      token: student.token,
      body: { student: student.user.id, course: paid.id, source: 'purchase' },
    })
    expect(res.status).toBe(403)
    const own = await enroll(student.token, free.id)
    const patch = await api('PATCH', `/api/enrollments/${own.id}`, {
      token: student.token,
      body: { progressPercentage: 100, completedAt: new Date().toISOString(), course: paid.id },
    })
    expect(patch.status).toBe(403)
    const stored = (await payload.findByID({ collection: 'enrollments', id: own.id })) as Enrollment
    expect(stored).toMatchObject({ progressPercentage: 0, completedAt: null })
    expect((await enrollmentsOf(student.user.id, paid.id)).totalDocs).toBe(0)
    expect(
      (await api('DELETE', `/api/enrollments/${own.id}`, { token: student.token })).status,
    ).toBe(403)
  })
})

describe('GET /api/courses/:id/enrollments', () => {
  let course: Course
  const students: TestUser[] = []

  beforeAll(async () => {
    course = track((await buildCourse(cast.educator.token)).course)
    students.push(await newStudent(), await newStudent(), await newStudent())
    for (const s of students) await enroll(s.token, course.id)
  })

  it('lists the enrollments to the owner in the pagination shape, without emails', async () => {
    const res = await api('GET', `/api/courses/${course.id}/enrollments`, {
      token: cast.educator.token,
    })
    expectStatus(res, 200)
    expect(res.body).toMatchObject({
      totalDocs: 3,
      page: 1,
      limit: 20,
      totalPages: 1,
      hasNextPage: false,
      hasPrevPage: false,
    })
    const ids = res.body.docs.map((e: { student: { id: string } }) => e.student.id).sort()
    expect(ids).toEqual(students.map((s) => s.user.id).sort())
    expect(res.body.docs[0]).toMatchObject({
      source: 'free',
      progressPercentage: 0,
      student: { fullName: 'Test student' },
    })
    const text = JSON.stringify(res.body)
    for (const s of students) expect(text).not.toContain(s.email)
  })

  it('paginates and rejects bad page parameters', async () => {
    const page = await api('GET', `/api/courses/${course.id}/enrollments?limit=2&page=2`, {
      token: cast.educator.token,
    })
    expectStatus(page, 200)
    expect(page.body).toMatchObject({ totalDocs: 3, page: 2, totalPages: 2, hasPrevPage: true })
    expect(page.body.docs).toHaveLength(1)
    for (const q of ['page=0', 'limit=1000', 'limit=abc']) {
      const res = await api('GET', `/api/courses/${course.id}/enrollments?${q}`, {
        token: cast.educator.token,
      })
      expect(res.status, q).toBe(400)
    }
  })

  it('lists them to an admin', async () => {
    const res = await api('GET', `/api/courses/${course.id}/enrollments`, {
      token: cast.admin.token,
    })
    expectStatus(res, 200)
    expect(res.body.totalDocs).toBe(3)
  })

  it('refuses enrolled students, other educators and institutions (403), anonymous (401)', async () => {
    for (const token of [
      students[0].token,
      cast.student.token,
      cast.otherEducator.token,
      cast.institution.token,
    ]) {
      const res = await api('GET', `/api/courses/${course.id}/enrollments`, { token })
      expect(res.status).toBe(403)
    }
    expect((await api('GET', `/api/courses/${course.id}/enrollments`)).status).toBe(401)
    expect(
      (
        await api('GET', `/api/courses/${crypto.randomUUID()}/enrollments`, {
          token: cast.admin.token,
        })
      ).status,
    ).toBe(404)
  })
})

describe('DELETE /api/courses/:id/enrollments/:userId', () => {
  let course: Course
  let quizLessonId: string
  let firstLessonId: string

  beforeAll(async () => {
    const built = await buildCourse(cast.educator.token, { quiz: { questions: THREE_QUESTIONS } })
    course = track(built.course)
    quizLessonId = built.quizLesson!.id
    firstLessonId = built.lessons[0].id
  })

  const remove = (studentId: string, token?: string) =>
    api('DELETE', `/api/courses/${course.id}/enrollments/${studentId}`, { token })

  it('lets a student leave a course, with their progress and attempts, and uncounts them', async () => {
    const student = await newStudent()
    const enrollment = await enroll(student.token, course.id)
    expectStatus(await completeLesson(student.token, course.id, firstLessonId), 200)
    expectStatus(await submitQuiz(student.token, course.id, quizLessonId, [2, 2, 2]), 201)
    const before = await totalEnrollments(course.id)
    const res = await remove(student.user.id, student.token)
    expectStatus(res, 200)
    expect((await enrollmentsOf(student.user.id, course.id)).totalDocs).toBe(0)
    expect(await totalEnrollments(course.id)).toBe(before! - 1)
    const where = { enrollment: { equals: enrollment.id } }
    expect((await payload.count({ collection: 'lesson-progress', where })).totalDocs).toBe(0)
    expect((await payload.count({ collection: 'quiz-attempts', where })).totalDocs).toBe(0)
    // Enrolling again starts over.
    const again = await api('POST', `/api/courses/${course.id}/enroll`, { token: student.token })
    expectStatus(again, 201)
    expect(again.body.doc.progressPercentage).toBe(0)
  })

  it('lets the owning educator and an admin remove a student', async () => {
    for (const remover of [cast.educator, cast.admin]) {
      const student = await newStudent()
      await enroll(student.token, course.id)
      expectStatus(await remove(student.user.id, remover.token), 200)
      expect((await enrollmentsOf(student.user.id, course.id)).totalDocs).toBe(0)
    }
  })

  it('refuses other students, other educators and institutions (403), anonymous (401)', async () => {
    const student = await newStudent()
    await enroll(student.token, course.id)
    for (const token of [cast.student.token, cast.otherEducator.token, cast.institution.token]) {
      expect((await remove(student.user.id, token)).status).toBe(403)
    }
    expect((await remove(student.user.id)).status).toBe(401)
    expect((await enrollmentsOf(student.user.id, course.id)).totalDocs).toBe(1)
  })

  it('answers 404 when the student is not enrolled or the id is malformed', async () => {
    expect((await remove(cast.otherStudent.user.id, cast.educator.token)).status).toBe(404)
    expect((await remove(cast.otherStudent.user.id, cast.otherStudent.token)).status).toBe(404)
    expect((await remove('not-a-uuid', cast.admin.token)).status).toBe(404)
  })
})

describe('GET /api/students/:id/enrollments', () => {
  let student: TestUser
  let courses: Course[]

  beforeAll(async () => {
    student = await newStudent()
    courses = [
      track((await buildCourse(cast.educator.token)).course),
      track((await buildCourse(cast.otherEducator.token)).course),
    ]
    for (const c of courses) await enroll(student.token, c.id)
  })

  const list = (id: string, token?: string, query = '') =>
    api('GET', `/api/students/${id}/enrollments${query}`, { token })

  it("lists the student's own enrollments, newest first, with course cards", async () => {
    const res = await list(student.user.id, student.token)
    expectStatus(res, 200)
    expect(res.body).toMatchObject({ totalDocs: 2, page: 1, hasNextPage: false })
    expect(res.body.docs.map((e: { course: Course }) => e.course.id)).toEqual(
      [...courses].reverse().map((c) => c.id),
    )
    expect(res.body.docs[0].course).toMatchObject({
      title: courses[1].title,
      courseType: 'microlearning',
    })
    const paged = await list(student.user.id, student.token, '?limit=1&page=2')
    expect(paged.body.docs.map((e: { course: Course }) => e.course.id)).toEqual([courses[0].id])
  })

  it('lists them to an admin', async () => {
    const res = await list(student.user.id, cast.admin.token)
    expectStatus(res, 200)
    expect(res.body.totalDocs).toBe(2)
  })

  it('refuses other students and even the course educator (403), anonymous (401)', async () => {
    for (const token of [cast.otherStudent.token, cast.educator.token, cast.institution.token]) {
      expect((await list(student.user.id, token)).status).toBe(403)
    }
    expect((await list(student.user.id)).status).toBe(401)
  })

  it('answers 404 for an unknown id or a user who is not a student', async () => {
    expect((await list(crypto.randomUUID(), cast.admin.token)).status).toBe(404)
    expect((await list(cast.educator.user.id, cast.admin.token)).status).toBe(404)
    expect((await list('abc', cast.admin.token)).status).toBe(404)
  })
})

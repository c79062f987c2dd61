import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Enrollment } from '../../src/payload-types'
import {
  addLesson,
  buildCourse,
  type BuiltCourse,
  completeLesson,
  completionJobs,
  deleteCourses,
  enroll,
  expectStatus,
  RIGHT_ANSWERS,
  submitQuiz,
  THREE_QUESTIONS,
} from '../helpers/courses'
import { api, errorMessage } from '../helpers/http'
import { getTestPayload } from '../helpers/payload'
import { createCast, createUser, deleteUsers, type TestUser } from '../helpers/users'

type Cast = Awaited<ReturnType<typeof createCast>>

let payload: Payload
let cast: Cast
const courseIds: string[] = []
const extraUsers: TestUser[] = []

/** What a course completion queued for the enrollment (one outbox row per completion). */
const eventsFor = (enrollmentId: string) => completionJobs(payload, enrollmentId)

async function newStudent() {
  const s = await createUser(payload, 'student')
  extraUsers.push(s)
  return s
}

async function course(options: Parameters<typeof buildCourse>[1] = {}): Promise<BuiltCourse> {
  const built = await buildCourse(cast.educator.token, options)
  courseIds.push(built.course.id)
  return built
}

const readEnrollment = (id: string) =>
  payload.findByID({ collection: 'enrollments', id, depth: 0 }) as Promise<Enrollment>

const progressRows = (enrollmentId: string, lessonId: string) =>
  payload.find({
    collection: 'lesson-progress',
    where: {
      and: [{ enrollment: { equals: enrollmentId } }, { lesson: { equals: lessonId } }],
    },
    depth: 0,
  })

const quizPath = (b: BuiltCourse, suffix = '') =>
  `/api/courses/${b.course.id}/lessons/${b.quizLesson!.id}/quiz${suffix}`

beforeAll(async () => {
  payload = await getTestPayload()
  cast = await createCast(payload)
})

afterAll(async () => {
  await deleteCourses(payload, courseIds)
  await deleteUsers(payload, ...extraUsers, ...Object.values(cast))
})

describe('POST /api/courses/:id/lessons/:lessonId/complete', () => {
  let three: BuiltCourse

  beforeAll(async () => {
    three = await course({ lessons: [{}, {}, {}] })
  })

  it('rounds the percentage: 1/3 → 33, 2/3 → 67, 3/3 → 100', async () => {
    const student = await newStudent()
    const enrollment = await enroll(student.token, three.course.id)
    const expected = [33, 67, 100]
    for (const [i, lesson] of three.lessons.entries()) {
      const res = await completeLesson(student.token, three.course.id, lesson.id)
      expectStatus(res, 200)
      expect(res.body).toEqual({
        completed: true,
        progressPercentage: expected[i],
        courseCompleted: i === 2,
      })
    }
    const stored = await readEnrollment(enrollment.id)
    expect(stored.progressPercentage).toBe(100)
    expect(stored.lastAccessedLesson).toBe(three.lessons[2].id)
  })

  it('is idempotent: one progress row, same percentage, time spent not added twice', async () => {
    const student = await newStudent()
    const enrollment = await enroll(student.token, three.course.id)
    const lessonId = three.lessons[0].id
    const first = await completeLesson(student.token, three.course.id, lessonId, {
      timeSpent: 120,
    })
    const second = await completeLesson(student.token, three.course.id, lessonId, {
      timeSpent: 120,
    })
    const third = await completeLesson(student.token, three.course.id, lessonId)
    for (const res of [first, second, third]) {
      expectStatus(res, 200)
      expect(res.body.progressPercentage).toBe(33)
    }
    const rows = await progressRows(enrollment.id, lessonId)
    expect(rows.totalDocs).toBe(1)
    expect(rows.docs[0]).toMatchObject({ completed: true, timeSpent: 120 })
    await completeLesson(student.token, three.course.id, lessonId, { timeSpent: 300 })
    expect((await progressRows(enrollment.id, lessonId)).docs[0].timeSpent).toBe(300)
  })

  it('answers 403 when not enrolled (even for the educator), 401 anonymous', async () => {
    const lessonId = three.lessons[0].id
    for (const token of [cast.otherStudent.token, cast.educator.token]) {
      const res = await completeLesson(token, three.course.id, lessonId)
      expect(res.status).toBe(403)
    }
    const anon = await api(
      'POST',
      `/api/courses/${three.course.id}/lessons/${lessonId}/complete`,
      {},
    )
    expect(anon.status).toBe(401)
  })

  it("answers 404 for an unknown lesson or another course's lesson", async () => {
    const student = await newStudent()
    await enroll(student.token, three.course.id)
    const other = await course({ lessons: [{}] })
    for (const lessonId of [crypto.randomUUID(), other.lessons[0].id, 'x']) {
      const res = await completeLesson(student.token, three.course.id, lessonId)
      expect(res.status, lessonId).toBe(404)
    }
  })

  it('answers 400 for a bad timeSpent or unknown fields', async () => {
    const student = await newStudent()
    await enroll(student.token, three.course.id)
    for (const body of [{ timeSpent: -1 }, { timeSpent: 'long' }, { timeSpent: 1.5 }, { x: 1 }]) {
      const res = await completeLesson(student.token, three.course.id, three.lessons[0].id, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
    }
  })

  it('keeps a drip-locked lesson closed (403, no content) until it opens', async () => {
    const dripped = await course({
      lessons: [{}, { availableAfterDays: 2, content: 'Day three material' }],
    })
    const student = await newStudent()
    const enrollment = await enroll(student.token, dripped.course.id)
    const locked = await completeLesson(student.token, dripped.course.id, dripped.lessons[1].id)
    expect(locked.status).toBe(403)
    expect(errorMessage(locked)).toMatch(/unlocks/)
    expect((await progressRows(enrollment.id, dripped.lessons[1].id)).totalDocs).toBe(0)
    const early = await api('GET', `/api/lessons/${dripped.lessons[1].id}`, {
      token: student.token,
    })
    expectStatus(early, 200)
    expect(early.body.title).toBe(dripped.lessons[1].title)
    expect(early.body.content ?? null).toBeNull()
    // The educator still sees it.
    const own = await api('GET', `/api/lessons/${dripped.lessons[1].id}`, {
      token: cast.educator.token,
    })
    expect(JSON.stringify(own.body.content)).toContain('Day three material')
    // Three days later (moving the enrollment date back), it can be completed.
    await payload.update({
      collection: 'enrollments',
      id: enrollment.id,
      data: { enrolledAt: new Date(Date.now() - 3 * 86_400_000).toISOString() },
    })
    const open = await completeLesson(student.token, dripped.course.id, dripped.lessons[1].id)
    expectStatus(open, 200)
    expect(open.body.progressPercentage).toBe(50)
    const readable = await api('GET', `/api/lessons/${dripped.lessons[1].id}`, {
      token: student.token,
    })
    expect(JSON.stringify(readable.body.content)).toContain('Day three material')
  })

  it('updates every enrollment when the educator adds or removes a lesson', async () => {
    const two = await course({ lessons: [{}, {}] })
    const student = await newStudent()
    const enrollment = await enroll(student.token, two.course.id)
    expect(
      (await completeLesson(student.token, two.course.id, two.lessons[0].id)).body
        .progressPercentage,
    ).toBe(50)
    const added = await addLesson(cast.educator.token, two.course.id)
    expect((await readEnrollment(enrollment.id)).progressPercentage).toBe(33)
    const progress = await api('GET', `/api/courses/${two.course.id}/progress`, {
      token: student.token,
    })
    expect(progress.body).toMatchObject({
      progressPercentage: 33,
      completedLessons: 1,
      totalLessons: 3,
    })
    expectStatus(
      await api('DELETE', `/api/courses/${two.course.id}/lessons/${added.id}`, {
        token: cast.educator.token,
      }),
      200,
    )
    expect((await readEnrollment(enrollment.id)).progressPercentage).toBe(50)
    // Removing a lesson the student completed removes its progress row too.
    expectStatus(
      await api('DELETE', `/api/courses/${two.course.id}/lessons/${two.lessons[0].id}`, {
        token: cast.educator.token,
      }),
      200,
    )
    expect((await readEnrollment(enrollment.id)).progressPercentage).toBe(0)
  })
})

describe('completion when the course shrinks', () => {
  it('completes an enrollment (once) when the only lesson left undone is deleted', async () => {
    const b = await course({ lessons: [{}, {}, {}] })
    const student = await newStudent()
    const enrollment = await enroll(student.token, b.course.id)
    await completeLesson(student.token, b.course.id, b.lessons[0].id)
    await completeLesson(student.token, b.course.id, b.lessons[1].id)
    const bystander = await newStudent()
    const other = await enroll(bystander.token, b.course.id)
    expectStatus(
      await api('DELETE', `/api/courses/${b.course.id}/lessons/${b.lessons[2].id}`, {
        token: cast.educator.token,
      }),
      200,
    )
    const stored = await readEnrollment(enrollment.id)
    expect(stored.progressPercentage).toBe(100)
    expect(stored.completedAt).toBeTruthy()
    expect(await eventsFor(enrollment.id)).toHaveLength(1)
    expect((await readEnrollment(other.id)).completedAt ?? null).toBeNull()
    const progress = await api('GET', `/api/courses/${b.course.id}/progress`, {
      token: student.token,
    })
    expect(progress.body).toMatchObject({
      progressPercentage: 100,
      completedAt: stored.completedAt,
    })
  })

  it('completes an enrollment when the quiz it had not passed is deleted', async () => {
    const b = await course({ lessons: [{}] })
    const quiz = await api('POST', '/api/quizzes', {
      token: cast.educator.token,
      body: { lesson: b.lessons[0].id, questions: THREE_QUESTIONS },
    })
    expectStatus(quiz, 201)
    const student = await newStudent()
    const enrollment = await enroll(student.token, b.course.id)
    expect((await completeLesson(student.token, b.course.id, b.lessons[0].id)).body).toMatchObject({
      progressPercentage: 100,
      courseCompleted: false,
    })
    expectStatus(
      await api('DELETE', `/api/quizzes/${quiz.body.doc.id}`, { token: cast.educator.token }),
      200,
    )
    expect((await readEnrollment(enrollment.id)).completedAt).toBeTruthy()
    expect(await eventsFor(enrollment.id)).toHaveLength(1)
  })
})

describe('GET /api/courses/:id/progress and /api/students/:id/progress', () => {
  let built: BuiltCourse
  let student: TestUser
  let enrollment: Enrollment

  beforeAll(async () => {
    built = await course({ lessons: [{}, {}, {}, {}] })
    student = await newStudent()
    enrollment = await enroll(student.token, built.course.id)
    await completeLesson(student.token, built.course.id, built.lessons[0].id, { timeSpent: 60 })
    await completeLesson(student.token, built.course.id, built.lessons[2].id, { timeSpent: 90 })
  })

  it("returns the caller's progress in the documented shape", async () => {
    const res = await api('GET', `/api/courses/${built.course.id}/progress`, {
      token: student.token,
    })
    expectStatus(res, 200)
    expect(res.body).toMatchObject({
      enrollmentId: enrollment.id,
      progressPercentage: 50,
      completedLessons: 2,
      totalLessons: 4,
      lastAccessedLesson: built.lessons[2].id,
      completedAt: null,
    })
    expect(res.body.lessons.map((l: { lesson: string }) => l.lesson).sort()).toEqual(
      [built.lessons[0].id, built.lessons[2].id].sort(),
    )
  })

  it('answers 403 when not enrolled, 401 anonymous, 404 for a draft or unknown course', async () => {
    for (const token of [cast.otherStudent.token, cast.educator.token]) {
      expect((await api('GET', `/api/courses/${built.course.id}/progress`, { token })).status).toBe(
        403,
      )
    }
    expect((await api('GET', `/api/courses/${built.course.id}/progress`)).status).toBe(401)
    expect(
      (
        await api('GET', `/api/courses/${crypto.randomUUID()}/progress`, {
          token: student.token,
        })
      ).status,
    ).toBe(404)
  })

  it("lists a student's progress per course to them and to admins", async () => {
    const other = await course({ lessons: [{}] })
    await enroll(student.token, other.course.id)
    for (const token of [student.token, cast.admin.token]) {
      const res = await api('GET', `/api/students/${student.user.id}/progress`, { token })
      expectStatus(res, 200)
      const rows = res.body.docs as { course: { id: string }; [k: string]: unknown }[]
      expect(rows.map((r) => r.course.id)).toEqual([other.course.id, built.course.id])
      expect(rows[1]).toMatchObject({
        enrollmentId: enrollment.id,
        course: { id: built.course.id, title: built.course.title },
        progressPercentage: 50,
        completedLessons: 2,
        totalLessons: 4,
        timeSpent: 150,
        completedAt: null,
      })
      expect(rows[0]).toMatchObject({ progressPercentage: 0, completedLessons: 0, totalLessons: 1 })
    }
  })

  it("refuses another student's or an educator's look (403), anonymous (401), unknown (404)", async () => {
    const path = `/api/students/${student.user.id}/progress`
    for (const token of [cast.otherStudent.token, cast.educator.token, cast.institution.token]) {
      expect((await api('GET', path, { token })).status).toBe(403)
    }
    expect((await api('GET', path)).status).toBe(401)
    expect(
      (
        await api('GET', `/api/students/${crypto.randomUUID()}/progress`, {
          token: cast.admin.token,
        })
      ).status,
    ).toBe(404)
  })
})

describe('quizzes: GET quiz, POST quiz/submit, GET quiz/results', () => {
  let built: BuiltCourse

  beforeAll(async () => {
    built = await course({
      lessons: [{}],
      quiz: { passingScore: 70, maxAttempts: 3, questions: THREE_QUESTIONS },
    })
  })

  it('shows an enrolled student the questions without the answer key, with attempts', async () => {
    const student = await newStudent()
    await enroll(student.token, built.course.id)
    const res = await api('GET', quizPath(built), { token: student.token })
    expectStatus(res, 200)
    expect(res.body).toMatchObject({
      id: built.quiz!.id,
      lesson: built.quizLesson!.id,
      passingScore: 70,
      maxAttempts: 3,
      attemptsUsed: 0,
      attemptsLeft: 3,
      passed: false,
    })
    expect(res.body.questions).toEqual(
      THREE_QUESTIONS.map((q, index) => ({ index, question: q.question, options: q.options })),
    )
    expect(JSON.stringify(res.body)).not.toContain('correctAnswer')
  })

  it('answers 403 when not enrolled, 401 anonymous, 404 for a lesson without a quiz', async () => {
    expect((await api('GET', quizPath(built), { token: cast.otherStudent.token })).status).toBe(403)
    expect((await api('GET', quizPath(built))).status).toBe(401)
    const student = await newStudent()
    await enroll(student.token, built.course.id)
    const noQuiz = await api(
      'GET',
      `/api/courses/${built.course.id}/lessons/${built.lessons[0].id}/quiz`,
      { token: student.token },
    )
    expect(noQuiz.status).toBe(404)
  })

  it('grades a submission on the server: 201 {score, passed, attemptNumber, attemptsLeft}', async () => {
    const student = await newStudent()
    await enroll(student.token, built.course.id)
    const res = await submitQuiz(student.token, built.course.id, built.quizLesson!.id, [0, 1, 0])
    expectStatus(res, 201)
    expect(res.body).toMatchObject({ score: 67, passed: false, attemptNumber: 1, attemptsLeft: 2 })
    expect(JSON.stringify(res.body)).not.toContain('correctAnswer')
  })

  it('answers 400 for malformed answers without using an attempt', async () => {
    const student = await newStudent()
    await enroll(student.token, built.course.id)
    const cases: [unknown, string][] = [
      [[0, 1], 'answers'],
      [[0, 1, 2, 0], 'answers'],
      [[0, 1, 3], 'answers.2'],
      [[0, -1, 2], 'answers.1'],
      [[0, 1.5, 2], 'answers.1'],
      [['0', '1', '2'], 'answers'],
      [[0, null, 2], 'answers'],
      ['0,1,2', 'answers'],
      [undefined, 'answers'],
    ]
    for (const [answers, field] of cases) {
      const res = await submitQuiz(student.token, built.course.id, built.quizLesson!.id, answers)
      expect(res.status, JSON.stringify(answers)).toBe(400)
      expect(errorMessage(res)).toContain(field)
    }
    const extra = await api('POST', quizPath(built, '/submit'), {
      token: student.token,
      body: { answers: RIGHT_ANSWERS, score: 100 },
    })
    expect(extra.status).toBe(400)
    const quiz = await api('GET', quizPath(built), { token: student.token })
    expect(quiz.body).toMatchObject({ attemptsUsed: 0, attemptsLeft: 3 })
  })

  it('answers 403 to students who are not enrolled and 401 anonymous', async () => {
    const res = await submitQuiz(
      cast.otherStudent.token,
      built.course.id,
      built.quizLesson!.id,
      RIGHT_ANSWERS,
    )
    expect(res.status).toBe(403)
    const anon = await api('POST', quizPath(built, '/submit'), { body: { answers: RIGHT_ANSWERS } })
    expect(anon.status).toBe(401)
  })

  it('answers 409 once maxAttempts are used', async () => {
    const strict = await course({
      lessons: [],
      quiz: { maxAttempts: 2, questions: THREE_QUESTIONS },
    })
    const student = await newStudent()
    await enroll(student.token, strict.course.id)
    const submit = (answers: number[]) =>
      submitQuiz(student.token, strict.course.id, strict.quizLesson!.id, answers)
    expect((await submit([2, 2, 2])).body).toMatchObject({ attemptNumber: 1, attemptsLeft: 1 })
    expect((await submit([2, 2, 2])).body).toMatchObject({ attemptNumber: 2, attemptsLeft: 0 })
    const third = await submit(RIGHT_ANSWERS)
    expect(third.status).toBe(409)
    expect(errorMessage(third)).toMatch(/attempts/)
    const quiz = await api('GET', quizPath(strict), { token: student.token })
    expect(quiz.body).toMatchObject({ attemptsUsed: 2, attemptsLeft: 0, passed: false })
    expect(
      (
        await payload.count({
          collection: 'quiz-attempts',
          where: {
            and: [{ quiz: { equals: strict.quiz!.id } }, { student: { equals: student.user.id } }],
          },
        })
      ).totalDocs,
    ).toBe(2)
  })

  it('refuses to complete a quiz lesson before the quiz is passed (409)', async () => {
    const student = await newStudent()
    await enroll(student.token, built.course.id)
    const early = await completeLesson(student.token, built.course.id, built.quizLesson!.id)
    expect(early.status).toBe(409)
    expect(errorMessage(early)).toMatch(/quiz/i)
    await submitQuiz(student.token, built.course.id, built.quizLesson!.id, [1, 1, 1])
    const stillEarly = await completeLesson(student.token, built.course.id, built.quizLesson!.id)
    expect(stillEarly.status).toBe(409)
  })

  it('answers 403 for a drip-locked quiz, to GET and submit', async () => {
    const dripped = await course({ lessons: [], quiz: { questions: THREE_QUESTIONS } })
    expectStatus(
      await api('PUT', `/api/courses/${dripped.course.id}/lessons/${dripped.quizLesson!.id}`, {
        token: cast.educator.token,
        body: { availableAfterDays: 7 },
      }),
      200,
    )
    const student = await newStudent()
    await enroll(student.token, dripped.course.id)
    const res = await submitQuiz(
      student.token,
      dripped.course.id,
      dripped.quizLesson!.id,
      RIGHT_ANSWERS,
    )
    expect(res.status).toBe(403)
    expect(errorMessage(res)).toMatch(/unlocks/)
    const shown = await api('GET', quizPath(dripped), { token: student.token })
    expect(shown.status).toBe(403)
    expect(JSON.stringify(shown.body)).not.toContain(THREE_QUESTIONS[0].question)
  })

  it('fails then passes within the attempts, completing the course and raising the event once', async () => {
    const student = await newStudent()
    const enrollment = await enroll(student.token, built.course.id)
    const reading = await completeLesson(student.token, built.course.id, built.lessons[0].id)
    expect(reading.body).toMatchObject({ progressPercentage: 50, courseCompleted: false })

    const fail = await submitQuiz(student.token, built.course.id, built.quizLesson!.id, [0, 0, 0])
    expectStatus(fail, 201)
    expect(fail.body).toMatchObject({ score: 33, passed: false, attemptNumber: 1, attemptsLeft: 2 })
    expect(fail.body.courseCompleted).toBe(false)
    expect((await readEnrollment(enrollment.id)).completedAt ?? null).toBeNull()

    const pass = await submitQuiz(
      student.token,
      built.course.id,
      built.quizLesson!.id,
      RIGHT_ANSWERS,
    )
    expectStatus(pass, 201)
    expect(pass.body).toMatchObject({
      score: 100,
      passed: true,
      attemptNumber: 2,
      attemptsLeft: 1,
      courseCompleted: true,
    })
    const stored = await readEnrollment(enrollment.id)
    expect(stored.progressPercentage).toBe(100)
    expect(Date.parse(stored.completedAt!)).toBeGreaterThan(Date.now() - 60_000)
    expect(await eventsFor(enrollment.id)).toHaveLength(1)

    const quiz = await api('GET', quizPath(built), { token: student.token })
    expect(quiz.body).toMatchObject({
      attemptsUsed: 2,
      attemptsLeft: 1,
      passed: true,
      bestScore: 100,
    })

    // Repeating work after completion changes nothing and raises nothing.
    const again = await completeLesson(student.token, built.course.id, built.lessons[0].id)
    expect(again.body).toMatchObject({ progressPercentage: 100, courseCompleted: true })
    const quizAgain = await completeLesson(student.token, built.course.id, built.quizLesson!.id)
    expectStatus(quizAgain, 200)
    const third = await submitQuiz(student.token, built.course.id, built.quizLesson!.id, [0, 0, 0])
    expectStatus(third, 201)
    expect(third.body.courseCompleted).toBe(true)
    expect((await readEnrollment(enrollment.id)).completedAt).toBe(stored.completedAt)
    expect(await eventsFor(enrollment.id)).toHaveLength(1)

    const progress = await api('GET', `/api/courses/${built.course.id}/progress`, {
      token: student.token,
    })
    expect(progress.body).toMatchObject({
      progressPercentage: 100,
      completedLessons: 2,
      totalLessons: 2,
      completedAt: stored.completedAt,
    })
  })

  it('completes the course when the last lesson comes after the quiz', async () => {
    const student = await newStudent()
    const enrollment = await enroll(student.token, built.course.id)
    const pass = await submitQuiz(
      student.token,
      built.course.id,
      built.quizLesson!.id,
      RIGHT_ANSWERS,
    )
    expect(pass.body).toMatchObject({ passed: true, courseCompleted: false })
    expect((await readEnrollment(enrollment.id)).progressPercentage).toBe(50)
    expect(await eventsFor(enrollment.id)).toHaveLength(0)
    const last = await completeLesson(student.token, built.course.id, built.lessons[0].id)
    expect(last.body).toEqual({ completed: true, progressPercentage: 100, courseCompleted: true })
    expect(await eventsFor(enrollment.id)).toHaveLength(1)
  })

  it('does not complete a course whose quiz (on a reading lesson) is not passed yet', async () => {
    const b = await course({ lessons: [{}] })
    const quiz = await api('POST', '/api/quizzes', {
      token: cast.educator.token,
      body: { lesson: b.lessons[0].id, questions: THREE_QUESTIONS },
    })
    expectStatus(quiz, 201)
    const student = await newStudent()
    const enrollment = await enroll(student.token, b.course.id)
    const done = await completeLesson(student.token, b.course.id, b.lessons[0].id)
    expect(done.body).toMatchObject({ progressPercentage: 100, courseCompleted: false })
    expect((await readEnrollment(enrollment.id)).completedAt ?? null).toBeNull()
    const pass = await submitQuiz(student.token, b.course.id, b.lessons[0].id, RIGHT_ANSWERS)
    expect(pass.body).toMatchObject({ passed: true, courseCompleted: true })
    expect(await eventsFor(enrollment.id)).toHaveLength(1)
  })

  it("shows a student only their own results, without the answer key; the educator sees everyone's", async () => {
    const [a, b] = [await newStudent(), await newStudent()]
    await enroll(a.token, built.course.id)
    await enroll(b.token, built.course.id)
    await submitQuiz(a.token, built.course.id, built.quizLesson!.id, [0, 0, 0])
    await submitQuiz(a.token, built.course.id, built.quizLesson!.id, RIGHT_ANSWERS)
    await submitQuiz(b.token, built.course.id, built.quizLesson!.id, [1, 1, 1])

    const own = await api('GET', quizPath(built, '/results'), { token: a.token })
    expectStatus(own, 200)
    expect(own.body).toMatchObject({
      totalDocs: 2,
      page: 1,
      passingScore: 70,
      maxAttempts: 3,
      passed: true,
    })
    expect(own.body.docs.map((d: { attemptNumber: number }) => d.attemptNumber)).toEqual([1, 2])
    expect(own.body.docs.map((d: { score: number }) => d.score)).toEqual([33, 100])
    expect(own.body.docs[1]).toMatchObject({ passed: true, answers: RIGHT_ANSWERS })
    expect(JSON.stringify(own.body)).not.toContain('correctAnswer')
    expect(JSON.stringify(own.body)).not.toContain(b.user.id)

    const staff = await api('GET', quizPath(built, '/results?limit=100'), {
      token: cast.educator.token,
    })
    expectStatus(staff, 200)
    const students = new Set(staff.body.docs.map((d: { student: { id: string } }) => d.student.id))
    expect(students).toContain(a.user.id)
    expect(students).toContain(b.user.id)
    const admin = await api('GET', quizPath(built, '/results'), { token: cast.admin.token })
    expectStatus(admin, 200)

    expect(
      (await api('GET', quizPath(built, '/results'), { token: cast.otherStudent.token })).status,
    ).toBe(403)
    expect(
      (await api('GET', quizPath(built, '/results'), { token: cast.otherEducator.token })).status,
    ).toBe(403)
    expect((await api('GET', quizPath(built, '/results'))).status).toBe(401)
  })
})

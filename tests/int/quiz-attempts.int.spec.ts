import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { drainJobs } from '../../src/jobs/relay'
import { sentEmails } from '../../src/services/email'
import { gradedEmailJobKey } from '../../src/services/learning/quiz'
import {
  addLesson,
  createCourse,
  deleteCourses,
  enroll,
  expectStatus,
  publishCourse,
  uniqueTitle,
} from '../helpers/courses'
import { api, errorMessage, graphql } from '../helpers/http'
import { getTestPayload } from '../helpers/payload'
import { createCast, createUser, deleteUsers, type TestUser } from '../helpers/users'

type Cast = Awaited<ReturnType<typeof createCast>>

let payload: Payload
let cast: Cast
let courseId: string
const students: TestUser[] = []

/** Key fields and key values that must never reach a student. */
const KEY_MARKERS = [
  'correctAnswer',
  'correctAnswers',
  'correctBoolean',
  'acceptedAnswers',
  'numericAnswer',
  'tolerance',
  'correctOrder',
  'correctMatches',
  'optionFeedback',
  'explanation',
  'SECRET-ACCEPTED',
  'SECRET-FEEDBACK',
]
const expectNoKey = (body: unknown, where: string) => {
  const text = JSON.stringify(body)
  for (const marker of KEY_MARKERS) expect(text, `${where}: ${marker}`).not.toContain(marker)
}

const MIXED = [
  {
    question: 'Pick b',
    options: ['a', 'b', 'c'],
    correctAnswer: 1,
    optionFeedback: ['SECRET-FEEDBACK a', '', ''],
  },
  { type: 'true_false', question: 'Water is wet', correctBoolean: true },
  {
    type: 'short_answer',
    question: 'Say the word',
    acceptedAnswers: ['SECRET-ACCEPTED'],
    explanation: 'because',
  },
  {
    type: 'multiple',
    question: 'Pick a and c',
    points: 2,
    options: ['a', 'b', 'c'],
    correctAnswers: [0, 2],
  },
]
const MIXED_RIGHT = [1, true, 'secret-accepted', [0, 2]]

async function newStudent() {
  const s = await createUser(payload, 'student')
  students.push(s)
  await enroll(s.token, courseId)
  return s
}

/** A quiz lesson in the test course with this quiz (REST, as the educator). */
async function quizLesson(quiz: Record<string, unknown>) {
  const lesson = await addLesson(cast.educator.token, courseId, {
    title: uniqueTitle('Quiz'),
    lessonType: 'quiz',
  })
  const res = await api('POST', '/api/quizzes', {
    token: cast.educator.token,
    body: { lesson: lesson.id, ...quiz },
  })
  expectStatus(res, 201)
  return { lessonId: lesson.id, quizId: res.body.doc.id as string }
}

const path = (lessonId: string, suffix: string) =>
  `/api/courses/${courseId}/lessons/${lessonId}/quiz/${suffix}`
const start = (token: string, lessonId: string) => api('POST', path(lessonId, 'start'), { token })
const submit = (token: string, lessonId: string, body: Record<string, unknown>) =>
  api('POST', path(lessonId, 'submit'), { token, body })

let bankId: string
let mixed: { lessonId: string; quizId: string }
let drawn: { lessonId: string; quizId: string }
let timed: { lessonId: string; quizId: string }
let essay: { lessonId: string; quizId: string }

beforeAll(async () => {
  payload = await getTestPayload()
  cast = await createCast(payload)
  const course = await createCourse(cast.educator.token)
  courseId = course.id
  await addLesson(cast.educator.token, courseId)
  const bank = await api('POST', '/api/question-banks', {
    token: cast.educator.token,
    body: {
      title: 'Bank',
      course: courseId,
      questions: [
        ...Array.from({ length: 6 }, (_, i) => ({
          question: `Algebra ${i}`,
          options: ['x', 'y'],
          correctAnswer: 0,
          tags: ['algebra'],
        })),
        ...Array.from({ length: 6 }, (_, i) => ({
          type: 'short_answer',
          question: `Geometry ${i}`,
          numericAnswer: 90,
          tolerance: 0.5,
          tags: ['geometry'],
        })),
      ],
    },
  })
  expectStatus(bank, 201)
  bankId = bank.body.doc.id
  mixed = await quizLesson({ questions: MIXED, maxAttempts: 3, showAnswers: 'never' })
  drawn = await quizLesson({
    draws: [{ bank: bankId, count: 3, tag: 'algebra' }],
    shuffle: true,
    maxAttempts: 5,
  })
  timed = await quizLesson({ questions: MIXED, timeLimitSeconds: 60, maxAttempts: 5 })
  essay = await quizLesson({
    questions: [MIXED[0], { type: 'essay', question: 'Discuss', points: 3 }],
    passingScore: 70,
  })
  await publishCourse(cast.educator.token, courseId)
})

afterAll(async () => {
  await deleteCourses(payload, [courseId])
  await deleteUsers(payload, ...students, ...Object.values(cast))
})

describe('POST .../quiz/start and submit with an attempt', () => {
  it('draws N questions by tag, fixed for the attempt: re-start returns the same open attempt', async () => {
    const student = await newStudent()
    const first = await start(student.token, drawn.lessonId)
    expectStatus(first, 201)
    expect(first.body).toMatchObject({ resumed: false, deadline: null, attemptNumber: 1 })
    expect(first.body.questions).toHaveLength(3)
    for (const q of first.body.questions) expect(q.question).toMatch(/^Algebra/)
    expect(new Set(first.body.questions.map((q: { id: string }) => q.id)).size).toBe(3)
    expectNoKey(first.body, 'start')

    const again = await start(student.token, drawn.lessonId)
    expectStatus(again, 200)
    expect(again.body).toMatchObject({ resumed: true, attemptId: first.body.attemptId })
    expect(again.body.questions).toEqual(first.body.questions)

    // A quiz that draws cannot be submitted without its attempt.
    const bare = await submit(student.token, drawn.lessonId, { answers: [0, 0, 0] })
    expect(bare.status).toBe(400)
    expect(errorMessage(bare)).toMatch(/^attemptId/)

    const done = await submit(student.token, drawn.lessonId, {
      attemptId: first.body.attemptId,
      answers: first.body.questions.map((q: { options: string[] }) => q.options.indexOf('x')),
    })
    expectStatus(done, 201)
    expect(done.body).toMatchObject({ status: 'graded', score: 100, passed: true })

    // Repeating the submission is refused and changes nothing.
    const repeat = await submit(student.token, drawn.lessonId, {
      attemptId: first.body.attemptId,
      answers: [1, 1, 1],
    })
    expect(repeat.status).toBe(409)
    const stored = await payload.findByID({ collection: 'quiz-attempts', id: first.body.attemptId })
    expect(stored.score).toBe(100)

    // Another student's attempt id is not theirs to answer.
    const other = await newStudent()
    const stolen = await submit(other.token, drawn.lessonId, {
      attemptId: first.body.attemptId,
      answers: [0, 0, 0],
    })
    expect(stolen.status).toBe(404)
  })

  it('starts once under concurrent starts (one open attempt)', async () => {
    const student = await newStudent()
    const results = await Promise.all([1, 2, 3].map(() => start(student.token, drawn.lessonId)))
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 201])
    expect(new Set(results.map((r) => r.body.attemptId)).size).toBe(1)
  })

  it('takes one of two simultaneous submissions of an attempt; the other gets 409', async () => {
    const student = await newStudent()
    const started = await start(student.token, timed.lessonId)
    expectStatus(started, 201)
    const body = { attemptId: started.body.attemptId, answers: MIXED_RIGHT }
    const results = await Promise.all([1, 2].map(() => submit(student.token, timed.lessonId, body)))
    expect(results.map((r) => r.status).sort()).toEqual([201, 409])
  })

  it('enforces the time limit on the server: 409 after the deadline (with ~2 s grace)', async () => {
    const student = await newStudent()
    const started = await start(student.token, timed.lessonId)
    expectStatus(started, 201)
    const deadline = Date.parse(started.body.deadline)
    expect(deadline).toBeGreaterThan(Date.now() + 55_000)
    expect(deadline).toBeLessThanOrEqual(Date.now() + 60_000)

    const setDeadline = (id: string, msAgo: number) =>
      payload.update({
        collection: 'quiz-attempts',
        id,
        data: { deadline: new Date(Date.now() - msAgo).toISOString() },
      })
    // Within the grace: accepted.
    await setDeadline(started.body.attemptId, 500)
    const inGrace = await submit(student.token, timed.lessonId, {
      attemptId: started.body.attemptId,
      answers: MIXED_RIGHT,
    })
    expectStatus(inGrace, 201)

    const late = await start(student.token, timed.lessonId)
    expectStatus(late, 201)
    await setDeadline(late.body.attemptId, 5_000)
    const refused = await submit(student.token, timed.lessonId, {
      attemptId: late.body.attemptId,
      answers: MIXED_RIGHT,
    })
    expect(refused.status).toBe(409)
    expect(errorMessage(refused)).toMatch(/time/)

    // Starting again closes the expired attempt with nothing answered and opens a new one.
    const next = await start(student.token, timed.lessonId)
    expectStatus(next, 201)
    expect(next.body.attemptNumber).toBe(3)
    const closed = await payload.findByID({ collection: 'quiz-attempts', id: late.body.attemptId })
    expect(closed).toMatchObject({ status: 'graded', score: 0, passed: false })

    // A timed quiz cannot be answered without starting it.
    const bare = await submit(student.token, timed.lessonId, { answers: MIXED_RIGHT })
    expect(bare.status).toBe(400)
  })

  it('still takes the one-step submit for a quiz without banks or time limit, for every type', async () => {
    const student = await newStudent()
    const wrong = await submit(student.token, mixed.lessonId, {
      answers: [0, false, 'nope', [0]],
    })
    expectStatus(wrong, 201)
    expect(wrong.body).toMatchObject({
      status: 'graded',
      score: 0,
      passed: false,
      attemptNumber: 1,
    })
    const right = await submit(student.token, mixed.lessonId, { answers: MIXED_RIGHT })
    expectStatus(right, 201)
    expect(right.body).toMatchObject({ score: 100, passed: true, attemptNumber: 2 })
    const malformed = await submit(student.token, mixed.lessonId, {
      answers: [1, 'yes', 'x', [0, 2]],
    })
    expect(malformed.status).toBe(400)
    expect(errorMessage(malformed)).toContain('answers.1')
  })
})

describe('showAnswers', () => {
  it('never: no review, not even on a pass on the last attempt', async () => {
    const student = await newStudent()
    await submit(student.token, mixed.lessonId, { answers: [0, false, '', [0]] })
    await submit(student.token, mixed.lessonId, { answers: [0, false, '', [0]] })
    const last = await submit(student.token, mixed.lessonId, { answers: MIXED_RIGHT })
    expectStatus(last, 201)
    expect(last.body).toMatchObject({ passed: true, attemptsLeft: 0 })
    expect(last.body.review).toBeUndefined()
    expectNoKey(last.body, 'submit (never)')
  })

  it('after_pass: the key and feedback once passed, nothing on a fail', async () => {
    const q = await quizLesson({ questions: MIXED, showAnswers: 'after_pass', scoring: 'partial' })
    const student = await newStudent()
    const fail = await submit(student.token, q.lessonId, { answers: [0, false, '', [0]] })
    expect(fail.body.passed).toBe(false)
    expectNoKey(fail.body, 'submit (after_pass, failed)')
    const pass = await submit(student.token, q.lessonId, {
      answers: [1, true, 'secret-accepted', [0]],
    })
    // Partial credit: one of the two right options earns 1 of 2 points → 4 of 5.
    expect(pass.body).toMatchObject({ passed: true, score: 80 })
    expect(pass.body.review).toHaveLength(4)
    expect(pass.body.review[0]).toMatchObject({ answer: 1, correct: true, correctAnswer: 1 })
    expect(pass.body.review[2]).toMatchObject({
      acceptedAnswers: ['SECRET-ACCEPTED'],
      explanation: 'because',
    })
    expect(pass.body.review[3]).toMatchObject({ earned: 1, correct: false, correctAnswers: [0, 2] })
  })

  it('after_last_attempt: only when no attempt is left, passed or not', async () => {
    const q = await quizLesson({
      questions: MIXED,
      showAnswers: 'after_last_attempt',
      maxAttempts: 2,
    })
    const student = await newStudent()
    const first = await submit(student.token, q.lessonId, { answers: MIXED_RIGHT })
    expect(first.body).toMatchObject({ passed: true, attemptsLeft: 1 })
    expectNoKey(first.body, 'submit (after_last_attempt, attempts left)')
    const last = await submit(student.token, q.lessonId, { answers: [0, false, '', [0]] })
    expect(last.body).toMatchObject({ passed: false, attemptsLeft: 0 })
    expect(last.body.review[0]).toMatchObject({
      answer: 0,
      correctAnswer: 1,
      feedback: ['SECRET-FEEDBACK a'],
    })
  })
})

describe('essays: pending until the educator grades them', () => {
  it('grades, recomputes score and pass, completes the lesson and emails the student once', async () => {
    const student = await newStudent()
    const started = await start(student.token, essay.lessonId)
    expectStatus(started, 201)
    const res = await submit(student.token, essay.lessonId, {
      attemptId: started.body.attemptId,
      answers: [1, 'My essay'],
    })
    expectStatus(res, 201)
    expect(res.body).toMatchObject({ status: 'pending', score: null, passed: false })
    const attemptId = started.body.attemptId as string
    const essayId = started.body.questions[1].id as string
    const gradePath = `/api/quiz-attempts/${attemptId}/grade`
    const body = { grades: [{ questionId: essayId, points: 2 }] }

    expect((await api('POST', gradePath, { body })).status).toBe(401)
    for (const token of [student.token, cast.otherEducator.token]) {
      expect((await api('POST', gradePath, { token, body })).status).toBe(403)
    }
    expect(
      (
        await api('POST', `/api/quiz-attempts/${crypto.randomUUID()}/grade`, {
          token: cast.educator.token,
          body,
        })
      ).status,
    ).toBe(404)
    const tooMany = await api('POST', gradePath, {
      token: cast.educator.token,
      body: { grades: [{ questionId: essayId, points: 4 }] },
    })
    expect(tooMany.status).toBe(400)
    expect(errorMessage(tooMany)).toContain('grades.0.points')

    const graded = await api('POST', gradePath, { token: cast.educator.token, body })
    expectStatus(graded, 200)
    // 1 + 2 of 1 + 3 points
    expect(graded.body).toMatchObject({ status: 'graded', score: 75, passed: true })
    const again = await api('POST', gradePath, { token: cast.educator.token, body })
    expect(again.status).toBe(409)

    const outbox = await payload.find({
      collection: 'outbox',
      where: { key: { equals: gradedEmailJobKey(attemptId) } },
      overrideAccess: true,
    })
    expect(outbox.totalDocs).toBe(1)
    await drainJobs(payload)
    const mails = sentEmails().filter((m) => m.to === student.email)
    expect(mails).toHaveLength(1)
    expect(mails[0].subject).toMatch(/graded/)
    expect(mails[0].html).toContain('75%')

    const stored = await payload.findByID({ collection: 'quiz-attempts', id: attemptId })
    expect(stored.notifiedAt).toBeTruthy()
    const progress = await payload.find({
      collection: 'lesson-progress',
      where: {
        and: [{ lesson: { equals: essay.lessonId } }, { student: { equals: student.user.id } }],
      },
    })
    expect(progress.docs[0]?.completed).toBe(true)
  })

  it('an empty essay needs no grading (0 points at once)', async () => {
    const student = await newStudent()
    const res = await submit(student.token, essay.lessonId, { answers: [1, '  '] })
    expectStatus(res, 201)
    expect(res.body).toMatchObject({ status: 'graded', score: 25, passed: false })
  })
})

describe('no answer key for students, in any response', () => {
  let student: TestUser
  let attemptId: string

  beforeAll(async () => {
    student = await newStudent()
    const started = await start(student.token, timed.lessonId)
    attemptId = started.body.attemptId
    await submit(student.token, timed.lessonId, { attemptId, answers: MIXED_RIGHT })
  })

  it('our endpoints: GET quiz, start, results', async () => {
    const quiz = await api('GET', `/api/courses/${courseId}/lessons/${mixed.lessonId}/quiz`, {
      token: student.token,
    })
    expectStatus(quiz, 200)
    expect(quiz.body.questions[1]).toMatchObject({ type: 'true_false', options: ['True', 'False'] })
    expectNoKey(quiz.body, 'GET quiz')
    const results = await api('GET', path(timed.lessonId, 'results'), { token: student.token })
    expectStatus(results, 200)
    expect(results.body.docs[0]).toMatchObject({ status: 'graded', score: 100 })
    expectNoKey(results.body, 'results')
  })

  it('Payload REST: quizzes and banks closed, attempts without questions or results', async () => {
    const list = await api('GET', '/api/quizzes', { token: student.token })
    expect([200, 403]).toContain(list.status)
    expectNoKey(list.body, 'REST quizzes')
    expect(list.body.docs ?? []).toHaveLength(0)
    const one = await api('GET', `/api/quizzes/${mixed.quizId}`, { token: student.token })
    expect([403, 404]).toContain(one.status)
    const banks = await api('GET', `/api/question-banks/${bankId}`, { token: student.token })
    expect([403, 404]).toContain(banks.status)
    for (const token of [student.token, cast.otherEducator.token]) {
      const made = await api('POST', '/api/question-banks', {
        token,
        body: { title: 'Mine now', course: courseId, questions: [] },
      })
      expect(made.status).toBe(403)
    }
    const attempt = await api('GET', `/api/quiz-attempts/${attemptId}`, { token: student.token })
    expectStatus(attempt, 200)
    expect(attempt.body.score).toBe(100)
    expect(attempt.body.questions).toBeUndefined()
    expect(attempt.body.results).toBeUndefined()
    expectNoKey(attempt.body, 'REST attempt')
    // The educator does see the key (the check above can fail).
    const staff = await api('GET', `/api/quizzes/${mixed.quizId}`, { token: cast.educator.token })
    expect(staff.body.questions[0].correctAnswer).toBe(1)
    const staffAttempt = await api('GET', `/api/quiz-attempts/${attemptId}`, {
      token: cast.educator.token,
    })
    expect(JSON.stringify(staffAttempt.body.questions)).toContain('SECRET-ACCEPTED')
  })

  it('GraphQL: no quizzes or banks, attempts without questions or results', async () => {
    const res = await graphql(
      `
        {
          Quizzes {
            docs {
              id
              questions {
                question
                correctAnswer
                acceptedAnswers
              }
            }
          }
          QuestionBanks {
            docs {
              id
            }
          }
          QuizAttempts {
            docs {
              id
              score
              questions
              results
            }
          }
        }
      `,
      {},
      { token: student.token },
    )
    expectNoKey(res.body, 'GraphQL')
    const attempts = res.body.data?.QuizAttempts?.docs ?? []
    expect(attempts.length).toBeGreaterThan(0)
    for (const a of attempts) {
      expect(a.questions ?? null).toBeNull()
      expect(a.results ?? null).toBeNull()
    }
    expect(res.body.data?.Quizzes?.docs ?? []).toHaveLength(0)
    expect(res.body.data?.QuestionBanks?.docs ?? []).toHaveLength(0)
  })
})

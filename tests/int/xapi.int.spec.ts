import { createLocalReq, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { jobs } from '../../src/jobs'
import { drainJobs } from '../../src/jobs/relay'
import { SCHEDULES } from '../../src/jobs/schedules'
import { execute, sql } from '../../src/lib/sql'
import { forwardEvents, publicBaseUrl, statementIdFor } from '../../src/services/analytics/xapi'
import {
  buildCourse,
  completeLesson,
  deleteCourses,
  enroll,
  expectStatus,
  RIGHT_ANSWERS,
  submitQuiz,
  THREE_QUESTIONS,
  type BuiltCourse,
} from '../helpers/courses'
import { api } from '../helpers/http'
import { getTestPayload } from '../helpers/payload'
import { createUser, deleteUsers, type TestUser } from '../helpers/users'
import { startFakeLrs, type FakeLrs } from '../fakes/lrs'

const ENV = ['XAPI_ENDPOINT', 'XAPI_USERNAME', 'XAPI_PASSWORD'] as const
const savedEnv = Object.fromEntries(ENV.map((k) => [k, process.env[k]]))

let payload: Payload
let lrs: FakeLrs
let educator: TestUser
let built: BuiltCourse
const students: TestUser[] = []

type EventRow = {
  id: string
  event_type: string
  forwarded_at: Date | string | null
  created_at: Date | string
  event_data: Record<string, unknown>
}

/** The analytics events of these users (other test files write to the same table meanwhile). */
const eventsOf = async (...users: TestUser[]) =>
  execute<EventRow>(
    await createLocalReq({}, payload),
    sql`select id, event_type, forwarded_at, created_at, event_data from analytics_events
        where user_id in (${sql.join(
          users.map((u) => sql`${u.user.id}`),
          sql`, `,
        )})
        order by created_at, id`,
  )

/** Only the students this file created: never forward another suite's events. */
const mine = (batchSize?: number) => ({
  batchSize,
  where: { userIds: students.map((s) => s.user.id) },
})

const statementOf = (event: EventRow) => lrs.statements.get(statementIdFor(event.id))

async function newStudent() {
  const student = await createUser(payload, 'student')
  students.push(student)
  return student
}

/** Statement ids POSTed or PUT since request `from` (a batch's or a single statement's). */
const sentIds = (from = 0) =>
  lrs.requests
    .slice(from)
    .flatMap((r) => (Array.isArray(r.body) ? r.body : r.body ? [r.body] : []))
    .map((s) => s.id as string)

beforeAll(async () => {
  payload = await getTestPayload()
  lrs = await startFakeLrs({ username: 'lrs-key', password: 's3cret-pa55' })
  // A trailing slash, as people paste endpoints.
  process.env.XAPI_ENDPOINT = `${lrs.url}/`
  process.env.XAPI_USERNAME = lrs.username
  process.env.XAPI_PASSWORD = lrs.password
  educator = await createUser(payload, 'educator')
  built = await buildCourse(educator.token, {
    lessons: [{}, {}],
    quiz: { passingScore: 70, maxAttempts: 3, questions: THREE_QUESTIONS },
  })
})

afterAll(async () => {
  for (const key of ENV) {
    if (savedEnv[key] === undefined) delete process.env[key]
    else process.env[key] = savedEnv[key]
  }
  await deleteCourses(payload, [built?.course.id])
  await deleteUsers(payload, educator, ...students)
  await lrs?.close()
})

/** The student opens the course page (GET /api/courses/:id): a course_view event. */
const openCourse = async (token: string, courseId: string) =>
  expect((await api('GET', `/api/courses/${courseId}`, { token })).status).toBe(200)

describe('xAPI forwarding', () => {
  it("turns a student's learning into statements with the right verbs, actor and results", async () => {
    const student = await newStudent()
    const { course, lessons, quizLesson } = built
    await enroll(student.token, course.id)
    await openCourse(student.token, course.id)
    expectStatus(
      await completeLesson(student.token, course.id, lessons[0].id, { timeSpent: 90 }),
      200,
    )
    expectStatus(
      await completeLesson(student.token, course.id, lessons[1].id, { timeSpent: 3725 }),
      200,
    )
    const failed = await submitQuiz(student.token, course.id, quizLesson!.id, [1, 2, 0])
    expect(failed.body).toMatchObject({ score: 0, passed: false })
    const passed = await submitQuiz(student.token, course.id, quizLesson!.id, RIGHT_ANSWERS)
    expect(passed.body).toMatchObject({ score: 100, passed: true, courseCompleted: true })
    await drainJobs(payload) // the certificate
    // A signed-in search: an event with no learning record, marked forwarded all the same.
    expectStatus(
      await api('GET', `/api/courses/explore?q=${encodeURIComponent(course.title)}`, {
        token: student.token,
      }),
      200,
    )

    // Events of one transaction can share a millisecond: found by type and data, not by order.
    const events = await eventsOf(student)
    expect(events.map((e) => e.event_type).sort()).toEqual(
      [
        'course_view', // the student opened the course page
        'enroll',
        'lesson_complete',
        'lesson_complete',
        'lesson_complete', // the quiz lesson, once passed
        'quiz_submit',
        'quiz_submit',
        'course_complete',
        'certificate_issued',
        'search',
      ].sort(),
    )
    expect(events.every((e) => e.forwarded_at === null)).toBe(true)
    const find = (type: string, data: Record<string, unknown> = {}) => {
      const found = events.filter(
        (e) =>
          e.event_type === type && Object.entries(data).every(([k, v]) => e.event_data[k] === v),
      )
      expect(found).toHaveLength(1)
      return found[0]
    }

    const before = lrs.requests.length
    expect(await forwardEvents(payload, mine())).toEqual({ sent: 9, skipped: 1 })

    // One batch, with the version header, Basic auth and JSON, to <endpoint>/statements.
    const posts = lrs.requests.slice(before)
    expect(posts).toHaveLength(1)
    expect(posts[0]).toMatchObject({ method: 'POST', path: '/xapi/statements', status: 200 })
    expect(posts[0].headers).toMatchObject({
      'x-experience-api-version': '1.0.3',
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from('lrs-key:s3cret-pa55').toString('base64')}`,
    })
    expect(posts[0].body.map((s: { id: string }) => s.id).sort()).toEqual(
      events
        .filter((e) => e.event_type !== 'search')
        .map((e) => statementIdFor(e.id))
        .sort(),
    )

    const base = publicBaseUrl()
    const courseIri = `${base}/courses/${course.id}`
    const search = find('search')
    expect(statementOf(search)).toBeUndefined() // no learning record
    const statements = events.filter((e) => e !== search).map(statementOf)
    for (const s of statements) {
      expect(s!.actor).toEqual({
        objectType: 'Agent',
        account: { homePage: base, name: student.user.id },
      })
      expect(s!.context.platform).toBe('The Ready Lab')
      expect(Date.parse(s!.timestamp)).not.toBeNaN()
    }
    expect(JSON.stringify(statements)).not.toContain(student.email)

    const adl = (verb: string) => ({
      id: `http://adlnet.gov/expapi/verbs/${verb}`,
      display: { 'en-US': verb },
    })
    const courseActivity = {
      objectType: 'Activity',
      id: courseIri,
      definition: {
        type: 'http://adlnet.gov/expapi/activities/course',
        name: { 'en-US': course.title },
      },
    }
    expect(statementOf(find('course_view'))).toMatchObject({
      verb: adl('experienced'),
      object: courseActivity,
    })
    const registered = statementOf(find('enroll'))!
    expect(registered.verb).toEqual(adl('registered'))
    expect(registered.object).toEqual(courseActivity)
    expect(registered.timestamp).toBe(new Date(find('enroll').created_at).toISOString())

    const lesson1 = statementOf(find('lesson_complete', { lessonId: lessons[0].id }))!
    expect(lesson1.verb).toEqual(adl('completed'))
    expect(lesson1.object).toEqual({
      objectType: 'Activity',
      id: `${courseIri}/lessons/${lessons[0].id}`,
      definition: {
        type: 'http://adlnet.gov/expapi/activities/lesson',
        name: { 'en-US': lessons[0].title },
      },
    })
    expect(lesson1.result).toEqual({ completion: true, duration: 'PT1M30S' })
    expect(lesson1.context.contextActivities).toEqual({ parent: [courseActivity] })
    const lesson2 = statementOf(find('lesson_complete', { lessonId: lessons[1].id }))!
    expect(lesson2.result).toEqual({ completion: true, duration: 'PT1H2M5S' })

    const quizIri = `${courseIri}/quizzes/${built.quiz!.id}`
    expect(statementOf(find('quiz_submit', { passed: false }))).toMatchObject({
      verb: adl('failed'),
      object: {
        id: quizIri,
        definition: {
          type: 'http://adlnet.gov/expapi/activities/assessment',
          name: { 'en-US': quizLesson!.title },
        },
      },
      result: { score: { scaled: 0, raw: 0, min: 0, max: 100 }, success: false },
    })
    expect(statementOf(find('quiz_submit', { passed: true }))).toMatchObject({
      verb: adl('passed'),
      object: { id: quizIri },
      result: { score: { scaled: 1, raw: 100, min: 0, max: 100 }, success: true },
    })
    expect(statementOf(find('lesson_complete', { lessonId: quizLesson!.id }))).toMatchObject({
      verb: adl('completed'),
      object: { id: `${courseIri}/lessons/${quizLesson!.id}` },
    })
    expect(statementOf(find('course_complete'))).toMatchObject({
      verb: adl('completed'),
      object: courseActivity,
      result: { completion: true },
    })
    expect(statementOf(find('certificate_issued'))).toMatchObject({
      verb: { id: 'https://w3id.org/xapi/adl/verbs/satisfied' },
      object: courseActivity,
      result: { success: true },
    })

    // Every row is marked, the search too; a second run finds nothing and sends nothing.
    expect((await eventsOf(student)).every((e) => e.forwarded_at !== null)).toBe(true)
    const requests = lrs.requests.length
    expect(await forwardEvents(payload, mine())).toEqual({ sent: 0, skipped: 0 })
    expect(lrs.requests.length).toBe(requests)
  })

  it('leaves rows unforwarded through an LRS outage and resends the same statement ids', async () => {
    const student = await newStudent()
    await enroll(student.token, built.course.id)
    await openCourse(student.token, built.course.id)
    await completeLesson(student.token, built.course.id, built.lessons[0].id, { timeSpent: 30 })
    const events = await eventsOf(student)
    expect(events.map((e) => e.event_type).sort()).toEqual([
      'course_view',
      'enroll',
      'lesson_complete',
    ])
    const stored = lrs.statements.size

    // Down: the run fails, nothing is stored, nothing is marked.
    lrs.failNext(503)
    let from = lrs.requests.length
    const outage = forwardEvents(payload, mine())
    await expect(outage).rejects.toThrow(/answered 503/)
    const message = await outage.catch((err: Error) => err.message)
    expect(message).not.toContain('s3cret-pa55')
    expect(message).not.toContain(Buffer.from('lrs-key:s3cret-pa55').toString('base64'))
    const triedIds = sentIds(from)
    expect(triedIds).toEqual(events.map((e) => statementIdFor(e.id)))
    expect(lrs.statements.size).toBe(stored)
    expect((await eventsOf(student)).every((e) => e.forwarded_at === null)).toBe(true)

    // Back: the next run sends the same statements, by the same ids.
    from = lrs.requests.length
    expect(await forwardEvents(payload, mine())).toEqual({ sent: 3, skipped: 0 })
    expect(sentIds(from)).toEqual(triedIds)
    expect(lrs.statements.size).toBe(stored + 3)
    expect((await eventsOf(student)).every((e) => e.forwarded_at !== null)).toBe(true)

    // Stored but the answer was lost: the resend is accepted once, without a duplicate.
    await completeLesson(student.token, built.course.id, built.lessons[1].id, { timeSpent: 40 })
    lrs.failNext(502, { afterStoring: true })
    from = lrs.requests.length
    await expect(forwardEvents(payload, mine())).rejects.toThrow(/answered 502/)
    expect(lrs.statements.size).toBe(stored + 4)
    expect(await forwardEvents(payload, mine())).toEqual({ sent: 1, skipped: 0 })
    const resent = sentIds(from)
    expect(resent).toHaveLength(2)
    expect(new Set(resent).size).toBe(1)
    expect(lrs.statements.size).toBe(stored + 4)
    // The LRS holds each event's statement exactly once.
    const all = await eventsOf(student)
    expect(all.map((e) => statementOf(e)?.id)).toEqual(all.map((e) => statementIdFor(e.id)))
  })

  it('a 409 (an id stored with other content) sends the rest one by one and marks all', async () => {
    const student = await newStudent()
    await enroll(student.token, built.course.id)
    await openCourse(student.token, built.course.id)
    await completeLesson(student.token, built.course.id, built.lessons[0].id, { timeSpent: 5 })
    const events = await eventsOf(student)
    const [viewed, enrolled, completed] = ['course_view', 'enroll', 'lesson_complete'].map((type) =>
      events.find((e) => e.event_type === type)!,
    )
    // The LRS already has the enrollment's id, as an older statement of it.
    const older = {
      id: statementIdFor(enrolled.id),
      actor: { objectType: 'Agent', account: { homePage: 'https://old.example', name: 'x' } },
      verb: { id: 'http://adlnet.gov/expapi/verbs/registered', display: { 'en-US': 'registered' } },
      object: { objectType: 'Activity', id: 'https://old.example/course' },
      timestamp: new Date().toISOString(),
    }
    lrs.statements.set(older.id, older)
    const from = lrs.requests.length
    expect(await forwardEvents(payload, mine())).toEqual({ sent: 3, skipped: 0 })
    const [post, ...puts] = lrs.requests.slice(from)
    expect(post).toMatchObject({ method: 'POST', status: 409 })
    expect(
      Object.fromEntries(puts.map((r) => [r.query.statementId, [r.method, r.status]])),
    ).toEqual({
      [statementIdFor(viewed.id)]: ['PUT', 204],
      [statementIdFor(enrolled.id)]: ['PUT', 409],
      [statementIdFor(completed.id)]: ['PUT', 204],
    })
    expect(lrs.statements.get(older.id)).toBe(older) // never overwritten
    expect(statementOf(viewed)?.verb.id).toBe('http://adlnet.gov/expapi/verbs/experienced')
    expect(statementOf(completed)?.verb.id).toBe('http://adlnet.gov/expapi/verbs/completed')
    expect((await eventsOf(student)).every((e) => e.forwarded_at !== null)).toBe(true)
  })

  it('runs side by side never send a row twice (SKIP LOCKED batches)', async () => {
    const student = await newStudent()
    await enroll(student.token, built.course.id)
    await openCourse(student.token, built.course.id)
    for (const [i, lesson] of built.lessons.slice(0, 2).entries()) {
      await completeLesson(student.token, built.course.id, lesson.id, { timeSpent: 10 + i })
    }
    await completeLesson(student.token, built.course.id, built.lessons[0].id, { timeSpent: 100 })
    await completeLesson(student.token, built.course.id, built.lessons[1].id, { timeSpent: 200 })
    const events = await eventsOf(student)
    expect(events).toHaveLength(6)
    const from = lrs.requests.length
    const runs = await Promise.all([
      forwardEvents(payload, mine(2)),
      forwardEvents(payload, mine(2)),
      forwardEvents(payload, mine(2)),
    ])
    expect(runs.reduce((sum, r) => sum + r.sent, 0)).toBe(6)
    const ids = sentIds(from)
    expect(ids.sort()).toEqual(events.map((e) => statementIdFor(e.id)).sort())
    expect(lrs.requests.slice(from).every((r) => r.body.length <= 2)).toBe(true)
  })

  it('sends nothing without XAPI_ENDPOINT', async () => {
    const student = await newStudent()
    const endpoint = process.env.XAPI_ENDPOINT
    delete process.env.XAPI_ENDPOINT
    try {
      await enroll(student.token, built.course.id)
      await openCourse(student.token, built.course.id)
      const requests = lrs.requests.length
      expect(await forwardEvents(payload, mine())).toEqual({ sent: 0, skipped: 0 })
      expect(lrs.requests.length).toBe(requests)
      expect((await eventsOf(student)).map((e) => e.forwarded_at)).toEqual([null, null])
      // Scheduled only when an LRS is configured.
      const schedule = SCHEDULES.find((s) => s.job === 'xapi.forward')!
      expect(schedule.enabled()).toBe(false)
      process.env.XAPI_ENDPOINT = endpoint
      expect(schedule.enabled()).toBe(true)
      expect(jobs['xapi.forward'].queue).toBe('analytics')
      // Turned on, the waiting event goes.
      expect(await forwardEvents(payload, mine())).toEqual({ sent: 2, skipped: 0 })
    } finally {
      process.env.XAPI_ENDPOINT = endpoint
    }
  })

  it('an LRS that refuses the credentials fails the run and keeps the rows', async () => {
    const student = await newStudent()
    await enroll(student.token, built.course.id)
    await openCourse(student.token, built.course.id)
    process.env.XAPI_PASSWORD = 'wrong'
    try {
      await expect(forwardEvents(payload, mine())).rejects.toThrow(/answered 401/)
      expect((await eventsOf(student)).map((e) => e.forwarded_at)).toEqual([null, null])
    } finally {
      process.env.XAPI_PASSWORD = lrs.password
    }
    expect(await forwardEvents(payload, mine())).toEqual({ sent: 2, skipped: 0 })
  })
})

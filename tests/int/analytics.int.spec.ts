import { createLocalReq, type Payload } from 'payload'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { drainJobs } from '../../src/jobs/relay'
import { queueScheduledRun } from '../../src/jobs/schedules'
import { execute, sql } from '../../src/lib/sql'
import { addDays, dayOf, setClock } from '../../src/services/analytics/clock'
import { enforceRetention, rollUp } from '../../src/services/analytics/rollup'
import {
  buildCourse,
  completeLesson,
  deleteCohorts,
  deleteCourses,
  enroll,
  expectStatus,
  RIGHT_ANSWERS,
  submitQuiz,
  THREE_QUESTIONS,
  type BuiltCourse,
} from '../helpers/courses'
import { api, apiRaw, errorMessage, graphql } from '../helpers/http'
import { getTestPayload } from '../helpers/payload'
import { checkPdf, pdfText } from '../helpers/pdf'
import { createCast, createUser, deleteUsers, type TestUser } from '../helpers/users'

let payload: Payload
let cast: Awaited<ReturnType<typeof createCast>>
let built: BuiltCourse
let alice: TestUser
let bob: TestUser
let cohortId: string
const courseIds: string[] = []
const cohortIds: string[] = []
const extraUsers: TestUser[] = []

const raw = async <T = Record<string, string>>(query: ReturnType<typeof sql>) =>
  execute<T>(await createLocalReq({}, payload), query)

/** The sum of timeSpent over a student's lesson_complete events: the definition of learning time. */
const rawLearningSeconds = async (userId: string) =>
  Number(
    (
      await raw<{ s: string | null }>(
        sql`select sum((event_data->>'timeSpent')::numeric) as s from analytics_events
            where user_id = ${userId} and event_type = 'lesson_complete'`,
      )
    )[0].s ?? 0,
  )

const eventsOf = async (userId: string, type: string) =>
  raw(
    sql`select * from analytics_events where user_id = ${userId} and event_type = ${type}
        order by created_at`,
  )

async function newUser(role: TestUser['user']['role']) {
  const user = await createUser(payload, role)
  extraUsers.push(user)
  return user
}

beforeAll(async () => {
  payload = await getTestPayload()
  cast = await createCast(payload)
  built = await buildCourse(cast.educator.token, {
    lessons: [{}, {}],
    quiz: { passingScore: 70, maxAttempts: 3, questions: THREE_QUESTIONS },
  })
  courseIds.push(built.course.id)
  alice = await newUser('student')
  bob = await newUser('student')
  const cohort = await api('POST', '/api/cohorts', {
    token: cast.institution.token,
    body: { name: 'Analytics cohort', courses: [built.course.id] },
  })
  expectStatus(cohort, 201)
  cohortId = cohort.body.doc.id
  cohortIds.push(cohortId)
  for (const student of [alice, bob]) {
    expectStatus(
      await api('POST', '/api/cohort-enrollments', {
        token: cast.institution.token,
        body: { cohort: cohortId, student: student.user.id },
      }),
      201,
    )
  }
  // Alice: both lessons (120 s, 300 s), fails the quiz, passes it: the course is complete.
  const [l1, l2] = built.lessons
  expectStatus(await completeLesson(alice.token, built.course.id, l1.id, { timeSpent: 120 }), 200)
  expectStatus(await completeLesson(alice.token, built.course.id, l2.id, { timeSpent: 300 }), 200)
  // A later report with a longer time adds the difference only.
  expectStatus(await completeLesson(alice.token, built.course.id, l2.id, { timeSpent: 330 }), 200)
  expectStatus(await submitQuiz(alice.token, built.course.id, built.quizLesson!.id, [2, 2, 2]), 201)
  expectStatus(
    await submitQuiz(alice.token, built.course.id, built.quizLesson!.id, RIGHT_ANSWERS),
    201,
  )
  // Bob: one lesson.
  expectStatus(await completeLesson(bob.token, built.course.id, l1.id, { timeSpent: 60 }), 200)
  await drainJobs(payload) // Alice's certificate
})

afterEach(() => setClock(null))

afterAll(async () => {
  setClock(null)
  await drainJobs(payload)
  await deleteCohorts(payload, cohortIds)
  await deleteCourses(payload, courseIds)
  await deleteUsers(payload, ...Object.values(cast ?? {}), ...extraUsers)
})

describe('events', () => {
  it('records each action once, in its transaction, with what the numbers need', async () => {
    expect(await eventsOf(alice.user.id, 'enroll')).toHaveLength(1)
    const lessons = await eventsOf(alice.user.id, 'lesson_complete')
    expect(
      lessons.map((e) => (e.event_data as unknown as Record<string, unknown>).timeSpent),
    ).toEqual([120, 300, 30, 0])
    const quizzes = await eventsOf(alice.user.id, 'quiz_submit')
    expect(quizzes.map((e) => (e.event_data as unknown as { passed: boolean }).passed)).toEqual([
      false,
      true,
    ])
    expect(await eventsOf(alice.user.id, 'course_complete')).toHaveLength(1)
    expect(await eventsOf(alice.user.id, 'certificate_issued')).toHaveLength(1)
    expect(await eventsOf(bob.user.id, 'course_complete')).toHaveLength(0)
  })

  it('counts GraphQL course reads as views, never the lookups of mutations (which once stalled the pool)', async () => {
    const reader = await newUser('student')
    const course = await buildCourse(cast.educator.token)
    courseIds.push(course.course.id)
    const read = await graphql(
      `
        query ($id: String!) {
          Course(id: $id) {
            id
          }
        }
      `,
      { id: course.course.id },
      { token: reader.token },
    )
    expect(read.body.errors).toBeUndefined()
    // Each createLesson's access rule looks the course up while its transaction is open. That
    // lookup once wrote a "view" on a second pool connection: with more mutations in flight than
    // connections, every transaction waited for one and none finished.
    const created = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        graphql(
          `
            mutation ($data: mutationLessonInput!) {
              createLesson(data: $data) {
                id
              }
            }
          `,
          {
            data: {
              title: `Parallel ${i}`,
              lessonType: 'reading',
              orderIndex: 10 + i,
              course: course.course.id,
            },
          },
          { token: cast.educator.token },
        ),
      ),
    )
    expect(created.map((r) => r.body.errors?.[0]?.message ?? 'ok')).toEqual(Array(30).fill('ok'))
    expect(await eventsOf(cast.educator.user.id, 'course_view')).toHaveLength(0)
    expect((await eventsOf(reader.user.id, 'course_view')).map((e) => e.course_id)).toContain(
      course.course.id,
    )
  })

  it('records a course view once per user, course and day; searches with their result count', async () => {
    for (let i = 0; i < 3; i++) {
      expectStatus(await api('GET', `/api/courses/${built.course.id}`, { token: bob.token }), 200)
    }
    expectStatus(await api('GET', `/api/courses/${built.course.id}`), 200) // anonymous: not recorded
    expect(await eventsOf(bob.user.id, 'course_view')).toHaveLength(1)
    // Endpoints that look the course up (enroll, complete a lesson) are not views.
    const erin = await newUser('student')
    const free = await buildCourse(cast.educator.token)
    courseIds.push(free.course.id)
    await enroll(erin.token, free.course.id)
    expectStatus(await completeLesson(erin.token, free.course.id, free.lessons[0].id), 200)
    expect(await eventsOf(erin.user.id, 'course_view')).toHaveLength(0)
    expect(await eventsOf(erin.user.id, 'enroll')).toHaveLength(1)
    // The next day counts again.
    setClock(() => new Date(Date.now() + 86_400_000))
    expectStatus(await api('GET', `/api/courses/${built.course.id}`, { token: bob.token }), 200)
    expect(await eventsOf(bob.user.id, 'course_view')).toHaveLength(2)
    setClock(null)

    const q = built.course.title.split(' ')[1]
    const res = await api('GET', `/api/courses/explore?q=${encodeURIComponent(q)}`, {
      token: bob.token,
    })
    expectStatus(res, 200)
    const [search] = await eventsOf(bob.user.id, 'search')
    expect(search.event_data).toEqual({ q, results: res.body.totalDocs })
  })

  it('is read by admins only and written by nobody over the API', async () => {
    expectStatus(await api('GET', '/api/analytics-events', { token: cast.admin.token }), 200)
    expectStatus(await api('GET', '/api/analytics-events', { token: alice.token }), 403)
    expectStatus(
      await api('POST', '/api/analytics-events', {
        token: cast.admin.token,
        body: { eventType: 'enroll' },
      }),
      403,
    )
  })
})

describe('student analytics', () => {
  it('summarizes exactly what the student did', async () => {
    const res = await api('GET', `/api/students/${alice.user.id}/analytics`, { token: alice.token })
    expectStatus(res, 200)
    expect(res.body).toMatchObject({
      coursesEnrolled: 1,
      coursesCompleted: 1,
      lessonsCompleted: 3,
      quizzesTaken: 1,
      quizzesPassed: 1,
      averageQuizScore: 100,
      certificates: 1,
      learningTimeSeconds: 450,
      currentStreakDays: 1,
      lastActiveAt: expect.any(String),
      courses: [
        {
          courseId: built.course.id,
          title: built.course.title,
          progressPercentage: 100,
          completedAt: expect.any(String),
        },
      ],
    })
    expect(res.body.learningTimeSeconds).toBe(await rawLearningSeconds(alice.user.id))
  })

  it('lists achievements with the day each was earned', async () => {
    const res = await api('GET', `/api/students/${alice.user.id}/achievements`, {
      token: alice.token,
    })
    expectStatus(res, 200)
    expect(res.body.achievements.map((a: { key: string }) => a.key).sort()).toEqual([
      'first_course',
      'first_lesson',
      'perfect_quiz',
    ])
    const bobs = await api('GET', `/api/students/${bob.user.id}/achievements`, { token: bob.token })
    expect(bobs.body.achievements.map((a: { key: string }) => a.key)).toEqual(['first_lesson'])
  })

  it('learning time by day and by week, every bucket listed', async () => {
    const today = dayOf(new Date())
    const from = addDays(today, -6)
    const res = await api(
      'GET',
      `/api/students/${alice.user.id}/learning-time?from=${from}&to=${today}&granularity=day`,
      { token: alice.token },
    )
    expectStatus(res, 200)
    expect(res.body.totalSeconds).toBe(450)
    expect(res.body.series).toHaveLength(7)
    expect(res.body.series.at(-1)).toEqual({ date: today, seconds: 450 })
    const weekly = await api(
      'GET',
      `/api/students/${alice.user.id}/learning-time?from=${addDays(today, -27)}&to=${today}&granularity=week`,
      { token: alice.token },
    )
    expectStatus(weekly, 200)
    expect(weekly.body.totalSeconds).toBe(450)
    expect(weekly.body.series.length).toBeGreaterThanOrEqual(4)
  })

  it('answers 400 naming the parameter for bad ranges', async () => {
    const base = `/api/students/${alice.user.id}/learning-time`
    for (const [query, field] of [
      ['?from=2026-13-01', 'from'],
      ['?to=yesterday', 'to'],
      ['?granularity=hour', 'granularity'],
      ['?from=2026-12-05&to=2026-12-01', 'from'],
      ['?from=2020-01-01&to=2026-01-01', 'from'],
      ['?nope=1', 'body'],
    ]) {
      const res = await api('GET', base + query, { token: alice.token })
      expect([query, res.status]).toEqual([query, 400])
      if (field !== 'body') expect(errorMessage(res)).toContain(field)
    }
  })

  it('is for the student and admins only', async () => {
    const path = `/api/students/${alice.user.id}/analytics`
    expectStatus(await api('GET', path), 401)
    expectStatus(await api('GET', path, { token: bob.token }), 403)
    expectStatus(await api('GET', path, { token: cast.educator.token }), 403)
    expectStatus(await api('GET', path, { token: cast.institution.token }), 403)
    expectStatus(await api('GET', path, { token: cast.admin.token }), 200)
    expectStatus(
      await api('GET', `/api/students/${cast.educator.user.id}/analytics`, {
        token: cast.admin.token,
      }),
      404,
    )
  })
})

describe('rollups', () => {
  it('closed days from the rollups plus the open day equal the raw sums, across a day boundary', async () => {
    const carol = await newUser('student')
    const course = await buildCourse(cast.educator.token, { lessons: [{}, {}, {}] })
    courseIds.push(course.course.id)
    await enroll(carol.token, course.course.id)
    const today = dayOf(new Date())
    const yesterday = addDays(today, -1)
    // Yesterday (the injected clock): two lessons.
    setClock(() => new Date(`${yesterday}T22:30:00.000Z`))
    for (const [lesson, timeSpent] of [
      [course.lessons[0], 200],
      [course.lessons[1], 100],
    ] as const) {
      expectStatus(
        await completeLesson(carol.token, course.course.id, lesson.id, { timeSpent }),
        200,
      )
    }
    // Midnight passes; the daily job rolls yesterday up.
    setClock(() => new Date(`${today}T00:05:00.000Z`))
    const run = await rollUp(payload)
    expect(run.through).toBe(yesterday)
    const [daily] = await raw(
      sql`select learning_seconds, lessons_completed from analytics_daily
          where kind = 'student' and student_id = ${carol.user.id} and day = ${yesterday}`,
    )
    expect(daily).toEqual({ learning_seconds: '300', lessons_completed: '2' })
    // Today (open day, live): one more lesson.
    expectStatus(
      await completeLesson(carol.token, course.course.id, course.lessons[2].id, { timeSpent: 45 }),
      200,
    )
    const res = await api(
      'GET',
      `/api/students/${carol.user.id}/learning-time?from=${yesterday}&to=${today}`,
      { token: carol.token },
    )
    expect(res.body).toEqual({
      totalSeconds: 345,
      series: [
        { date: yesterday, seconds: 300 },
        { date: today, seconds: 45 },
      ],
    })
    expect(res.body.totalSeconds).toBe(await rawLearningSeconds(carol.user.id))
    // Rolling up again changes nothing.
    await rollUp(payload, { from: yesterday })
    const again = await api('GET', `/api/students/${carol.user.id}/analytics`, {
      token: carol.token,
    })
    expect(again.body.learningTimeSeconds).toBe(345)
    expect(again.body.currentStreakDays).toBe(2)
  })

  it('retention deletes old raw events only where the rollups cover them', async () => {
    const dora = await newUser('student')
    const course = await buildCourse(cast.educator.token, { lessons: [{}] })
    courseIds.push(course.course.id)
    await enroll(dora.token, course.course.id)
    const longAgo = addDays(dayOf(new Date()), -400)
    setClock(() => new Date(`${longAgo}T12:00:00.000Z`))
    expectStatus(
      await completeLesson(dora.token, course.course.id, course.lessons[0].id, { timeSpent: 90 }),
      200,
    )
    setClock(null)
    await rollUp(payload, { from: longAgo })
    const previous = process.env.ANALYTICS_RETENTION_DAYS
    process.env.ANALYTICS_RETENTION_DAYS = '365'
    try {
      // With a learning record store configured, events it has not received yet stay.
      process.env.XAPI_ENDPOINT = 'http://127.0.0.1:9/xapi'
      await enforceRetention(payload)
      expect(await eventsOf(dora.user.id, 'lesson_complete')).toHaveLength(1)
      delete process.env.XAPI_ENDPOINT
      const result = await enforceRetention(payload)
      expect(result.deleted).toBeGreaterThanOrEqual(1)
    } finally {
      delete process.env.XAPI_ENDPOINT
      if (previous === undefined) delete process.env.ANALYTICS_RETENTION_DAYS
      else process.env.ANALYTICS_RETENTION_DAYS = previous
    }
    expect(await eventsOf(dora.user.id, 'lesson_complete')).toHaveLength(0)
    expect((await eventsOf(dora.user.id, 'enroll')).length).toBe(1) // recent: kept
    // The rollup keeps the old day: learning time is still counted.
    const res = await api('GET', `/api/students/${dora.user.id}/analytics`, { token: dora.token })
    expect(res.body.learningTimeSeconds).toBe(90)
  })

  it('the daily schedule queues one run per slot, however many processes tick', async () => {
    const slot = new Date(Date.UTC(2031, 0, 2, 0, 15, Math.floor(Math.random() * 59)))
    const queued = await Promise.all(
      Array.from({ length: 4 }, () => queueScheduledRun(payload, 'analytics.rollup', slot)),
    )
    expect(queued.filter(Boolean)).toHaveLength(1)
    const rows = await payload.find({
      collection: 'outbox',
      where: { key: { equals: 'analytics-rollup-2031-01-02T0015' } },
      overrideAccess: true,
    })
    expect(rows.totalDocs).toBe(1)
    await drainJobs(payload)
    const [marker] = await raw(sql`select day from analytics_daily where key = 'rolled-up-through'`)
    expect(marker.day).toBe(addDays(dayOf(new Date()), -1))
  })

  it('stays equal to the raw sums after concurrent activity', async () => {
    const course = await buildCourse(cast.educator.token, { lessons: [{}, {}] })
    courseIds.push(course.course.id)
    const students = await Promise.all(Array.from({ length: 8 }, () => newUser('student')))
    await Promise.all(students.map((s) => enroll(s.token, course.course.id)))
    await Promise.all(
      students.flatMap((s, i) =>
        course.lessons.map((l, j) =>
          completeLesson(s.token, course.course.id, l.id, { timeSpent: 10 * (i + 1) + j }),
        ),
      ),
    )
    for (const s of students) {
      const res = await api('GET', `/api/students/${s.user.id}/analytics`, { token: s.token })
      expect(res.body.learningTimeSeconds).toBe(await rawLearningSeconds(s.user.id))
      expect(res.body.lessonsCompleted).toBe(2)
    }
    const perf = await api(
      'GET',
      `/api/educators/${cast.educator.user.id}/student-performance?courseId=${course.course.id}&limit=100`,
      { token: cast.educator.token },
    )
    expectStatus(perf, 200)
    expect(perf.body.totalDocs).toBe(8)
    expect(
      perf.body.docs.every((d: { progressPercentage: number }) => d.progressPercentage === 100),
    ).toBe(true)
  })
})

describe('educator analytics', () => {
  it('matches raw counts over their own courses', async () => {
    const res = await api('GET', `/api/educators/${cast.educator.user.id}/analytics`, {
      token: cast.educator.token,
    })
    expectStatus(res, 200)
    const [counts] = await raw(
      sql`select count(*) as enrolled, count(e.completed_at) as completed,
            count(distinct e.student_id) as students,
            count(*) filter (where c._status = 'published') as x
          from enrollments e join courses c on c.id = e.course_id
          where c.educator_id = ${cast.educator.user.id}`,
    )
    const [courses] = await raw(
      sql`select count(*) as n, count(*) filter (where _status = 'published') as published
          from courses where educator_id = ${cast.educator.user.id}`,
    )
    expect(res.body).toMatchObject({
      courses: Number(courses.n),
      publishedCourses: Number(courses.published),
      totalStudents: Number(counts.students),
      completions: Number(counts.completed),
      completionRate: Number(counts.completed) / Number(counts.enrolled),
      averageQuizScore: 100,
      revenue: { gross: 0, net: 0, currency: 'usd' },
    })
    expect(res.body.activeStudents30d).toBe(Number(counts.students))
    const other = await api('GET', `/api/educators/${cast.otherEducator.user.id}/analytics`, {
      token: cast.otherEducator.token,
    })
    expect(other.body).toMatchObject({ courses: 0, totalStudents: 0, completionRate: 0 })
  })

  it('revenue from sales and refunds, by day and course; top courses', async () => {
    const educator = await newUser('educator')
    const a = await buildCourse(educator.token, { course: { price: 10000 } })
    const b = await buildCourse(educator.token, { course: { price: 5000 } })
    courseIds.push(a.course.id, b.course.id)
    const sell = async (course: BuiltCourse['course'], status: 'completed' | 'refunded') => {
      const student = await newUser('student')
      const sale = await payload.create({
        collection: 'purchases',
        data: {
          student: student.user.id,
          course: course.id,
          educator: educator.user.id,
          amount: course.price!,
          currency: 'usd',
          feePercentage: 10,
          platformFee: course.price! / 10,
          netAmount: (course.price! * 9) / 10,
          status: 'pending',
        },
        overrideAccess: true,
      })
      await payload.update({
        collection: 'purchases',
        id: sale.id,
        data: { status: 'completed' },
        overrideAccess: true,
      })
      if (status === 'refunded') {
        await payload.update({
          collection: 'purchases',
          id: sale.id,
          data: { status: 'refunded' },
          overrideAccess: true,
        })
      }
    }
    await sell(a.course, 'completed')
    await sell(a.course, 'completed')
    await sell(b.course, 'completed')
    await sell(b.course, 'refunded')
    const today = dayOf(new Date())
    const res = await api('GET', `/api/educators/${educator.user.id}/revenue?granularity=day`, {
      token: educator.token,
    })
    expectStatus(res, 200)
    expect(res.body).toMatchObject({
      currency: 'usd',
      gross: 30000,
      refunds: 5000,
      net: 22500, // 3 × 90 % kept after the refunded sale's 4500 net comes back off
      platformFees: 2500,
    })
    expect(res.body.series).toEqual([{ period: today, sales: 4, gross: 30000, net: 22500 }])
    expect(res.body.byCourse).toEqual([
      { courseId: a.course.id, title: a.course.title, sales: 2, gross: 20000, net: 18000 },
      { courseId: b.course.id, title: b.course.title, sales: 2, gross: 10000, net: 4500 },
    ])
    const monthly = await api(
      'GET',
      `/api/educators/${educator.user.id}/revenue?granularity=month`,
      {
        token: educator.token,
      },
    )
    expect(monthly.body.series).toEqual([
      { period: today.slice(0, 7), sales: 4, gross: 30000, net: 22500 },
    ])
    const top = await api(
      'GET',
      `/api/educators/${educator.user.id}/top-courses?by=revenue&limit=1`,
      {
        token: educator.token,
      },
    )
    expectStatus(top, 200)
    expect(top.body.courses).toEqual([
      expect.objectContaining({ courseId: a.course.id, revenue: 18000 }),
    ])
    const summary = await api('GET', `/api/educators/${educator.user.id}/analytics`, {
      token: educator.token,
    })
    expect(summary.body.revenue).toEqual({ gross: 30000, net: 22500, currency: 'usd' })
  })

  it('student performance: their own students only; bad parameters and access', async () => {
    const res = await api(
      'GET',
      `/api/educators/${cast.educator.user.id}/student-performance?courseId=${built.course.id}`,
      { token: cast.educator.token },
    )
    expectStatus(res, 200)
    const alices = res.body.docs.find((d: { studentId: string }) => d.studentId === alice.user.id)
    expect(alices).toMatchObject({
      fullName: alice.user.fullName,
      progressPercentage: 100,
      averageQuizScore: 100,
      completedAt: expect.any(String),
      atRisk: false,
    })
    expectStatus(
      await api(
        'GET',
        `/api/educators/${cast.otherEducator.user.id}/student-performance?courseId=${built.course.id}`,
        { token: cast.otherEducator.token },
      ),
      404,
    )
    expectStatus(
      await api('GET', `/api/educators/${cast.educator.user.id}/student-performance`, {
        token: cast.otherEducator.token,
      }),
      403,
    )
    for (const q of ['?courseId=nope', '?limit=500', '?by=price']) {
      const path = q.startsWith('?by')
        ? `/api/educators/${cast.educator.user.id}/top-courses${q}`
        : `/api/educators/${cast.educator.user.id}/student-performance${q}`
      expectStatus(await api('GET', path, { token: cast.educator.token }), 400)
    }
    expectStatus(
      await api('GET', `/api/educators/${cast.educator.user.id}/revenue?granularity=week`, {
        token: cast.educator.token,
      }),
      400,
    )
  })
})

describe('institution analytics and reports', () => {
  it('summarizes its cohorts', async () => {
    const res = await api('GET', `/api/institutions/${cast.institution.user.id}/analytics`, {
      token: cast.institution.token,
    })
    expectStatus(res, 200)
    expect(res.body).toMatchObject({
      cohorts: 1,
      students: 2,
      activeStudents30d: 2,
      completionRate: 0.5,
      certificatesIssued: 1,
      seats: { total: 0, used: 0 },
    })
    const [bobs] = await raw(
      sql`select progress_percentage as p from enrollments
          where student_id = ${bob.user.id} and course_id = ${built.course.id}`,
    )
    expect(res.body.averageProgress).toBeCloseTo((100 + Number(bobs.p)) / 2, 2)
  })

  it("the cohort report lists each member's progress and certificate", async () => {
    const res = await api(
      'GET',
      `/api/institutions/${cast.institution.user.id}/cohorts/${cohortId}/report`,
      { token: cast.institution.token },
    )
    expectStatus(res, 200)
    expect(res.body.cohort).toMatchObject({ id: cohortId, name: 'Analytics cohort' })
    expect(res.body.summary).toMatchObject({
      students: 2,
      completionRate: 0.5,
      certificatesIssued: 1,
    })
    const alices = res.body.students.find(
      (s: { studentId: string }) => s.studentId === alice.user.id,
    )
    expect(alices).toMatchObject({ email: alice.email, fullName: alice.user.fullName })
    expect(alices.courses).toEqual([
      {
        courseId: built.course.id,
        title: built.course.title,
        progressPercentage: 100,
        completedAt: expect.any(String),
        certificateId: expect.any(String),
      },
    ])
  })

  it('exports a CSV (header, one row per member × course) and a valid PDF', async () => {
    const csv = await apiRaw(
      'GET',
      `/api/institutions/${cast.institution.user.id}/export-report?cohortId=${cohortId}&format=csv`,
      { token: cast.institution.token },
    )
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/)
    expect(csv.headers.get('content-disposition')).toMatch(
      /^attachment; filename="analytics-cohort-report-/,
    )
    const lines = (await csv.text()).trim().split('\r\n')
    expect(lines[0]).toBe(
      'cohort,studentName,studentEmail,course,progressPercentage,completedAt,certificateCode',
    )
    expect(lines).toHaveLength(1 + 2)
    const alicesRow = lines.find((l) => l.includes(alice.email))!
    const [cert] = await raw(
      sql`select verification_code as code from certifications where student_id = ${alice.user.id}`,
    )
    expect(alicesRow.endsWith(`,${cert.code}`)).toBe(true)

    const pdf = await apiRaw(
      'GET',
      `/api/institutions/${cast.institution.user.id}/export-report?cohortId=${cohortId}&format=pdf`,
      { token: cast.institution.token },
    )
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    const bytes = Buffer.from(await pdf.arrayBuffer())
    checkPdf(bytes)
    const text = pdfText(bytes)
    expect(text).toContain('Analytics cohort')
    expect(text).toContain('Completion rate: 50%')
    expect(text).toContain(built.course.title)
  })

  it('a CSV cell is never a spreadsheet formula', async () => {
    const student = await newUser('student')
    await payload.update({
      collection: 'users',
      id: student.user.id,
      data: { fullName: '=HYPERLINK("http://evil.example","x")' },
      overrideAccess: true,
    })
    expectStatus(
      await api('POST', '/api/cohort-enrollments', {
        token: cast.institution.token,
        body: { cohort: cohortId, student: student.user.id },
      }),
      201,
    )
    const csv = await apiRaw(
      'GET',
      `/api/institutions/${cast.institution.user.id}/export-report?cohortId=${cohortId}`,
      { token: cast.institution.token },
    )
    const text = await csv.text()
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`)
  })

  it('only the institution (its own cohorts) and admins; bad parameters are 400s', async () => {
    const own = `/api/institutions/${cast.institution.user.id}`
    const other = await newUser('institution')
    expectStatus(await api('GET', `${own}/analytics`), 401)
    expectStatus(await api('GET', `${own}/analytics`, { token: other.token }), 403)
    expectStatus(await api('GET', `${own}/analytics`, { token: alice.token }), 403)
    expectStatus(await api('GET', `${own}/analytics`, { token: cast.admin.token }), 200)
    expectStatus(
      await api('GET', `/api/institutions/${other.user.id}/cohorts/${cohortId}/report`, {
        token: other.token,
      }),
      404,
    )
    expectStatus(
      await api('GET', `/api/institutions/${other.user.id}/export-report?cohortId=${cohortId}`, {
        token: other.token,
      }),
      404,
    )
    expectStatus(
      await api('GET', `${own}/cohorts/${cohortId}/report`, { token: cast.admin.token }),
      200,
    )
    for (const q of ['?format=xlsx', '?cohortId=abc']) {
      const res = await api('GET', `${own}/export-report${q}`, { token: cast.institution.token })
      expectStatus(res, 400)
    }
  })
})

describe('every analytics endpoint', () => {
  it('answers the owner and admins; 401 anonymous, 403 anyone else, 404 unknown ids', async () => {
    const student = `/api/students/${alice.user.id}`
    const educator = `/api/educators/${cast.educator.user.id}`
    const institution = `/api/institutions/${cast.institution.user.id}`
    const routes: [string, TestUser][] = [
      [`${student}/analytics`, alice],
      [`${student}/achievements`, alice],
      [`${student}/learning-time`, alice],
      [`${educator}/analytics`, cast.educator],
      [`${educator}/revenue`, cast.educator],
      [`${educator}/top-courses`, cast.educator],
      [`${educator}/student-performance`, cast.educator],
      [`${institution}/analytics`, cast.institution],
      [`${institution}/cohorts/${cohortId}/report`, cast.institution],
      [`${institution}/export-report?cohortId=${cohortId}`, cast.institution],
    ]
    const others = [bob, cast.otherStudent, cast.otherEducator, cast.student]
    for (const [path, owner] of routes) {
      expect([path, (await api('GET', path)).status]).toEqual([path, 401])
      expect([path, (await api('GET', path, { token: owner.token })).status]).toEqual([path, 200])
      expect([path, (await api('GET', path, { token: cast.admin.token })).status]).toEqual([
        path,
        200,
      ])
      for (const other of others.filter((o) => o !== owner)) {
        const res = await api('GET', path, { token: other.token })
        expect([path, other.user.role, res.status]).toEqual([path, other.user.role, 403])
      }
      const unknown = path.replace(
        /\/(students|educators|institutions)\/[^/]+/,
        '/$1/00000000-0000-4000-8000-000000000000',
      )
      expect([unknown, (await api('GET', unknown, { token: cast.admin.token })).status]).toEqual([
        unknown,
        404,
      ])
    }
  })
})

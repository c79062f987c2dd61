import { createLocalReq, type Payload } from 'payload'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { execute, sql } from '../../src/lib/sql'
import { setClock } from '../../src/services/analytics/clock'
import { studentPerformance, studentsAtRisk } from '../../src/services/analytics/educators'
import { salesByDay } from '../../src/services/analytics/metrics'
import { operationsOverview, platformOverview } from '../../src/services/analytics/platform'
import {
  buildCourse,
  completeLesson,
  deleteCourses,
  enroll,
  expectStatus,
  type BuiltCourse,
} from '../helpers/courses'
import { getTestPayload } from '../helpers/payload'
import { createUser, deleteUsers, type TestUser } from '../helpers/users'
import { until } from '../helpers/wait'

const DAY = 86_400_000
const daysAgo = (days: number) => new Date(Date.now() - days * DAY)

let payload: Payload
let educator: TestUser
let admin: TestUser
let built: BuiltCourse
const students: Record<'idle' | 'stalled' | 'moving' | 'fresh', TestUser> = {} as never
const failureIds: string[] = []
const outboxIds: string[] = []

const reqAs = (user: TestUser) =>
  createLocalReq({ user: { ...user.user, collection: 'users' } }, payload)
const raw = async <T = Record<string, string>>(query: ReturnType<typeof sql>) =>
  execute<T>(await createLocalReq({}, payload), query)

beforeAll(async () => {
  payload = await getTestPayload()
  educator = await createUser(payload, 'educator', { fullName: 'Dashboard Educator' })
  admin = await createUser(payload, 'admin')
  built = await buildCourse(educator.token, { lessons: [{}, {}, {}, {}] })
  const [l1, l2] = built.lessons
  for (const name of ['idle', 'stalled', 'moving', 'fresh'] as const) {
    students[name] = await createUser(payload, 'student', { fullName: `Student ${name}` })
  }
  // idle: enrolled 20 days ago, half done, last active 15 days ago (idle 14+ days: at risk).
  setClock(() => daysAgo(15))
  await enroll(students.idle.token, built.course.id)
  expectStatus(await completeLesson(students.idle.token, built.course.id, l1!.id), 200)
  expectStatus(await completeLesson(students.idle.token, built.course.id, l2!.id), 200)
  setClock(null)
  // stalled: enrolled 10 days ago, nothing done (under 25 %: at risk).
  await enroll(students.stalled.token, built.course.id)
  // moving: enrolled 10 days ago, half done today (not at risk).
  await enroll(students.moving.token, built.course.id)
  expectStatus(await completeLesson(students.moving.token, built.course.id, l1!.id), 200)
  expectStatus(await completeLesson(students.moving.token, built.course.id, l2!.id), 200)
  // fresh: enrolled today, nothing done (not 7 days yet: not at risk).
  await enroll(students.fresh.token, built.course.id)
  const enrolledAt = (name: keyof typeof students, days: number) =>
    raw(
      sql`update enrollments set enrolled_at = ${daysAgo(days).toISOString()}
          where student_id = ${students[name].user.id} and course_id = ${built.course.id}`,
    )
  await enrolledAt('idle', 20)
  await enrolledAt('stalled', 10)
  await enrolledAt('moving', 10)
})

afterEach(() => setClock(null))

afterAll(async () => {
  setClock(null)
  for (const id of failureIds) {
    await payload.delete({ collection: 'job-failures', id, overrideAccess: true }).catch(() => {})
  }
  if (outboxIds.length)
    await raw(sql`delete from outbox where id = any(${`{${outboxIds}}`}::uuid[])`)
  await deleteCourses(payload, [built?.course.id])
  await deleteUsers(payload, educator, admin, ...Object.values(students))
})

describe('students at risk (educator dashboard)', () => {
  it('flags exactly the enrollments student-performance marks at risk, least progress first', async () => {
    const req = await reqAs(educator)
    const { total, students: flagged } = await studentsAtRisk(req, educator.user.id, { limit: 10 })
    const performance = await studentPerformance(req, educator.user.id, { page: 1, limit: 50 })
    const expected = performance.docs.filter((d) => d.atRisk).map((d) => d.studentId)
    expect(flagged.map((s) => s.studentId).sort()).toEqual(expected.sort())
    expect(flagged.map((s) => s.fullName)).toEqual(['Student stalled', 'Student idle'])
    expect(total).toBe(2)
    expect(flagged[0]).toMatchObject({
      courseId: built.course.id,
      title: built.course.title,
      progressPercentage: 0,
      lastActiveAt: expect.any(String), // the enroll event
    })
    expect(flagged[1]!.progressPercentage).toBe(50)

    const first = await studentsAtRisk(req, educator.user.id, { limit: 1 })
    expect(first.total).toBe(2)
    expect(first.students.map((s) => s.fullName)).toEqual(['Student stalled'])
  })

  it('moves with the clock: a week later the fresh enrollment is at risk too', async () => {
    setClock(() => new Date(Date.now() + 8 * DAY))
    const req = await reqAs(educator)
    const { students: flagged } = await studentsAtRisk(req, educator.user.id, { limit: 10 })
    // fresh: 8 days in, nothing done; moving: idle 8 days, half done (not yet 14 idle days).
    expect(flagged.map((s) => s.fullName).sort()).toEqual([
      'Student fresh',
      'Student idle',
      'Student stalled',
    ])
  })
})

describe('platform overview (admin dashboard)', () => {
  it('counts users by role, courses and enrollments as the database has them', async () => {
    const req = await reqAs(admin)
    const snapshot = async () => {
      const roles = await raw<{ role: string; n: string }>(
        sql`select role, count(*) as n from users group by role`,
      )
      const [courses] = await raw<{ n: string; published: string }>(
        sql`select count(*) as n, count(*) filter (where _status = 'published') as published from courses`,
      )
      const [enrollments] = await raw<{ n: string }>(sql`select count(*) as n from enrollments`)
      return {
        usersByRole: Object.fromEntries(
          ['student', 'educator', 'institution', 'admin'].map((r) => [
            r,
            Number(roles.find((x) => x.role === r)?.n ?? 0),
          ]),
        ),
        courses: Number(courses!.n),
        publishedCourses: Number(courses!.published),
        enrollments: Number(enrollments!.n),
      }
    }
    // Other test files write concurrently: compare at a moment nothing changed around the read.
    await until(
      async () => {
        const before = await snapshot()
        const overview = await platformOverview(req)
        const after = await snapshot()
        const { revenue: _revenue, ...counts } = overview
        return (
          JSON.stringify(before) === JSON.stringify(after) &&
          JSON.stringify(counts) === JSON.stringify(before)
        )
      },
      { what: 'a quiet moment with equal counts' },
    )
  })

  it('sums sales over every course, as the per-course sums do', async () => {
    const req = await reqAs(admin)
    const ids = (await raw<{ id: string }>(sql`select id from courses`)).map((r) => r.id)
    const key = (rows: Awaited<ReturnType<typeof salesByDay>>) =>
      rows
        .filter((r) => ids.includes(r.courseId))
        .map((r) => JSON.stringify(r))
        .sort()
    expect(key(await salesByDay(req, null))).toEqual(key(await salesByDay(req, ids)))
  })

  it('counts failed jobs and the outbox backlog; other roles are refused', async () => {
    const req = await reqAs(admin)
    const before = await operationsOverview(req)
    const failure = await payload.create({
      collection: 'job-failures',
      data: {
        jobName: 'dashboard-test',
        queue: 'default',
        error: 'boom',
        attempts: 3,
        failedAt: new Date().toISOString(),
      },
      overrideAccess: true,
    })
    failureIds.push(failure.id)
    const [row] = await raw<{ id: string }>(
      sql`insert into outbox (job, key, data, status, attempts, available_at, updated_at, created_at)
          values ('dashboard-test', ${`dashboard-${failure.id}`}, '{}'::jsonb, 'pending', 0,
            ${new Date(Date.now() + 3_600_000).toISOString()}, now(), now())
          returning id`,
    )
    outboxIds.push(row!.id)
    const after = await operationsOverview(req)
    expect(after.failedJobs.total).toBeGreaterThanOrEqual(before.failedJobs.total + 1)
    expect(after.failedJobs.lastDay).toBeGreaterThanOrEqual(1)
    expect(after.failedJobs.recent.map((f) => f.id)).toContain(failure.id)
    expect(after.outbox.pending).toBeGreaterThanOrEqual(1)
    expect(after.outbox.oldestPendingAt).not.toBeNull()
    for (const who of [educator, students.idle]) {
      const theirs = await reqAs(who)
      await expect(platformOverview(theirs)).rejects.toMatchObject({ status: 403 })
      await expect(operationsOverview(theirs)).rejects.toMatchObject({ status: 403 })
    }
  })
})

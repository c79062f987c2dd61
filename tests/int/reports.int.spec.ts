// The cohort report and the CSV export against SQL truth, on a cohort with two courses, members
// at every stage (not enrolled in one course, part way, finished) and a member added after.
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { sql } from '@payloadcms/db-postgres/drizzle'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { drainJobs } from '../../src/jobs/relay'
import {
  buildCourse,
  completeLesson,
  deleteCohorts,
  deleteCourses,
  expectStatus,
  type BuiltCourse,
} from '../helpers/courses'
import { api, apiRaw } from '../helpers/http'
import { getTestPayload } from '../helpers/payload'
import { createCast, createUser, deleteUsers, type TestUser } from '../helpers/users'

let payload: Payload
let cast: Awaited<ReturnType<typeof createCast>>
const members: TestUser[] = []
const courses: BuiltCourse[] = []
let cohortId: string

const rows = async <T>(query: ReturnType<typeof sql>) =>
  ((await (payload.db as unknown as PostgresAdapter).drizzle.execute(query)).rows as T[]) ?? []

beforeAll(async () => {
  payload = await getTestPayload()
  cast = await createCast(payload)
  for (let i = 0; i < 2; i++) {
    courses.push(await buildCourse(cast.educator.token, { lessons: [{}, {}, {}] }))
  }
  members.push(
    ...(await Promise.all(Array.from({ length: 6 }, () => createUser(payload, 'student')))),
  )
  const cohort = await api('POST', '/api/cohorts', {
    token: cast.institution.token,
    body: { name: 'Report truth cohort', courses: courses.map((c) => c.course.id) },
  })
  expectStatus(cohort, 201)
  cohortId = cohort.body.doc.id
  for (const m of members) {
    expectStatus(
      await api('POST', '/api/cohort-enrollments', {
        token: cast.institution.token,
        body: { cohort: cohortId, student: m.user.id },
      }),
      201,
    )
  }
  // Member i completes i lessons of the first course (up to all three) and, if odd, one of the second.
  for (const [i, m] of members.entries()) {
    for (const lesson of courses[0].lessons.slice(0, Math.min(i, 3))) {
      expectStatus(await completeLesson(m.token, courses[0].course.id, lesson.id), 200)
    }
    if (i % 2) {
      expectStatus(
        await completeLesson(m.token, courses[1].course.id, courses[1].lessons[0].id),
        200,
      )
    }
  }
  await drainJobs(payload) // the certificates of those who finished the first course
  // One member leaves the second course: still listed, at 0 %, not enrolled.
  expectStatus(
    await api('DELETE', `/api/courses/${courses[1].course.id}/enrollments/${members[0].user.id}`, {
      token: members[0].token,
    }),
    200,
  )
}, 300_000)

afterAll(async () => {
  await deleteCohorts(payload, [cohortId])
  await deleteCourses(
    payload,
    courses.map((c) => c.course.id),
  )
  await deleteUsers(payload, ...members, ...Object.values(cast))
})

type Truth = {
  student_id: string
  full_name: string
  email: string
  course_id: string
  title: string
  progress: string | null
  completed_at: string | null
  cert_id: string | null
  cert_code: string | null
}

/** Every member × cohort course, straight from the tables. */
const truth = () =>
  rows<Truth>(
    sql`select m.student_id, u.full_name, u.email, c.id as course_id, c.title,
          e.progress_percentage as progress, e.completed_at, x.id as cert_id,
          x.verification_code as cert_code
        from cohort_enrollments m join users u on u.id = m.student_id
        join cohorts_rels r on r.parent_id = m.cohort_id and r.path = 'courses'
        join courses c on c.id = r.courses_id
        left join enrollments e on e.student_id = m.student_id and e.course_id = c.id
        left join certifications x on x.student_id = m.student_id and x.course_id = c.id
          and x.revoked_at is null
        where m.cohort_id = ${cohortId}`,
  )

describe('cohort report and CSV export equal SQL truth', () => {
  it('reports every member × course with the stored progress, completion and certificate', async () => {
    const res = await api(
      'GET',
      `/api/institutions/${cast.institution.user.id}/cohorts/${cohortId}/report`,
      { token: cast.institution.token },
    )
    expectStatus(res, 200)
    const expected = await truth()
    expect(expected).toHaveLength(members.length * 2)
    const reported = (
      res.body.students as {
        studentId: string
        courses: {
          courseId: string
          progressPercentage: number
          completedAt: string | null
          certificateId: string | null
        }[]
      }[]
    ).flatMap((s) => s.courses.map((c) => ({ studentId: s.studentId, ...c })))
    const key = (a: { studentId: string; courseId: string }) => `${a.studentId}:${a.courseId}`
    expect(reported.map(key).sort()).toEqual(
      expected.map((t) => key({ studentId: t.student_id, courseId: t.course_id })).sort(),
    )
    for (const t of expected) {
      const r = reported.find((x) => key(x) === `${t.student_id}:${t.course_id}`)!
      expect(r.progressPercentage).toBe(Number(t.progress ?? 0))
      expect(r.completedAt).toBe(t.completed_at ? new Date(t.completed_at).toISOString() : null)
      expect(r.certificateId).toBe(t.cert_id)
    }
    const names = (res.body.students as { fullName: string }[]).map((s) => s.fullName)
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)))
    const pairs = expected.length
    expect(res.body.summary).toEqual({
      students: members.length,
      averageProgress:
        Math.round((expected.reduce((s, t) => s + Number(t.progress ?? 0), 0) / pairs) * 100) / 100,
      completionRate: expect.any(Number),
      certificatesIssued: expected.filter((t) => t.cert_id).length,
    })
    expect(res.body.summary.completionRate).toBeCloseTo(
      expected.filter((t) => t.completed_at).length / pairs,
      2,
    )
  })

  it('exports the same rows as CSV', async () => {
    const csv = await apiRaw(
      'GET',
      `/api/institutions/${cast.institution.user.id}/export-report?cohortId=${cohortId}&format=csv`,
      { token: cast.institution.token },
    )
    expect(csv.status).toBe(200)
    const lines = (await csv.text()).trim().split('\r\n').slice(1)
    const expected = await truth()
    expect(lines).toHaveLength(expected.length)
    const csvRows = lines.map((l) => l.split(','))
    for (const t of expected) {
      const row = csvRows.find((r) => r[2] === t.email && r[3] === t.title)!
      expect(row).toEqual([
        'Report truth cohort',
        t.full_name,
        t.email,
        t.title,
        String(Number(t.progress ?? 0)),
        t.completed_at ? new Date(t.completed_at).toISOString() : '',
        t.cert_code ?? '',
      ])
    }
  })
})

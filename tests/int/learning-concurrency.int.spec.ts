import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { sql, type SQL } from '@payloadcms/db-postgres/drizzle'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Course, Enrollment, User } from '../../src/payload-types'
import {
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
import { api, type ApiResponse } from '../helpers/http'
import { getTestPayload } from '../helpers/payload'
import { createUser, deleteUsers, type TestUser } from '../helpers/users'

let payload: Payload
let educator: TestUser
const students: TestUser[] = []
const courseIds: string[] = []

async function rows<T>(query: SQL): Promise<T[]> {
  const db = (payload.db as unknown as PostgresAdapter).drizzle
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows
}

/** The stored counters against count(*) / count(distinct) straight from the tables. */
async function countersAndTruth(courses: string[], educatorId: string) {
  const stored = await rows<{ id: string; total_enrollments: number }>(
    sql`select id, total_enrollments::int from courses where id in ${courses}`,
  )
  const actual = await rows<{ course_id: string; n: number }>(
    sql`select course_id, count(*)::int as n from enrollments where course_id in ${courses}
        group by course_id`,
  )
  const [educatorRow] = await rows<{ total: number }>(
    sql`select educator_profile_total_students::int as total from users where id = ${educatorId}`,
  )
  const [distinct] = await rows<{ n: number }>(
    sql`select count(distinct e.student_id)::int as n from enrollments e
        join courses c on c.id = e.course_id where c.educator_id = ${educatorId}`,
  )
  const duplicates = await rows<{ n: number }>(
    sql`select count(*)::int as n from enrollments where course_id in ${courses}
        group by student_id, course_id having count(*) > 1`,
  )
  return {
    stored: Object.fromEntries(stored.map((r) => [r.id, Number(r.total_enrollments)])),
    actual: Object.fromEntries(
      courses.map((id) => [id, actual.find((r) => r.course_id === id)?.n ?? 0]),
    ),
    totalStudents: educatorRow.total,
    distinctStudents: distinct.n,
    duplicates: duplicates.length,
  }
}

const enrollReq = (s: TestUser, course: Course) =>
  api('POST', `/api/courses/${course.id}/enroll`, { token: s.token })
const removeReq = (s: TestUser, course: Course) =>
  api('DELETE', `/api/courses/${course.id}/enrollments/${s.user.id}`, { token: s.token })

beforeAll(async () => {
  payload = await getTestPayload()
  educator = await createUser(payload, 'educator')
  students.push(
    ...(await Promise.all(Array.from({ length: 36 }, () => createUser(payload, 'student')))),
  )
})

afterAll(async () => {
  await deleteCourses(payload, courseIds)
  await deleteUsers(payload, ...students, educator)
})

describe('enrollment counters under parallel load', () => {
  let c1: Course
  let c2: Course

  beforeAll(async () => {
    ;[c1, c2] = await Promise.all([
      buildCourse(educator.token).then((b) => b.course),
      buildCourse(educator.token).then((b) => b.course),
    ])
    courseIds.push(c1.id, c2.id)
  })

  it('keeps totalEnrollments and totalStudents equal to count(*) through 68 parallel enrolls and removals', async () => {
    const s = students.slice(0, 30)
    // Ten students start enrolled in c1; they leave while everything else happens.
    for (const student of s.slice(0, 10)) await enroll(student.token, c1.id)

    const calls: { kind: string; student: TestUser; promise: Promise<ApiResponse> }[] = []
    const add = (kind: string, student: TestUser, promise: Promise<ApiResponse>) =>
      calls.push({ kind, student, promise })
    for (const student of s.slice(0, 10)) add('leave c1', student, removeReq(student, c1))
    for (const student of s.slice(10, 30)) add('enroll c1', student, enrollReq(student, c1))
    // Duplicates of the same student at the same time.
    for (const student of s.slice(10, 20)) add('enroll c1 again', student, enrollReq(student, c1))
    for (const student of s.slice(10, 13)) add('enroll c1 thrice', student, enrollReq(student, c1))
    for (const student of s.slice(0, 15)) add('enroll c2', student, enrollReq(student, c2))
    // Racing an enroll and a removal of the same student: either order is fine.
    for (const student of s.slice(25, 30)) add('race leave c1', student, removeReq(student, c1))
    for (const student of s.slice(5, 10)) add('enroll c2 again', student, enrollReq(student, c2))
    expect(calls.length).toBe(68)

    const results = await Promise.all(calls.map((c) => c.promise))
    const byKind = (kind: string) =>
      results.filter((_, i) => calls[i].kind === kind).map((r) => r.status)

    expect(byKind('leave c1')).toEqual(Array(10).fill(200))
    for (const kind of ['enroll c1', 'enroll c1 again', 'enroll c1 thrice', 'enroll c2']) {
      for (const status of byKind(kind)) expect([200, 201], kind).toContain(status)
    }
    for (const status of byKind('race leave c1')) expect([200, 404]).toContain(status)
    // Exactly one 201 per (student, course) among the concurrent enrolls.
    const created = new Map<string, number>()
    results.forEach((r, i) => {
      if (r.status !== 201) return
      const key = `${calls[i].student.user.id}:${calls[i].kind.includes('c2') ? 'c2' : 'c1'}`
      created.set(key, (created.get(key) ?? 0) + 1)
    })
    expect([...created.values()].every((n) => n === 1)).toBe(true)
    expect(created.size).toBe(20 + 15)

    const truth = await countersAndTruth([c1.id, c2.id], educator.user.id)
    expect(truth.duplicates).toBe(0)
    expect(truth.stored).toEqual(truth.actual)
    expect(truth.totalStudents).toBe(truth.distinctStudents)
    // The deterministic part: c2 has s0..s14; c1 has s10..s24 plus whichever racers stayed.
    expect(truth.actual[c2.id]).toBe(15)
    const racersLeft = byKind('race leave c1').filter((status) => status === 200).length
    expect(truth.actual[c1.id]).toBe(20 - racersLeft)
    expect(truth.distinctStudents).toBe(30 - racersLeft)
    // The Local API count agrees with SQL.
    const { totalDocs } = await payload.count({
      collection: 'enrollments',
      where: { course: { equals: c1.id } },
    })
    expect(totalDocs).toBe(truth.actual[c1.id])
  })

  it('answers one 201 and the rest 200 for ten simultaneous enrolls of one student', async () => {
    const student = students[30]
    const results = await Promise.all(Array.from({ length: 10 }, () => enrollReq(student, c2)))
    const statuses = results.map((r) => r.status).sort()
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201])
    expect(new Set(results.map((r) => r.body.doc.id)).size).toBe(1)
    const truth = await countersAndTruth([c1.id, c2.id], educator.user.id)
    expect(truth.stored).toEqual(truth.actual)
    expect(truth.totalStudents).toBe(truth.distinctStudents)
  })

  it('stays exact when enrollments of both courses go away in parallel', async () => {
    const enrolled = await payload.find({
      collection: 'enrollments',
      where: { course: { in: [c1.id, c2.id] } },
      depth: 0,
      pagination: false,
    })
    const byId = new Map(students.map((s) => [s.user.id, s]))
    const results = await Promise.all(
      (enrolled.docs as Enrollment[]).map((e) =>
        api('DELETE', `/api/courses/${e.course}/enrollments/${e.student}`, {
          token: byId.get(String(e.student))!.token,
        }),
      ),
    )
    expect(results.every((r) => r.status === 200)).toBe(true)
    const truth = await countersAndTruth([c1.id, c2.id], educator.user.id)
    expect(truth.actual).toEqual({ [c1.id]: 0, [c2.id]: 0 })
    expect(truth.stored).toEqual(truth.actual)
    expect(truth.totalStudents).toBe(0)
  })
})

describe('quiz attempts at the same instant', () => {
  let quizCourse: BuiltCourse

  beforeAll(async () => {
    quizCourse = await buildCourse(educator.token, {
      lessons: [{}],
      quiz: { maxAttempts: 2, questions: THREE_QUESTIONS },
    })
    courseIds.push(quizCourse.course.id)
  })

  it('lets exactly one of two simultaneous submits take the last attempt', async () => {
    const group = students.slice(0, 6)
    await Promise.all(group.map((s) => enroll(s.token, quizCourse.course.id)))
    await Promise.all(
      group.map(async (s) =>
        expectStatus(
          await submitQuiz(s.token, quizCourse.course.id, quizCourse.quizLesson!.id, [2, 2, 2]),
          201,
        ),
      ),
    )
    const pairs = await Promise.all(
      group.map((s) =>
        Promise.all([
          submitQuiz(s.token, quizCourse.course.id, quizCourse.quizLesson!.id, RIGHT_ANSWERS),
          submitQuiz(s.token, quizCourse.course.id, quizCourse.quizLesson!.id, [0, 0, 0]),
        ]),
      ),
    )
    for (const pair of pairs) {
      expect(pair.map((r) => r.status).sort()).toEqual([201, 409])
      const ok = pair.find((r) => r.status === 201)!
      expect(ok.body).toMatchObject({ attemptNumber: 2, attemptsLeft: 0 })
    }
    const attempts = await rows<{ student_id: string; n: number; numbers: number[] }>(
      sql`select student_id, count(*)::int as n, array_agg(attempt_number::int order by attempt_number) as numbers
          from quiz_attempts where quiz_id = ${quizCourse.quiz!.id} group by student_id`,
    )
    expect(attempts).toHaveLength(group.length)
    for (const a of attempts) expect(a.numbers).toEqual([1, 2])
  })

  it('lets exactly one of five simultaneous first submits in when only one attempt is allowed', async () => {
    const single = await buildCourse(educator.token, {
      lessons: [],
      quiz: { maxAttempts: 1, questions: THREE_QUESTIONS },
    })
    courseIds.push(single.course.id)
    const student = students[31]
    await enroll(student.token, single.course.id)
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        submitQuiz(student.token, single.course.id, single.quizLesson!.id, RIGHT_ANSWERS),
      ),
    )
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409])
    const { totalDocs } = await payload.count({
      collection: 'quiz-attempts',
      where: { quiz: { equals: single.quiz!.id } },
    })
    expect(totalDocs).toBe(1)
  })
})

describe('lesson completion in parallel', () => {
  it('ends at the right percentage when different lessons complete at once', async () => {
    const eight = await buildCourse(educator.token, {
      lessons: Array.from({ length: 8 }, () => ({})),
    })
    courseIds.push(eight.course.id)
    const student = students[32]
    const enrollment = await enroll(student.token, eight.course.id)
    const results = await Promise.all(
      eight.lessons.slice(0, 5).map((l) => completeLesson(student.token, eight.course.id, l.id)),
    )
    expect(results.every((r) => r.status === 200)).toBe(true)
    // Serialized per enrollment: the responses step through 13, 25, 38, 50, 63 in some order.
    expect(results.map((r) => r.body.progressPercentage).sort((a, b) => a - b)).toEqual([
      13, 25, 38, 50, 63,
    ])
    const stored = (await payload.findByID({
      collection: 'enrollments',
      id: enrollment.id,
    })) as Enrollment
    expect(stored.progressPercentage).toBe(63)
    const progress = await api('GET', `/api/courses/${eight.course.id}/progress`, {
      token: student.token,
    })
    expect(progress.body).toMatchObject({ progressPercentage: 63, completedLessons: 5 })
  })

  it('completes the course once when all lessons (and repeats) arrive together', async () => {
    const built = await buildCourse(educator.token, {
      lessons: Array.from({ length: 6 }, () => ({})),
    })
    courseIds.push(built.course.id)
    const student = students[33]
    const enrollment = await enroll(student.token, built.course.id)
    const calls = [...built.lessons, ...built.lessons.slice(0, 3)].map((l) =>
      completeLesson(student.token, built.course.id, l.id),
    )
    const results = await Promise.all(calls)
    expect(results.every((r) => r.status === 200)).toBe(true)
    const stored = (await payload.findByID({
      collection: 'enrollments',
      id: enrollment.id,
    })) as Enrollment
    expect(stored.progressPercentage).toBe(100)
    expect(stored.completedAt).toBeTruthy()
    expect(await completionJobs(payload, enrollment.id)).toHaveLength(1)
    const [progressRows] = await rows<{ n: number }>(
      sql`select count(*)::int as n from lesson_progress where enrollment_id = ${enrollment.id}`,
    )
    expect(progressRows.n).toBe(6)
    expect(results.filter((r) => r.body.courseCompleted)).not.toHaveLength(0)
  })

  it('keeps the educator counter exact when their students are deleted in parallel', async () => {
    const built = await buildCourse(educator.token)
    courseIds.push(built.course.id)
    const group = await Promise.all(Array.from({ length: 6 }, () => createUser(payload, 'student')))
    await Promise.all(group.map((s) => enroll(s.token, built.course.id)))
    await Promise.all(
      group.slice(0, 4).map((s) => payload.delete({ collection: 'users', id: s.user.id })),
    )
    const truth = await countersAndTruth([built.course.id], educator.user.id)
    expect(truth.actual[built.course.id]).toBe(2)
    expect(truth.stored).toEqual(truth.actual)
    expect(truth.totalStudents).toBe(truth.distinctStudents)
    await deleteUsers(payload, ...group.slice(4))
    const after = (await payload.findByID({ collection: 'users', id: educator.user.id })) as User
    expect(after.educatorProfile?.totalStudents).toBe(
      (await countersAndTruth([built.course.id], educator.user.id)).distinctStudents,
    )
  })
})

describe('database guarantees behind the counters and lists', () => {
  it('has the unique pairs and the indexes lists and explore rely on', async () => {
    const indexes = await rows<{ indexdef: string }>(
      sql`select indexdef from pg_indexes where schemaname = 'public' and tablename in
          ('courses', 'courses_tags', 'courses_teaching_styles', 'enrollments', 'lesson_progress',
           'quiz_attempts', 'quizzes', 'cohort_enrollments', 'lessons')`,
    )
    const defs = indexes.map((i) => i.indexdef.replace(/"/g, ''))
    const has = (pattern: RegExp) =>
      expect(
        defs.some((d) => pattern.test(d)),
        String(pattern),
      ).toBe(true)
    has(/UNIQUE INDEX .* ON public\.enrollments USING btree \(student_id, course_id\)/)
    has(/UNIQUE INDEX .* ON public\.lesson_progress USING btree \(enrollment_id, lesson_id\)/)
    has(
      /UNIQUE INDEX .* ON public\.quiz_attempts USING btree \(quiz_id, student_id, attempt_number\)/,
    )
    has(/UNIQUE INDEX .* ON public\.cohort_enrollments USING btree \(cohort_id, student_id\)/)
    has(/UNIQUE INDEX .* ON public\.quizzes USING btree \(lesson_id\)/)
    has(/ON public\.courses USING btree \(_status\)/)
    has(/ON public\.courses USING btree \(course_type\)/)
    has(/ON public\.courses_tags USING btree \(value\)/)
    has(/ON public\.courses_teaching_styles USING btree \(value\)/)
    has(/ON public\.enrollments USING btree \(course_id\)/)
    has(/ON public\.enrollments USING btree \(student_id\)/)
    has(/ON public\.lesson_progress USING btree \(enrollment_id\)/)
    has(/ON public\.lessons USING btree \(course_id, order_index\)/)
  })
})

describe('deleting a course under parallel load', () => {
  it('finishes while students enroll and leave, and leaves the educator counter exact', async () => {
    const { course } = await buildCourse(educator.token)
    const keep = (await buildCourse(educator.token)).course
    courseIds.push(course.id, keep.id)
    const early = students.slice(0, 10)
    await Promise.all(early.map((s) => enroll(s.token, course.id)))
    await enroll(students[0].token, keep.id)
    const calls = [
      ...students.slice(10, 30).map((s) => enrollReq(s, course)),
      ...early.slice(0, 5).map((s) => removeReq(s, course)),
    ]
    const deleted = api('DELETE', `/api/courses/${course.id}`, { token: educator.token })
    calls.push(...students.slice(30, 36).map((s) => enrollReq(s, course)))
    const results = await Promise.all(calls)
    expectStatus(await deleted, 200)
    for (const res of results) expect([200, 201, 404]).toContain(res.status)
    const truth = await countersAndTruth([course.id, keep.id], educator.user.id)
    expect(truth.actual[course.id]).toBe(0)
    expect(truth.stored[keep.id]).toBe(truth.actual[keep.id])
    expect(truth.totalStudents).toBe(truth.distinctStudents)
  })
})

describe('deleting lessons and quizzes under parallel load', () => {
  it('finishes while students complete and submit, and leaves every percentage right', async () => {
    const built = await buildCourse(educator.token, {
      lessons: [{}, {}],
      quiz: { questions: THREE_QUESTIONS },
    })
    courseIds.push(built.course.id)
    const group = students.slice(0, 12)
    await Promise.all(group.map((s) => enroll(s.token, built.course.id)))
    const [first, second] = built.lessons
    const calls = [
      ...group.map((s) => completeLesson(s.token, built.course.id, first.id)),
      ...group.slice(0, 6).map((s) => completeLesson(s.token, built.course.id, second.id)),
      ...group
        .slice(6)
        .map((s) => submitQuiz(s.token, built.course.id, built.quizLesson!.id, RIGHT_ANSWERS)),
    ]
    const deletes = [
      api('DELETE', `/api/lessons/${first.id}`, { token: educator.token }),
      api('DELETE', `/api/quizzes/${built.quiz!.id}`, { token: educator.token }),
    ]
    const results = await Promise.all(calls)
    for (const res of await Promise.all(deletes)) expectStatus(res, 200)
    for (const res of results) expect([200, 201, 404]).toContain(res.status)
    const wrong = await rows<{ id: string }>(
      sql`select e.id from enrollments e where e.course_id = ${built.course.id}
          and e.progress_percentage <> coalesce((
            select round(100.0 * count(lp.id) / nullif(count(l.id), 0))
            from lessons l left join lesson_progress lp
              on lp.lesson_id = l.id and lp.enrollment_id = e.id and lp.completed
            where l.course_id = e.course_id), 0)`,
    )
    expect(wrong).toEqual([])
  })
})

describe('cohorts under parallel load', () => {
  it('enrolls cohort members in several courses while students enroll on their own, exactly', async () => {
    const institution = await createUser(payload, 'institution')
    const courses = await Promise.all(
      [0, 1, 2].map(() => buildCourse(educator.token).then((b) => b.course)),
    )
    courseIds.push(...courses.map((c) => c.id))
    const cohort = await api('POST', '/api/cohorts', {
      token: institution.token,
      // Reverse order on purpose: the cohort lists its courses differently from the ids' order.
      body: { name: 'Parallel cohort', courses: courses.map((c) => c.id).reverse() },
    })
    expectStatus(cohort, 201)
    try {
      const members = students.slice(0, 12)
      const solo = students.slice(12, 30)
      const results = await Promise.all([
        ...members.map((s) =>
          api('POST', '/api/cohort-enrollments', {
            token: institution.token,
            body: { cohort: cohort.body.doc.id, student: s.user.id },
          }),
        ),
        ...solo.flatMap((s, i) => [
          enrollReq(s, courses[i % 3]),
          enrollReq(s, courses[(i + 1) % 3]),
        ]),
        ...members.slice(0, 6).map((s) => enrollReq(s, courses[2])),
      ])
      for (const res of results) expect([200, 201]).toContain(res.status)
      const truth = await countersAndTruth(
        courses.map((c) => c.id),
        educator.user.id,
      )
      expect(truth.duplicates).toBe(0)
      expect(truth.stored).toEqual(truth.actual)
      expect(truth.totalStudents).toBe(truth.distinctStudents)
      for (const c of courses) expect(truth.actual[c.id]).toBeGreaterThanOrEqual(12)
    } finally {
      await payload.delete({
        collection: 'cohorts',
        id: cohort.body.doc.id,
        overrideAccess: true,
      })
      await deleteUsers(payload, institution)
    }
  })
})

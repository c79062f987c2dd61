import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Cohort, Enrollment, Lesson, VideoAsset } from '../../src/payload-types'
import {
  addLesson,
  buildCourse,
  type BuiltCourse,
  completeLesson,
  createCourse,
  deleteCohorts,
  deleteCourses,
  enroll,
  expectStatus,
  RIGHT_ANSWERS,
  submitQuiz,
  THREE_QUESTIONS,
  uniqueTitle,
} from '../helpers/courses'
import { api, graphql } from '../helpers/http'
import { getTestPayload } from '../helpers/payload'
import { createCast, createUser, deleteUsers, type TestUser } from '../helpers/users'

type Cast = Awaited<ReturnType<typeof createCast>> & { otherInstitution: TestUser }
type Viewer = keyof Cast | 'anonymous'
const VIEWERS: Viewer[] = [
  'anonymous',
  'student',
  'otherStudent',
  'educator',
  'otherEducator',
  'institution',
  'otherInstitution',
  'admin',
]

let payload: Payload
let cast: Cast
const token = (viewer: Viewer) => (viewer === 'anonymous' ? undefined : cast[viewer].token)

const courseIds: string[] = []
const cohortIds: string[] = []
const extraUsers: TestUser[] = []

const SECRET = `secret${crypto.randomUUID().slice(0, 8)}`
const PREVIEW = `preview${crypto.randomUUID().slice(0, 8)}`
const DRAFT_SECRET = `draftsecret${crypto.randomUUID().slice(0, 8)}`

/** A (educator, published), B (otherEducator, published), D (educator, draft). */
let A: BuiltCourse
let B: BuiltCourse
let D: { id: string; lesson: Lesson }
let video: VideoAsset
let cohort: Cohort
/** Learner records: the student in A and in B, the other student in B. */
const records: Record<
  'enrollments' | 'lesson-progress' | 'quiz-attempts',
  { studentA: string; studentB: string; otherB: string }
> = {
  enrollments: { studentA: '', studentB: '', otherB: '' },
  'lesson-progress': { studentA: '', studentB: '', otherB: '' },
  'quiz-attempts': { studentA: '', studentB: '', otherB: '' },
}

/** Every non-null value stored under `key` anywhere in a JSON value. */
function valuesOf(value: unknown, key: string): unknown[] {
  if (Array.isArray(value)) return value.flatMap((v) => valuesOf(v, key))
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) =>
      k === key && v !== null && v !== undefined ? [v] : valuesOf(v, key),
    )
  }
  return []
}

async function recordOf(
  collection: 'enrollments' | 'lesson-progress' | 'quiz-attempts',
  studentId: string,
  courseId: string,
) {
  const { docs } = await payload.find({
    collection,
    where: { and: [{ student: { equals: studentId } }, { course: { equals: courseId } }] },
    depth: 0,
    limit: 1,
  })
  return docs[0].id
}

beforeAll(async () => {
  payload = await getTestPayload()
  const [base, otherInstitution] = await Promise.all([
    createCast(payload),
    createUser(payload, 'institution', { fullName: 'Other Institution' }),
  ])
  cast = { ...base, otherInstitution }

  video = await payload.create({
    collection: 'video-assets',
    data: { owner: cast.educator.user.id, playbackId: 'pb-secret', status: 'ready' },
  })
  A = await buildCourse(cast.educator.token, {
    lessons: [
      { title: 'Reading', content: `The ${SECRET} is here` },
      { title: 'Preview', content: `Free ${PREVIEW}`, isFreePreview: true },
      { title: 'Video', lessonType: 'video' },
    ],
    quiz: { questions: THREE_QUESTIONS },
  })
  await payload.update({
    collection: 'lessons',
    id: A.lessons[2].id,
    data: { videoAsset: video.id },
  })
  B = await buildCourse(cast.otherEducator.token, {
    lessons: [{ content: 'B content' }],
    quiz: { questions: THREE_QUESTIONS },
  })
  const draft = await createCourse(cast.educator.token, { title: uniqueTitle('Draft') })
  D = {
    id: draft.id,
    lesson: await addLesson(cast.educator.token, draft.id, { content: DRAFT_SECRET }),
  }
  courseIds.push(A.course.id, B.course.id, D.id)

  await enroll(cast.student.token, A.course.id)
  await enroll(cast.student.token, B.course.id)
  await enroll(cast.otherStudent.token, B.course.id)
  expectStatus(await completeLesson(cast.student.token, A.course.id, A.lessons[0].id), 200)
  expectStatus(await completeLesson(cast.student.token, B.course.id, B.lessons[0].id), 200)
  expectStatus(await completeLesson(cast.otherStudent.token, B.course.id, B.lessons[0].id), 200)
  expectStatus(await submitQuiz(cast.student.token, A.course.id, A.quizLesson!.id, [1, 1, 1]), 201)
  expectStatus(await submitQuiz(cast.student.token, B.course.id, B.quizLesson!.id, [1, 1, 1]), 201)
  expectStatus(
    await submitQuiz(cast.otherStudent.token, B.course.id, B.quizLesson!.id, [1, 1, 1]),
    201,
  )
  for (const collection of Object.keys(records) as (keyof typeof records)[]) {
    records[collection] = {
      studentA: await recordOf(collection, cast.student.user.id, A.course.id),
      studentB: await recordOf(collection, cast.student.user.id, B.course.id),
      otherB: await recordOf(collection, cast.otherStudent.user.id, B.course.id),
    }
  }

  // The institution's cohort: the student, in course A only.
  const created = await api('POST', '/api/cohorts', {
    token: cast.institution.token,
    body: {
      name: uniqueTitle('Cohort'),
      courses: [A.course.id],
      educators: [cast.educator.user.id],
    },
  })
  expectStatus(created, 201)
  cohort = created.body.doc
  cohortIds.push(cohort.id)
  expectStatus(
    await api('POST', '/api/cohort-enrollments', {
      token: cast.institution.token,
      body: { cohort: cohort.id, student: cast.student.user.id },
    }),
    201,
  )
})

afterAll(async () => {
  await deleteCohorts(payload, cohortIds)
  await deleteCourses(payload, courseIds)
  await payload.delete({ collection: 'video-assets', id: video.id }).catch(() => {})
  await deleteUsers(payload, ...extraUsers, ...Object.values(cast))
})

describe('courses: drafts only for their educator and admins', () => {
  const expected: Record<Viewer, boolean> = {
    anonymous: false,
    student: false,
    otherStudent: false,
    educator: true,
    otherEducator: false,
    institution: false,
    otherInstitution: false,
    admin: true,
  }

  it.each(VIEWERS)('REST list and GraphQL for %s', async (viewer) => {
    const rest = await api('GET', `/api/courses?where[id][in]=${A.course.id},${D.id}&depth=0`, {
      token: token(viewer),
    })
    expectStatus(rest, 200)
    const restIds = rest.body.docs.map((c: { id: string }) => c.id)
    expect(restIds).toContain(A.course.id)
    expect(restIds.includes(D.id)).toBe(expected[viewer])

    const gql = await graphql(
      `
        query ($ids: [String]) {
          Courses(where: { id: { in: $ids } }) {
            docs {
              id
              title
            }
          }
        }
      `,
      { ids: [A.course.id, D.id] },
      { token: token(viewer) },
    )
    const gqlIds = gql.body.data.Courses.docs.map((c: { id: string }) => c.id)
    expect(gqlIds).toContain(A.course.id)
    expect(gqlIds.includes(D.id)).toBe(expected[viewer])

    const one = await graphql(
      `
        query ($id: String!) {
          Course(id: $id) {
            id
          }
        }
      `,
      { id: D.id },
      {
        token: token(viewer),
      },
    )
    expect(one.body.data?.Course?.id === D.id).toBe(expected[viewer])
  })

  it.each(VIEWERS)("a draft's lessons and versions for %s", async (viewer) => {
    const lessons = await api('GET', `/api/lessons?where[course][equals]=${D.id}`, {
      token: token(viewer),
    })
    expectStatus(lessons, 200)
    expect(lessons.body.docs.length).toBe(expected[viewer] ? 1 : 0)
    const direct = await api('GET', `/api/lessons/${D.lesson.id}`, { token: token(viewer) })
    expect(direct.status).toBe(expected[viewer] ? 200 : 404)
    if (!expected[viewer]) expect(JSON.stringify(direct.body)).not.toContain(DRAFT_SECRET)
    const versions = await api('GET', `/api/courses/versions?where[parent][equals]=${D.id}`, {
      token: token(viewer),
    })
    if (expected[viewer]) {
      expectStatus(versions, 200)
      expect(versions.body.totalDocs).toBeGreaterThan(0)
    } else if (viewer === 'otherEducator') {
      // Educators may list versions, of their own courses only.
      expectStatus(versions, 200)
      expect(versions.body.totalDocs).toBe(0)
    } else {
      expect(versions.status).toBe(403)
    }
    expect(JSON.stringify(versions.body).includes(DRAFT_SECRET)).toBe(false)
  })
})

describe('courses: unpublished edits of a published course', () => {
  it('stay with the educator until they are published', async () => {
    const unreleased = `Unreleased ${crypto.randomUUID().slice(0, 8)}`
    const built = await buildCourse(cast.educator.token)
    courseIds.push(built.course.id)
    const draft = await api('PATCH', `/api/courses/${built.course.id}?draft=true`, {
      token: cast.educator.token,
      body: { title: unreleased },
    })
    expectStatus(draft, 200)
    for (const viewer of ['anonymous', 'student', 'otherEducator', 'institution'] as Viewer[]) {
      const responses = [
        await api('GET', `/api/courses/${built.course.id}?draft=true`, { token: token(viewer) }),
        await api('GET', `/api/courses/${built.course.id}`, { token: token(viewer) }),
        await api('GET', `/api/courses?draft=true&where[id][equals]=${built.course.id}`, {
          token: token(viewer),
        }),
        await api('GET', `/api/courses/explore?q=${unreleased}`, { token: token(viewer) }),
        await graphql(
          `
            query ($id: String!) {
              Course(id: $id, draft: true) {
                title
              }
            }
          `,
          { id: built.course.id },
          { token: token(viewer) },
        ),
      ]
      for (const res of responses) expect(JSON.stringify(res.body)).not.toContain(unreleased)
      expect(responses[1].body.title).toBe(built.course.title)
    }
    const own = await api('GET', `/api/courses/${built.course.id}?draft=true`, {
      token: cast.educator.token,
    })
    expect(own.body.title).toBe(unreleased)
  })
})

describe('lessons: public syllabus, content only for enrolled, owner, admin or free preview', () => {
  const fullAccess: Record<Viewer, boolean> = {
    anonymous: false,
    student: true,
    otherStudent: false,
    educator: true,
    otherEducator: false,
    institution: false,
    otherInstitution: false,
    admin: true,
  }
  type L = { id: string; title: string; content?: unknown; videoAsset?: unknown }

  function expectLessons(docs: L[], viewer: Viewer) {
    const byTitle = Object.fromEntries(docs.map((l) => [l.title, l]))
    // The syllabus is there for everyone.
    expect(Object.keys(byTitle)).toEqual(expect.arrayContaining(['Reading', 'Preview', 'Video']))
    // The free preview is readable by anyone.
    expect(JSON.stringify(byTitle.Preview.content)).toContain(PREVIEW)
    const text = JSON.stringify(docs)
    if (fullAccess[viewer]) {
      expect(JSON.stringify(byTitle.Reading.content)).toContain(SECRET)
      expect(byTitle.Video.videoAsset).toBe(video.id)
    } else {
      expect(text).not.toContain(SECRET)
      expect(byTitle.Reading.content ?? null).toBeNull()
      expect(byTitle.Video.videoAsset ?? null).toBeNull()
      expect(text).not.toContain(video.id)
    }
    expect(text).not.toContain('pb-secret')
  }

  it.each(VIEWERS)('REST /api/lessons for %s', async (viewer) => {
    const res = await api('GET', `/api/lessons?where[course][equals]=${A.course.id}&depth=0`, {
      token: token(viewer),
    })
    expectStatus(res, 200)
    expectLessons(res.body.docs, viewer)
    const one = await api('GET', `/api/lessons/${A.lessons[0].id}?depth=0`, {
      token: token(viewer),
    })
    expectStatus(one, 200)
    expect(JSON.stringify(one.body).includes(SECRET)).toBe(fullAccess[viewer])
  })

  it.each(VIEWERS)('the course join (GET /api/courses/:id?depth=1) for %s', async (viewer) => {
    const res = await api('GET', `/api/courses/${A.course.id}?depth=1`, { token: token(viewer) })
    expectStatus(res, 200)
    expectLessons(res.body.lessons.docs, viewer)
  })

  it.each(VIEWERS)('GraphQL Lessons and Course.lessons for %s', async (viewer) => {
    const res = await graphql(
      `
        query ($course: JSON) {
          Lessons(where: { course: { equals: $course } }) {
            docs {
              id
              title
              content
              videoAsset {
                id
              }
            }
          }
        }
      `,
      { course: A.course.id },
      { token: token(viewer) },
    )
    const docs = res.body.data.Lessons.docs.map((l: L & { videoAsset?: { id: string } }) => ({
      ...l,
      videoAsset: l.videoAsset?.id ?? null,
    }))
    // The video asset itself is only readable by its owner and admins.
    if (fullAccess[viewer] && !['educator', 'admin'].includes(viewer)) {
      expect(docs.find((l: L) => l.title === 'Video').videoAsset).toBeNull()
    } else {
      expectLessons(docs, viewer)
    }
    expect(JSON.stringify(res.body).includes(SECRET)).toBe(fullAccess[viewer])

    const joined = await graphql(
      `
        query ($id: String!) {
          Course(id: $id) {
            lessons {
              docs {
                id
                title
                content
              }
            }
          }
        }
      `,
      { id: A.course.id },
      { token: token(viewer) },
    )
    const text = JSON.stringify(joined.body.data.Course.lessons.docs)
    expect(text).toContain(PREVIEW)
    expect(text.includes(SECRET)).toBe(fullAccess[viewer])
  })

  it.each(['anonymous', 'student', 'otherStudent', 'institution'] as Viewer[])(
    'cannot be probed by %s with a where clause on content or videoAsset',
    async (viewer) => {
      for (const where of [
        `where[content][like]=${SECRET}`,
        `where[content][exists]=true`,
        `where[videoAsset][equals]=${video.id}`,
      ]) {
        const res = await api('GET', `/api/lessons?where[course][equals]=${A.course.id}&${where}`, {
          token: token(viewer),
        })
        expect(res.status, where).toBe(400)
        expect(JSON.stringify(res.body)).not.toContain(SECRET)
      }
    },
  )
})

describe('quizzes: the answer key never reaches a student', () => {
  const quizIds = () => [A.quiz!.id, B.quiz!.id]

  it.each(VIEWERS)('REST /api/quizzes for %s', async (viewer) => {
    const res = await api('GET', `/api/quizzes?where[id][in]=${quizIds().join(',')}`, {
      token: token(viewer),
    })
    const byId = await api('GET', `/api/quizzes/${A.quiz!.id}`, { token: token(viewer) })
    if (viewer === 'educator' || viewer === 'otherEducator' || viewer === 'admin') {
      expectStatus(res, 200)
      const ids = res.body.docs.map((q: { id: string }) => q.id).sort()
      const visible = {
        educator: [A.quiz!.id],
        otherEducator: [B.quiz!.id],
        admin: quizIds().sort(),
      }[viewer]
      expect(ids).toEqual(visible)
      for (const quiz of res.body.docs) {
        expect(quiz.questions.map((q: { correctAnswer: number }) => q.correctAnswer)).toEqual(
          RIGHT_ANSWERS,
        )
      }
      expect(byId.status).toBe(viewer === 'otherEducator' ? 404 : 200)
    } else {
      expect(res.status).toBe(403)
      expect(byId.status).toBe(403)
      expect(valuesOf(res.body, 'correctAnswer')).toEqual([])
      expect(valuesOf(byId.body, 'correctAnswer')).toEqual([])
    }
  })

  it.each(['anonymous', 'student', 'otherStudent', 'institution'] as Viewer[])(
    'GraphQL Quiz/Quizzes/QuizAttempts.quiz give %s nothing',
    async (viewer) => {
      const list = await graphql(
        `
          {
            Quizzes(limit: 100) {
              docs {
                id
                questions {
                  question
                  correctAnswer
                }
              }
            }
          }
        `,
        {},
        { token: token(viewer) },
      )
      expect(list.body.data?.Quizzes ?? null).toBeNull()
      expect(list.body.errors?.length).toBeGreaterThan(0)
      const one = await graphql(
        `
          query ($id: String!) {
            Quiz(id: $id) {
              id
              questions {
                correctAnswer
              }
            }
          }
        `,
        { id: A.quiz!.id },
        { token: token(viewer) },
      )
      expect(one.body.data?.Quiz ?? null).toBeNull()
      const attempts = await graphql(
        `
          {
            QuizAttempts(limit: 100) {
              docs {
                id
                score
                quiz {
                  id
                  questions {
                    correctAnswer
                  }
                }
              }
            }
          }
        `,
        {},
        { token: token(viewer) },
      )
      for (const res of [list, one, attempts]) {
        expect(valuesOf(res.body, 'correctAnswer')).toEqual([])
      }
      if (viewer === 'student') {
        const docs = attempts.body.data.QuizAttempts.docs
        expect(docs.length).toBeGreaterThan(0)
        for (const d of docs) expect(d.quiz).toBeNull()
      }
    },
  )

  it('is absent from every response an enrolled student can get', async () => {
    const t = cast.student.token
    const quiz = `/api/courses/${A.course.id}/lessons/${A.quizLesson!.id}/quiz`
    const responses = [
      await api('GET', quiz, { token: t }),
      await api('GET', `${quiz}/results`, { token: t }),
      await api('POST', `${quiz}/submit`, { token: t, body: { answers: [0, 0, 0] } }),
      await api('GET', `/api/quiz-attempts?depth=3&limit=100`, { token: t }),
      await api('GET', `/api/quiz-attempts/${records['quiz-attempts'].studentA}?depth=3`, {
        token: t,
      }),
      await api('GET', `/api/enrollments?depth=3`, { token: t }),
      await api('GET', `/api/lesson-progress?depth=3`, { token: t }),
      await api('GET', `/api/courses/${A.course.id}?depth=3`, { token: t }),
      await api('GET', `/api/lessons?where[course][equals]=${A.course.id}&depth=3`, { token: t }),
      await api('GET', `/api/students/${cast.student.user.id}/enrollments`, { token: t }),
      await api('GET', `/api/students/${cast.student.user.id}/progress`, { token: t }),
      await api('GET', `/api/courses/${A.course.id}/progress`, { token: t }),
    ]
    for (const res of responses) {
      expect(res.status).toBeLessThan(300)
      expect(JSON.stringify(res.body)).not.toContain('correctAnswer')
    }
    const attempts = responses[3].body.docs
    expect(attempts.length).toBeGreaterThan(0)
    for (const a of attempts) expect(typeof a.quiz).toBe('string')
  })

  it('cannot be probed with a where clause through quiz attempts', async () => {
    for (const answer of [0, 1, 2]) {
      const res = await api(
        'GET',
        `/api/quiz-attempts?where[quiz.questions.correctAnswer][equals]=${answer}`,
        { token: cast.student.token },
      )
      expect(res.status).toBe(400)
    }
  })

  it('cannot be created, changed or faked by students', async () => {
    const create = await api('POST', '/api/quizzes', {
      token: cast.student.token,
      body: { lesson: A.lessons[0].id, questions: THREE_QUESTIONS },
    })
    expect(create.status).toBe(403)
    const update = await api('PATCH', `/api/quizzes/${A.quiz!.id}`, {
      token: cast.otherEducator.token,
      body: { passingScore: 0 },
    })
    expect(update.status).toBe(403)
    const attempt = await api('POST', '/api/quiz-attempts', {
      token: cast.student.token,
      body: {
        quiz: A.quiz!.id,
        student: cast.student.user.id,
        enrollment: records.enrollments.studentA,
        course: A.course.id,
        score: 100,
        passed: true,
        answers: RIGHT_ANSWERS,
        attemptNumber: 9,
      },
    })
    expect(attempt.status).toBe(403)
    const patch = await api('PATCH', `/api/quiz-attempts/${records['quiz-attempts'].studentA}`, {
      token: cast.student.token,
      body: { passed: true, score: 100 },
    })
    expect(patch.status).toBe(403)
    const progress = await api('POST', '/api/lesson-progress', {
      token: cast.student.token,
      body: {
        enrollment: records.enrollments.studentA,
        lesson: A.lessons[1].id,
        student: cast.student.user.id,
        course: A.course.id,
        completed: true,
      },
    })
    expect(progress.status).toBe(403)
  })

  it("does not let another educator add a quiz to someone else's lesson", async () => {
    const res = await api('POST', '/api/quizzes', {
      token: cast.otherEducator.token,
      body: { lesson: A.lessons[0].id, questions: THREE_QUESTIONS },
    })
    expect(res.status).toBe(403)
  })
})

describe('learner records: own, their courses, their cohorts, or all', () => {
  type Key = 'studentA' | 'studentB' | 'otherB'
  const expected: Record<Viewer, Key[] | 'forbidden'> = {
    anonymous: 'forbidden',
    student: ['studentA', 'studentB'],
    otherStudent: ['otherB'],
    educator: ['studentA'],
    otherEducator: ['studentB', 'otherB'],
    // The student is in the institution's cohort for course A only.
    institution: ['studentA'],
    otherInstitution: [],
    admin: ['studentA', 'studentB', 'otherB'],
  }
  const GQL = {
    enrollments: 'Enrollments',
    'lesson-progress': 'LessonProgresses',
    'quiz-attempts': 'QuizAttempts',
  } as const

  for (const collection of Object.keys(GQL) as (keyof typeof GQL)[]) {
    it.each(VIEWERS)(`${collection} over REST and GraphQL for %s`, async (viewer) => {
      const mine = records[collection]
      const ours = Object.values(mine)
      const want = expected[viewer]
      const rest = await api(
        'GET',
        `/api/${collection}?where[course][in]=${A.course.id},${B.course.id}&limit=100&depth=0`,
        { token: token(viewer) },
      )
      const gql = await graphql(
        `query ($courses: [JSON]) {
          ${GQL[collection]}(where: { course: { in: $courses } }, limit: 100) { docs { id } }
        }`,
        { courses: [A.course.id, B.course.id] },
        { token: token(viewer) },
      )
      if (want === 'forbidden') {
        expect(rest.status).toBe(403)
        expect(gql.body.data?.[GQL[collection]] ?? null).toBeNull()
        return
      }
      expectStatus(rest, 200)
      const expectedIds = want.map((k) => mine[k]).sort()
      const restIds = rest.body.docs
        .map((d: { id: string }) => d.id)
        .filter((id: string) => ours.includes(id))
      expect(restIds.sort()).toEqual(expectedIds)
      const gqlIds = gql.body.data[GQL[collection]].docs
        .map((d: { id: string }) => d.id)
        .filter((id: string) => ours.includes(id))
      expect(gqlIds.sort()).toEqual(expectedIds)
      // And by id: someone else's record is not found.
      for (const key of ['studentA', 'otherB'] as Key[]) {
        const one = await api('GET', `/api/${collection}/${mine[key]}?depth=0`, {
          token: token(viewer),
        })
        expect(one.status, key).toBe(want.includes(key) ? 200 : 404)
      }
    })
  }

  it("does not show an institution a member's courses outside that member's cohort", async () => {
    // A second cohort of the institution: the other student, in course B. The first cohort's
    // student is also enrolled in B, on their own: not the institution's business.
    const second = await api('POST', '/api/cohorts', {
      token: cast.institution.token,
      body: { name: uniqueTitle('Second cohort'), courses: [B.course.id] },
    })
    expectStatus(second, 201)
    cohortIds.push(second.body.doc.id)
    expectStatus(
      await api('POST', '/api/cohort-enrollments', {
        token: cast.institution.token,
        body: { cohort: second.body.doc.id, student: cast.otherStudent.user.id },
      }),
      201,
    )
    try {
      for (const collection of Object.keys(records) as (keyof typeof records)[]) {
        const get = (id: string) =>
          api('GET', `/api/${collection}/${id}`, { token: cast.institution.token })
        expectStatus(await get(records[collection].studentA), 200)
        expectStatus(await get(records[collection].otherB), 200)
        expect((await get(records[collection].studentB)).status, collection).toBe(404)
      }
    } finally {
      expectStatus(
        await api('DELETE', `/api/cohorts/${second.body.doc.id}`, {
          token: cast.institution.token,
        }),
        200,
      )
    }
  })
})

describe('cohorts and cohort enrollments', () => {
  let newcomer: TestUser
  let otherCohort: Cohort

  beforeAll(async () => {
    newcomer = await createUser(payload, 'student')
    extraUsers.push(newcomer)
    const created = await api('POST', '/api/cohorts', {
      token: cast.otherInstitution.token,
      body: { name: uniqueTitle('Other cohort'), courses: [B.course.id] },
    })
    expectStatus(created, 201)
    otherCohort = created.body.doc
    cohortIds.push(otherCohort.id)
  })

  const enrollmentOf = async (studentId: string, courseId: string) =>
    (
      await payload.find({
        collection: 'enrollments',
        where: { and: [{ student: { equals: studentId } }, { course: { equals: courseId } }] },
        depth: 0,
      })
    ).docs[0] as Enrollment | undefined

  it('makes the creating institution the owner, whatever the body says', async () => {
    const res = await api('POST', '/api/cohorts', {
      token: cast.institution.token,
      body: { name: uniqueTitle('Mine'), institution: cast.otherInstitution.user.id },
    })
    expectStatus(res, 201)
    cohortIds.push(res.body.doc.id)
    expect(res.body.doc.institution.id ?? res.body.doc.institution).toBe(cast.institution.user.id)
  })

  it('lets only institutions and admins create cohorts', async () => {
    for (const viewer of ['anonymous', 'student', 'educator'] as Viewer[]) {
      const res = await api('POST', '/api/cohorts', {
        token: token(viewer),
        body: { name: uniqueTitle('Nope') },
      })
      expect(res.status, viewer).toBe(403)
    }
  })

  it.each(VIEWERS)('shows cohorts and their members to %s as scoped', async (viewer) => {
    const visible: Record<Viewer, 'forbidden' | string[]> = {
      anonymous: 'forbidden',
      student: 'forbidden',
      otherStudent: 'forbidden',
      educator: [cohort.id],
      otherEducator: [],
      institution: [cohort.id],
      otherInstitution: [otherCohort.id],
      admin: [cohort.id, otherCohort.id],
    }
    const ids = [cohort.id, otherCohort.id]
    const res = await api('GET', `/api/cohorts?where[id][in]=${ids.join(',')}`, {
      token: token(viewer),
    })
    const want = visible[viewer]
    const gql = await graphql(
      `
        query ($ids: [String]) {
          Cohorts(where: { id: { in: $ids } }) {
            docs {
              id
              name
            }
          }
        }
      `,
      { ids },
      { token: token(viewer) },
    )
    if (want === 'forbidden') {
      expect(res.status).toBe(403)
      expect(gql.body.data?.Cohorts ?? null).toBeNull()
    } else {
      expectStatus(res, 200)
      expect(res.body.docs.map((c: Cohort) => c.id).sort()).toEqual([...want].sort())
      expect(gql.body.data.Cohorts.docs.map((c: Cohort) => c.id).sort()).toEqual([...want].sort())
    }
    const members = await api(
      'GET',
      `/api/cohort-enrollments?where[cohort][equals]=${cohort.id}&depth=0`,
      { token: token(viewer) },
    )
    const seesMembers = ['institution', 'admin', 'student'].includes(viewer)
    if (viewer === 'anonymous') expect(members.status).toBe(403)
    else {
      expectStatus(members, 200)
      expect(members.body.docs.length > 0).toBe(seesMembers)
    }
  })

  it("refuses another institution's changes to a cohort and its members", async () => {
    const update = await api('PATCH', `/api/cohorts/${cohort.id}`, {
      token: cast.otherInstitution.token,
      body: { name: 'Hijacked' },
    })
    expect(update.status).toBe(403)
    const add = await api('POST', '/api/cohort-enrollments', {
      token: cast.otherInstitution.token,
      body: { cohort: cohort.id, student: newcomer.user.id },
    })
    expect(add.status).toBe(403)
    const del = await api('DELETE', `/api/cohorts/${cohort.id}`, {
      token: cast.otherInstitution.token,
    })
    expect(del.status).toBe(403)
    const stored = (await payload.findByID({ collection: 'cohorts', id: cohort.id })) as Cohort
    expect(stored.name).toBe(cohort.name)
    const educatorEdit = await api('PATCH', `/api/cohorts/${cohort.id}`, {
      token: cast.educator.token,
      body: { name: 'Educator edit' },
    })
    expect(educatorEdit.status).toBe(403)
  })

  it('enrolls a new member in the cohort courses with source "cohort"', async () => {
    const before = (await payload.findByID({ collection: 'courses', id: A.course.id }))
      .totalEnrollments
    const res = await api('POST', '/api/cohort-enrollments', {
      token: cast.institution.token,
      body: { cohort: cohort.id, student: newcomer.user.id, educator: cast.educator.user.id },
    })
    expectStatus(res, 201)
    const enrollment = await enrollmentOf(newcomer.user.id, A.course.id)
    expect(enrollment).toMatchObject({ source: 'cohort', cohort: cohort.id })
    expect(
      (await payload.findByID({ collection: 'courses', id: A.course.id })).totalEnrollments,
    ).toBe(before! + 1)
    // The institution now sees the newcomer's enrollment; the other institution does not.
    expectStatus(
      await api('GET', `/api/enrollments/${enrollment!.id}`, { token: cast.institution.token }),
      200,
    )
    expect(
      (
        await api('GET', `/api/enrollments/${enrollment!.id}`, {
          token: cast.otherInstitution.token,
        })
      ).status,
    ).toBe(404)
    // A second membership row for the same student is refused.
    const duplicate = await api('POST', '/api/cohort-enrollments', {
      token: cast.institution.token,
      body: { cohort: cohort.id, student: newcomer.user.id },
    })
    expect(duplicate.status).toBe(400)
  })

  it('keeps an existing enrollment as it was when its student joins a cohort', async () => {
    const s = await createUser(payload, 'student')
    extraUsers.push(s)
    const own = await enroll(s.token, A.course.id)
    expectStatus(
      await api('POST', '/api/cohort-enrollments', {
        token: cast.institution.token,
        body: { cohort: cohort.id, student: s.user.id },
      }),
      201,
    )
    const after = await enrollmentOf(s.user.id, A.course.id)
    expect(after).toMatchObject({ id: own.id, source: 'free' })
  })

  it('enrolls existing members when a course is added to the cohort', async () => {
    const extra = await buildCourse(cast.otherEducator.token)
    courseIds.push(extra.course.id)
    const res = await api('PATCH', `/api/cohorts/${cohort.id}`, {
      token: cast.institution.token,
      body: { courses: [A.course.id, extra.course.id] },
    })
    expectStatus(res, 200)
    for (const studentId of [cast.student.user.id, newcomer.user.id]) {
      expect(await enrollmentOf(studentId, extra.course.id)).toMatchObject({
        source: 'cohort',
        cohort: cohort.id,
      })
    }
    expect(
      (await payload.findByID({ collection: 'courses', id: extra.course.id })).totalEnrollments,
    ).toBe(
      (
        await payload.count({
          collection: 'enrollments',
          where: { course: { equals: extra.course.id } },
        })
      ).totalDocs,
    )
  })

  it('refuses draft courses and non-students in a cohort (400)', async () => {
    const draftCourse = await api('PATCH', `/api/cohorts/${cohort.id}`, {
      token: cast.institution.token,
      body: { courses: [A.course.id, D.id] },
    })
    expect(draftCourse.status).toBe(400)
    const educatorMember = await api('POST', '/api/cohort-enrollments', {
      token: cast.institution.token,
      body: { cohort: cohort.id, student: cast.otherEducator.user.id },
    })
    expect(educatorMember.status).toBe(400)
    expect(await enrollmentOf(cast.otherEducator.user.id, A.course.id)).toBeUndefined()
  })

  it('does not let an institution move a member into a cohort it does not own', async () => {
    const { docs } = await payload.find({
      collection: 'cohort-enrollments',
      where: {
        and: [{ cohort: { equals: cohort.id } }, { student: { equals: newcomer.user.id } }],
      },
    })
    await api('PATCH', `/api/cohort-enrollments/${docs[0].id}`, {
      token: cast.institution.token,
      body: { cohort: otherCohort.id, student: cast.otherStudent.user.id },
    })
    const stored = await payload.findByID({
      collection: 'cohort-enrollments',
      id: docs[0].id,
      depth: 0,
    })
    expect(stored).toMatchObject({ cohort: cohort.id, student: newcomer.user.id })
  })

  it('lets the institution delete a cohort with members', async () => {
    const created = await api('POST', '/api/cohorts', {
      token: cast.institution.token,
      body: { name: uniqueTitle('Short-lived'), courses: [A.course.id] },
    })
    expectStatus(created, 201)
    cohortIds.push(created.body.doc.id)
    expectStatus(
      await api('POST', '/api/cohort-enrollments', {
        token: cast.institution.token,
        body: { cohort: created.body.doc.id, student: newcomer.user.id },
      }),
      201,
    )
    const res = await api('DELETE', `/api/cohorts/${created.body.doc.id}`, {
      token: cast.institution.token,
    })
    expectStatus(res, 200)
    expect(
      (
        await payload.count({
          collection: 'cohort-enrollments',
          where: { cohort: { equals: created.body.doc.id } },
        })
      ).totalDocs,
    ).toBe(0)
    // Course enrollments made through the cohort stay.
    expect(await enrollmentOf(newcomer.user.id, A.course.id)).toBeDefined()
  })
})

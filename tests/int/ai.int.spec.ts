import type { Payload } from 'payload'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { cache } from '../../src/lib/cache'
import { precomputeRecommendations } from '../../src/services/ai/recommendations'
import { setClock } from '../../src/services/analytics/clock'
import {
  buildCourse,
  deleteCourses,
  enroll,
  expectStatus,
  submitQuiz,
  THREE_QUESTIONS,
  type BuiltCourse,
} from '../helpers/courses'
import { api, errorMessage } from '../helpers/http'
import { getTestPayload } from '../helpers/payload'
import { createCast, createUser, deleteUsers, type TestUser } from '../helpers/users'
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai'

const OPENAI_KEY = 'sk-test-ready-lab'
let payload: Payload
let cast: Awaited<ReturnType<typeof createCast>>
let fake: FakeOpenAI
let educator: TestUser
let student: TestUser
const courses: Record<string, BuiltCourse['course']> = {}
const courseIds: string[] = []
const extraUsers: TestUser[] = []

type Rec = { courseId: string; title: string; score: number; reason: string }

async function newUser(role: TestUser['user']['role'], overrides = {}) {
  const user = await createUser(payload, role, overrides)
  extraUsers.push(user)
  return user
}

async function course(key: string, body: Record<string, unknown>, publish = true) {
  const built = await buildCourse(educator.token, { course: body, lessons: [{}], publish })
  courses[key] = built.course
  courseIds.push(built.course.id)
  return built
}

const useOpenAI = () => {
  process.env.OPENAI_API_KEY = OPENAI_KEY
  process.env.OPENAI_BASE_URL = fake.url
}
const noOpenAI = () => {
  delete process.env.OPENAI_API_KEY
  delete process.env.OPENAI_BASE_URL
}

const recommend = (who: TestUser, id = who.user.id, query = '') =>
  api('GET', `/api/ai/recommendations/${id}${query}`, { token: who.token })

beforeAll(async () => {
  payload = await getTestPayload()
  fake = await startFakeOpenAI({ apiKey: OPENAI_KEY })
  cast = await createCast(payload)
  educator = await newUser('educator')
  await course('aiOps', { title: 'AI operations for small teams', tags: ['ai', 'operations'] })
  await course('aiMarketing', { title: 'AI marketing machines', tags: ['ai', 'marketing'] })
  await course('funding', { title: 'Raising a seed round', tags: ['funding'] })
  await course('branding', { title: 'Zebracorn brand basics', tags: ['branding'] })
  await course('draft', { title: 'Unreleased AI secrets', tags: ['ai'] }, false)
  student = await newUser('student', {
    studentProfile: { interests: ['ai'], onboardingCompleted: true },
  })
  await enroll(student.token, courses.aiOps.id)
  // Others who took AI operations also took AI marketing (co-enrollment).
  for (let i = 0; i < 3; i++) {
    const other = await newUser('student')
    await enroll(other.token, courses.aiOps.id)
    await enroll(other.token, courses.aiMarketing.id)
  }
})

beforeEach(() => {
  noOpenAI()
  process.env.AI_TIMEOUT_MS = '800'
  cache.clearMemory()
  fake.delay(0)
  fake.failNext(0, 0)
})

afterAll(async () => {
  noOpenAI()
  setClock(null)
  await deleteCourses(payload, courseIds)
  await deleteUsers(payload, ...Object.values(cast ?? {}), ...extraUsers)
  await fake?.close()
})

describe('recommendations', () => {
  it('without a key: relevant, published, not taken, no duplicates, with reasons', async () => {
    const res = await recommend(student)
    expectStatus(res, 200)
    expect(res.body.source).toBe('local')
    const ids = res.body.recommendations.map((r: Rec) => r.courseId)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).not.toContain(courses.aiOps.id)
    expect(ids).not.toContain(courses.draft.id)
    expect(ids[0]).toBe(courses.aiMarketing.id)
    expect(res.body.recommendations[0].reason).toMatch(/AI operations|interest in ai/)
    for (const r of res.body.recommendations as Rec[]) {
      expect(r).toMatchObject({ title: expect.any(String), score: expect.any(Number) })
      expect(r.reason.length).toBeGreaterThan(5)
    }
  })

  it('changes with an enrollment and a newly published course (versioned cache)', async () => {
    const learner = await newUser('student', { studentProfile: { interests: ['ai'] } })
    const first = await recommend(learner)
    const again = await recommend(learner)
    expect(again.body.generatedAt).toBe(first.body.generatedAt) // a cache hit
    const top = first.body.recommendations[0].courseId
    await enroll(learner.token, top)
    const afterEnroll = await recommend(learner)
    expect(afterEnroll.body.recommendations.map((r: Rec) => r.courseId)).not.toContain(top)
    const fresh = await course('aiNew', { title: 'AI agents for founders', tags: ['ai'] })
    const afterPublish = await recommend(learner)
    expect(afterPublish.body.recommendations.map((r: Rec) => r.courseId)).toContain(fresh.course.id)
  })

  it('with a model: keeps only offered candidates, once, and fills from the local ranking', async () => {
    useOpenAI()
    fake.respond(() => ({
      recommendations: [
        { courseId: '00000000-0000-4000-8000-000000000000', reason: 'made up' },
        { courseId: courses.branding.id, reason: 'A fresh angle on your AI work.' },
        { courseId: courses.branding.id, reason: 'again' },
        { courseId: courses.aiOps.id, reason: 'already taken' },
        { courseId: courses.draft.id, reason: 'not published' },
      ],
    }))
    const res = await recommend(student, student.user.id, '?limit=3')
    expectStatus(res, 200)
    expect(res.body.source).toBe('openai')
    const recs = res.body.recommendations as Rec[]
    expect(recs).toHaveLength(3)
    expect(recs[0]).toMatchObject({
      courseId: courses.branding.id,
      reason: 'A fresh angle on your AI work.',
    })
    const ids = recs.map((r) => r.courseId)
    expect(new Set(ids).size).toBe(3)
    for (const bad of [
      courses.aiOps.id,
      courses.draft.id,
      '00000000-0000-4000-8000-000000000000',
    ]) {
      expect(ids).not.toContain(bad)
    }
    // Pseudonymous and bounded: no email or name, at most 20 candidates.
    const sent = fake.requests.at(-1)!
    const text = JSON.stringify(sent.messages)
    expect(text).not.toContain(student.email)
    expect(text).not.toContain(student.user.fullName)
    expect(fake.userMessage(sent).candidates.length).toBeLessThanOrEqual(20)
    expect(sent.response_format?.type).toBe('json_schema')
  })

  it('a slow or failing model falls back to the local answer within the budget', async () => {
    useOpenAI()
    fake.respond(() => ({ recommendations: [] }))
    process.env.AI_TIMEOUT_MS = '300'
    fake.delay(2000)
    const started = Date.now()
    const slow = await recommend(student)
    expect(Date.now() - started).toBeLessThan(1500)
    expect(slow.body.source).toBe('local')
    fake.delay(0)
    cache.clearMemory()
    fake.failNext(500)
    const failed = await recommend(student)
    expect(failed.body.source).toBe('local')
    expect(failed.body.recommendations.length).toBeGreaterThan(0)
  })

  it('the precompute job warms the cache of recently active students', async () => {
    const learner = await newUser('student', { studentProfile: { interests: ['funding'] } })
    expectStatus(
      await api('GET', `/api/courses/${courses.funding.id}`, { token: learner.token }),
      200,
    )
    const { students } = await precomputeRecommendations(payload)
    expect(students).toBeGreaterThanOrEqual(1)
    const shownBefore = await payload.count({
      collection: 'analytics-events',
      where: {
        and: [
          { user: { equals: learner.user.id } },
          { eventType: { equals: 'recommendation_shown' } },
        ],
      },
      overrideAccess: true,
    })
    expect(shownBefore.totalDocs).toBe(0) // precomputing shows nothing to anyone
    const started = Date.now()
    const res = await recommend(learner)
    expectStatus(res, 200)
    expect(new Date(res.body.generatedAt).getTime()).toBeLessThan(started) // computed earlier
  })

  it('records what was shown, and what was then opened or enrolled', async () => {
    const learner = await newUser('student', { studentProfile: { interests: ['funding'] } })
    const res = await recommend(learner)
    const shownId = res.body.recommendations[0].courseId
    expectStatus(await api('GET', `/api/courses/${shownId}`, { token: learner.token }), 200)
    await enroll(learner.token, shownId)
    const events = await payload.find({
      collection: 'analytics-events',
      where: { user: { equals: learner.user.id } },
      sort: 'createdAt',
      overrideAccess: true,
      pagination: false,
    })
    const clicks = events.docs.filter((e) => e.eventType === 'recommendation_clicked')
    expect(events.docs.some((e) => e.eventType === 'recommendation_shown')).toBe(true)
    expect(clicks.map((c) => (c.eventData as { action: string }).action).sort()).toEqual([
      'enroll',
      'view',
    ])
  })

  it('access: the student and admins; 400, 401, 403, 404; per-user rate limit', async () => {
    expectStatus(await api('GET', `/api/ai/recommendations/${student.user.id}`), 401)
    expectStatus(await recommend(cast.student, student.user.id), 403)
    expectStatus(await recommend(educator, student.user.id), 403)
    expectStatus(await recommend(cast.admin, student.user.id), 200)
    expectStatus(await recommend(cast.admin, educator.user.id), 404)
    expectStatus(await recommend(student, student.user.id, '?limit=0'), 400)
    const busy = await newUser('student')
    process.env.RATE_LIMIT_AI_MAX = '3'
    try {
      const answers = []
      for (let i = 0; i < 4; i++) answers.push((await recommend(busy)).status)
      expect(answers).toEqual([200, 200, 200, 429])
      // Per user, not per address: someone else is not limited by it.
      expectStatus(await recommend(await newUser('student')), 200)
    } finally {
      delete process.env.RATE_LIMIT_AI_MAX
    }
  })
})

describe('roadmap', () => {
  it('plans real, untaken courses week by week, prerequisites first, and saves it', async () => {
    const advanced = await course('advanced', {
      title: 'Advanced branding systems',
      tags: ['branding'],
      prerequisites: [courses.branding.id],
    })
    const learner = await newUser('student', { studentProfile: { interests: ['branding'] } })
    // The prerequisite is done: the advanced course may follow it in the plan.
    const res = await api('POST', '/api/ai/roadmap/generate', {
      token: learner.token,
      body: { goal: 'Zebracorn branding', weeks: 4 },
    })
    expectStatus(res, 201)
    expect(res.body.source).toBe('local')
    expect(res.body.roadmap.goal).toBe('Zebracorn branding')
    // The database is shared with other suites' courses: the goal's rare word singles ours out.
    expect(res.body.roadmap.weeks.map((w: { week: number }) => w.week)).toEqual([1, 2, 3, 4])
    const planned = res.body.roadmap.weeks.flatMap((w: { courseIds: string[] }) => w.courseIds)
    expect(planned).toContain(courses.branding.id)
    expect(planned).not.toContain(advanced.course.id) // its prerequisite is not completed yet
    expect(planned).not.toContain(courses.draft.id)
    expect(new Set(planned).size).toBe(planned.length)
    const saved = await payload.findByID({
      collection: 'users',
      id: learner.user.id,
      overrideAccess: true,
    })
    expect((saved.studentProfile?.aiRoadmap as { weeks: unknown[] }).weeks).toHaveLength(4)
  })

  it('with a model: unknown and repeated ids dropped; refusals and bad input', async () => {
    useOpenAI()
    fake.respond(() => ({
      goal: 'Own AI marketing',
      weeks: [
        { week: 1, focus: 'Campaign machines', courseIds: [courses.aiMarketing.id, 'nope'] },
        { week: 2, focus: 'Repeat', courseIds: [courses.aiMarketing.id] },
        { week: 9, focus: 'Out of range', courseIds: [courses.funding.id] },
      ],
    }))
    const res = await api('POST', '/api/ai/roadmap/generate', {
      token: student.token,
      body: { weeks: 2 },
    })
    expectStatus(res, 201)
    expect(res.body.source).toBe('openai')
    expect(res.body.roadmap.weeks).toEqual([
      { week: 1, focus: 'Campaign machines', courseIds: [courses.aiMarketing.id] },
      { week: 2, focus: expect.stringMatching(/Practice/), courseIds: [] },
    ])
    expectStatus(
      await api('POST', '/api/ai/roadmap/generate', { token: educator.token, body: {} }),
      403,
    )
    expectStatus(await api('POST', '/api/ai/roadmap/generate', { body: {} }), 401)
    const bad = await api('POST', '/api/ai/roadmap/generate', {
      token: student.token,
      body: { weeks: 99 },
    })
    expectStatus(bad, 400)
    expect(errorMessage(bad)).toMatch(/weeks/)
  })
})

describe('course suggestions', () => {
  it('topics with demand and little supply, from interests and searches that found little', async () => {
    for (let i = 0; i < 3; i++) {
      await newUser('student', { studentProfile: { interests: ['legal'] } })
    }
    const searcher = await newUser('student')
    for (const q of ['legal contracts', 'legal', 'term sheets legal']) {
      expectStatus(
        await api('GET', `/api/courses/explore?q=${encodeURIComponent(q)}`, {
          token: searcher.token,
        }),
        200,
      )
    }
    const res = await api('GET', `/api/ai/course-suggestions/${educator.user.id}`, {
      token: educator.token,
    })
    expectStatus(res, 200)
    expect(res.body.source).toBe('local')
    const legal = res.body.suggestions.find((s: { topic: string }) => s.topic === 'legal')
    expect(legal).toMatchObject({
      title: expect.stringContaining('Legal'),
      rationale: expect.stringContaining('interested'),
    })
    expect(legal.demand.interestedStudents).toBeGreaterThanOrEqual(3)
    expect(legal.demand.searches).toBeGreaterThanOrEqual(3)
    expect(legal.demand.existingCourses).toBe(0)

    expectStatus(
      await api('GET', `/api/ai/course-suggestions/${educator.user.id}`, {
        token: cast.otherEducator.token,
      }),
      403,
    )
    expectStatus(
      await api('GET', `/api/ai/course-suggestions/${educator.user.id}`, { token: student.token }),
      403,
    )
    expectStatus(
      await api('GET', `/api/ai/course-suggestions/${educator.user.id}`, {
        token: cast.admin.token,
      }),
      200,
    )
    expectStatus(
      await api('GET', `/api/ai/course-suggestions/${student.user.id}`, {
        token: cast.admin.token,
      }),
      404,
    )
  })

  it('with a model: it words the topics we computed; the numbers stay ours', async () => {
    useOpenAI()
    fake.respond((request) => {
      const { topics } = JSON.parse(request.messages.find((m) => m.role === 'user')!.content)
      return {
        suggestions: [
          ...topics.map((t: { topic: string }) => ({
            topic: t.topic,
            title: `Model title for ${t.topic}`,
            rationale: 'Because the numbers say so.',
          })),
          { topic: 'astrology', title: 'Not offered', rationale: 'x' },
        ],
      }
    })
    const res = await api('GET', `/api/ai/course-suggestions/${educator.user.id}`, {
      token: educator.token,
    })
    expect(res.body.source).toBe('openai')
    expect(res.body.suggestions.map((s: { topic: string }) => s.topic)).not.toContain('astrology')
    expect(res.body.suggestions[0].title).toMatch(/^Model title for /)
  })
})

describe('student insights', () => {
  it('finds students who slip and the lessons that trip them up', async () => {
    const quizCourse = await buildCourse(educator.token, {
      lessons: [{}],
      quiz: { passingScore: 100, maxAttempts: 5, questions: THREE_QUESTIONS },
    })
    courseIds.push(quizCourse.course.id)
    const strugglers = [await newUser('student'), await newUser('student')]
    for (const s of strugglers) {
      await enroll(s.token, quizCourse.course.id)
      for (let i = 0; i < 2; i++) {
        expectStatus(
          await submitQuiz(s.token, quizCourse.course.id, quizCourse.quizLesson!.id, [2, 2, 2]),
          201,
        )
      }
    }
    const res = await api('POST', `/api/ai/student-insights/${quizCourse.course.id}`, {
      token: educator.token,
    })
    expectStatus(res, 200)
    expect(res.body.source).toBe('local')
    expect(res.body.atRisk.map((s: { studentId: string }) => s.studentId).sort()).toEqual(
      strugglers.map((s) => s.user.id).sort(),
    )
    expect(res.body.atRisk[0].reasons).toContain('failed quiz attempts: 2')
    expect(res.body.strugglingLessons).toEqual([
      { lessonId: quizCourse.quizLesson!.id, title: quizCourse.quizLesson!.title, failRate: 1 },
    ])
    expect(res.body.summary).toMatch(/2 of 2 active students are at risk/)

    // Ten days later, nobody has been back: inactivity is a reason too.
    setClock(() => new Date(Date.now() + 10 * 86_400_000))
    const later = await api('POST', `/api/ai/student-insights/${quizCourse.course.id}`, {
      token: educator.token,
    })
    setClock(null)
    expect(later.body.atRisk[0].reasons.some((r: string) => r.startsWith('inactive for'))).toBe(
      true,
    )

    useOpenAI()
    fake.respond(() => ({ summary: 'Two students need a nudge on the quiz.' }))
    const withModel = await api('POST', `/api/ai/student-insights/${quizCourse.course.id}`, {
      token: educator.token,
    })
    expect(withModel.body).toMatchObject({
      source: 'openai',
      summary: 'Two students need a nudge on the quiz.',
    })
    const sent = JSON.stringify(fake.requests.at(-1)!.messages)
    for (const s of strugglers) expect(sent).not.toContain(s.user.fullName)
  })

  it("is for the course's educator and admins", async () => {
    const path = `/api/ai/student-insights/${courses.aiOps.id}`
    expectStatus(await api('POST', path), 401)
    expectStatus(await api('POST', path, { token: cast.otherEducator.token }), 403)
    expectStatus(await api('POST', path, { token: student.token }), 403)
    expectStatus(await api('POST', path, { token: cast.admin.token }), 200)
    expectStatus(
      await api('POST', '/api/ai/student-insights/00000000-0000-4000-8000-000000000000', {
        token: cast.admin.token,
      }),
      404,
    )
  })
})

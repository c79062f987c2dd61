import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { User } from '../../src/payload-types'
import { completionJobs, deleteCourses, expectStatus, uniqueTitle } from '../helpers/courses'
import { api, type ApiResponse } from '../helpers/http'
import { getTestPayload } from '../helpers/payload'
import { createUser, deleteUsers, type TestUser } from '../helpers/users'

let payload: Payload
let educator: TestUser
let student: TestUser
let courseId: string | undefined

beforeAll(async () => {
  payload = await getTestPayload()
  ;[educator, student] = await Promise.all([
    createUser(payload, 'educator', { fullName: 'Story Educator' }),
    createUser(payload, 'student', { fullName: 'Story Student' }),
  ])
})

afterAll(async () => {
  await deleteCourses(payload, [courseId])
  await deleteUsers(payload, student, educator)
})

describe('done when', () => {
  it('an educator builds and publishes a course; a student finds it, learns, fails then passes the quiz, and completes it', async () => {
    const seen: ApiResponse[] = []
    const asStudent = async (
      method: 'GET' | 'POST',
      path: string,
      body?: unknown,
    ): Promise<ApiResponse> => {
      const res = await api(method, path, { token: student.token, body })
      seen.push(res)
      return res
    }

    // The educator builds the course over REST.
    const title = uniqueTitle('Fundraising From Zero')
    const created = await api('POST', '/api/courses', {
      token: educator.token,
      body: {
        title,
        description: 'Raise your first round.',
        courseType: 'deep_learning',
        teachingStyles: ['visual'],
        tags: ['funding'],
      },
    })
    expectStatus(created, 201)
    courseId = created.body.doc.id
    const lessons = []
    for (const lesson of [
      {
        title: 'Why raise',
        lessonType: 'reading',
        content: 'Money buys time.',
        isFreePreview: true,
      },
      { title: 'The deck', lessonType: 'video', duration: 600 },
      { title: 'Check yourself', lessonType: 'quiz' },
    ]) {
      const res = await api('POST', `/api/courses/${courseId}/lessons`, {
        token: educator.token,
        body: lesson,
      })
      expectStatus(res, 201)
      lessons.push(res.body.doc)
    }
    expect(lessons.map((l) => l.orderIndex)).toEqual([0, 1, 2])
    const quiz = await api('POST', '/api/quizzes', {
      token: educator.token,
      body: {
        lesson: lessons[2].id,
        passingScore: 70,
        maxAttempts: 3,
        questions: [
          {
            question: 'What is a term sheet?',
            options: ['A deal summary', 'A bill'],
            correctAnswer: 0,
          },
          {
            question: 'Who leads a round?',
            options: ['The lawyer', 'The lead investor'],
            correctAnswer: 1,
          },
        ],
      },
    })
    expectStatus(quiz, 201)
    // Not in the catalog before it is published.
    const before = await api('GET', `/api/courses/explore?q=${encodeURIComponent(title)}`)
    expect(before.body.totalDocs).toBe(0)
    const published = await api('POST', `/api/courses/${courseId}/publish`, {
      token: educator.token,
    })
    expectStatus(published, 200)
    expect(published.body.doc._status).toBe('published')

    // The student finds it in explore and looks at the syllabus.
    const found = await asStudent(
      'GET',
      `/api/courses/explore?q=${encodeURIComponent(title)}&tag=funding&courseType=deep_learning`,
    )
    expectStatus(found, 200)
    expect(found.body.docs.map((c: { id: string }) => c.id)).toEqual([courseId])
    expect(found.body.docs[0].educator.fullName).toBe('Story Educator')
    const syllabus = await asStudent('GET', `/api/courses/${courseId}?depth=1`)
    expect(syllabus.body.lessons.docs.map((l: { title: string }) => l.title)).toEqual([
      'Why raise',
      'The deck',
      'Check yourself',
    ])

    // Enrolls (once), completes the lessons, fails then passes the quiz.
    expectStatus(await asStudent('POST', `/api/courses/${courseId}/enroll`), 201)
    expectStatus(await asStudent('POST', `/api/courses/${courseId}/enroll`), 200)
    const first = await asStudent(
      'POST',
      `/api/courses/${courseId}/lessons/${lessons[0].id}/complete`,
      {
        timeSpent: 300,
      },
    )
    expect(first.body).toEqual({ completed: true, progressPercentage: 33, courseCompleted: false })
    const second = await asStudent(
      'POST',
      `/api/courses/${courseId}/lessons/${lessons[1].id}/complete`,
      { timeSpent: 600 },
    )
    expect(second.body.progressPercentage).toBe(67)

    const quizPath = `/api/courses/${courseId}/lessons/${lessons[2].id}/quiz`
    const shown = await asStudent('GET', quizPath)
    expect(shown.body).toMatchObject({ attemptsUsed: 0, attemptsLeft: 3, passingScore: 70 })
    const failed = await asStudent('POST', `${quizPath}/submit`, { answers: [1, 1] })
    expectStatus(failed, 201)
    expect(failed.body).toMatchObject({
      score: 50,
      passed: false,
      attemptNumber: 1,
      attemptsLeft: 2,
    })
    const passed = await asStudent('POST', `${quizPath}/submit`, { answers: [0, 1] })
    expectStatus(passed, 201)
    expect(passed.body).toMatchObject({
      score: 100,
      passed: true,
      attemptNumber: 2,
      attemptsLeft: 1,
      courseCompleted: true,
    })

    // 100% and a completed enrollment, raised once for the certificate job.
    const progress = await asStudent('GET', `/api/courses/${courseId}/progress`)
    expect(progress.body).toMatchObject({
      progressPercentage: 100,
      completedLessons: 3,
      totalLessons: 3,
      lastAccessedLesson: lessons[2].id,
    })
    expect(progress.body.completedAt).toBeTruthy()
    const mine = await asStudent('GET', `/api/students/${student.user.id}/enrollments`)
    expect(mine.body.docs[0]).toMatchObject({
      course: { id: courseId },
      progressPercentage: 100,
      completedAt: progress.body.completedAt,
    })
    expect(await completionJobs(payload, progress.body.enrollmentId)).toHaveLength(1)
    const results = await asStudent('GET', `${quizPath}/results`)
    expect(results.body).toMatchObject({ totalDocs: 2, passed: true })

    // Counters are exact and the answer key never reached the student.
    const course = await payload.findByID({ collection: 'courses', id: courseId! })
    expect(course.totalEnrollments).toBe(1)
    const teacher = (await payload.findByID({ collection: 'users', id: educator.user.id })) as User
    expect(teacher.educatorProfile?.totalStudents).toBe(1)
    for (const res of seen) expect(JSON.stringify(res.body)).not.toContain('correctAnswer')
  })
})

import { randomUUID } from 'node:crypto'
import type { Payload } from 'payload'
import { expect } from 'vitest'

import { drainJobs } from '../../src/jobs/relay'
import type { Course, Enrollment, Lesson, Quiz } from '../../src/payload-types'
import { certificateJobKey } from '../../src/services/certificates/issue'
import { api, type ApiResponse } from './http'

/** A title no other suite (or earlier run) uses. */
export const uniqueTitle = (prefix = 'Course') => `${prefix} ${randomUUID().slice(0, 8)}`

type CourseBody = {
  title?: string
  description?: string
  courseType?: Course['courseType']
  teachingStyles?: NonNullable<Course['teachingStyles']>
  tags?: NonNullable<Course['tags']>
  price?: number
  currency?: Course['currency']
  [key: string]: unknown
}

export type LessonBody = {
  title?: string
  lessonType?: Lesson['lessonType']
  orderIndex?: number
  duration?: number
  isFreePreview?: boolean
  availableAfterDays?: number
  content?: string
  description?: string
}

export type QuestionBody = { question: string; options: string[]; correctAnswer: number }
export type QuizBody = { passingScore?: number; maxAttempts?: number; questions: QuestionBody[] }

/** Expects a status and shows the body when it differs (much easier to debug than a bare number). */
export function expectStatus(res: ApiResponse, status: number) {
  expect({ status: res.status, body: res.body }).toMatchObject({ status })
}

/** POST /api/courses as the educator: a draft. */
export async function createCourse(token: string, body: CourseBody = {}): Promise<Course> {
  const res = await api('POST', '/api/courses', {
    token,
    body: { title: uniqueTitle(), courseType: 'microlearning', ...body },
  })
  expectStatus(res, 201)
  return res.body.doc
}

/** POST /api/courses/:id/lessons as the course owner. */
export async function addLesson(
  token: string,
  courseId: string,
  body: LessonBody = {},
): Promise<Lesson> {
  const res = await api('POST', `/api/courses/${courseId}/lessons`, {
    token,
    body: { title: uniqueTitle('Lesson'), lessonType: 'reading', ...body },
  })
  expectStatus(res, 201)
  return res.body.doc
}

/** POST /api/quizzes as the lesson's owner. */
export async function createQuiz(token: string, lessonId: string, body: QuizBody): Promise<Quiz> {
  const res = await api('POST', '/api/quizzes', { token, body: { lesson: lessonId, ...body } })
  expectStatus(res, 201)
  return res.body.doc
}

export async function publishCourse(token: string, courseId: string): Promise<Course> {
  const res = await api('POST', `/api/courses/${courseId}/publish`, { token })
  expectStatus(res, 200)
  return res.body.doc
}

/** Three questions whose right answers are 0, 1, 2. */
export const THREE_QUESTIONS: QuestionBody[] = [
  { question: 'First?', options: ['right', 'wrong', 'wrong'], correctAnswer: 0 },
  { question: 'Second?', options: ['wrong', 'right', 'wrong'], correctAnswer: 1 },
  { question: 'Third?', options: ['wrong', 'wrong', 'right'], correctAnswer: 2 },
]
export const RIGHT_ANSWERS = [0, 1, 2]

export type BuiltCourse = {
  course: Course
  lessons: Lesson[]
  quizLesson?: Lesson
  quiz?: Quiz
}

/**
 * Builds a course over REST as its educator: `lessons` (default two readings), then a quiz lesson
 * with a quiz when `quiz` is given, published unless `publish: false`.
 */
export async function buildCourse(
  token: string,
  options: {
    course?: CourseBody
    lessons?: LessonBody[]
    quiz?: QuizBody
    publish?: boolean
  } = {},
): Promise<BuiltCourse> {
  const course = await createCourse(token, options.course)
  const lessons: Lesson[] = []
  const specs = options.lessons ?? [{}, {}]
  for (const [i, spec] of specs.entries()) {
    lessons.push(await addLesson(token, course.id, { orderIndex: i, ...spec }))
  }
  let quizLesson: Lesson | undefined
  let quiz: Quiz | undefined
  if (options.quiz) {
    quizLesson = await addLesson(token, course.id, {
      title: uniqueTitle('Quiz lesson'),
      lessonType: 'quiz',
      orderIndex: specs.length,
    })
    quiz = await createQuiz(token, quizLesson.id, options.quiz)
    lessons.push(quizLesson)
  }
  const final = options.publish === false ? course : await publishCourse(token, course.id)
  return { course: final, lessons, quizLesson, quiz }
}

export async function enroll(token: string, courseId: string): Promise<Enrollment> {
  const res = await api('POST', `/api/courses/${courseId}/enroll`, { token })
  expectStatus(res, 201)
  return res.body.doc
}

export const completeLesson = (token: string, courseId: string, lessonId: string, body = {}) =>
  api('POST', `/api/courses/${courseId}/lessons/${lessonId}/complete`, { token, body })

export const submitQuiz = (token: string, courseId: string, lessonId: string, answers: unknown) =>
  api('POST', `/api/courses/${courseId}/lessons/${lessonId}/quiz/submit`, {
    token,
    body: { answers },
  })

/**
 * Removes courses and everything hanging off them (certificates issued for them, enrollments with
 * their progress and attempts, quizzes, lessons) through the Local API, so counters follow as in
 * production. Queued jobs (certificates of completed enrollments) finish first.
 */
export async function deleteCourses(payload: Payload, ids: (string | undefined)[]) {
  const courseIds = ids.filter((id): id is string => Boolean(id))
  if (!courseIds.length) return
  await drainJobs(payload)
  const inCourses = { course: { in: courseIds } }
  await payload.delete({ collection: 'certifications', where: inCourses, overrideAccess: true })
  await payload.delete({ collection: 'enrollments', where: inCourses, overrideAccess: true })
  await payload.delete({ collection: 'quiz-attempts', where: inCourses, overrideAccess: true })
  await payload.delete({ collection: 'lesson-progress', where: inCourses, overrideAccess: true })
  await payload.delete({ collection: 'quizzes', where: inCourses, overrideAccess: true })
  await payload.delete({ collection: 'lessons', where: inCourses, overrideAccess: true })
  await payload.delete({
    collection: 'courses',
    where: { id: { in: courseIds } },
    overrideAccess: true,
  })
}

/** Removes cohorts with their members (the enrollments they created stay with the courses). */
export async function deleteCohorts(payload: Payload, ids: (string | undefined)[]) {
  const cohortIds = ids.filter((id): id is string => Boolean(id))
  if (!cohortIds.length) return
  await payload.delete({
    collection: 'cohort-enrollments',
    where: { cohort: { in: cohortIds } },
    overrideAccess: true,
  })
  await payload.delete({
    collection: 'cohorts',
    where: { id: { in: cohortIds } },
    overrideAccess: true,
  })
}

/**
 * The jobs a course completion queued for an enrollment (its certificate), as committed outbox rows:
 * one per completion, none for a rolled-back one.
 */
export const completionJobs = async (payload: Payload, enrollmentId: string) =>
  (
    await payload.find({
      collection: 'outbox',
      where: { key: { equals: certificateJobKey(enrollmentId) } },
      depth: 0,
      overrideAccess: true,
    })
  ).docs

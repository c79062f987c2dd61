import type { Endpoint } from 'payload'
import { z } from 'zod'

import { COURSE_TYPES, LESSON_TYPES, TEACHING_STYLES, TOPICS } from '../../lib/constants'
import { json, parseInput, readBody } from '../../lib/http'
import { CURRENCIES } from '../../lib/money'
import { richTextInput } from '../../lib/richText'
import { pageSchema, pagination, queryParams } from '../../lib/pagination'
import {
  addLesson,
  deleteLesson,
  exploreCourses,
  lessonOfCourse,
  managedCourse,
  publishCourse,
  updateCourse,
  updateLesson,
  visibleCourse,
} from '../../services/learning/courses'
import {
  enrollInCourse,
  listCourseEnrollments,
  removeEnrollment,
} from '../../services/learning/enrollment'
import { completeLesson, courseProgress } from '../../services/learning/progress'
import { quizForCaller, quizResults, submitQuiz } from '../../services/learning/quiz'

const cents = z.number().int('must be a whole number of cents').min(0)

export const courseUpdate = z
  .object({
    title: z.string().trim().min(1).max(200),
    slug: z
      .string()
      .trim()
      .regex(/^[a-z0-9-]+$/, 'lowercase letters, digits and dashes')
      .max(220),
    description: richTextInput.nullable(),
    courseType: z.enum(COURSE_TYPES),
    teachingStyles: z.array(z.enum(TEACHING_STYLES)),
    tags: z.array(z.enum(TOPICS)),
    price: cents,
    currency: z.enum(CURRENCIES),
    thumbnail: z.uuid().nullable(),
    prerequisites: z.array(z.uuid()),
  })
  .partial()
  .strict()

const lessonFields = {
  title: z.string().trim().min(1).max(200),
  description: z.string().max(5000).nullable(),
  lessonType: z.enum(LESSON_TYPES),
  orderIndex: z.number().int().min(0),
  duration: z.number().int().min(0).nullable(),
  isFreePreview: z.boolean(),
  availableAfterDays: z.number().int().min(0).max(3650),
  content: richTextInput.nullable(),
}
export const lessonCreate = z
  .object(lessonFields)
  .partial()
  .required({ title: true, lessonType: true })
  .strict()
export const lessonUpdate = z.object(lessonFields).partial().strict()

export const exploreSchema = pageSchema.extend({
  q: z.string().trim().max(200).optional(),
  courseType: z.enum(COURSE_TYPES).optional(),
  teachingStyle: z.enum(TEACHING_STYLES).optional(),
  tag: z.enum(TOPICS).optional(),
  sort: z.enum(['popular', 'newest', 'rating']).default('popular'),
  limit: z.coerce.number().int().min(1).max(50).default(12),
})

export const lessonCompletion = z
  .object({ timeSpent: z.number().int().min(0).max(86_400).optional() })
  .strict()
export const quizSubmission = z.object({ answers: z.array(z.number()).max(100) }).strict()

const courseFromRoute = (req: Parameters<Endpoint['handler']>[0]) =>
  visibleCourse(req, req.routeParams?.id)

/** Collection endpoints of `courses` (Payload serves POST/GET /api/courses, GET/PATCH/DELETE /:id). */
export const courseEndpoints: Endpoint[] = [
  {
    path: '/explore',
    method: 'get',
    handler: async (req) =>
      json(await exploreCourses(req, parseInput(exploreSchema, queryParams(req)))),
  },
  {
    path: '/:id',
    method: 'put',
    handler: async (req) => {
      const course = await managedCourse(req, req.routeParams?.id)
      const data = await readBody(req, courseUpdate)
      return json({ doc: await updateCourse(req, course, data) })
    },
  },
  {
    path: '/:id/publish',
    method: 'post',
    handler: async (req) => {
      const course = await managedCourse(req, req.routeParams?.id)
      return json({ doc: await publishCourse(req, course) })
    },
  },
  {
    path: '/:id/lessons',
    method: 'post',
    handler: async (req) => {
      const course = await managedCourse(req, req.routeParams?.id)
      const input = await readBody(req, lessonCreate)
      return json({ doc: await addLesson(req, course, input) }, 201)
    },
  },
  {
    path: '/:id/lessons/:lessonId',
    method: 'put',
    handler: async (req) => {
      const course = await managedCourse(req, req.routeParams?.id)
      const lesson = await lessonOfCourse(req, course, req.routeParams?.lessonId)
      const data = await readBody(req, lessonUpdate)
      return json({ doc: await updateLesson(req, lesson, data) })
    },
  },
  {
    path: '/:id/lessons/:lessonId',
    method: 'delete',
    handler: async (req) => {
      const course = await managedCourse(req, req.routeParams?.id)
      const lesson = await lessonOfCourse(req, course, req.routeParams?.lessonId)
      await deleteLesson(req, lesson)
      return json({ message: 'Lesson deleted', id: lesson.id })
    },
  },
  {
    path: '/:id/enroll',
    method: 'post',
    handler: async (req) => {
      const course = await courseFromRoute(req)
      const { doc, created } = await enrollInCourse(req, course)
      return json({ doc, created }, created ? 201 : 200)
    },
  },
  {
    path: '/:id/enrollments',
    method: 'get',
    handler: async (req) => {
      const course = await managedCourse(req, req.routeParams?.id)
      return json(await listCourseEnrollments(req, course, pagination(req)))
    },
  },
  {
    path: '/:id/enrollments/:userId',
    method: 'delete',
    handler: async (req) => {
      const course = await courseFromRoute(req)
      await removeEnrollment(req, course, req.routeParams?.userId)
      return json({ message: 'Enrollment removed' })
    },
  },
  {
    path: '/:id/progress',
    method: 'get',
    handler: async (req) => json(await courseProgress(req, await courseFromRoute(req))),
  },
  {
    path: '/:id/lessons/:lessonId/complete',
    method: 'post',
    handler: async (req) => {
      const course = await courseFromRoute(req)
      const lesson = await lessonOfCourse(req, course, req.routeParams?.lessonId)
      const { timeSpent } = await readBody(req, lessonCompletion)
      return json(await completeLesson(req, course, lesson, timeSpent))
    },
  },
  {
    path: '/:id/lessons/:lessonId/quiz',
    method: 'get',
    handler: async (req) => {
      const course = await courseFromRoute(req)
      const lesson = await lessonOfCourse(req, course, req.routeParams?.lessonId)
      return json(await quizForCaller(req, course, lesson))
    },
  },
  {
    path: '/:id/lessons/:lessonId/quiz/submit',
    method: 'post',
    handler: async (req) => {
      const course = await courseFromRoute(req)
      const lesson = await lessonOfCourse(req, course, req.routeParams?.lessonId)
      const { answers } = await readBody(req, quizSubmission)
      return json(await submitQuiz(req, course, lesson, answers), 201)
    },
  },
  {
    path: '/:id/lessons/:lessonId/quiz/results',
    method: 'get',
    handler: async (req) => {
      const course = await courseFromRoute(req)
      const lesson = await lessonOfCourse(req, course, req.routeParams?.lessonId)
      return json(await quizResults(req, course, lesson, pagination(req)))
    },
  },
]

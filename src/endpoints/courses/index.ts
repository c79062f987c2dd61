import type { PayloadRequest } from 'payload'
import { recordEvent } from '../../services/analytics/events'
import { z } from 'zod'

import { cacheableJson, json, parseInput, readBody } from '../../lib/http'
import { pageSchema, pagination, queryParams } from '../../lib/pagination'
import type { DocumentedEndpoint } from '../../openapi/operation'
import { collectionDoc, deleted, docOf, message, pageOf } from '../../openapi/schema'
import {
  addLesson,
  courseDetail,
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
import { reorderLessons } from '../../services/learning/lessonOrder'
import { completeLesson, courseProgress, learnerLesson } from '../../services/learning/progress'
import { quizForCaller, quizResults, startQuiz, submitQuiz } from '../../services/learning/quiz'
import {
  attemptPage,
  courseUpdate,
  enrollmentPage,
  exploreSchema,
  gradedAttempt,
  lessonCompletion,
  lessonCreate,
  lessonOrder,
  lessonReorder,
  lessonUpdate,
  notEnrolled,
  notOwner,
  progressInCourse,
  quizSubmission,
  quizView,
  startedAttempt,
} from './schemas'

/** Payload's own GET /api/courses/:id (it comes after ours in the collection's endpoints). */
const payloadCourseRead = (req: PayloadRequest) => {
  const read = (req.payload.collections.courses.config.endpoints || []).find(
    (e) => e.path === '/:id' && e.method === 'get' && !e.custom?.openapi,
  )
  if (!read) throw new Error("Payload's GET /api/courses/:id endpoint was not found")
  return read.handler(req)
}

const courseFromRoute = (req: PayloadRequest) => visibleCourse(req, req.routeParams?.id)

const catalogHeaders = {
  ETag: 'Identifies this page of the catalog as it is now',
  'Cache-Control': '`public, no-cache` for anonymous callers, `private, no-cache` otherwise',
}

const noQuiz = 'Unknown course or lesson, or the lesson has no quiz'

/** Collection endpoints of `courses` (Payload serves POST/GET /api/courses, GET/PATCH/DELETE /:id). */
export const courseEndpoints: DocumentedEndpoint[] = [
  {
    path: '/explore',
    method: 'get',
    custom: {
      openapi: {
        tags: ['courses'],
        summary: 'The public catalog',
        description:
          'Published courses only, with what a catalog card shows (title, slug, type, styles, ' +
          'tags, price, thumbnail, counters, educator name and image). The same for every ' +
          'caller: answers carry an `ETag` (send it back in `If-None-Match` for a 304) and ' +
          '`Cache-Control` (public for anonymous callers, private otherwise).',
        access: 'optional',
        query: exploreSchema,
        responses: {
          200: {
            description: 'One page of courses',
            schema: pageOf(collectionDoc('courses')),
            headers: catalogHeaders,
          },
          304: { description: 'Unchanged since the `ETag` sent in `If-None-Match`' },
        },
      },
    },
    handler: async (req) => {
      const input = parseInput(exploreSchema, queryParams(req))
      const page = await exploreCourses(req, input)
      if (input.q) {
        await recordEvent(req, 'search', {
          user: req.user ? String(req.user.id) : null,
          data: { q: input.q, results: page.totalDocs },
        })
      }
      return cacheableJson(req, page)
    },
  },
  {
    // Hex and dashes only, so Payload's own GET /versions, /count… still reach their handlers.
    path: '/:id([0-9a-fA-F-]+)',
    method: 'get',
    custom: {
      openapi: {
        tags: ['courses'],
        summary: 'A course',
        description:
          "Payload's own read of one course (`depth`, `select`, `draft`… as usual; drafts only " +
          'for their educator and admins). Anonymous answers are served from the catalog cache ' +
          'until the course, its lessons or its educator change, with an `ETag` (send it back ' +
          'in `If-None-Match` for a 304); a logged-in caller is answered fresh and privately.',
        access: 'optional',
        responses: {
          200: {
            description: 'The course',
            schema: collectionDoc('courses'),
            headers: catalogHeaders,
          },
          304: { description: 'Unchanged since the `ETag` sent in `If-None-Match`' },
        },
      },
    },
    handler: (req) => courseDetail(req, payloadCourseRead),
  },
  {
    path: '/:id',
    method: 'put',
    custom: {
      openapi: {
        tags: ['courses'],
        summary: 'Update a course',
        description: "The course's educator or an admin. Plain text is accepted for `description`.",
        access: 'user',
        body: courseUpdate,
        responses: { 200: { description: 'The updated course', schema: docOf('courses') } },
        errors: { 403: notOwner },
      },
    },
    handler: async (req) => {
      const course = await managedCourse(req, req.routeParams?.id)
      const data = await readBody(req, courseUpdate)
      return json({ doc: await updateCourse(req, course, data) })
    },
  },
  {
    path: '/:id/publish',
    method: 'post',
    custom: {
      openapi: {
        tags: ['courses'],
        summary: 'Publish a course',
        access: 'user',
        responses: {
          200: {
            description: 'The course, now with `_status: "published"`',
            schema: docOf('courses'),
          },
        },
        errors: { 400: 'The course has no lessons', 403: notOwner },
      },
    },
    handler: async (req) => {
      const course = await managedCourse(req, req.routeParams?.id)
      return json({ doc: await publishCourse(req, course) })
    },
  },
  {
    path: '/:id/lessons',
    method: 'post',
    custom: {
      openapi: {
        tags: ['courses'],
        summary: 'Add a lesson',
        access: 'user',
        body: lessonCreate,
        responses: { 201: { description: 'The new lesson', schema: docOf('lessons') } },
        errors: { 403: notOwner },
      },
    },
    handler: async (req) => {
      const course = await managedCourse(req, req.routeParams?.id)
      const input = await readBody(req, lessonCreate)
      return json({ doc: await addLesson(req, course, input) }, 201)
    },
  },
  {
    path: '/:id/lessons/reorder',
    method: 'post',
    custom: {
      openapi: {
        tags: ['courses'],
        summary: "Reorder a course's lessons",
        description:
          'The course educator or an admin. `lessonIds` names every lesson of the course once, in ' +
          'the new order; their `orderIndex` becomes 0..n-1 in one transaction.',
        access: 'user',
        body: lessonReorder,
        responses: { 200: { description: 'The lessons in their new order', schema: lessonOrder } },
        errors: {
          400: 'lessonIds is not exactly the lessons of the course (unknown, missing or repeated ids)',
          403: notOwner,
        },
      },
    },
    handler: async (req) => {
      const course = await managedCourse(req, req.routeParams?.id)
      const { lessonIds } = await readBody(req, lessonReorder)
      return json({ lessons: await reorderLessons(req, course, lessonIds) })
    },
  },
  {
    path: '/:id/lessons/:lessonId',
    method: 'put',
    custom: {
      openapi: {
        tags: ['courses'],
        summary: 'Update a lesson',
        access: 'user',
        body: lessonUpdate,
        responses: { 200: { description: 'The updated lesson', schema: docOf('lessons') } },
        errors: { 403: notOwner },
      },
    },
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
    custom: {
      openapi: {
        tags: ['courses'],
        summary: 'Delete a lesson',
        description: 'Its quiz and progress go with it; enrollments it kept open may complete.',
        access: 'user',
        responses: { 200: { description: 'Deleted', schema: deleted } },
        errors: { 403: notOwner },
      },
    },
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
    custom: {
      openapi: {
        tags: ['enrollments'],
        summary: 'Enroll the caller',
        description: 'Student accounts; free courses whose prerequisites the student completed.',
        access: 'user',
        responses: {
          201: {
            description: 'Enrolled',
            schema: z.object({ doc: collectionDoc('enrollments'), created: z.literal(true) }),
          },
          200: {
            description: 'Already enrolled',
            schema: z.object({ doc: collectionDoc('enrollments'), created: z.literal(false) }),
          },
        },
        errors: {
          402: 'A paid course without a purchase (`data` carries `price` and `currency`)',
          403: 'Not a student account, or prerequisites not completed',
        },
      },
    },
    handler: async (req) => {
      const course = await courseFromRoute(req)
      const { doc, created } = await enrollInCourse(req, course)
      return json({ doc, created }, created ? 201 : 200)
    },
  },
  {
    path: '/:id/enrollments',
    method: 'get',
    custom: {
      openapi: {
        tags: ['enrollments'],
        summary: "A course's enrollments",
        description: "The course's educator or an admin; newest first.",
        access: 'user',
        query: pageSchema,
        responses: { 200: enrollmentPage },
        errors: { 403: notOwner },
      },
    },
    handler: async (req) => {
      const course = await managedCourse(req, req.routeParams?.id)
      return json(await listCourseEnrollments(req, course, pagination(req)))
    },
  },
  {
    path: '/:id/enrollments/:userId',
    method: 'delete',
    custom: {
      openapi: {
        tags: ['enrollments'],
        summary: 'Remove an enrollment',
        description: "The student themself, the course's educator or an admin.",
        access: 'user',
        responses: { 200: { description: 'Removed', schema: message } },
        errors: { 403: 'Not allowed', 404: 'Unknown course, or that student is not enrolled' },
      },
    },
    handler: async (req) => {
      const course = await courseFromRoute(req)
      await removeEnrollment(req, course, req.routeParams?.userId)
      return json({ message: 'Enrollment removed' })
    },
  },
  {
    path: '/:id/progress',
    method: 'get',
    custom: {
      openapi: {
        tags: ['progress'],
        summary: "The caller's progress in a course",
        access: 'user',
        responses: { 200: { description: 'Progress', schema: progressInCourse } },
        errors: { 403: notEnrolled },
      },
    },
    handler: async (req) => json(await courseProgress(req, await courseFromRoute(req))),
  },
  {
    path: '/:id/lessons/:lessonId/complete',
    method: 'post',
    custom: {
      openapi: {
        tags: ['progress'],
        summary: 'Complete a lesson',
        description: 'Enrolled students. A quiz lesson completes by passing its quiz.',
        access: 'user',
        body: lessonCompletion,
        responses: {
          200: {
            description: 'Recorded (completing again changes nothing)',
            schema: z.object({
              completed: z.literal(true),
              progressPercentage: z.number().min(0).max(100),
              courseCompleted: z.boolean(),
            }),
          },
        },
        errors: { 403: notEnrolled, 409: "The lesson's quiz is not passed yet" },
      },
    },
    handler: async (req) => {
      const target = await learnerLesson(req, req.routeParams?.id, req.routeParams?.lessonId)
      const { timeSpent } = await readBody(req, lessonCompletion)
      return json(await completeLesson(req, target, timeSpent))
    },
  },
  {
    path: '/:id/lessons/:lessonId/quiz',
    method: 'get',
    custom: {
      openapi: {
        tags: ['quizzes'],
        summary: "A lesson's quiz",
        description:
          'Enrolled students (and the course staff). Never includes the answer key ' +
          '(`correctAnswer`).',
        access: 'user',
        responses: {
          200: { description: 'The quiz and the caller’s attempts', schema: quizView },
        },
        errors: { 403: notEnrolled, 404: noQuiz },
      },
    },
    handler: async (req) => {
      const course = await courseFromRoute(req)
      const lesson = await lessonOfCourse(req, course, req.routeParams?.lessonId)
      return json(await quizForCaller(req, course, lesson))
    },
  },
  {
    path: '/:id/lessons/:lessonId/quiz/start',
    method: 'post',
    custom: {
      openapi: {
        tags: ['quizzes'],
        summary: 'Start a quiz attempt',
        description:
          'Enrolled students. Draws the questions and fixes their option order for this attempt; ' +
          'sets `deadline` when the quiz has a time limit. Starting again while an attempt is open ' +
          'returns it unchanged (200, `resumed: true`). Never includes the answer key.',
        access: 'user',
        responses: {
          201: { description: 'A new attempt', schema: startedAttempt },
          200: { description: 'The open attempt, again', schema: startedAttempt },
        },
        errors: { 403: notEnrolled, 404: noQuiz, 409: 'All attempts are used' },
      },
    },
    handler: async (req) => {
      const course = await courseFromRoute(req)
      const lesson = await lessonOfCourse(req, course, req.routeParams?.lessonId)
      const { status, body } = await startQuiz(req, course, lesson)
      return json(body, status)
    },
  },
  {
    path: '/:id/lessons/:lessonId/quiz/submit',
    method: 'post',
    custom: {
      openapi: {
        tags: ['quizzes'],
        summary: 'Submit quiz answers',
        description:
          'One answer per question, graded on the server; passing completes the lesson. With ' +
          '`attemptId` it answers a started attempt (required when the quiz draws questions or ' +
          "has a time limit). What comes back beyond the score follows the quiz's `showAnswers`.",
        access: 'user',
        body: quizSubmission,
        responses: { 201: { description: 'The graded attempt', schema: gradedAttempt } },
        errors: {
          400: 'Not one valid answer per question, or attemptId missing for a quiz that needs it',
          403: notEnrolled,
          404: noQuiz,
          409: 'All attempts are used, the attempt is already submitted, or its time is up',
        },
      },
    },
    handler: async (req) => {
      const course = await courseFromRoute(req)
      const lesson = await lessonOfCourse(req, course, req.routeParams?.lessonId)
      const input = await readBody(req, quizSubmission)
      return json(await submitQuiz(req, course, lesson, input), 201)
    },
  },
  {
    path: '/:id/lessons/:lessonId/quiz/results',
    method: 'get',
    custom: {
      openapi: {
        tags: ['quizzes'],
        summary: 'Quiz attempts',
        description: "A student's own attempts; the course's educator and admins see everyone's.",
        access: 'user',
        query: pageSchema,
        responses: { 200: { description: 'One page of attempts', schema: attemptPage } },
        errors: { 403: notEnrolled, 404: noQuiz },
      },
    },
    handler: async (req) => {
      const course = await courseFromRoute(req)
      const lesson = await lessonOfCourse(req, course, req.routeParams?.lessonId)
      return json(await quizResults(req, course, lesson, pagination(req)))
    },
  },
]

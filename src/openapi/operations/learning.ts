import { z } from 'zod'

import {
  courseUpdate,
  exploreSchema,
  lessonCompletion,
  lessonCreate,
  lessonUpdate,
  quizSubmission,
} from '../../endpoints/courses'
import { pageSchema } from '../../lib/pagination'
import type { Operation } from '../operation'
import { collectionDoc, deleted, docOf, message, pageOf, timestamp, uuid } from '../schema'

const notEnrolled = 'Not enrolled in the course (or the lesson is not unlocked yet)'
const notOwner = "Not the course's educator or an admin"

const courseProgress = z.object({
  enrollmentId: uuid,
  progressPercentage: z.number().min(0).max(100),
  completedLessons: z.number().int(),
  totalLessons: z.number().int(),
  lastAccessedLesson: uuid.nullable(),
  completedAt: timestamp.nullable(),
  lessons: z.array(
    z.object({ lesson: uuid, completedAt: timestamp.nullable(), timeSpent: z.number().nullable() }),
  ),
})

const studentProgress = z.object({
  docs: z.array(
    z.object({
      enrollmentId: uuid,
      course: z.object({ id: uuid, title: z.string() }),
      progressPercentage: z.number().min(0).max(100),
      completedLessons: z.number().int(),
      totalLessons: z.number().int(),
      timeSpent: z.number().int().describe('Seconds, over all lessons'),
      lastAccessedLesson: uuid.nullable(),
      completedAt: timestamp.nullable(),
    }),
  ),
})

const quizForCaller = z.object({
  id: uuid,
  lesson: uuid,
  passingScore: z.number().min(0).max(100),
  maxAttempts: z.number().int(),
  questions: z.array(
    z.object({ index: z.number().int(), question: z.string(), options: z.array(z.string()) }),
  ),
  attemptsUsed: z.number().int(),
  attemptsLeft: z.number().int(),
  passed: z.boolean(),
  bestScore: z.number().optional().describe('Students only'),
})

const quizGrade = z.object({
  id: uuid.describe('The attempt'),
  score: z.number().min(0).max(100),
  passed: z.boolean(),
  passingScore: z.number(),
  attemptNumber: z.number().int(),
  attemptsLeft: z.number().int(),
  courseCompleted: z.boolean(),
})

const quizResults = pageOf(collectionDoc('quiz-attempts')).extend({
  passingScore: z.number(),
  maxAttempts: z.number().int(),
  passed: z
    .boolean()
    .optional()
    .describe("Students only: whether they passed (staff see everyone's attempts)"),
})

const playback = z.union([
  z.object({ status: z.string(), ready: z.literal(false) }),
  z.object({
    status: z.literal('ready'),
    ready: z.literal(true),
    playbackId: z.string(),
    policy: z.enum(['signed', 'public']),
    token: z.string().nullable().describe('Signed playback: a short-lived token'),
    streamUrl: z.url(),
    thumbnailUrl: z.url().nullable(),
    duration: z.number().nullish(),
    aspectRatio: z.string().nullish(),
    captions: z.array(z.object({ language: z.string(), name: z.string().nullish() })),
    canManage: z.boolean(),
  }),
])

const lesson = (path: string) => `/courses/{id}/lessons/{lessonId}${path}`

export const courseOperations: Operation[] = [
  {
    method: 'get',
    path: '/courses/explore',
    tags: ['courses'],
    summary: 'The public catalog',
    description:
      'Published courses only, with what a catalog card shows (title, slug, type, styles, tags, ' +
      'price, thumbnail, counters, educator name and image).',
    access: 'optional',
    query: exploreSchema,
    responses: {
      200: { description: 'One page of courses', schema: pageOf(collectionDoc('courses')) },
    },
  },
  {
    method: 'put',
    path: '/courses/{id}',
    tags: ['courses'],
    summary: 'Update a course',
    description: "The course's educator or an admin. Plain text is accepted for `description`.",
    access: 'user',
    body: courseUpdate,
    responses: { 200: { description: 'The updated course', schema: docOf('courses') } },
    errors: { 403: notOwner },
  },
  {
    method: 'post',
    path: '/courses/{id}/publish',
    tags: ['courses'],
    summary: 'Publish a course',
    access: 'user',
    responses: {
      200: { description: 'The course, now with `_status: "published"`', schema: docOf('courses') },
    },
    errors: { 400: 'The course has no lessons', 403: notOwner },
  },
  {
    method: 'post',
    path: '/courses/{id}/lessons',
    tags: ['courses'],
    summary: 'Add a lesson',
    access: 'user',
    body: lessonCreate,
    responses: { 201: { description: 'The new lesson', schema: docOf('lessons') } },
    errors: { 403: notOwner },
  },
  {
    method: 'put',
    path: lesson(''),
    tags: ['courses'],
    summary: 'Update a lesson',
    access: 'user',
    body: lessonUpdate,
    responses: { 200: { description: 'The updated lesson', schema: docOf('lessons') } },
    errors: { 403: notOwner },
  },
  {
    method: 'delete',
    path: lesson(''),
    tags: ['courses'],
    summary: 'Delete a lesson',
    description: 'Its quiz and progress go with it; enrollments it kept open may complete.',
    access: 'user',
    responses: { 200: { description: 'Deleted', schema: deleted } },
    errors: { 403: notOwner },
  },
  {
    method: 'post',
    path: '/courses/{id}/enroll',
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
  {
    method: 'get',
    path: '/courses/{id}/enrollments',
    tags: ['enrollments'],
    summary: "A course's enrollments",
    description: "The course's educator or an admin; newest first.",
    access: 'user',
    query: pageSchema,
    responses: {
      200: { description: 'One page of enrollments', schema: pageOf(collectionDoc('enrollments')) },
    },
    errors: { 403: notOwner },
  },
  {
    method: 'delete',
    path: '/courses/{id}/enrollments/{userId}',
    tags: ['enrollments'],
    summary: 'Remove an enrollment',
    description: "The student themself, the course's educator or an admin.",
    access: 'user',
    responses: { 200: { description: 'Removed', schema: message } },
    errors: { 403: 'Not allowed', 404: 'Unknown course, or that student is not enrolled' },
  },
  {
    method: 'get',
    path: '/students/{id}/enrollments',
    tags: ['enrollments'],
    summary: "A student's enrollments",
    description: 'The student themself or an admin; newest first.',
    access: 'user',
    query: pageSchema,
    responses: {
      200: { description: 'One page of enrollments', schema: pageOf(collectionDoc('enrollments')) },
    },
    errors: { 403: 'Neither that student nor an admin' },
  },
  {
    method: 'get',
    path: '/courses/{id}/progress',
    tags: ['progress'],
    summary: "The caller's progress in a course",
    access: 'user',
    responses: { 200: { description: 'Progress', schema: courseProgress } },
    errors: { 403: notEnrolled },
  },
  {
    method: 'post',
    path: lesson('/complete'),
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
  {
    method: 'get',
    path: '/students/{id}/progress',
    tags: ['progress'],
    summary: "A student's progress in every course",
    description: 'The student themself or an admin; one row per enrollment, newest first.',
    access: 'user',
    responses: { 200: { description: 'Progress per enrollment', schema: studentProgress } },
    errors: { 403: 'Neither that student nor an admin' },
  },
  {
    method: 'get',
    path: lesson('/quiz'),
    tags: ['quizzes'],
    summary: "A lesson's quiz",
    description:
      'Enrolled students (and the course staff). Never includes the answer key (`correctAnswer`).',
    access: 'user',
    responses: {
      200: { description: 'The quiz and the caller’s attempts', schema: quizForCaller },
    },
    errors: { 403: notEnrolled, 404: 'Unknown course or lesson, or the lesson has no quiz' },
  },
  {
    method: 'post',
    path: lesson('/quiz/submit'),
    tags: ['quizzes'],
    summary: 'Submit quiz answers',
    description:
      'One option index per question, graded on the server; passing completes the lesson.',
    access: 'user',
    body: quizSubmission,
    responses: { 201: { description: 'The graded attempt', schema: quizGrade } },
    errors: {
      400: 'Not one valid option index per question',
      403: notEnrolled,
      404: 'Unknown course or lesson, or the lesson has no quiz',
      409: 'All attempts are used',
    },
  },
  {
    method: 'get',
    path: lesson('/quiz/results'),
    tags: ['quizzes'],
    summary: 'Quiz attempts',
    description: "A student's own attempts; the course's educator and admins see everyone's.",
    access: 'user',
    query: pageSchema,
    responses: { 200: { description: 'One page of attempts', schema: quizResults } },
    errors: { 403: notEnrolled, 404: 'Unknown course or lesson, or the lesson has no quiz' },
  },
  {
    method: 'post',
    path: lesson('/video'),
    tags: ['video'],
    summary: "Start a Mux direct upload for a lesson's video",
    description:
      'The course educator or an admin. PUT the file to `uploadUrl`; English and Spanish ' +
      'captions are generated. Status arrives through the Mux webhook.',
    access: 'user',
    responses: {
      201: {
        description: 'The upload',
        schema: z.object({
          uploadUrl: z.url(),
          uploadId: z.string(),
          videoAsset: collectionDoc('video-assets'),
        }),
      },
    },
    errors: { 403: notOwner, 503: 'Mux is not configured on this server' },
  },
  {
    method: 'get',
    path: lesson('/playback'),
    tags: ['video'],
    summary: "Play a lesson's video",
    description:
      'Free previews for anyone; otherwise enrolled students, the educator and admins. Signed ' +
      'playback carries a short-lived token.',
    access: 'optional',
    responses: {
      200: { description: 'Playback (or `ready: false` while processing)', schema: playback },
    },
    errors: {
      403: 'Not allowed to watch this lesson',
      404: 'Unknown course or lesson, or no video',
    },
  },
]

import { z } from 'zod'

import { COURSE_TYPES, LESSON_TYPES, TEACHING_STYLES, TOPICS } from '../../lib/constants'
import { CURRENCIES } from '../../lib/money'
import { QUESTION_TYPES, SHOW_ANSWERS } from '../../services/learning/questions'
import { pageSchema } from '../../lib/pagination'
import { richTextInput } from '../../lib/richText'
import { collectionDoc, pageOf, timestamp, uuid } from '../../openapi/schema'

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

export const lessonReorder = z
  .object({
    lessonIds: z
      .array(z.uuid())
      .max(1000)
      .describe('Every lesson of the course, each once, in the new order'),
  })
  .strict()

export const lessonOrder = z.object({
  lessons: z.array(z.object({ id: uuid, title: z.string(), orderIndex: z.number().int().min(0) })),
})

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
export const quizSubmission = z
  .object({
    attemptId: z.uuid().optional().describe('The attempt from POST .../quiz/start'),
    answers: z
      .array(z.unknown())
      .max(200)
      .describe(
        'One per question, in the order shown: an option index (single), a list of indexes ' +
          '(multiple), true/false, a text or number (short answer), every option index in order ' +
          '(ordering), a match index or null per option (matching), a text (essay)',
      ),
  })
  .strict()

export const attemptGrades = z
  .object({
    grades: z
      .array(
        z.object({ questionId: z.string().min(1).max(100), points: z.number().min(0) }).strict(),
      )
      .min(1)
      .max(200),
  })
  .strict()

// What the endpoints answer, for the OpenAPI document.

export const notEnrolled = 'Not enrolled in the course (or the lesson is not unlocked yet)'
export const notOwner = "Not the course's educator or an admin"

export const enrollmentPage = {
  description: 'One page of enrollments',
  schema: pageOf(collectionDoc('enrollments')),
}

export const progressInCourse = z.object({
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

export const progressPerEnrollment = z.object({
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

export const quizView = z.object({
  id: uuid,
  lesson: uuid,
  passingScore: z.number().min(0).max(100),
  maxAttempts: z.number().int(),
  questions: z.array(
    z.object({
      index: z.number().int(),
      question: z.string(),
      options: z.array(z.string()),
      type: z.enum(QUESTION_TYPES).optional().describe('Absent for single choice'),
      matches: z.array(z.string()).optional(),
    }),
  ),
  drawnQuestions: z.number().int().describe('Questions drawn from banks per attempt'),
  timeLimitSeconds: z.number().int().nullable(),
  showAnswers: z.enum(SHOW_ANSWERS),
  startRequired: z.boolean().describe('Whether POST .../quiz/start must come before submit'),
  attemptsUsed: z.number().int(),
  attemptsLeft: z.number().int(),
  passed: z.boolean(),
  bestScore: z.number().optional().describe('Students only'),
})

const shownQuestion = z.object({
  id: z.string().nullable(),
  type: z.enum(QUESTION_TYPES),
  question: z.string(),
  points: z.number(),
  options: z.array(z.string()).optional(),
  matches: z.array(z.string()).optional(),
})

export const startedAttempt = z.object({
  attemptId: uuid,
  attemptNumber: z.number().int(),
  questions: z.array(shownQuestion),
  deadline: timestamp.nullable(),
  attemptsLeft: z.number().int(),
  resumed: z.boolean().describe('true (200) when the open attempt is returned again'),
})

export const gradedAttempt = z.object({
  id: uuid.describe('The attempt'),
  status: z.enum(['graded', 'pending']).describe('pending: an essay awaits the educator'),
  score: z.number().min(0).max(100).nullable().describe('null while pending'),
  passed: z.boolean(),
  passingScore: z.number(),
  attemptNumber: z.number().int(),
  attemptsLeft: z.number().int(),
  courseCompleted: z.boolean(),
  review: z
    .array(shownQuestion.extend({ answer: z.unknown(), earned: z.number().nullable() }).loose())
    .optional()
    .describe("The answer key and feedback, when the quiz's showAnswers allows it"),
})

export const attemptGraded = z.object({
  id: uuid,
  status: z.enum(['graded', 'pending']),
  score: z.number().nullable(),
  passed: z.boolean(),
  results: z.array(
    z.object({
      questionId: z.string().nullable(),
      points: z.number(),
      earned: z.number().nullable(),
      correct: z.boolean().nullable(),
    }),
  ),
})

export const attemptPage = pageOf(collectionDoc('quiz-attempts')).extend({
  passingScore: z.number(),
  maxAttempts: z.number().int(),
  passed: z
    .boolean()
    .optional()
    .describe("Students only: whether they passed (staff see everyone's attempts)"),
})

const reviewText = z.string().trim().max(5000)
const stars = z.number().int('must be a whole number of stars').min(1).max(5)
export const reviewCreate = z
  .object({ rating: stars, text: reviewText.nullable().optional() })
  .strict()
export const reviewUpdate = reviewCreate.partial()
export const reviewReply = z.object({ text: reviewText.min(1) }).strict()
export const reviewHide = z.object({ hidden: z.boolean() }).strict()

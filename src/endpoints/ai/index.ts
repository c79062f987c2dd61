import { z } from 'zod'

import { isAdminUser } from '../../access'
import { forbidden } from '../../lib/errors'
import { json, parseInput, readBody, requireUser } from '../../lib/http'
import { findOr404 } from '../../lib/lookup'
import { idOf } from '../../lib/ids'
import { queryParams } from '../../lib/pagination'
import { currentStore, enforceRateLimit } from '../../lib/rateLimit'
import type { DocumentedEndpoint, Operation } from '../../openapi/operation'
import { timestamp, uuid } from '../../openapi/schema'
import { callerWithRole, userForSelfOrAdmin } from '../../services/accounts/users'
import { studentInsights } from '../../services/ai/insights'
import { recommendationsFor } from '../../services/ai/recommendations'
import { generateRoadmap } from '../../services/ai/roadmap'
import { courseSuggestions } from '../../services/ai/suggestions'
import type { PayloadRequest } from 'payload'

export const recommendationsQuery = z
  .object({ limit: z.coerce.number().int().min(1).max(20).default(10) })
  .strict()
export const roadmapInput = z
  .object({
    goal: z.string().trim().max(300).optional(),
    weeks: z.number().int().min(1).max(52).default(8),
  })
  .strict()

const source = z.enum(['openai', 'local'])

/** Per user (not per IP): the model costs money and time; 30 calls a minute by default. */
async function limited(req: PayloadRequest) {
  const user = requireUser(req)
  await enforceRateLimit(req, 'ai', currentStore(), `user:${user.id}`)
}

const op = (o: Omit<Operation, 'tags' | 'access'>): Operation => ({
  tags: ['ai'],
  access: 'user',
  ...o,
  description:
    `${o.description ?? ''} Without OPENAI_API_KEY, or when the model is slow or fails, the answer ` +
    'comes from the local ranking (`source: "local"`). Rate-limited per user (RATE_LIMIT_AI_MAX a minute).'.trim(),
  errors: { 429: 'Too many AI calls; try again in a minute', ...o.errors },
})

export const aiEndpoints: DocumentedEndpoint[] = [
  {
    path: '/ai/recommendations/:userId',
    method: 'get',
    custom: {
      openapi: op({
        summary: 'Courses a student could take next, with reasons',
        description:
          "The student and admins. Published, not taken, no duplicates; cached until the student's enrollments, interests or the catalog change.",
        query: recommendationsQuery,
        responses: {
          200: {
            description: 'Recommendations',
            schema: z.object({
              recommendations: z.array(
                z.object({
                  courseId: uuid,
                  title: z.string(),
                  score: z.number(),
                  reason: z.string(),
                }),
              ),
              source,
              generatedAt: timestamp,
            }),
          },
        },
        errors: { 403: 'Neither that student nor an admin', 404: 'No student with that id' },
      }),
    },
    handler: async (req) => {
      await limited(req)
      const student = await userForSelfOrAdmin(req, req.routeParams?.userId, 'student')
      const { limit } = parseInput(recommendationsQuery, queryParams(req))
      return json(await recommendationsFor(req, student.id, { limit }))
    },
  },
  {
    path: '/ai/roadmap/generate',
    method: 'post',
    custom: {
      openapi: op({
        summary: 'A week-by-week learning plan for the caller, saved to their profile',
        description: 'Student accounts. Real, not-yet-taken courses in prerequisite order.',
        body: roadmapInput,
        responses: {
          201: {
            description: 'The roadmap (also in `studentProfile.aiRoadmap`)',
            schema: z.object({
              roadmap: z.object({
                goal: z.string(),
                weeks: z.array(
                  z.object({ week: z.number().int(), focus: z.string(), courseIds: z.array(uuid) }),
                ),
              }),
              source,
            }),
          },
        },
        errors: { 403: 'Not a student account' },
      }),
    },
    handler: async (req) => {
      await limited(req)
      const student = callerWithRole(req, 'student')
      const input = await readBody(req, roadmapInput)
      return json(await generateRoadmap(req, student, input), 201)
    },
  },
  {
    path: '/ai/course-suggestions/:educatorId',
    method: 'get',
    custom: {
      openapi: op({
        summary: 'Course topics with demand and little supply, for an educator',
        description: 'The educator and admins.',
        responses: {
          200: {
            description: 'Suggestions',
            schema: z.object({
              suggestions: z.array(
                z.object({
                  title: z.string(),
                  topic: z.string(),
                  rationale: z.string(),
                  demand: z.object({
                    interestedStudents: z.number().int(),
                    searches: z.number().int(),
                    existingCourses: z.number().int(),
                  }),
                }),
              ),
              source,
            }),
          },
        },
        errors: { 403: 'Neither that educator nor an admin', 404: 'No educator with that id' },
      }),
    },
    handler: async (req) => {
      await limited(req)
      const educator = await userForSelfOrAdmin(req, req.routeParams?.educatorId, 'educator')
      return json(await courseSuggestions(req, educator))
    },
  },
  {
    path: '/ai/student-insights/:courseId',
    method: 'post',
    custom: {
      openapi: op({
        summary: 'Who is slipping in a course, and which lessons are hardest',
        description: "The course's educator and admins.",
        responses: {
          200: {
            description: 'Insights',
            schema: z.object({
              summary: z.string(),
              atRisk: z.array(
                z.object({
                  studentId: uuid,
                  fullName: z.string(),
                  progressPercentage: z.number(),
                  lastActiveAt: timestamp.nullable(),
                  reasons: z.array(z.string()),
                }),
              ),
              strugglingLessons: z.array(
                z.object({ lessonId: uuid, title: z.string(), failRate: z.number() }),
              ),
              source,
            }),
          },
        },
        errors: { 403: "Not the course's educator or an admin", 404: 'No course with that id' },
      }),
    },
    handler: async (req) => {
      await limited(req)
      const user = requireUser(req)
      const course = await findOr404(req, 'courses', req.routeParams?.courseId, 'Course')
      if (!isAdminUser(user) && idOf(course.educator) !== user.id) {
        throw forbidden("Only the course's educator can see its insights")
      }
      return json(await studentInsights(req, course))
    },
  },
]

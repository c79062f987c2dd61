import { z } from 'zod'

import { notFound } from '../../lib/errors'
import { json, parseInput } from '../../lib/http'
import { pageSchema, queryParams } from '../../lib/pagination'
import type { DocumentedEndpoint, Operation } from '../../openapi/operation'
import { pageOf, timestamp, uuid } from '../../openapi/schema'
import { userForSelfOrAdmin } from '../../services/accounts/users'
import { addDays, dayOf, now } from '../../services/analytics/clock'
import {
  educatorAnalytics,
  educatorRevenue,
  studentPerformance,
  topCourses,
} from '../../services/analytics/educators'
import { exportCsv, exportPdf } from '../../services/analytics/export'
import { cohortOf, cohortReport, institutionAnalytics } from '../../services/analytics/institutions'
import { achievements, learningTime, studentAnalytics } from '../../services/analytics/students'
import { findById } from '../../lib/lookup'
import { idOf } from '../../lib/ids'

const MAX_DAYS = 731

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD')
  .refine(
    (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && dayOf(`${d}T00:00:00Z`) === d,
    'not a date',
  )

/** ?from&to (inclusive days, default the last `days`) with a granularity; from ≤ to, at most 2 years. */
const rangeQuery = <G extends readonly [string, ...string[]]>(granularities: G, days: number) =>
  z
    .object({
      from: day.optional(),
      to: day.optional(),
      granularity: z.enum(granularities).default(granularities[0] as G[number] as never),
    })
    .strict()
    .transform((q, ctx) => {
      const to = q.to ?? dayOf(now())
      const from = q.from ?? addDays(to, -(days - 1))
      if (from > to)
        ctx.addIssue({ code: 'custom', path: ['from'], message: 'must not be after to' })
      if (addDays(from, MAX_DAYS) <= to) {
        ctx.addIssue({
          code: 'custom',
          path: ['from'],
          message: `the range is at most ${MAX_DAYS} days`,
        })
      }
      return { from, to, granularity: q.granularity as G[number] }
    })

export const learningTimeQuery = rangeQuery(['day', 'week'] as const, 30)
export const revenueQuery = rangeQuery(['day', 'month'] as const, 90)
export const topCoursesQuery = z
  .object({
    by: z.enum(['enrollments', 'revenue', 'completionRate']).default('enrollments'),
    limit: z.coerce.number().int().min(1).max(50).default(10),
  })
  .strict()
export const performanceQuery = pageSchema.extend({ courseId: uuid.optional() }).strict()
export const exportQuery = z
  .object({ cohortId: uuid.optional(), format: z.enum(['csv', 'pdf']).default('csv') })
  .strict()

const query = <S extends z.ZodType>(req: Parameters<DocumentedEndpoint['handler']>[0], schema: S) =>
  parseInput(schema, queryParams(req))

const op = (tag: 'analytics', o: Omit<Operation, 'tags' | 'access'>): Operation => ({
  tags: [tag],
  access: 'user',
  ...o,
})
const selfOrAdmin = (role: string) => ({
  403: `Neither that ${role} nor an admin`,
  404: `No ${role} with that id`,
})

const courseProgress = z.object({
  courseId: uuid,
  title: z.string(),
  progressPercentage: z.number(),
  completedAt: timestamp.nullable(),
})

export const analyticsEndpoints: DocumentedEndpoint[] = [
  {
    path: '/students/:id/analytics',
    method: 'get',
    custom: {
      openapi: op('analytics', {
        summary: "A student's learning summary",
        description: 'The student and admins. Definitions: `src/services/analytics/metrics.ts`.',
        responses: {
          200: {
            description: 'The summary',
            schema: z.object({
              coursesEnrolled: z.number().int(),
              coursesCompleted: z.number().int(),
              lessonsCompleted: z.number().int(),
              quizzesTaken: z.number().int(),
              quizzesPassed: z.number().int(),
              averageQuizScore: z.number(),
              certificates: z.number().int(),
              learningTimeSeconds: z.number(),
              currentStreakDays: z.number().int(),
              lastActiveAt: timestamp.nullable(),
              courses: z.array(courseProgress),
            }),
          },
        },
        errors: selfOrAdmin('student'),
      }),
    },
    handler: async (req) => {
      const student = await userForSelfOrAdmin(req, req.routeParams?.id, 'student')
      return json(await studentAnalytics(req, student.id))
    },
  },
  {
    path: '/students/:id/achievements',
    method: 'get',
    custom: {
      openapi: op('analytics', {
        summary: "A student's achievements, in the order earned",
        responses: {
          200: {
            description: 'Earned achievements',
            schema: z.object({
              achievements: z.array(
                z.object({
                  key: z.string(),
                  title: z.string(),
                  description: z.string(),
                  earnedAt: timestamp,
                }),
              ),
            }),
          },
        },
        errors: selfOrAdmin('student'),
      }),
    },
    handler: async (req) => {
      const student = await userForSelfOrAdmin(req, req.routeParams?.id, 'student')
      return json(await achievements(req, student.id))
    },
  },
  {
    path: '/students/:id/learning-time',
    method: 'get',
    custom: {
      openapi: op('analytics', {
        summary: "A student's learning time per day or week",
        description:
          'Inclusive UTC days; default the last 30 days. Every bucket is listed, zeros included.',
        query: learningTimeQuery.in as z.ZodObject,
        responses: {
          200: {
            description: 'Total and series',
            schema: z.object({
              totalSeconds: z.number(),
              series: z.array(z.object({ date: z.string(), seconds: z.number() })),
            }),
          },
        },
        errors: selfOrAdmin('student'),
      }),
    },
    handler: async (req) => {
      const student = await userForSelfOrAdmin(req, req.routeParams?.id, 'student')
      return json(await learningTime(req, student.id, query(req, learningTimeQuery)))
    },
  },
  {
    path: '/educators/:id/analytics',
    method: 'get',
    custom: {
      openapi: op('analytics', {
        summary: "An educator's courses, students and revenue at a glance",
        responses: {
          200: {
            description: 'The summary',
            schema: z.object({
              courses: z.number().int(),
              publishedCourses: z.number().int(),
              totalStudents: z.number().int(),
              activeStudents30d: z.number().int(),
              completions: z.number().int(),
              completionRate: z.number(),
              averageQuizScore: z.number(),
              revenue: z.object({ gross: z.number(), net: z.number(), currency: z.string() }),
            }),
          },
        },
        errors: selfOrAdmin('educator'),
      }),
    },
    handler: async (req) => {
      const educator = await userForSelfOrAdmin(req, req.routeParams?.id, 'educator')
      return json(await educatorAnalytics(req, educator.id))
    },
  },
  {
    path: '/educators/:id/revenue',
    method: 'get',
    custom: {
      openapi: op('analytics', {
        summary: "An educator's revenue by day or month and by course",
        description:
          'Minor units of the reporting currency (usd). Refunds count on the day they happen; net is after fees and refunds. Default: the last 90 days.',
        query: revenueQuery.in as z.ZodObject,
        responses: {
          200: {
            description: 'Revenue',
            schema: z.object({
              currency: z.string(),
              gross: z.number(),
              platformFees: z.number(),
              net: z.number(),
              refunds: z.number(),
              series: z.array(
                z.object({
                  period: z.string(),
                  sales: z.number(),
                  gross: z.number(),
                  net: z.number(),
                }),
              ),
              byCourse: z.array(
                z.object({
                  courseId: uuid,
                  title: z.string(),
                  sales: z.number(),
                  gross: z.number(),
                  net: z.number(),
                }),
              ),
            }),
          },
        },
        errors: selfOrAdmin('educator'),
      }),
    },
    handler: async (req) => {
      const educator = await userForSelfOrAdmin(req, req.routeParams?.id, 'educator')
      return json(await educatorRevenue(req, educator.id, query(req, revenueQuery)))
    },
  },
  {
    path: '/educators/:id/top-courses',
    method: 'get',
    custom: {
      openapi: op('analytics', {
        summary: "An educator's courses ranked",
        query: topCoursesQuery,
        responses: {
          200: {
            description: 'Ranked courses',
            schema: z.object({
              courses: z.array(
                z.object({
                  courseId: uuid,
                  title: z.string(),
                  enrollments: z.number().int(),
                  completions: z.number().int(),
                  completionRate: z.number(),
                  revenue: z.number(),
                }),
              ),
            }),
          },
        },
        errors: selfOrAdmin('educator'),
      }),
    },
    handler: async (req) => {
      const educator = await userForSelfOrAdmin(req, req.routeParams?.id, 'educator')
      return json(await topCourses(req, educator.id, query(req, topCoursesQuery)))
    },
  },
  {
    path: '/educators/:id/student-performance',
    method: 'get',
    custom: {
      openapi: op('analytics', {
        summary: "How each student does in the educator's courses",
        description:
          "One row per enrollment, most recently progressed first (the enrollment's last change). `atRisk`: see metrics.ts.",
        query: performanceQuery,
        responses: {
          200: {
            description: 'One page of rows',
            schema: pageOf(
              z.object({
                studentId: uuid,
                fullName: z.string(),
                courseId: uuid,
                progressPercentage: z.number(),
                averageQuizScore: z.number().nullable(),
                lastActiveAt: timestamp.nullable(),
                completedAt: timestamp.nullable(),
                atRisk: z.boolean(),
              }),
            ),
          },
        },
        errors: { ...selfOrAdmin('educator'), 404: 'No such educator, or courseId is not theirs' },
      }),
    },
    handler: async (req) => {
      const educator = await userForSelfOrAdmin(req, req.routeParams?.id, 'educator')
      const input = query(req, performanceQuery)
      if (input.courseId) {
        const course = await findById(req, 'courses', input.courseId)
        if (!course || idOf(course.educator) !== educator.id) throw notFound('Course not found')
      }
      return json(await studentPerformance(req, educator.id, input))
    },
  },
  {
    path: '/institutions/:id/analytics',
    method: 'get',
    custom: {
      openapi: op('analytics', {
        summary: "An institution's cohorts at a glance",
        responses: {
          200: {
            description: 'The summary',
            schema: z.object({
              cohorts: z.number().int(),
              students: z.number().int(),
              activeStudents30d: z.number().int(),
              averageProgress: z.number(),
              completionRate: z.number(),
              certificatesIssued: z.number().int(),
              seats: z.object({ total: z.number().int(), used: z.number().int() }),
            }),
          },
        },
        errors: selfOrAdmin('institution'),
      }),
    },
    handler: async (req) => {
      const institution = await userForSelfOrAdmin(req, req.routeParams?.id, 'institution')
      return json(await institutionAnalytics(req, institution.id))
    },
  },
  {
    path: '/institutions/:id/cohorts/:cohortId/report',
    method: 'get',
    custom: {
      openapi: op('analytics', {
        summary: "A cohort's progress report: each member's progress per cohort course",
        responses: {
          200: {
            description: 'The report',
            schema: z.object({
              cohort: z.object({
                id: uuid,
                name: z.string(),
                startDate: timestamp.nullable(),
                endDate: timestamp.nullable(),
              }),
              summary: z.object({
                students: z.number().int(),
                averageProgress: z.number(),
                completionRate: z.number(),
                certificatesIssued: z.number().int(),
              }),
              students: z.array(
                z.object({
                  studentId: uuid,
                  fullName: z.string(),
                  email: z.string(),
                  courses: z.array(courseProgress.extend({ certificateId: uuid.nullable() })),
                }),
              ),
            }),
          },
        },
        errors: { ...selfOrAdmin('institution'), 404: 'No such institution, or not its cohort' },
      }),
    },
    handler: async (req) => {
      const institution = await userForSelfOrAdmin(req, req.routeParams?.id, 'institution')
      const cohort = await cohortOf(req, institution.id, req.routeParams?.cohortId)
      return json(await cohortReport(req, cohort))
    },
  },
  {
    path: '/institutions/:id/export-report',
    method: 'get',
    custom: {
      openapi: op('analytics', {
        summary: 'Download the cohort report as CSV (streamed) or a one-page PDF summary',
        description:
          'Without `cohortId`: every cohort of the institution. CSV: one row per member × cohort course, columns `' +
          'cohort,studentName,studentEmail,course,progressPercentage,completedAt,certificateCode`.',
        query: exportQuery,
        responses: {
          200: {
            description: 'The file (`Content-Disposition: attachment`)',
            mediaType: 'text/csv',
            schema: { type: 'string' },
          },
        },
        errors: { ...selfOrAdmin('institution'), 404: 'No such institution, or not its cohort' },
      }),
    },
    handler: async (req) => {
      const institution = await userForSelfOrAdmin(req, req.routeParams?.id, 'institution')
      const { cohortId, format } = query(req, exportQuery)
      const cohort = cohortId ? await cohortOf(req, institution.id, cohortId) : null
      const name =
        (cohort?.name ?? 'all-cohorts')
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '') || 'cohort'
      const stamp = dayOf(now())
      if (format === 'pdf') {
        const title = `${cohort?.name ?? 'All cohorts'} — progress report`
        const pdf = await exportPdf(req, institution.id, { title, cohortId })
        return new Response(new Uint8Array(pdf), {
          headers: {
            'Content-Type': 'application/pdf',
            'Content-Disposition': `attachment; filename="${name}-report-${stamp}.pdf"`,
          },
        })
      }
      const stream = await exportCsv(req, institution.id, cohortId)
      return new Response(stream, {
        headers: {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="${name}-report-${stamp}.csv"`,
          'Cache-Control': 'no-store',
        },
      })
    },
  },
]

import { json } from '../../lib/http'
import { pageSchema, pagination } from '../../lib/pagination'
import type { DocumentedEndpoint } from '../../openapi/operation'
import { listStudentEnrollments } from '../../services/learning/enrollment'
import { studentProgress } from '../../services/learning/progress'
import { userForSelfOrAdmin } from '../../services/accounts/users'
import { enrollmentPage, progressPerEnrollment } from './schemas'

const selfOrAdmin = { 403: 'Neither that student nor an admin' }

/** GET /api/students/:id/enrollments and /progress — the student themself or an admin. */
export const studentLearningEndpoints: DocumentedEndpoint[] = [
  {
    path: '/students/:id/enrollments',
    method: 'get',
    custom: {
      openapi: {
        tags: ['enrollments'],
        summary: "A student's enrollments",
        description: 'The student themself or an admin; newest first.',
        access: 'user',
        query: pageSchema,
        responses: { 200: enrollmentPage },
        errors: selfOrAdmin,
      },
    },
    handler: async (req) => {
      const student = await userForSelfOrAdmin(req, req.routeParams?.id, 'student')
      return json(await listStudentEnrollments(req, student.id, pagination(req)))
    },
  },
  {
    path: '/students/:id/progress',
    method: 'get',
    custom: {
      openapi: {
        tags: ['progress'],
        summary: "A student's progress in every course",
        description: 'The student themself or an admin; one row per enrollment, newest first.',
        access: 'user',
        responses: {
          200: { description: 'Progress per enrollment', schema: progressPerEnrollment },
        },
        errors: selfOrAdmin,
      },
    },
    handler: async (req) => {
      const student = await userForSelfOrAdmin(req, req.routeParams?.id, 'student')
      return json(await studentProgress(req, student.id))
    },
  },
]

import type { Endpoint } from 'payload'

import { json } from '../../lib/http'
import { pagination } from '../../lib/pagination'
import { listStudentEnrollments } from '../../services/learning/enrollment'
import { studentProgress } from '../../services/learning/progress'
import { userForSelfOrAdmin } from '../../services/accounts/users'

/** GET /api/students/:id/enrollments and /progress — the student themself or an admin. */
export const studentLearningEndpoints: Endpoint[] = [
  {
    path: '/students/:id/enrollments',
    method: 'get',
    handler: async (req) => {
      const student = await userForSelfOrAdmin(req, req.routeParams?.id, 'student')
      return json(await listStudentEnrollments(req, student.id, pagination(req)))
    },
  },
  {
    path: '/students/:id/progress',
    method: 'get',
    handler: async (req) => {
      const student = await userForSelfOrAdmin(req, req.routeParams?.id, 'student')
      return json(await studentProgress(req, student.id))
    },
  },
]

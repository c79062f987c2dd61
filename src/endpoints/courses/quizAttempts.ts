import { json, readBody } from '../../lib/http'
import type { DocumentedEndpoint } from '../../openapi/operation'
import { gradeAttempt } from '../../services/learning/quiz'
import { attemptGrades, attemptGraded, notOwner } from './schemas'

/** Collection endpoints of `quiz-attempts` (Payload serves GET /api/quiz-attempts[/:id]). */
export const quizAttemptEndpoints: DocumentedEndpoint[] = [
  {
    path: '/:id/grade',
    method: 'post',
    custom: {
      openapi: {
        tags: ['quizzes'],
        summary: "Grade an attempt's essays",
        description:
          "The course's educator or an admin gives points to the essay questions of a pending " +
          'attempt. Once every essay has points the score and pass are recomputed and the student ' +
          'is emailed.',
        access: 'user',
        body: attemptGrades,
        responses: { 200: { description: 'The attempt after grading', schema: attemptGraded } },
        errors: {
          400: 'Unknown question, not an essay, or points outside 0..its points',
          403: notOwner,
          404: 'No such attempt',
          409: 'The attempt is not awaiting grading',
        },
      },
    },
    handler: async (req) => {
      const { grades } = await readBody(req, attemptGrades)
      return json(await gradeAttempt(req, req.routeParams?.id, grades))
    },
  },
]

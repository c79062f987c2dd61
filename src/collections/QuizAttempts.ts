import type { CollectionConfig } from 'payload'

import { idOf } from '../lib/ids'
import { admins, never } from '../access'
import { learnerRecordReaders } from '../access/learning'
import { validateListQuery } from '../lib/pagination'
import { ownedByUser } from '../fields/relations'
import { recordOnCreate } from '../hooks/analytics'

/** Graded on the server; created only by POST .../quiz/submit. */
export const QuizAttempts: CollectionConfig = {
  slug: 'quiz-attempts',
  admin: { defaultColumns: ['quiz', 'student', 'attemptNumber', 'score', 'passed', 'createdAt'] },
  access: {
    read: learnerRecordReaders('quiz-attempts'),
    create: never,
    update: never,
    delete: admins,
  },
  hooks: {
    afterChange: [
      recordOnCreate('quiz_submit', (a) => ({
        user: idOf(a.student),
        course: idOf(a.course),
        data: {
          quizId: idOf(a.quiz),
          score: a.score,
          passed: a.passed,
          attemptNumber: a.attemptNumber,
        },
      })),
    ],
    beforeOperation: [validateListQuery],
  },
  indexes: [{ fields: ['quiz', 'student', 'attemptNumber'], unique: true }],
  fields: [
    { name: 'quiz', type: 'relationship', relationTo: 'quizzes', required: true, index: true },
    ownedByUser('student'),
    {
      name: 'enrollment',
      type: 'relationship',
      relationTo: 'enrollments',
      required: true,
      index: true,
    },
    { name: 'course', type: 'relationship', relationTo: 'courses', required: true, index: true },
    { name: 'score', type: 'number', required: true, min: 0, max: 100 },
    { name: 'passed', type: 'checkbox', required: true },
    { name: 'answers', type: 'json', required: true },
    { name: 'attemptNumber', type: 'number', required: true, min: 1 },
  ],
}

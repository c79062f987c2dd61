import type { CollectionConfig } from 'payload'

import { admins, never } from '../../access'
import { learnerRecordReaders } from '../../access/learning'
import { quizAttemptEndpoints } from '../../endpoints/courses/quizAttempts'
import { answerKeyReaders } from '../../fields/quizQuestion'
import { validateListQuery } from '../../lib/pagination'
import { ownedByUser } from '../../fields/relations'
import { recordGraded } from './hooks/recordGraded'

/**
 * Created by POST .../quiz/start (`open`, questions fixed) or .../quiz/submit; graded on the
 * server. `pending` waits for the educator to grade its essays (POST /api/quiz-attempts/:id/grade).
 * Score is null until the attempt is graded.
 */
export const QuizAttempts: CollectionConfig = {
  slug: 'quiz-attempts',
  admin: {
    defaultColumns: ['quiz', 'student', 'attemptNumber', 'status', 'score', 'passed', 'createdAt'],
  },
  access: {
    read: learnerRecordReaders('quiz-attempts'),
    create: never,
    update: never,
    delete: admins,
  },
  endpoints: [...quizAttemptEndpoints],
  hooks: {
    afterChange: [recordGraded],
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
    {
      name: 'status',
      type: 'select',
      options: ['open', 'pending', 'graded'],
      defaultValue: 'graded',
      required: true,
      index: true,
    },
    { name: 'score', type: 'number', min: 0, max: 100 },
    { name: 'passed', type: 'checkbox', defaultValue: false, required: true },
    { name: 'answers', type: 'json' },
    { name: 'attemptNumber', type: 'number', required: true, min: 1 },
    { name: 'deadline', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'submittedAt', type: 'date' },
    { name: 'gradedAt', type: 'date' },
    { name: 'gradedBy', type: 'relationship', relationTo: 'users' },
    {
      name: 'notifiedAt',
      type: 'date',
      admin: { description: 'When the "graded" email went out' },
    },
    {
      // The questions as this attempt shows them (drawn, in order), with their keys.
      name: 'questions',
      type: 'json',
      access: { read: answerKeyReaders },
      admin: { readOnly: true },
    },
    {
      // Points per question: would reveal the key of a true/false question, so staff only.
      name: 'results',
      type: 'json',
      access: { read: answerKeyReaders },
      admin: { readOnly: true },
    },
  ],
}

import type { CollectionConfig, PayloadRequest } from 'payload'

import { hasRole, never } from '../../access'
import { canManageCourse, courseOwnerOrAdmin } from '../../access/courses'
import { idOf } from '../../lib/ids'
import { findById } from '../../lib/lookup'
import { toOptions } from '../../lib/constants'
import { validateListQuery } from '../../lib/pagination'
import { checkEditLockInTransaction } from '../../hooks/editLockInTransaction'
import { questionFields } from '../../fields/quizQuestion'
import { QUIZ_DEFAULTS } from '../../services/learning/grading'
import { SCORING, SHOW_ANSWERS } from '../../services/learning/questions'
import { completeWithoutQuiz, removeAttempts } from './hooks/removeAttempts'
import { validateQuiz } from './hooks/validateQuiz'

/** Whether the caller may manage the course the lesson belongs to. */
async function canManageLesson(req: PayloadRequest, lessonRef: unknown): Promise<boolean> {
  const lesson = await findById(req, 'lessons', idOf(lessonRef))
  return Boolean(lesson) && canManageCourse(req, idOf(lesson!.course))
}

/**
 * One quiz per lesson. Only the course's educator and admins can read it through the collection
 * APIs; students get it from GET .../lessons/:lessonId/quiz, which never includes the answer key.
 */
export const Quizzes: CollectionConfig = {
  slug: 'quizzes',
  admin: { useAsTitle: 'id', defaultColumns: ['lesson', 'course', 'passingScore', 'maxAttempts'] },
  access: {
    read: courseOwnerOrAdmin(),
    create: async ({ req, data }) => {
      if (!data?.lesson) return hasRole(req.user, 'educator', 'admin')
      return canManageLesson(req, data.lesson)
    },
    update: courseOwnerOrAdmin(),
    delete: courseOwnerOrAdmin(),
  },
  hooks: {
    beforeOperation: [validateListQuery, checkEditLockInTransaction],
    beforeValidate: [validateQuiz],
    beforeDelete: [removeAttempts],
    afterDelete: [completeWithoutQuiz],
  },
  fields: [
    {
      name: 'lesson',
      type: 'relationship',
      relationTo: 'lessons',
      required: true,
      unique: true,
      index: true,
      // A quiz stays on its lesson: its attempts (and the course they count towards) belong to it.
      access: { update: never },
    },
    {
      name: 'course',
      type: 'relationship',
      relationTo: 'courses',
      index: true,
      admin: { readOnly: true, description: "Set from the lesson's course" },
    },
    {
      name: 'passingScore',
      type: 'number',
      defaultValue: QUIZ_DEFAULTS.passingScore,
      min: 0,
      max: 100,
    },
    {
      name: 'maxAttempts',
      type: 'number',
      defaultValue: QUIZ_DEFAULTS.maxAttempts,
      min: 1,
      max: 100,
    },
    {
      name: 'showAnswers',
      type: 'select',
      options: toOptions(SHOW_ANSWERS),
      defaultValue: 'never',
      admin: { description: 'When a student sees the answer key after submitting' },
    },
    {
      name: 'scoring',
      type: 'select',
      options: toOptions(SCORING),
      defaultValue: 'all_or_nothing',
      admin: { description: 'Multiple answer and matching questions: partial credit or not' },
    },
    {
      name: 'timeLimitSeconds',
      type: 'number',
      min: 10,
      max: 86_400,
      admin: { description: 'Empty: no time limit' },
    },
    {
      name: 'shuffle',
      type: 'checkbox',
      defaultValue: false,
      admin: { description: 'Shuffle question and option order per attempt' },
    },
    {
      name: 'questions',
      type: 'array',
      maxRows: 100,
      fields: questionFields,
    },
    {
      name: 'draws',
      type: 'array',
      maxRows: 20,
      admin: { description: 'Questions drawn at random from banks of this course, per attempt' },
      fields: [
        // Not required in the schema: a deleted bank leaves the draw empty (validated on save).
        { name: 'bank', type: 'relationship', relationTo: 'question-banks' },
        { name: 'count', type: 'number', required: true, min: 1, max: 100 },
        { name: 'tag', type: 'text', maxLength: 100 },
      ],
    },
  ],
}

import type { CollectionConfig, PayloadRequest } from 'payload'

import { hasRole, never } from '../../access'
import { canManageCourse, courseOwnerOrAdmin } from '../../access/courses'
import { idOf } from '../../lib/ids'
import { findById } from '../../lib/lookup'
import { validateListQuery } from '../../lib/pagination'
import { checkEditLockInTransaction } from '../../hooks/editLockInTransaction'
import { QUIZ_DEFAULTS } from '../../services/learning/grading'
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
      name: 'questions',
      type: 'array',
      required: true,
      minRows: 1,
      maxRows: 100,
      fields: [
        { name: 'question', type: 'text', required: true, maxLength: 1000 },
        {
          name: 'options',
          type: 'text',
          hasMany: true,
          required: true,
          minRows: 2,
          maxRows: 10,
          maxLength: 500,
        },
        {
          name: 'correctAnswer',
          type: 'number',
          required: true,
          min: 0,
          admin: { description: 'Index of the right option (0 = first)' },
          // Defence in depth: even a misconfigured read rule never shows the key to a student.
          access: { read: ({ req: { user } }) => hasRole(user, 'educator', 'admin') },
        },
      ],
    },
  ],
}

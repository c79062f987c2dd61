import { ValidationError, type CollectionBeforeValidateHook, type CollectionConfig } from 'payload'

import { hasRole, never } from '../../access'
import { canManageCourse, courseOwnerOrAdmin } from '../../access/courses'
import { questionFields } from '../../fields/quizQuestion'
import { validateListQuery } from '../../lib/pagination'
import type { Question } from '../../services/learning/questions'
import { questionErrors } from '../Quizzes/hooks/validateQuiz'

const validateBank: CollectionBeforeValidateHook = ({ data, originalDoc }) => {
  if (!data) return data
  const errors = questionErrors((data.questions ?? originalDoc?.questions ?? []) as Question[])
  if (errors.length) throw new ValidationError({ collection: 'question-banks', errors })
  return data
}

/**
 * A course's pool of questions that quizzes draw from (`draws`). Only the course's educator and
 * admins read or manage it; students see drawn questions only through their attempt.
 */
export const QuestionBanks: CollectionConfig = {
  slug: 'question-banks',
  admin: { useAsTitle: 'title', defaultColumns: ['title', 'course', 'updatedAt'] },
  access: {
    read: courseOwnerOrAdmin(),
    create: async ({ req, data }) => {
      if (!data?.course) return hasRole(req.user, 'educator', 'admin')
      return canManageCourse(req, data.course)
    },
    update: courseOwnerOrAdmin(),
    delete: courseOwnerOrAdmin(),
  },
  hooks: { beforeOperation: [validateListQuery], beforeValidate: [validateBank] },
  fields: [
    { name: 'title', type: 'text', required: true, maxLength: 200 },
    {
      name: 'course',
      type: 'relationship',
      relationTo: 'courses',
      required: true,
      index: true,
      // Quizzes of this course draw from it.
      access: { update: never },
    },
    {
      name: 'questions',
      type: 'array',
      maxRows: 1000,
      fields: [
        ...questionFields,
        { name: 'tags', type: 'text', hasMany: true, maxRows: 20, maxLength: 100 },
      ],
    },
  ],
}

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
      label: { en: 'Lesson', es: 'Lección' },
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
      label: { en: 'Course', es: 'Curso' },
      type: 'relationship',
      relationTo: 'courses',
      index: true,
      admin: {
        readOnly: true,
        description: { en: "Set from the lesson's course", es: 'El curso de la lección' },
      },
    },
    {
      name: 'passingScore',
      label: { en: 'Passing score', es: 'Nota para aprobar' },
      type: 'number',
      defaultValue: QUIZ_DEFAULTS.passingScore,
      min: 0,
      max: 100,
    },
    {
      name: 'maxAttempts',
      label: { en: 'Max attempts', es: 'Intentos máximos' },
      type: 'number',
      defaultValue: QUIZ_DEFAULTS.maxAttempts,
      min: 1,
      max: 100,
    },
    {
      name: 'showAnswers',
      label: { en: 'Show answers', es: 'Mostrar respuestas' },
      type: 'select',
      options: toOptions(SHOW_ANSWERS),
      defaultValue: 'never',
      admin: {
        description: {
          en: 'When a student sees the answer key after submitting',
          es: 'Cuándo ve un estudiante las respuestas correctas tras enviar',
        },
      },
    },
    {
      name: 'scoring',
      label: { en: 'Scoring', es: 'Puntuación' },
      type: 'select',
      options: toOptions(SCORING),
      defaultValue: 'all_or_nothing',
      admin: {
        description: {
          en: 'Multiple answer and matching questions: partial credit or not',
          es: 'Preguntas de respuesta múltiple y de relacionar: puntuación parcial o no',
        },
      },
    },
    {
      name: 'timeLimitSeconds',
      label: { en: 'Time limit (seconds)', es: 'Tiempo límite (segundos)' },
      type: 'number',
      min: 10,
      max: 86_400,
      admin: { description: { en: 'Empty: no time limit', es: 'Vacío: sin tiempo límite' } },
    },
    {
      name: 'shuffle',
      label: { en: 'Shuffle', es: 'Orden aleatorio' },
      type: 'checkbox',
      defaultValue: false,
      admin: {
        description: {
          en: 'Shuffle question and option order per attempt',
          es: 'Baraja el orden de las preguntas y las opciones en cada intento',
        },
      },
    },
    {
      name: 'questions',
      label: { en: 'Questions', es: 'Preguntas' },
      labels: {
        singular: { en: 'Question', es: 'Pregunta' },
        plural: { en: 'Questions', es: 'Preguntas' },
      },
      type: 'array',
      maxRows: 100,
      fields: questionFields,
    },
    {
      name: 'draws',
      label: { en: 'Draws', es: 'Sorteos' },
      labels: {
        singular: { en: 'Draw', es: 'Sorteo' },
        plural: { en: 'Draws', es: 'Sorteos' },
      },
      type: 'array',
      maxRows: 20,
      admin: {
        description: {
          en: 'Questions drawn at random from banks of this course, per attempt',
          es: 'Preguntas sacadas al azar de los bancos de este curso, en cada intento',
        },
      },
      fields: [
        // Not required in the schema: a deleted bank leaves the draw empty (validated on save).
        {
          name: 'bank',
          label: { en: 'Bank', es: 'Banco' },
          type: 'relationship',
          relationTo: 'question-banks',
        },
        {
          name: 'count',
          label: { en: 'Count', es: 'Cantidad' },
          type: 'number',
          required: true,
          min: 1,
          max: 100,
        },
        { name: 'tag', label: { en: 'Tag', es: 'Etiqueta' }, type: 'text', maxLength: 100 },
      ],
    },
  ],
}

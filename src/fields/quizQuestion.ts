import type { Field, FieldAccess } from 'payload'

import { hasRole } from '../access'
import { QUESTION_TYPE_LABELS, QUESTION_TYPES } from '../services/learning/questions'

/**
 * Answer-key fields: only educators and admins (collection rules already limit educators to their
 * own courses). Defence in depth: even a misconfigured collection rule never shows a student a key.
 */
export const answerKeyReaders: FieldAccess = ({ req: { user } }) =>
  hasRole(user, 'educator', 'admin')

const key = { read: answerKeyReaders }
const shownFor = (...types: string[]) => ({
  condition: (_: unknown, sibling: { type?: string }) => types.includes(sibling?.type ?? 'single'),
})

/** The fields of one question, shared by quizzes and question banks. */
export const questionFields: Field[] = [
  {
    name: 'type',
    label: { en: 'Type', es: 'Tipo' },
    type: 'select',
    options: QUESTION_TYPES.map((value) => ({ label: QUESTION_TYPE_LABELS[value], value })),
    defaultValue: 'single',
  },
  {
    name: 'question',
    label: { en: 'Question', es: 'Pregunta' },
    type: 'text',
    required: true,
    maxLength: 1000,
  },
  {
    name: 'points',
    label: { en: 'Points', es: 'Puntos' },
    type: 'number',
    defaultValue: 1,
    min: 0,
    max: 1000,
  },
  {
    name: 'options',
    label: { en: 'Options', es: 'Opciones' },
    type: 'text',
    hasMany: true,
    maxRows: 20,
    maxLength: 500,
    admin: {
      description: {
        en: 'Choices (single, multiple), items (ordering) or left-hand items (matching)',
        es: 'Opciones (única, múltiple), elementos (ordenar) o elementos de la izquierda (relacionar)',
      },
    },
  },
  {
    name: 'matches',
    label: { en: 'Matches', es: 'Parejas' },
    type: 'text',
    hasMany: true,
    maxRows: 20,
    maxLength: 500,
    admin: {
      description: {
        en: 'Matching: the right-hand items',
        es: 'Relacionar: los elementos de la derecha',
      },
      ...shownFor('matching'),
    },
  },
  {
    name: 'correctAnswer',
    label: { en: 'Correct answer', es: 'Respuesta correcta' },
    type: 'number',
    min: 0,
    access: key,
    admin: {
      description: {
        en: 'Single choice: index of the right option (0 = first)',
        es: 'Opción única: índice de la opción correcta (0 = la primera)',
      },
      ...shownFor('single'),
      components: { Field: '/components/admin/courseBuilder/AnswerKey#CorrectOption' },
    },
  },
  {
    name: 'correctAnswers',
    label: { en: 'Correct answers', es: 'Respuestas correctas' },
    type: 'number',
    hasMany: true,
    min: 0,
    access: key,
    admin: {
      description: {
        en: 'Multiple answer: indexes of every right option',
        es: 'Respuesta múltiple: índices de todas las opciones correctas',
      },
      ...shownFor('multiple'),
      components: { Field: '/components/admin/courseBuilder/AnswerKey#CorrectOptions' },
    },
  },
  {
    name: 'correctBoolean',
    label: { en: 'Correct answer', es: 'Respuesta correcta' },
    type: 'checkbox',
    access: key,
    admin: {
      description: { en: 'True/false: checked = true', es: 'Verdadero/falso: marcado = verdadero' },
      ...shownFor('true_false'),
    },
  },
  {
    name: 'acceptedAnswers',
    label: { en: 'Accepted answers', es: 'Respuestas aceptadas' },
    type: 'text',
    hasMany: true,
    maxLength: 500,
    access: key,
    admin: {
      description: {
        en: 'Short answer: accepted texts (case, spacing and Unicode forms are ignored)',
        es: 'Respuesta corta: textos aceptados (no importan mayúsculas, espacios ni formas Unicode)',
      },
      ...shownFor('short_answer'),
    },
  },
  {
    name: 'numericAnswer',
    label: { en: 'Numeric answer', es: 'Respuesta numérica' },
    type: 'number',
    access: key,
    admin: {
      description: {
        en: 'Short answer: a number instead of texts',
        es: 'Respuesta corta: un número en lugar de textos',
      },
      ...shownFor('short_answer'),
    },
  },
  {
    name: 'tolerance',
    label: { en: 'Tolerance', es: 'Tolerancia' },
    type: 'number',
    min: 0,
    access: key,
    admin: {
      description: {
        en: 'Short answer: ± allowed around the number',
        es: 'Respuesta corta: ± permitido alrededor del número',
      },
      ...shownFor('short_answer'),
    },
  },
  {
    name: 'correctOrder',
    label: { en: 'Correct order', es: 'Orden correcto' },
    type: 'number',
    hasMany: true,
    min: 0,
    access: key,
    admin: {
      description: {
        en: 'Ordering: option indexes in the right order',
        es: 'Ordenar: índices de las opciones en el orden correcto',
      },
      ...shownFor('ordering'),
    },
  },
  {
    name: 'correctMatches',
    label: { en: 'Correct matches', es: 'Parejas correctas' },
    type: 'number',
    hasMany: true,
    min: 0,
    access: key,
    admin: {
      description: {
        en: 'Matching: for each option, the index of its match',
        es: 'Relacionar: para cada opción, el índice de su pareja',
      },
      ...shownFor('matching'),
    },
  },
  {
    name: 'optionFeedback',
    label: { en: 'Option feedback', es: 'Comentario por opción' },
    type: 'text',
    hasMany: true,
    maxLength: 1000,
    access: key,
    admin: {
      description: {
        en: 'Optional feedback per option (same order as the options)',
        es: 'Comentario opcional por opción (en el orden de las opciones)',
      },
    },
  },
  {
    name: 'explanation',
    label: { en: 'Explanation', es: 'Explicación' },
    type: 'textarea',
    maxLength: 2000,
    access: key,
  },
]

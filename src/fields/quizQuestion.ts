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
    type: 'select',
    options: QUESTION_TYPES.map((value) => ({ label: QUESTION_TYPE_LABELS[value], value })),
    defaultValue: 'single',
  },
  { name: 'question', type: 'text', required: true, maxLength: 1000 },
  { name: 'points', type: 'number', defaultValue: 1, min: 0, max: 1000 },
  {
    name: 'options',
    type: 'text',
    hasMany: true,
    maxRows: 20,
    maxLength: 500,
    admin: {
      description: 'Choices (single, multiple), items (ordering) or left-hand items (matching)',
    },
  },
  {
    name: 'matches',
    type: 'text',
    hasMany: true,
    maxRows: 20,
    maxLength: 500,
    admin: { description: 'Matching: the right-hand items', ...shownFor('matching') },
  },
  {
    name: 'correctAnswer',
    type: 'number',
    min: 0,
    access: key,
    admin: {
      description: 'Single choice: index of the right option (0 = first)',
      ...shownFor('single'),
      components: { Field: '/components/admin/courseBuilder/AnswerKey#CorrectOption' },
    },
  },
  {
    name: 'correctAnswers',
    type: 'number',
    hasMany: true,
    min: 0,
    access: key,
    admin: {
      description: 'Multiple answer: indexes of every right option',
      ...shownFor('multiple'),
      components: { Field: '/components/admin/courseBuilder/AnswerKey#CorrectOptions' },
    },
  },
  {
    name: 'correctBoolean',
    type: 'checkbox',
    access: key,
    admin: { description: 'True/false: checked = true', ...shownFor('true_false') },
  },
  {
    name: 'acceptedAnswers',
    type: 'text',
    hasMany: true,
    maxLength: 500,
    access: key,
    admin: {
      description: 'Short answer: accepted texts (case, spacing and Unicode forms are ignored)',
      ...shownFor('short_answer'),
    },
  },
  {
    name: 'numericAnswer',
    type: 'number',
    access: key,
    admin: { description: 'Short answer: a number instead of texts', ...shownFor('short_answer') },
  },
  {
    name: 'tolerance',
    type: 'number',
    min: 0,
    access: key,
    admin: {
      description: 'Short answer: ± allowed around the number',
      ...shownFor('short_answer'),
    },
  },
  {
    name: 'correctOrder',
    type: 'number',
    hasMany: true,
    min: 0,
    access: key,
    admin: { description: 'Ordering: option indexes in the right order', ...shownFor('ordering') },
  },
  {
    name: 'correctMatches',
    type: 'number',
    hasMany: true,
    min: 0,
    access: key,
    admin: {
      description: 'Matching: for each option, the index of its match',
      ...shownFor('matching'),
    },
  },
  {
    name: 'optionFeedback',
    type: 'text',
    hasMany: true,
    maxLength: 1000,
    access: key,
    admin: { description: 'Optional feedback per option (same order as the options)' },
  },
  { name: 'explanation', type: 'textarea', maxLength: 2000, access: key },
]

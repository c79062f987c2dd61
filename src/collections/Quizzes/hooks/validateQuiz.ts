import { ValidationError, type CollectionBeforeValidateHook } from 'payload'

import { idOf } from '../../../lib/ids'
import { findById } from '../../../lib/lookup'
import { keyErrors, type Question } from '../../../services/learning/questions'

type Draw = { bank?: unknown; count?: number; tag?: string | null }

/** Every question's key fits its type (paths name the field), e.g. an answer index is an option. */
export const questionErrors = (questions: Question[]) =>
  questions.flatMap((q, i) =>
    keyErrors(q).map((e) => ({
      path: `questions.${i}.${e.path}`,
      message: `questions.${i}.${e.path} ${e.message}`,
    })),
  )

/**
 * Keeps `course` in step with the lesson, checks every question's key, and that draws come from
 * banks of the same course; a quiz needs questions or draws.
 */
export const validateQuiz: CollectionBeforeValidateHook = async ({ data, originalDoc, req }) => {
  if (!data) return data
  const lessonId = idOf(data.lesson ?? originalDoc?.lesson)
  if (lessonId && (data.lesson !== undefined || !originalDoc?.course)) {
    const lesson = await findById(req, 'lessons', lessonId)
    if (!lesson) {
      throw new ValidationError({
        collection: 'quizzes',
        errors: [{ path: 'lesson', message: 'lesson: no such lesson' }],
      })
    }
    data.course = idOf(lesson.course)
  }
  const questions = (data.questions ?? originalDoc?.questions ?? []) as Question[]
  const draws = (data.draws ?? originalDoc?.draws ?? []) as Draw[]
  const errors = questionErrors(questions)
  if (!questions.length && !draws.length) {
    errors.push({ path: 'questions', message: 'questions: a quiz needs questions or draws' })
  }
  const courseId = idOf(data.course ?? originalDoc?.course)
  for (const [i, draw] of draws.entries()) {
    const bank = idOf(draw.bank) ? await findById(req, 'question-banks', idOf(draw.bank)!) : null
    if (!bank || idOf(bank.course) !== courseId) {
      errors.push({
        path: `draws.${i}.bank`,
        message: `draws.${i}.bank: no question bank of this course`,
      })
    }
  }
  if (errors.length) throw new ValidationError({ collection: 'quizzes', errors })
  return data
}

import { ValidationError, type CollectionBeforeValidateHook } from 'payload'

import { idOf } from '../../../lib/ids'
import { findById } from '../../../lib/lookup'

type Question = { question?: string; options?: string[]; correctAnswer?: number }

/** Keeps `course` in step with the lesson and checks every answer index points at an option. */
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
  const questions = (data.questions ?? []) as Question[]
  const errors = questions.flatMap((q, i) => {
    const count = q.options?.length ?? 0
    const answer = q.correctAnswer
    return typeof answer === 'number' &&
      (!Number.isInteger(answer) || answer < 0 || answer >= count)
      ? [
          {
            path: `questions.${i}.correctAnswer`,
            message: `questions.${i}.correctAnswer must be an option index from 0 to ${count - 1}`,
          },
        ]
      : []
  })
  if (errors.length) throw new ValidationError({ collection: 'quizzes', errors })
  return data
}

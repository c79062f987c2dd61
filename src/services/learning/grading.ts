import { badRequest, conflict } from '../../lib/errors'
import type { Quiz } from '../../payload-types'

/** A quiz's pass mark (percent) and attempt limit when its author leaves them out. */
export const QUIZ_DEFAULTS = { passingScore: 70, maxAttempts: 3 } as const

/** The quiz's pass mark and attempt limit, with the defaults where it has none. */
export const quizRules = ({
  passingScore,
  maxAttempts,
}: Pick<Quiz, 'passingScore' | 'maxAttempts'>) => ({
  passingScore: passingScore ?? QUIZ_DEFAULTS.passingScore,
  maxAttempts: maxAttempts ?? QUIZ_DEFAULTS.maxAttempts,
})

export type QuizRules = ReturnType<typeof quizRules>

/**
 * The score from 0 to 100 (rounded) for one option index per question; 400 naming the answer when
 * the count is off or an answer is not one of its question's options.
 */
export function gradeAnswers(
  questions: Pick<Quiz['questions'][number], 'options' | 'correctAnswer'>[],
  answers: number[],
): number {
  if (answers.length !== questions.length) {
    throw badRequest(`answers: expected ${questions.length} answers, one option index per question`)
  }
  answers.forEach((answer, i) => {
    const options = questions[i].options?.length ?? 0
    if (!Number.isInteger(answer) || answer < 0 || answer >= options) {
      throw badRequest(`answers.${i}: must be an option index from 0 to ${options - 1}`)
    }
  })
  const correct = answers.filter((a, i) => a === questions[i].correctAnswer).length
  return Math.round((100 * correct) / questions.length)
}

/** Attempts a student has left after `used` of them. */
export const attemptsLeft = ({ maxAttempts }: QuizRules, used: number) =>
  Math.max(0, maxAttempts - used)

/** The attempt a score makes after `used` earlier ones; 409 once every attempt is used. */
export function nextAttempt(rules: QuizRules, score: number, used: number) {
  if (used >= rules.maxAttempts) {
    throw conflict(`All ${rules.maxAttempts} attempts at this quiz are used`)
  }
  return {
    attemptNumber: used + 1,
    passed: score >= rules.passingScore,
    attemptsLeft: attemptsLeft(rules, used + 1),
  }
}

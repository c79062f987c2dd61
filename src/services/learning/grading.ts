import { conflict } from '../../lib/errors'
import type { Quiz } from '../../payload-types'
import { gradeSubmission, type Question } from './questions'

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
 * The score from 0 to 100 (rounded) for one option index per single-choice question; 400 naming the
 * answer when the count is off or an answer is not one of its question's options.
 */
export function gradeAnswers(
  questions: Pick<Question, 'options' | 'correctAnswer'>[],
  answers: number[],
): number {
  const graded = gradeSubmission(
    questions.map((q) => ({ ...q, question: '' })),
    answers,
    'all_or_nothing',
  )
  return graded.score ?? 0
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

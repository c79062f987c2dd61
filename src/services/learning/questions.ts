import { badRequest } from '../../lib/errors'

/**
 * Pure question grading: no database, no request. A question is stored (in a quiz, a bank, or an
 * attempt's snapshot) with its answer key; `publicQuestion` is what a student may see of it.
 */

export const QUESTION_TYPES = [
  'single',
  'multiple',
  'true_false',
  'short_answer',
  'ordering',
  'matching',
  'essay',
] as const
export type QuestionType = (typeof QUESTION_TYPES)[number]

/** How the admin names each question type, in its languages. */
export const QUESTION_TYPE_LABELS: Record<QuestionType, { en: string; es: string }> = {
  single: { en: 'Single choice', es: 'Opción única' },
  multiple: { en: 'Multiple answers', es: 'Respuestas múltiples' },
  true_false: { en: 'True / false', es: 'Verdadero / falso' },
  short_answer: { en: 'Short answer', es: 'Respuesta corta' },
  ordering: { en: 'Ordering', es: 'Ordenar' },
  matching: { en: 'Matching', es: 'Relacionar' },
  essay: { en: 'Essay', es: 'Redacción' },
}

export const SCORING = ['all_or_nothing', 'partial'] as const
export type Scoring = (typeof SCORING)[number]

export const SHOW_ANSWERS = ['never', 'after_pass', 'after_last_attempt'] as const
export type ShowAnswers = (typeof SHOW_ANSWERS)[number]

/** The answer-key fields of a question: read only by the course's educator and admins. */
export const ANSWER_KEY_FIELDS = [
  'correctAnswer',
  'correctAnswers',
  'correctBoolean',
  'acceptedAnswers',
  'numericAnswer',
  'tolerance',
  'correctOrder',
  'correctMatches',
  'optionFeedback',
  'explanation',
] as const

export type Question = {
  id?: string | null
  type?: QuestionType | null
  question: string
  points?: number | null
  options?: string[] | null
  /** matching: the right-hand items the options are matched to */
  matches?: string[] | null
  correctAnswer?: number | null
  correctAnswers?: number[] | null
  correctBoolean?: boolean | null
  acceptedAnswers?: string[] | null
  numericAnswer?: number | null
  tolerance?: number | null
  correctOrder?: number[] | null
  correctMatches?: number[] | null
  optionFeedback?: string[] | null
  explanation?: string | null
}

export type QuestionResult = {
  questionId: string | null
  points: number
  /** null while an essay awaits the educator */
  earned: number | null
  correct: boolean | null
}

export const typeOf = (q: Pick<Question, 'type'>): QuestionType => q.type ?? 'single'
export const pointsOf = (q: Pick<Question, 'points'>): number => q.points ?? 1

/** What a student sees of a question: never a key field. */
export function publicQuestion(q: Question) {
  const type = typeOf(q)
  const shown: { id: string | null; type: QuestionType; question: string; points: number } & {
    options?: string[]
    matches?: string[]
  } = { id: q.id ?? null, type, question: q.question, points: pointsOf(q) }
  if (['single', 'multiple', 'ordering', 'matching'].includes(type)) shown.options = q.options ?? []
  if (type === 'true_false') shown.options = ['True', 'False']
  if (type === 'matching') shown.matches = q.matches ?? []
  return shown
}

/** Trimmed, Unicode-normalised (NFKC), case-folded, inner whitespace collapsed. */
export const normaliseText = (value: string) =>
  value.normalize('NFKC').toLocaleLowerCase('und').replace(/\s+/gu, ' ').trim()

const isIndex = (value: unknown, count: number): value is number =>
  Number.isInteger(value) && (value as number) >= 0 && (value as number) < count

const indexRange = (count: number) => `from 0 to ${count - 1}`

/** A 400 naming the answer, for an answer of the wrong form (never for a wrong answer). */
function checkAnswer(q: Question, answer: unknown, path: string): void {
  const type = typeOf(q)
  const options = q.options?.length ?? 0
  const fail = (message: string) => {
    throw badRequest(`${path}: ${message}`)
  }
  switch (type) {
    case 'single':
      if (!isIndex(answer, options)) fail(`must be an option index ${indexRange(options)}`)
      return
    case 'multiple':
      if (
        !Array.isArray(answer) ||
        !answer.every((a) => isIndex(a, options)) ||
        new Set(answer).size !== answer.length
      ) {
        fail(`must be a list of distinct option indexes ${indexRange(options)}`)
      }
      return
    case 'true_false':
      if (typeof answer !== 'boolean') fail('must be true or false')
      return
    case 'short_answer':
      if (!(typeof answer === 'string' && answer.length <= 500) && !Number.isFinite(answer)) {
        fail('must be a text of at most 500 characters or a number')
      }
      return
    case 'ordering':
      if (
        !Array.isArray(answer) ||
        answer.length !== options ||
        !answer.every((a) => isIndex(a, options)) ||
        new Set(answer).size !== options
      ) {
        fail(`must list every option index ${indexRange(options)} once, in order`)
      }
      return
    case 'matching': {
      const matches = q.matches?.length ?? 0
      if (
        !Array.isArray(answer) ||
        answer.length !== options ||
        !answer.every((a) => a === null || isIndex(a, matches))
      ) {
        fail(
          `must give, for each of the ${options} options, a match index ${indexRange(matches)} or null`,
        )
      }
      return
    }
    case 'essay':
      if (typeof answer !== 'string' || answer.length > 20_000) {
        fail('must be a text of at most 20000 characters')
      }
  }
}

const sameList = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((x, i) => x === b[i])

/** Points for one (well-formed) answer; null for an essay with text (the educator grades it). */
export function gradeQuestion(q: Question, answer: unknown, scoring: Scoring = 'all_or_nothing') {
  const points = pointsOf(q)
  const all = (ok: boolean) => (ok ? points : 0)
  switch (typeOf(q)) {
    case 'single':
      return all(answer === q.correctAnswer)
    case 'true_false':
      return all(answer === q.correctBoolean)
    case 'multiple': {
      const key = new Set(q.correctAnswers ?? [])
      const chosen = answer as number[]
      const right = chosen.filter((a) => key.has(a)).length
      const wrong = chosen.length - right
      if (scoring === 'all_or_nothing' || key.size === 0) {
        return all(wrong === 0 && right === key.size)
      }
      // Each right choice earns its share; each wrong one takes a share back (never below 0).
      return Math.max(0, (points * (right - wrong)) / key.size)
    }
    case 'short_answer': {
      if (typeof q.numericAnswer === 'number') {
        const value =
          typeof answer === 'number' ? answer : Number(String(answer).trim().replace(/\s+/g, ''))
        if (String(answer).trim() === '' || !Number.isFinite(value)) return 0
        // A hair of slack so 0.1 + 0.2 style float noise never fails an exact answer.
        return all(Math.abs(value - q.numericAnswer) <= (q.tolerance ?? 0) + 1e-9)
      }
      const given = normaliseText(String(answer))
      if (!given) return 0
      return all((q.acceptedAnswers ?? []).some((a) => normaliseText(a) === given))
    }
    case 'ordering':
      return all(sameList(answer as number[], q.correctOrder ?? []))
    case 'matching': {
      const key = q.correctMatches ?? []
      const given = answer as (number | null)[]
      const right = given.filter((a, i) => a !== null && a === key[i]).length
      if (scoring === 'all_or_nothing' || !key.length) return all(right === key.length)
      return (points * right) / key.length
    }
    case 'essay':
      return typeof answer === 'string' && answer.trim() ? null : 0
  }
}

/**
 * Grades a whole submission: one answer per question (400 naming the first malformed one). The
 * score (0-100, rounded) is null while an essay is ungraded.
 */
export function gradeSubmission(questions: Question[], answers: unknown[], scoring: Scoring) {
  if (answers.length !== questions.length) {
    throw badRequest(`answers: expected ${questions.length} answers, one per question`)
  }
  questions.forEach((q, i) => checkAnswer(q, answers[i], `answers.${i}`))
  const results: QuestionResult[] = questions.map((q, i) => {
    const earned = gradeQuestion(q, answers[i], scoring)
    const points = pointsOf(q)
    return {
      questionId: q.id ?? null,
      points,
      earned: earned === null ? null : round2(earned),
      correct: earned === null ? null : earned >= points,
    }
  })
  return { results, score: scoreOf(results) }
}

const round2 = (n: number) => Math.round(n * 100) / 100

/** 0-100 from the points earned; null while any question awaits grading. */
export function scoreOf(results: Pick<QuestionResult, 'points' | 'earned'>[]): number | null {
  if (results.some((r) => r.earned === null)) return null
  const total = results.reduce((s, r) => s + r.points, 0)
  if (!total) return 0
  const earned = results.reduce((s, r) => s + (r.earned ?? 0), 0)
  return Math.round((100 * earned) / total)
}

/**
 * Sets the educator's points on essay questions (by question id) and returns the new results.
 * 400 for an unknown question, a question that is not an essay, or points outside 0..max.
 */
export function applyGrades(
  questions: Question[],
  results: QuestionResult[],
  grades: { questionId: string; points: number }[],
): QuestionResult[] {
  const next = results.map((r) => ({ ...r }))
  grades.forEach((grade, i) => {
    const index = questions.findIndex((q) => q.id === grade.questionId)
    if (index < 0) throw badRequest(`grades.${i}.questionId: not a question of this attempt`)
    if (typeOf(questions[index]) !== 'essay') {
      throw badRequest(`grades.${i}.questionId: only essay questions are graded by hand`)
    }
    const max = pointsOf(questions[index])
    if (!(grade.points >= 0 && grade.points <= max)) {
      throw badRequest(`grades.${i}.points: must be from 0 to ${max}`)
    }
    next[index].earned = round2(grade.points)
    next[index].correct = grade.points >= max
  })
  return next
}

/** Whether the attempt's review (answer key, feedback) may be shown to the student. */
export function mayShowAnswers(
  rule: ShowAnswers | null | undefined,
  { passed, attemptsLeft }: { passed: boolean; attemptsLeft: number },
) {
  if (rule === 'after_pass') return passed
  if (rule === 'after_last_attempt') return attemptsLeft === 0
  return false
}

/** The review of one question: the key, the feedback on the chosen options, the explanation. */
export function reviewOf(q: Question, answer: unknown, result: QuestionResult) {
  const type = typeOf(q)
  const chosen =
    type === 'single' ? [answer] : type === 'multiple' && Array.isArray(answer) ? answer : []
  const feedback = chosen
    .map((i) => (typeof i === 'number' ? q.optionFeedback?.[i] : undefined))
    .filter((f): f is string => Boolean(f))
  const key: Record<string, unknown> = {}
  for (const field of ANSWER_KEY_FIELDS) {
    if (field !== 'optionFeedback' && field !== 'explanation' && q[field] != null) {
      key[field] = q[field]
    }
  }
  return {
    ...publicQuestion(q),
    answer,
    earned: result.earned,
    correct: result.correct,
    ...key,
    feedback,
    explanation: q.explanation ?? null,
  }
}

/** A seeded shuffle (mulberry32 + Fisher–Yates): the same seed gives the same order. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

/**
 * The question with its options shown in `order` (order[k] = the original index shown at k), the
 * key remapped to shown positions so answers are graded as the student saw them.
 */
export function withOptionOrder(q: Question, order: number[], matchOrder?: number[]): Question {
  const shownAt = (original: number) => order.indexOf(original)
  const matchShownAt = (original: number) => (matchOrder ? matchOrder.indexOf(original) : original)
  const pick = <T>(list: T[] | null | undefined) => (list ? order.map((i) => list[i]) : list)
  return {
    ...q,
    options: pick(q.options),
    optionFeedback: q.optionFeedback?.length ? pick(q.optionFeedback) : q.optionFeedback,
    matches: matchOrder && q.matches ? matchOrder.map((i) => q.matches![i]) : q.matches,
    correctAnswer: typeof q.correctAnswer === 'number' ? shownAt(q.correctAnswer) : q.correctAnswer,
    correctAnswers: q.correctAnswers?.map(shownAt),
    correctOrder: q.correctOrder?.map(shownAt),
    correctMatches: q.correctMatches
      ? order.map((i) => matchShownAt(q.correctMatches![i]))
      : q.correctMatches,
  }
}

/** The author's mistakes a question's key can have (paths relative to the question). */
export function keyErrors(q: Question): { path: string; message: string }[] {
  const options = q.options?.length ?? 0
  const errors: { path: string; message: string }[] = []
  const need = (ok: boolean, path: string, message: string) => {
    if (!ok) errors.push({ path, message })
  }
  switch (typeOf(q)) {
    case 'single':
      need(options >= 2, 'options', 'needs at least 2 options')
      need(
        isIndex(q.correctAnswer, options),
        'correctAnswer',
        `must be an option index ${indexRange(options)}`,
      )
      break
    case 'multiple':
      need(options >= 2, 'options', 'needs at least 2 options')
      need(
        Boolean(q.correctAnswers?.length) && q.correctAnswers!.every((a) => isIndex(a, options)),
        'correctAnswers',
        `must list option indexes ${indexRange(options)}`,
      )
      break
    case 'true_false':
      need(typeof q.correctBoolean === 'boolean', 'correctBoolean', 'is required')
      break
    case 'short_answer':
      need(
        typeof q.numericAnswer === 'number' || Boolean(q.acceptedAnswers?.length),
        'acceptedAnswers',
        'give accepted answers or a numericAnswer',
      )
      break
    case 'ordering':
      need(options >= 2, 'options', 'needs at least 2 options')
      need(
        (q.correctOrder?.length ?? 0) === options &&
          new Set(q.correctOrder).size === options &&
          q.correctOrder!.every((a) => isIndex(a, options)),
        'correctOrder',
        `must list every option index ${indexRange(options)} once`,
      )
      break
    case 'matching': {
      const matches = q.matches?.length ?? 0
      need(options >= 1 && matches >= 1, 'matches', 'needs options and matches')
      need(
        (q.correctMatches?.length ?? 0) === options &&
          q.correctMatches!.every((a) => isIndex(a, matches)),
        'correctMatches',
        `must give one match index ${indexRange(matches)} per option`,
      )
      break
    }
    case 'essay':
      break
  }
  return errors
}

/** An answer that earns a question's full points (essays have none: the educator grades them). */
export function fullMarksAnswer(q: Question): unknown {
  switch (typeOf(q)) {
    case 'single':
      return q.correctAnswer
    case 'multiple':
      return q.correctAnswers ?? []
    case 'true_false':
      return q.correctBoolean
    case 'short_answer':
      return typeof q.numericAnswer === 'number' ? q.numericAnswer : (q.acceptedAnswers?.[0] ?? '')
    case 'ordering':
      return q.correctOrder ?? []
    case 'matching':
      return q.correctMatches ?? []
    case 'essay':
      return ''
  }
}

import { describe, expect, it } from 'vitest'

import {
  attemptsLeft,
  gradeAnswers,
  nextAttempt,
  QUIZ_DEFAULTS,
  quizRules,
} from '../../src/services/learning/grading'

const question = (correctAnswer: number, options = ['a', 'b', 'c']) => ({ options, correctAnswer })
const threeQuestions = [question(0), question(1), question(2)]

describe('gradeAnswers', () => {
  it('scores the share of right answers from 0 to 100', () => {
    expect(gradeAnswers(threeQuestions, [0, 1, 2])).toBe(100)
    expect(gradeAnswers(threeQuestions, [1, 2, 0])).toBe(0)
    expect(gradeAnswers([question(0), question(0)], [0, 1])).toBe(50)
  })

  it('rounds to a whole percent', () => {
    expect(gradeAnswers(threeQuestions, [0, 1, 0])).toBe(67)
    expect(gradeAnswers(threeQuestions, [0, 0, 0])).toBe(33)
  })

  it.each([
    [[0, 1], /^answers: expected 3 answers/],
    [[0, 1, 2, 0], /^answers: expected 3 answers/],
  ])('answers 400 for %j: one answer per question', (answers, message) => {
    expect(() => gradeAnswers(threeQuestions, answers)).toThrow(
      expect.objectContaining({ status: 400, message: expect.stringMatching(message) }),
    )
  })

  it.each([
    [[0, 3, 0], 'answers.1: must be an option index from 0 to 2'],
    [[-1, 0, 0], 'answers.0: must be an option index from 0 to 2'],
    [[0, 0, 1.5], 'answers.2: must be an option index from 0 to 2'],
  ])('answers 400 naming the answer that is not an option: %j', (answers, message) => {
    expect(() => gradeAnswers(threeQuestions, answers)).toThrow(
      expect.objectContaining({ status: 400, message }),
    )
  })

  it('checks each answer against its own question', () => {
    const questions = [question(1, ['yes', 'no']), question(3, ['a', 'b', 'c', 'd'])]
    expect(gradeAnswers(questions, [1, 3])).toBe(100)
    expect(() => gradeAnswers(questions, [3, 1])).toThrow(
      expect.objectContaining({ message: 'answers.0: must be an option index from 0 to 1' }),
    )
  })
})

describe('quizRules', () => {
  it('passes at 70% with 3 attempts unless the quiz says otherwise', () => {
    expect(QUIZ_DEFAULTS).toEqual({ passingScore: 70, maxAttempts: 3 })
    expect(quizRules({})).toEqual({ passingScore: 70, maxAttempts: 3 })
    expect(quizRules({ passingScore: null, maxAttempts: null })).toEqual(QUIZ_DEFAULTS)
    expect(quizRules({ passingScore: 50, maxAttempts: 1 })).toEqual({
      passingScore: 50,
      maxAttempts: 1,
    })
  })

  it('keeps a pass mark of 0 (everyone passes) rather than the default', () => {
    expect(quizRules({ passingScore: 0 }).passingScore).toBe(0)
  })
})

describe('nextAttempt', () => {
  const rules = quizRules({})

  it('numbers attempts from 1 and counts down what is left', () => {
    expect(nextAttempt(rules, 100, 0)).toEqual({ attemptNumber: 1, passed: true, attemptsLeft: 2 })
    expect(nextAttempt(rules, 100, 1)).toMatchObject({ attemptNumber: 2, attemptsLeft: 1 })
    expect(nextAttempt(rules, 100, 2)).toMatchObject({ attemptNumber: 3, attemptsLeft: 0 })
  })

  it('passes at exactly the pass mark and fails just under it', () => {
    expect(nextAttempt(rules, 70, 0).passed).toBe(true)
    expect(nextAttempt(rules, 69, 0).passed).toBe(false)
    expect(nextAttempt(quizRules({ passingScore: 100 }), 99, 0).passed).toBe(false)
  })

  it('answers 409 once every attempt is used', () => {
    for (const used of [3, 4]) {
      expect(() => nextAttempt(rules, 100, used)).toThrow(
        expect.objectContaining({ status: 409, message: 'All 3 attempts at this quiz are used' }),
      )
    }
    expect(() => nextAttempt(quizRules({ maxAttempts: 1 }), 0, 1)).toThrow(
      expect.objectContaining({ status: 409 }),
    )
  })
})

describe('attemptsLeft', () => {
  it('never goes below zero', () => {
    const rules = quizRules({ maxAttempts: 2 })
    expect([0, 1, 2, 3].map((used) => attemptsLeft(rules, used))).toEqual([2, 1, 0, 0])
  })
})

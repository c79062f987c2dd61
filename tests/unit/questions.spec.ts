import { describe, expect, it } from 'vitest'

import {
  applyGrades,
  fullMarksAnswer,
  gradeQuestion,
  gradeSubmission,
  keyErrors,
  mayShowAnswers,
  normaliseText,
  publicQuestion,
  type Question,
  reviewOf,
  scoreOf,
  shuffled,
  withOptionOrder,
} from '../../src/services/learning/questions'

const single: Question = {
  id: 's',
  question: 'Pick b',
  options: ['a', 'b', 'c'],
  correctAnswer: 1,
  optionFeedback: ['not a', 'yes', 'not c'],
}
const multiple: Question = {
  id: 'm',
  type: 'multiple',
  question: 'Pick a and c',
  points: 4,
  options: ['a', 'b', 'c', 'd'],
  correctAnswers: [0, 2],
}
const trueFalse: Question = {
  id: 't',
  type: 'true_false',
  question: 'Sky is blue',
  correctBoolean: true,
}
const text: Question = {
  id: 'x',
  type: 'short_answer',
  question: 'Capital of Germany?',
  acceptedAnswers: ['Berlin', 'Bärlin'],
}
const number: Question = {
  id: 'n',
  type: 'short_answer',
  question: 'Pi to two places',
  numericAnswer: 3.14,
  tolerance: 0.01,
}
const ordering: Question = {
  id: 'o',
  type: 'ordering',
  question: 'Order',
  options: ['second', 'first', 'third'],
  correctOrder: [1, 0, 2],
}
const matching: Question = {
  id: 'p',
  type: 'matching',
  question: 'Match',
  points: 3,
  options: ['cat', 'dog', 'cow'],
  matches: ['woof', 'moo', 'meow'],
  correctMatches: [2, 0, 1],
}
const essay: Question = { id: 'e', type: 'essay', question: 'Discuss', points: 5 }

describe('gradeQuestion, per type', () => {
  it('single choice and true/false: all or nothing', () => {
    expect(gradeQuestion(single, 1)).toBe(1)
    expect(gradeQuestion(single, 0)).toBe(0)
    expect(gradeQuestion(trueFalse, true)).toBe(1)
    expect(gradeQuestion(trueFalse, false)).toBe(0)
  })

  it('multiple answer, all or nothing: the exact set only', () => {
    expect(gradeQuestion(multiple, [2, 0])).toBe(4)
    expect(gradeQuestion(multiple, [0])).toBe(0)
    expect(gradeQuestion(multiple, [0, 1, 2])).toBe(0)
    expect(gradeQuestion(multiple, [])).toBe(0)
  })

  it('multiple answer, partial: a share per right choice, a share back per wrong one, never below 0', () => {
    expect(gradeQuestion(multiple, [0, 2], 'partial')).toBe(4)
    expect(gradeQuestion(multiple, [0], 'partial')).toBe(2)
    expect(gradeQuestion(multiple, [0, 1], 'partial')).toBe(0)
    expect(gradeQuestion(multiple, [0, 2, 3], 'partial')).toBe(2)
    expect(gradeQuestion(multiple, [1, 3], 'partial')).toBe(0)
    expect(gradeQuestion(multiple, [], 'partial')).toBe(0)
  })

  it('short answer text: case, spacing and Unicode forms do not matter; alternatives count', () => {
    for (const answer of [
      'Berlin',
      '  berlin ',
      'BERLIN',
      'bärlin',
      'BA\u0308RLIN',
      'Ｂｅｒｌｉｎ',
    ]) {
      expect(gradeQuestion(text, answer), answer).toBe(1)
    }
    for (const answer of ['Bonn', 'Berlin!', 'Ber lin', '', '   ']) {
      expect(gradeQuestion(text, answer), answer).toBe(0)
    }
    expect(normaliseText('  Straße\tNEU  ')).toBe('straße neu')
  })

  it('short answer number: within the tolerance (inclusive), as a number or a numeric text', () => {
    for (const answer of [3.14, 3.13, 3.15, '3.14', ' 3.15 ']) {
      expect(gradeQuestion(number, answer), String(answer)).toBe(1)
    }
    for (const answer of [3.16, 3.12, 'pi', '', '3,14']) {
      expect(gradeQuestion(number, answer), String(answer)).toBe(0)
    }
    const exact: Question = { ...number, numericAnswer: 0.3, tolerance: 0 }
    expect(gradeQuestion(exact, 0.1 + 0.2)).toBe(1)
    expect(gradeQuestion(exact, 0.31)).toBe(0)
  })

  it('ordering: the exact order only', () => {
    expect(gradeQuestion(ordering, [1, 0, 2])).toBe(1)
    expect(gradeQuestion(ordering, [0, 1, 2])).toBe(0)
  })

  it('matching: all pairs, or a share per right pair with partial credit', () => {
    expect(gradeQuestion(matching, [2, 0, 1])).toBe(3)
    expect(gradeQuestion(matching, [2, 0, null])).toBe(0)
    expect(gradeQuestion(matching, [2, 0, null], 'partial')).toBe(2)
    expect(gradeQuestion(matching, [null, null, null], 'partial')).toBe(0)
  })

  it('essay: waits for the educator (null), unless left empty (0)', () => {
    expect(gradeQuestion(essay, 'My thoughts')).toBeNull()
    expect(gradeQuestion(essay, '')).toBe(0)
    expect(gradeQuestion(essay, '  \n ')).toBe(0)
  })
})

describe('gradeSubmission', () => {
  const all = [single, multiple, trueFalse, text, number, ordering, matching]

  it('weights questions by their points and rounds the score', () => {
    expect(gradeSubmission(all, all.map(fullMarksAnswer), 'all_or_nothing').score).toBe(100)
    // 1 + 0 + 1 + 1 + 1 + 1 + 0 of 1 + 4 + 1 + 1 + 1 + 1 + 3 = 5/12
    const answers = [1, [0], true, 'berlin', 3.14, [1, 0, 2], [0, 1, 2]]
    const graded = gradeSubmission(all, answers, 'all_or_nothing')
    expect(graded.score).toBe(42)
    expect(graded.results.map((r) => r.correct)).toEqual([
      true,
      false,
      true,
      true,
      true,
      true,
      false,
    ])
    // Partial: the multiple answer earns 2 of 4 → 7/12
    expect(gradeSubmission(all, answers, 'partial').score).toBe(58)
  })

  it('keeps the score null while an essay awaits grading, then computes it', () => {
    const graded = gradeSubmission([single, essay], [1, 'An essay'], 'all_or_nothing')
    expect(graded.score).toBeNull()
    expect(graded.results[1]).toEqual({ questionId: 'e', points: 5, earned: null, correct: null })
    const regraded = applyGrades([single, essay], graded.results, [{ questionId: 'e', points: 3 }])
    expect(scoreOf(regraded)).toBe(67)
    expect(regraded[1]).toMatchObject({ earned: 3, correct: false })
    // An empty essay needs no grading.
    expect(gradeSubmission([single, essay], [1, ''], 'all_or_nothing').score).toBe(17)
  })

  it('scores 0 when every question is worth 0 points', () => {
    expect(gradeSubmission([{ ...single, points: 0 }], [1], 'partial').score).toBe(0)
  })

  it.each([
    [[single], [], 'answers: expected 1 answers'],
    [[single], [3], 'answers.0: must be an option index from 0 to 2'],
    [[single], [null], 'answers.0: must be an option index'],
    [[multiple], [[0, 0]], 'answers.0: must be a list of distinct option indexes'],
    [[multiple], [[4]], 'answers.0: must be a list of distinct option indexes'],
    [[multiple], [0], 'answers.0: must be a list'],
    [[trueFalse], ['true'], 'answers.0: must be true or false'],
    [[text], [['Berlin']], 'answers.0: must be a text'],
    [[text], ['x'.repeat(501)], 'answers.0: must be a text'],
    [[ordering], [[0, 1]], 'answers.0: must list every option index'],
    [[ordering], [[0, 0, 1]], 'answers.0: must list every option index'],
    [[matching], [[0, 1]], 'answers.0: must give, for each of the 3 options'],
    [[matching], [[0, 1, 3]], 'answers.0: must give'],
    [[essay], [null], 'answers.0: must be a text'],
    [[single, trueFalse], [1, 1], 'answers.1: must be true or false'],
  ])('answers 400 naming the malformed answer (%#)', (questions, answers, message) => {
    expect(() => gradeSubmission(questions, answers, 'all_or_nothing')).toThrow(
      expect.objectContaining({ status: 400, message: expect.stringContaining(message) }),
    )
  })
})

describe('applyGrades', () => {
  const graded = gradeSubmission([single, essay], [1, 'text'], 'all_or_nothing').results

  it.each([
    [{ questionId: 'nope', points: 1 }, 'grades.0.questionId: not a question of this attempt'],
    [
      { questionId: 's', points: 1 },
      'grades.0.questionId: only essay questions are graded by hand',
    ],
    [{ questionId: 'e', points: 6 }, 'grades.0.points: must be from 0 to 5'],
    [{ questionId: 'e', points: -1 }, 'grades.0.points: must be from 0 to 5'],
  ])('answers 400 for %j', (grade, message) => {
    expect(() => applyGrades([single, essay], graded, [grade])).toThrow(
      expect.objectContaining({ status: 400, message }),
    )
  })

  it('does not change the results it was given', () => {
    applyGrades([single, essay], graded, [{ questionId: 'e', points: 5 }])
    expect(graded[1].earned).toBeNull()
  })
})

describe('what a student may see', () => {
  it('publicQuestion never carries a key field', () => {
    for (const q of [single, multiple, trueFalse, text, number, ordering, matching, essay]) {
      const shown = JSON.stringify(publicQuestion(q))
      for (const key of [
        'correct',
        'accepted',
        'numericAnswer',
        'tolerance',
        'Feedback',
        'Berlin',
      ]) {
        expect(shown, `${q.id} ${key}`).not.toContain(key)
      }
    }
    expect(publicQuestion(trueFalse).options).toEqual(['True', 'False'])
    expect(publicQuestion(matching).matches).toEqual(['woof', 'moo', 'meow'])
    expect(publicQuestion(essay)).toEqual({
      id: 'e',
      type: 'essay',
      question: 'Discuss',
      points: 5,
    })
  })

  it('showAnswers: never; after a pass; after the last attempt', () => {
    const cases = [
      { passed: true, attemptsLeft: 0 },
      { passed: true, attemptsLeft: 2 },
      { passed: false, attemptsLeft: 0 },
      { passed: false, attemptsLeft: 1 },
    ]
    expect(cases.map((c) => mayShowAnswers('never', c))).toEqual([false, false, false, false])
    expect(cases.map((c) => mayShowAnswers(null, c))).toEqual([false, false, false, false])
    expect(cases.map((c) => mayShowAnswers('after_pass', c))).toEqual([true, true, false, false])
    expect(cases.map((c) => mayShowAnswers('after_last_attempt', c))).toEqual([
      true,
      false,
      true,
      false,
    ])
  })

  it('a review shows the key and the feedback on the chosen option', () => {
    const [result] = gradeSubmission([single], [0], 'all_or_nothing').results
    expect(reviewOf(single, 0, result)).toMatchObject({
      answer: 0,
      correct: false,
      correctAnswer: 1,
      feedback: ['not a'],
    })
  })
})

describe('option order per attempt', () => {
  it('shuffles the same way for the same seed, and keeps every item', () => {
    const items = [...Array(20).keys()]
    expect(shuffled(items, 42)).toEqual(shuffled(items, 42))
    expect(shuffled(items, 42)).not.toEqual(shuffled(items, 43))
    expect([...shuffled(items, 7)].sort((a, b) => a - b)).toEqual(items)
  })

  it('remaps the key so answers are graded as shown', () => {
    const order = [2, 0, 1]
    const shown = withOptionOrder(single, order)
    expect(shown.options).toEqual(['c', 'a', 'b'])
    expect(shown.correctAnswer).toBe(2)
    expect(shown.optionFeedback).toEqual(['not c', 'not a', 'yes'])
    expect(gradeQuestion(shown, 2)).toBe(1)

    const multi = withOptionOrder(multiple, [3, 2, 1, 0])
    expect(gradeQuestion(multi, [1, 3])).toBe(4)

    const ord = withOptionOrder(ordering, [2, 1, 0])
    expect(ord.options).toEqual(['third', 'first', 'second'])
    expect(gradeQuestion(ord, [1, 2, 0])).toBe(1)

    const match = withOptionOrder(matching, [1, 2, 0], [2, 1, 0])
    expect(match.options).toEqual(['dog', 'cow', 'cat'])
    expect(match.matches).toEqual(['meow', 'moo', 'woof'])
    // dog → woof (shown at 2), cow → moo (1), cat → meow (0)
    expect(gradeQuestion(match, [2, 1, 0])).toBe(3)
  })
})

describe('keyErrors (authoring)', () => {
  it('accepts every well-formed question', () => {
    for (const q of [single, multiple, trueFalse, text, number, ordering, matching, essay]) {
      expect(keyErrors(q), String(q.id)).toEqual([])
    }
  })

  it.each([
    [{ ...single, correctAnswer: 3 }, 'correctAnswer'],
    [{ ...single, options: ['only'] }, 'options'],
    [{ ...multiple, correctAnswers: [] }, 'correctAnswers'],
    [{ ...trueFalse, correctBoolean: null }, 'correctBoolean'],
    [{ ...text, acceptedAnswers: [] }, 'acceptedAnswers'],
    [{ ...ordering, correctOrder: [0, 0, 1] }, 'correctOrder'],
    [{ ...matching, correctMatches: [0, 1] }, 'correctMatches'],
  ])('names the wrong field (%#)', (q, path) => {
    expect(keyErrors(q as Question).map((e) => e.path)).toContain(path)
  })
})

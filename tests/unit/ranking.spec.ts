import { describe, expect, it } from 'vitest'

import {
  indexCatalog,
  orderByPrerequisites,
  rankByPopularity,
  rankForStudent,
  tokens,
  type CatalogCourse,
  type CoEnrollment,
  type StudentProfile,
} from '../../src/services/ai/ranking'

const course = (id: string, overrides: Partial<CatalogCourse> = {}): CatalogCourse => ({
  id,
  title: `Course ${id}`,
  text: '',
  tags: [],
  teachingStyles: [],
  enrollments: 10,
  prerequisites: [],
  educator: null,
  ...overrides,
})

const student = (overrides: Partial<StudentProfile> = {}): StudentProfile => ({
  id: 'me',
  interests: [],
  taken: [],
  completed: [],
  ...overrides,
})

const noCo: CoEnrollment = new Map()
const ids = (ranked: { courseId: string }[]) => ranked.map((r) => r.courseId)

const funding = course('funding', {
  title: 'Pitch decks for investors',
  text: 'Raise a seed round: investors, valuation, term sheets and equity.',
  tags: ['funding'],
})
const legal = course('legal', {
  title: 'Contracts and compliance',
  text: 'Liability, trademarks, privacy and the agreements a small company signs.',
  tags: ['legal'],
})

describe('rankForStudent: what may be recommended', () => {
  const catalog = [
    funding,
    legal,
    course('mine', { title: 'My own course', educator: 'me', enrollments: 500 }),
    course('other', { title: 'Someone else’s course', educator: 'someone' }),
  ]
  const index = indexCatalog(catalog)

  it('never recommends a course the student took (completed or not)', () => {
    const ranked = rankForStudent(
      index,
      noCo,
      student({ taken: ['funding', 'legal'], completed: ['funding'] }),
    )
    expect(ids(ranked)).not.toContain('funding')
    expect(ids(ranked)).not.toContain('legal')
    expect(ids(ranked)).toEqual(['other'])
  })

  it("never recommends the student's own course, however popular", () => {
    const ranked = rankForStudent(index, noCo, student())
    expect(ids(ranked)).not.toContain('mine')
    expect(ids(ranked)).toContain('other')
  })

  it('answers an empty list when nothing is left', () => {
    expect(rankForStudent(index, noCo, student({ taken: ['funding', 'legal', 'other'] }))).toEqual(
      [],
    )
  })
})

describe('rankForStudent: prerequisites', () => {
  const basics = course('basics', { title: 'Bookkeeping basics', tags: ['finance'] })
  const advanced = course('advanced', {
    title: 'Advanced forecasting',
    tags: ['finance'],
    prerequisites: ['basics'],
    enrollments: 1000,
  })
  const index = indexCatalog([basics, advanced, legal])

  it('does not offer a course until its prerequisites are completed, but offers the prerequisite', () => {
    const ranked = ids(rankForStudent(index, noCo, student({ interests: ['finance'] })))
    expect(ranked).not.toContain('advanced')
    expect(ranked[0]).toBe('basics')
  })

  it('does not count a prerequisite the student is only enrolled in', () => {
    const ranked = ids(
      rankForStudent(index, noCo, student({ interests: ['finance'], taken: ['basics'] })),
    )
    expect(ranked).not.toContain('advanced')
  })

  it('offers the course once its prerequisites are completed', () => {
    const ranked = ids(
      rankForStudent(
        index,
        noCo,
        student({ interests: ['finance'], taken: ['basics'], completed: ['basics'] }),
      ),
    )
    expect(ranked).toContain('advanced')
    expect(ranked[0]).toBe('advanced')
  })
})

describe('rankForStudent: interests', () => {
  const index = indexCatalog([legal, funding])

  it('puts a course of the topic the student is interested in ahead of an unrelated course of equal popularity', () => {
    expect(ids(rankForStudent(index, noCo, student({ interests: ['funding'] })))).toEqual([
      'funding',
      'legal',
    ])
    expect(ids(rankForStudent(index, noCo, student({ interests: ['legal'] })))).toEqual([
      'legal',
      'funding',
    ])
  })

  it('says which interest the recommendation matches', () => {
    const catalog = [
      course('busy', { title: 'Everyone takes this', enrollments: 900 }),
      { ...funding, enrollments: 40 },
      { ...legal, enrollments: 40 },
    ]
    const ranked = rankForStudent(indexCatalog(catalog), noCo, student({ interests: ['funding'] }))
    const match = ranked.find((r) => r.courseId === 'funding')!
    expect(ids(ranked).indexOf('funding')).toBeLessThan(ids(ranked).indexOf('legal'))
    expect(match.reason).toBe('Matches your interest in funding')
    expect(match.signals.content).toBeGreaterThan(0)
  })

  // Popularity is log-scaled to the catalog's maximum, so when courses are about equally popular
  // (a young catalog) every one scores popularity 1 → 0.2, more than a perfect interest match's
  // content (cosine ≈ 0.2 → 0.1): a reason picked as the largest weighted signal explained the
  // course ranked first *because of* the interest as "Popular with 10 learners".
  it('says which interest matched even when every course is equally popular', () => {
    const [first] = rankForStudent(index, noCo, student({ interests: ['funding'] }))
    expect(first.courseId).toBe('funding')
    expect(first.reason).toBe('Matches your interest in funding')
  })

  it('names every shared interest', () => {
    const both = course('both', { title: 'Funding the legal way', tags: ['funding', 'legal'] })
    const [first] = rankForStudent(
      indexCatalog([both, legal, funding]),
      noCo,
      student({ interests: ['funding', 'legal'] }),
    )
    expect(first.courseId).toBe('both')
    expect(first.reason).toBe('Matches your interest in funding and legal')
  })

  it('prefers what is close to the courses the student took when no interest is declared', () => {
    const seedRound = course('seed', {
      title: 'Your seed round',
      text: 'Investors, valuation and term sheets for a first round.',
      tags: ['funding'],
    })
    const ranked = rankForStudent(
      indexCatalog([legal, funding, seedRound]),
      noCo,
      student({ taken: ['funding'] }),
    )
    expect(ids(ranked)).toEqual(['seed', 'legal'])
    expect(ranked[0].reason).toBe('Close to what you have been learning')
  })
})

describe('rankForStudent: co-enrollment', () => {
  // Same popularity and no shared words: only co-enrollment tells B and C apart.
  const a = course('a', { title: 'Cash flow for makers', enrollments: 4 })
  const b = course('b', { title: 'Pottery glazes', enrollments: 4 })
  const c = course('c', { title: 'Sailing knots', enrollments: 4 })
  const index = indexCatalog([a, b, c])
  const co: CoEnrollment = new Map([
    ['a', new Set(['me', 's1', 's2', 's3'])],
    ['b', new Set(['s1', 's2', 's3', 's4'])],
    ['c', new Set(['s5', 's6', 's7', 's8'])],
  ])

  it('pulls in what students who took the same course also took, and says so naming it', () => {
    const ranked = rankForStudent(index, co, student({ taken: ['a'], completed: ['a'] }))
    expect(ids(ranked)).toEqual(['b', 'c'])
    expect(ranked[0].signals.coEnrollment).toBeGreaterThan(0)
    expect(ranked[0].reason).toBe('Students who took "Cash flow for makers" also took this')
    expect(ranked[1].signals.coEnrollment).toBe(0)
    expect(ranked[1].reason).not.toMatch(/^Students who took/)
  })

  it('does not count the student as their own co-enrollment evidence', () => {
    // Only "me" links A and C: no one else took both.
    const selfOnly: CoEnrollment = new Map([
      ['a', new Set(['me', 's1'])],
      ['b', new Set(['s2'])],
      ['c', new Set(['me', 's3'])],
    ])
    const ranked = rankForStudent(index, selfOnly, student({ taken: ['a'] }))
    for (const r of ranked) expect(r.signals.coEnrollment).toBe(0)
  })
})

describe('rankForStudent: popularity and ordering', () => {
  const catalog = [
    course('quiet', { title: 'Quiet course', enrollments: 3 }),
    course('busy', { title: 'Busy course', enrollments: 900 }),
    course('middle', { title: 'Middle course', enrollments: 40 }),
    course('zeta', { title: 'Zeta tie', enrollments: 40 }),
    course('alpha', { title: 'Alpha tie', enrollments: 40 }),
  ]
  const index = indexCatalog(catalog)

  it('orders by popularity for a student with no interests and no history, then by title', () => {
    const ranked = rankForStudent(index, noCo, student())
    expect(ids(ranked)).toEqual(['busy', 'alpha', 'middle', 'zeta', 'quiet'])
    expect(ranked[0].reason).toBe('Popular with 900 learners')
  })

  it('returns unique courses sorted by score, at most `limit`', () => {
    const withDuplicates = indexCatalog([...catalog, funding, legal, funding])
    const ranked = rankForStudent(withDuplicates, noCo, student({ interests: ['funding'] }), 4)
    expect(ranked).toHaveLength(4)
    expect(new Set(ids(ranked)).size).toBe(ranked.length)
    const scores = ranked.map((r) => r.score)
    expect(scores).toEqual([...scores].sort((x, y) => y - x))
    expect(ids(ranked)).toContain('funding')
    const all = rankForStudent(withDuplicates, noCo, student(), 100)
    expect(all).toHaveLength(7)
    expect(new Set(ids(all)).size).toBe(7)
  })
})

describe('rankByPopularity', () => {
  it('orders by enrollments and leaves out what the student took', () => {
    const index = indexCatalog([
      course('a', { enrollments: 5 }),
      course('b', { enrollments: 50 }),
      course('c', { enrollments: 500 }),
    ])
    expect(rankByPopularity(index, student({ taken: ['c'] }))).toEqual(['b', 'a'])
    expect(rankByPopularity(index, student(), 1)).toEqual(['c'])
  })
})

describe('orderByPrerequisites', () => {
  it('puts prerequisites first and otherwise keeps the given order', () => {
    const a = course('a')
    const b = course('b', { prerequisites: ['a'] })
    const c = course('c', { prerequisites: ['b'] })
    const x = course('x')
    expect(orderByPrerequisites([c, x, b, a]).map((k) => k.id)).toEqual(['a', 'b', 'c', 'x'])
    expect(orderByPrerequisites([x, a, b]).map((k) => k.id)).toEqual(['x', 'a', 'b'])
  })

  it('ignores prerequisites that are not in the list', () => {
    const b = course('b', { prerequisites: ['missing'] })
    expect(orderByPrerequisites([b, course('x')]).map((k) => k.id)).toEqual(['b', 'x'])
  })

  it('survives a cycle: every course once, no endless recursion', () => {
    const a = course('a', { prerequisites: ['b'] })
    const b = course('b', { prerequisites: ['a'] })
    const self = course('self', { prerequisites: ['self'] })
    const ordered = orderByPrerequisites([a, b, self]).map((k) => k.id)
    expect(ordered).toHaveLength(3)
    expect(new Set(ordered)).toEqual(new Set(['a', 'b', 'self']))
  })
})

describe('tokens', () => {
  it('lowercases, splits on punctuation and hyphens, and drops stop words and single letters', () => {
    expect(tokens('The Art of Pitch-Decks: a Founder’s guide, v2!')).toEqual([
      'art',
      'pitch',
      'decks',
      'founder',
      'guide',
      'v2',
    ])
  })
})

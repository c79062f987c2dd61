import { describe, expect, it } from 'vitest'

import { averageRating, bayesianAverage, PRIOR_MEAN, PRIOR_WEIGHT } from '../../src/lib/rating'

describe('bayesianAverage', () => {
  it('is the prior without reviews', () => {
    expect(bayesianAverage(0, 0)).toBe(PRIOR_MEAN)
  })

  it('ranks a hundred four-star reviews above one five-star review', () => {
    expect(bayesianAverage(400, 100)).toBeGreaterThan(bayesianAverage(5, 1))
  })

  it('ranks five four-star reviews above one five-star review, three below it', () => {
    expect(bayesianAverage(20, 5)).toBeGreaterThan(bayesianAverage(5, 1))
    expect(bayesianAverage(12, 3)).toBeLessThan(bayesianAverage(5, 1))
  })

  it('follows (C·m + sum) / (C + count) and tends to the mean with many reviews', () => {
    expect(bayesianAverage(5, 1)).toBeCloseTo((PRIOR_WEIGHT * PRIOR_MEAN + 5) / (PRIOR_WEIGHT + 1))
    expect(bayesianAverage(4.5 * 100_000, 100_000)).toBeCloseTo(4.5, 3)
  })
})

describe('averageRating', () => {
  it('is the plain mean, null without reviews', () => {
    expect(averageRating(0, 0)).toBeNull()
    expect(averageRating(9, 2)).toBe(4.5)
  })
})

import { sql, type SQL, type SQLWrapper } from '@payloadcms/db-postgres/drizzle'

/**
 * Ranking by rating uses a Bayesian average: every course starts with `PRIOR_WEIGHT` imaginary
 * reviews of `PRIOR_MEAN` stars, so a handful of reviews moves it only a little and one five-star
 * review does not outrank a hundred four-star ones:
 *
 *   score = (PRIOR_WEIGHT × PRIOR_MEAN + ratingSum) / (PRIOR_WEIGHT + reviewCount)
 *
 * The prior is a fixed 3.5 stars (the middle of the scale, nudged up: catalog ratings lean
 * positive) rather than the live catalog mean, so a course's score depends only on its own reviews
 * and the ranking is stable from one page to the next. `averageRating` shown to users stays the
 * plain mean (ratingSum / reviewCount).
 */
export const PRIOR_WEIGHT = 10
export const PRIOR_MEAN = 3.5

export const bayesianAverage = (ratingSum: number, reviewCount: number): number =>
  (PRIOR_WEIGHT * PRIOR_MEAN + ratingSum) / (PRIOR_WEIGHT + reviewCount)

/** The plain mean, or null without reviews. */
export const averageRating = (ratingSum: number, reviewCount: number): number | null =>
  reviewCount > 0 ? ratingSum / reviewCount : null

/** `bayesianAverage` as SQL over a row's columns, for ORDER BY. */
export const bayesianAverageSql = (ratingSum: SQLWrapper, reviewCount: SQLWrapper): SQL =>
  sql`((${PRIOR_WEIGHT * PRIOR_MEAN}::numeric + coalesce(${ratingSum}, 0)) / (${PRIOR_WEIGHT}::numeric + coalesce(${reviewCount}, 0)))`

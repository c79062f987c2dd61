// Leave-one-out over a generated world (generate.ts): for every student with ≥ 2 enrollments, hide
// one enrollment (a random one that is not a prerequisite of another of their courses), take that
// student out of the hidden course's co-enrollment set and enrollment count, rank, score, restore.
// The catalog is indexed once; only the held-out student's own trace is adjusted per ranking.
import {
  indexCatalog,
  rankByPopularity,
  rankForStudent,
  type CatalogIndex,
  type CoEnrollment,
  type StudentProfile,
} from '../../src/services/ai/ranking'
import { prng, type Student, type World } from './generate'

export const K = 5

export type Ranker = {
  name: string
  rank: (index: CatalogIndex, co: CoEnrollment, student: StudentProfile, k: number) => string[]
}

export const LOCAL: Ranker = {
  name: 'local (rankForStudent)',
  rank: (index, co, student, k) => rankForStudent(index, co, student, k).map((s) => s.courseId),
}
export const POPULARITY: Ranker = {
  name: 'popularity (rankByPopularity)',
  rank: (index, _co, student, k) => rankByPopularity(index, student, k),
}
/**
 * For reference: the popularity order restricted to what rankForStudent may offer (prerequisites
 * completed, not the student's own course). rankByPopularity itself does not filter, so it spends
 * slots on courses the student cannot take yet.
 */
export const POPULARITY_ELIGIBLE: Ranker = {
  name: 'popularity, eligible courses only (reference)',
  rank: (index, _co, student, k) => {
    const taken = new Set(student.taken)
    const completed = new Set(student.completed)
    return [...index.courses.values()]
      .filter(
        (c) =>
          !taken.has(c.id) &&
          c.educator !== student.id &&
          c.prerequisites.every((p) => completed.has(p)),
      )
      .sort((a, b) => b.enrollments - a.enrollments || a.title.localeCompare(b.title))
      .slice(0, k)
      .map((c) => c.id)
  },
}

export type Tally = { n: number; hits: number; ndcg: number; ms: number }
export type MethodResult = {
  name: string
  all: Tally
  bySegment: Record<Student['interestsDeclared'], Tally>
  /** Per evaluated student, in order: 1 if the held-out course was in the top K (for the bootstrap). */
  hits: number[]
}
export type Evaluation = {
  methods: MethodResult[]
  evaluated: number
  skipped: number
  /** Held-out courses rankForStudent could not offer (prerequisites not completed): 0 by design. */
  ineligible: number
  indexMs: number
}

const empty = (): Tally => ({ n: 0, hits: 0, ndcg: 0, ms: 0 })

/** One relevant item: hit if in the top k; NDCG = 1 / log2(position + 2), position from 0. */
export function score(ranked: string[], heldOut: string, k = K) {
  const position = ranked.slice(0, k).indexOf(heldOut)
  return position < 0 ? { hit: 0, ndcg: 0 } : { hit: 1, ndcg: 1 / Math.log2(position + 2) }
}

export function evaluate(world: World, rankers: Ranker[], seed = world.params.seed): Evaluation {
  const t0 = performance.now()
  const index = indexCatalog(world.courses)
  const indexMs = performance.now() - t0
  const rng = prng(seed ^ 0x5eed)
  const byId = index.courses
  const methods: MethodResult[] = rankers.map((r) => ({
    name: r.name,
    all: empty(),
    bySegment: { all: empty(), partial: empty(), none: empty() },
    hits: [],
  }))
  let evaluated = 0
  let skipped = 0
  let ineligible = 0

  for (const student of world.students) {
    if (student.taken.length < 2) {
      skipped++
      continue
    }
    const prerequisitesOfOthers = new Set(
      student.taken.flatMap((id) => byId.get(id)?.prerequisites ?? []),
    )
    const candidates = student.taken.filter((id) => !prerequisitesOfOthers.has(id))
    if (!candidates.length) {
      skipped++
      continue
    }
    const heldOut = rng.pick(candidates)
    const reduced: StudentProfile = {
      id: student.id,
      interests: student.interests,
      teachingStyles: student.teachingStyles,
      taken: student.taken.filter((id) => id !== heldOut),
      completed: student.completed.filter((id) => id !== heldOut),
    }
    const course = byId.get(heldOut)!
    if (course.prerequisites.some((p) => !reduced.completed.includes(p))) ineligible++

    // Take the student's trace of the held-out course out of the global data, rank, restore.
    world.co.get(heldOut)!.delete(student.id)
    course.enrollments -= 1
    try {
      rankers.forEach((ranker, i) => {
        const start = performance.now()
        const ranked = ranker.rank(index, world.co, reduced, K)
        const ms = performance.now() - start
        const { hit, ndcg } = score(ranked, heldOut)
        methods[i].hits.push(hit)
        for (const tally of [methods[i].all, methods[i].bySegment[student.interestsDeclared]]) {
          tally.n++
          tally.hits += hit
          tally.ndcg += ndcg
          tally.ms += ms
        }
      })
    } finally {
      world.co.get(heldOut)!.add(student.id)
      course.enrollments += 1
    }
    evaluated++
  }
  return { methods, evaluated, skipped, ineligible, indexMs }
}

export const hitRate = (t: Tally) => (t.n ? t.hits / t.n : 0)
export const meanNdcg = (t: Tally) => (t.n ? t.ndcg / t.n : 0)
export const msPerRanking = (t: Tally) => (t.n ? t.ms / t.n : 0)
/** Half-width of the 95% normal-approximation interval of a hit rate. */
export const hitRateMargin = (t: Tally) => {
  const p = hitRate(t)
  return t.n ? 1.96 * Math.sqrt((p * (1 - p)) / t.n) : 0
}

/**
 * 95% paired bootstrap interval of the relative improvement of `a` over `b` in hit rate
 * (students resampled with replacement, seeded), as fractions (0.3 = +30%).
 */
export function relativeImprovementInterval(a: number[], b: number[], seed: number, rounds = 2000) {
  const rng = prng(seed ^ 0xb007)
  const n = a.length
  const ratios: number[] = []
  for (let r = 0; r < rounds; r++) {
    let hitsA = 0
    let hitsB = 0
    for (let i = 0; i < n; i++) {
      const j = Math.floor(rng.next() * n)
      hitsA += a[j]
      hitsB += b[j]
    }
    ratios.push(hitsB ? hitsA / hitsB - 1 : Infinity)
  }
  ratios.sort((x, y) => x - y)
  return { low: ratios[Math.floor(rounds * 0.025)], high: ratios[Math.floor(rounds * 0.975)] }
}

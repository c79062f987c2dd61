/**
 * The local recommender: pure functions over plain data, so the endpoints, the precompute job and
 * `npm run bench:recommendations` run the very same ranking.
 *
 * score = 0.5 · content + 0.3 · co-enrollment + 0.2 · popularity
 * - content: cosine similarity (TF-IDF over title, description, tags and teaching styles) between a
 *   course and the student's profile (their interests, weighted up, plus the text of what they took)
 * - co-enrollment: item-to-item — how many students who took the student's courses also took this
 *   one, normalised by the candidate's popularity (a cosine over enrollment sets)
 * - popularity: log(1 + enrollments), scaled to [0, 1] over the catalog (the prior)
 * Candidates: published, not taken, not the student's own; a course whose prerequisites are not all
 * completed is left out (its prerequisite may be recommended instead).
 */

export type CatalogCourse = {
  id: string
  title: string
  text: string
  tags: string[]
  teachingStyles: string[]
  enrollments: number
  prerequisites: string[]
  educator?: string | null
}

export type StudentProfile = {
  id: string
  interests: string[]
  teachingStyles?: string[]
  /** Courses the student is (or was) enrolled in. */
  taken: string[]
  /** Of those, the completed ones (prerequisites). */
  completed: string[]
}

/** Course id → the students enrolled in it. */
export type CoEnrollment = Map<string, Set<string>>

export type Scored = {
  courseId: string
  title: string
  score: number
  reason: string
  signals: { content: number; coEnrollment: number; popularity: number }
}

export const WEIGHTS = { content: 0.5, coEnrollment: 0.3, popularity: 0.2 }
const INTEREST_WEIGHT = 3

const STOP = new Set(
  'a an and are as at be by for from how in into is it its of on or that the this to with your you yours our we will can do not'.split(
    ' ',
  ),
)

export function tokens(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}\s_-]/gu, ' ')
    .split(/[\s-]+/)
    .filter((t) => t.length > 1 && !STOP.has(t))
}

type Vector = Map<string, number>

const courseTerms = (c: CatalogCourse) => [
  ...tokens(`${c.title} ${c.title} ${c.text}`),
  ...c.tags.flatMap((t) => [`tag:${t}`, `tag:${t}`]),
  ...c.teachingStyles.map((s) => `style:${s}`),
]

function termFrequencies(terms: string[]): Vector {
  const tf: Vector = new Map()
  for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1)
  return tf
}

function normalise(v: Vector): Vector {
  const norm = Math.sqrt([...v.values()].reduce((s, x) => s + x * x, 0))
  if (!norm) return v
  return new Map([...v].map(([k, x]) => [k, x / norm]))
}

const dot = (a: Vector, b: Vector) => {
  const [small, large] = a.size < b.size ? [a, b] : [b, a]
  let sum = 0
  for (const [k, x] of small) sum += x * (large.get(k) ?? 0)
  return sum
}

/** The catalog indexed once (idf, course vectors, popularity); reuse it for many students. */
export function indexCatalog(courses: CatalogCourse[]) {
  const documentFrequency = new Map<string, number>()
  const terms = new Map(courses.map((c) => [c.id, termFrequencies(courseTerms(c))]))
  for (const tf of terms.values()) {
    for (const t of tf.keys()) documentFrequency.set(t, (documentFrequency.get(t) ?? 0) + 1)
  }
  const idf = (t: string) =>
    Math.log((1 + courses.length) / (1 + (documentFrequency.get(t) ?? 0))) + 1
  const weigh = (tf: Vector) => normalise(new Map([...tf].map(([t, n]) => [t, n * idf(t)])))
  const vectors = new Map([...terms].map(([id, tf]) => [id, weigh(tf)]))
  const maxPopularity = Math.max(1, ...courses.map((c) => Math.log1p(c.enrollments)))
  return {
    courses: new Map(courses.map((c) => [c.id, c])),
    vectors,
    weigh,
    popularity: (c: CatalogCourse) => Math.log1p(c.enrollments) / maxPopularity,
  }
}
export type CatalogIndex = ReturnType<typeof indexCatalog>

function profileVector(index: CatalogIndex, student: StudentProfile): Vector {
  const terms: string[] = []
  for (const interest of student.interests) {
    for (let i = 0; i < INTEREST_WEIGHT; i++) terms.push(`tag:${interest}`, ...tokens(interest))
  }
  for (const style of student.teachingStyles ?? []) terms.push(`style:${style}`)
  for (const id of student.taken) {
    const course = index.courses.get(id)
    if (course) terms.push(...courseTerms(course))
  }
  return index.weigh(termFrequencies(terms))
}

/** Cosine over enrollment sets between the candidate and each taken course; the best one. */
function coEnrollmentScore(co: CoEnrollment, taken: string[], candidate: string, self: string) {
  const theirs = co.get(candidate)
  if (!theirs?.size) return { score: 0, via: null as string | null }
  let best = 0
  let via: string | null = null
  for (const id of taken) {
    const mine = co.get(id)
    if (!mine?.size) continue
    let both = 0
    for (const s of mine) if (s !== self && theirs.has(s)) both++
    const score = both / Math.sqrt(mine.size * theirs.size)
    if (score > best) {
      best = score
      via = id
    }
  }
  return { score: best, via }
}

/**
 * The reason given: the personal signal that carried the course — co-enrollment when it weighs at
 * least as much as content, else content (the shared interest, or closeness to what was taken).
 * Popularity is nearly the same for every course, so it is the reason only when nothing personal
 * speaks for the course.
 */
function reasonFor(
  index: CatalogIndex,
  course: CatalogCourse,
  student: StudentProfile,
  parts: { content: number; coEnrollment: number; popularity: number },
  via: string | null,
) {
  const coEnrollment = parts.coEnrollment * WEIGHTS.coEnrollment
  const content = parts.content * WEIGHTS.content
  if (via && coEnrollment > 0 && coEnrollment >= content) {
    return `Students who took "${index.courses.get(via)?.title}" also took this`
  }
  if (content > 0) {
    const shared = course.tags.filter((t) => student.interests.includes(t))
    if (shared.length) return `Matches your interest in ${shared.join(' and ')}`
    return 'Close to what you have been learning'
  }
  return `Popular with ${course.enrollments} learner${course.enrollments === 1 ? '' : 's'}`
}

/** Courses a student can take next, best first. */
export function rankForStudent(
  index: CatalogIndex,
  co: CoEnrollment,
  student: StudentProfile,
  limit = 10,
): Scored[] {
  const profile = profileVector(index, student)
  const taken = new Set(student.taken)
  const completed = new Set(student.completed)
  const scored: Scored[] = []
  for (const course of index.courses.values()) {
    if (taken.has(course.id) || course.educator === student.id) continue
    if (course.prerequisites.some((p) => !completed.has(p))) continue
    const content = dot(profile, index.vectors.get(course.id)!)
    const { score: coEnrollment, via } = coEnrollmentScore(co, student.taken, course.id, student.id)
    const popularity = index.popularity(course)
    const signals = { content, coEnrollment, popularity }
    scored.push({
      courseId: course.id,
      title: course.title,
      score:
        WEIGHTS.content * content +
        WEIGHTS.coEnrollment * coEnrollment +
        WEIGHTS.popularity * popularity,
      reason: reasonFor(index, course, student, signals, via),
      signals,
    })
  }
  return scored
    .sort((a, b) => b.score - a.score || a.title.localeCompare(b.title))
    .slice(0, limit)
    .map((s) => ({ ...s, score: Math.round(s.score * 10000) / 10000 }))
}

/** The popularity baseline the benchmark compares with. */
export function rankByPopularity(index: CatalogIndex, student: StudentProfile, limit = 10) {
  const taken = new Set(student.taken)
  return [...index.courses.values()]
    .filter((c) => !taken.has(c.id))
    .sort((a, b) => b.enrollments - a.enrollments || a.title.localeCompare(b.title))
    .slice(0, limit)
    .map((c) => c.id)
}

/**
 * Courses in an order that respects prerequisites (a prerequisite first), otherwise by rank:
 * the local roadmap.
 */
export function orderByPrerequisites(courses: CatalogCourse[]): CatalogCourse[] {
  const byId = new Map(courses.map((c) => [c.id, c]))
  const placed = new Set<string>()
  const out: CatalogCourse[] = []
  const visit = (c: CatalogCourse, path: Set<string>) => {
    if (placed.has(c.id) || path.has(c.id)) return
    path.add(c.id)
    for (const p of c.prerequisites) {
      const pre = byId.get(p)
      if (pre) visit(pre, path)
    }
    placed.add(c.id)
    out.push(c)
  }
  for (const c of courses) visit(c, new Set())
  return out
}

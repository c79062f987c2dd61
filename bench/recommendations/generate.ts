// The synthetic world of `npm run bench:recommendations`: a catalog and students with planted
// preferences, built in memory from a seeded PRNG (same seed, same world). No database.
//
// Catalog: courses spread over the 10 TOPICS, each with 1–2 tags (its topic, sometimes a
// neighbouring or random second one), a teaching style, a title and a description drawn from
// topic vocabularies that overlap on purpose (funding/finance share "capital", marketing/sales
// share "funnel", ai/technology share "automation" …) plus generic business filler, so the text
// carries signal with realistic noise. Popularity is Zipf-like over a random order of the courses:
// a few courses are very popular whatever their topic. A few prerequisite chains (2–3 courses of a
// topic, each requiring the previous one).
//
// Students: 1–2 favourite topics and a preferred teaching style (the planted preferences). Their
// declared `interests` are noisy: 10% declare none, 30% only their first topic, the rest all of
// them. 4–12 enrollments, ≈75% drawn from the favourite topics (within a topic: by √popularity, ×2
// for the preferred style), the rest by popularity over the whole catalog; taking a course brings
// its prerequisites along. `completed`: each taken course with probability ½, and always the
// prerequisites of taken courses.
//
// Enrollment counts = a base popularity (anonymous learners) + the generated enrollments; the
// co-enrollment map (course → student ids) comes from the generated enrollments.
import { TOPICS, TEACHING_STYLES } from '../../src/lib/constants'
import type { CatalogCourse, CoEnrollment, StudentProfile } from '../../src/services/ai/ranking'

export type Params = { seed: number; students: number; courses: number }
export const DEFAULTS: Params = { seed: 42, students: 2000, courses: 300 }

/** Knobs of the generator, printed in RESULTS.md. */
export const SHAPE = {
  zipfExponent: 1.1,
  /** Anonymous enrollments of the most popular course (the others: × 1/rank^exponent). */
  basePopularityTop: 1500,
  secondTagShare: 0.35,
  twoTopicStudentShare: 0.5,
  interestsNone: 0.1,
  interestsFirstOnly: 0.3,
  enrollmentsMin: 4,
  enrollmentsMax: 12,
  fromFavouriteTopics: 0.75,
  preferredStyleBoost: 2,
  completedShare: 0.5,
  prerequisiteChainsPer100Courses: 4,
}

export type Student = StudentProfile & {
  favouriteTopics: string[]
  preferredStyle: string
  /** Which part of their favourite topics the student declared: all, only one, or none. */
  interestsDeclared: 'all' | 'partial' | 'none'
}

export type World = {
  params: Params
  courses: CatalogCourse[]
  topicOf: Map<string, string>
  students: Student[]
  co: CoEnrollment
  generatedEnrollments: number
}

// ---------------------------------------------------------------- PRNG

/** mulberry32: small, fast, good enough for sampling; deterministic per seed. */
export function prng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]
  const weighted = <T>(xs: readonly T[], weights: readonly number[]): T => {
    let total = 0
    for (const w of weights) total += w
    let r = next() * total
    for (let i = 0; i < xs.length; i++) {
      r -= weights[i]
      if (r < 0) return xs[i]
    }
    return xs[xs.length - 1]
  }
  const shuffle = <T>(xs: T[]): T[] => {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1))
      ;[xs[i], xs[j]] = [xs[j], xs[i]]
    }
    return xs
  }
  return { next, int, pick, weighted, shuffle }
}
export type Rng = ReturnType<typeof prng>

// ---------------------------------------------------------------- vocabularies

const words = (list: string) => list.split(' ')

const VOCABULARY: Record<(typeof TOPICS)[number], string[]> = {
  funding: words(
    'funding investors pitch deck venture capital grants angel seed round valuation term sheet equity dilution crowdfunding fundraising accelerator donors proposal runway loans investor raise',
  ),
  branding: words(
    'brand branding identity logo voice story storytelling positioning visual design typography palette packaging reputation audience trademark personality messaging naming guidelines consistency image',
  ),
  ai: words(
    'ai machine learning models chatgpt prompts prompting automation data generative llms chatbots agents predictions ethics neural training copilots assistants classification embeddings algorithms',
  ),
  marketing: words(
    'marketing campaign audience content social media email seo ads funnel conversion analytics newsletter influencer launch positioning storytelling engagement channels reach followers promotion',
  ),
  sales: words(
    'sales selling pipeline prospects leads closing negotiation objections crm outreach cold calls quota deals pricing funnel conversion customers proposals upsell retention referrals',
  ),
  operations: words(
    'operations processes workflow supply chain logistics inventory hiring vendors quality systems automation scheduling fulfilment efficiency procedures checklists outsourcing capacity metrics tools delivery',
  ),
  finance: words(
    'finance financial budget cash flow accounting bookkeeping profit loss margin forecasting taxes payroll invoices balance statements capital equity valuation pricing revenue expenses credit',
  ),
  leadership: words(
    'leadership leader team culture management delegation feedback coaching vision communication conflict hiring decisions mentoring accountability motivation trust meetings influence values managers resilience',
  ),
  technology: words(
    'technology tech software website cloud data security apps platform tools automation integrations nocode databases cybersecurity digital hosting devices networks apis spreadsheets systems',
  ),
  legal: words(
    'legal law contracts trademark compliance liability incorporation llc intellectual property privacy terms agreements licensing disputes regulations taxes copyright employment insurance lawyers permits',
  ),
}

/** Topics whose vocabularies bleed into each other (second tags, description noise). */
const NEIGHBOURS: Record<string, string[]> = {
  funding: ['finance', 'legal', 'sales'],
  branding: ['marketing', 'legal'],
  ai: ['technology', 'operations'],
  marketing: ['branding', 'sales', 'technology'],
  sales: ['marketing', 'finance'],
  operations: ['technology', 'leadership', 'finance'],
  finance: ['funding', 'operations', 'legal'],
  leadership: ['operations', 'sales'],
  technology: ['ai', 'operations'],
  legal: ['finance', 'funding'],
}

const GENERIC = words(
  'business small founders entrepreneurs growth strategy practical guide essentials fundamentals advanced beginners step toolkit plan playbook real world success scale startup owners skills framework lessons results simple modern creative online local community roadmap',
)

const TITLE_OPENERS = [
  'Intro to',
  'Mastering',
  'Practical',
  'The Art of',
  'Foundations of',
  'Advanced',
  'Hands-on',
  'Essentials of',
  'A Founder’s Guide to',
  'Modern',
  'Smart',
  'Bootcamp:',
]
const TITLE_CONNECTORS = ['and', 'for', 'with', 'beyond', '&']

const capital = (w: string) => w.charAt(0).toUpperCase() + w.slice(1)

// ---------------------------------------------------------------- the world

export function generate(params: Params = DEFAULTS): World {
  const rng = prng(params.seed)
  const topics = [...TOPICS] as string[]
  const styles = [...TEACHING_STYLES] as string[]

  // Catalog.
  const courses: CatalogCourse[] = []
  const topicOf = new Map<string, string>()
  const byTopic = new Map<string, CatalogCourse[]>(topics.map((t) => [t, []]))
  for (let i = 0; i < params.courses; i++) {
    const topic = topics[i % topics.length]
    const id = `c${String(i + 1).padStart(4, '0')}`
    const tags = [topic]
    if (rng.next() < SHAPE.secondTagShare) {
      const second = rng.next() < 0.7 ? rng.pick(NEIGHBOURS[topic]) : rng.pick(topics)
      if (second !== topic) tags.push(second)
    }
    const neighbour = tags[1] ?? rng.pick(NEIGHBOURS[topic])
    const word = () => {
      const r = rng.next()
      if (r < 0.55) return rng.pick(VOCABULARY[topic as keyof typeof VOCABULARY])
      if (r < 0.7) return rng.pick(VOCABULARY[neighbour as keyof typeof VOCABULARY])
      return rng.pick(GENERIC)
    }
    const own = () => rng.pick(VOCABULARY[topic as keyof typeof VOCABULARY])
    const title = `${rng.pick(TITLE_OPENERS)} ${capital(own())} ${rng.pick(TITLE_CONNECTORS)} ${capital(word())}`
    const description = Array.from({ length: rng.int(12, 28) }, word).join(' ')
    const teachingStyles = [rng.pick(styles)]
    if (rng.next() < 0.2) {
      const other = rng.pick(styles)
      if (other !== teachingStyles[0]) teachingStyles.push(other)
    }
    const course: CatalogCourse = {
      id,
      title,
      text: `${description}.`,
      tags,
      teachingStyles,
      enrollments: 0,
      prerequisites: [],
      educator: null,
    }
    courses.push(course)
    topicOf.set(id, topic)
    byTopic.get(topic)!.push(course)
  }

  // Zipf-like popularity over a random order of the whole catalog (not per topic).
  const order = rng.shuffle(courses.map((_, i) => i))
  const zipf = new Map<string, number>()
  order.forEach((courseIndex, rank) => {
    zipf.set(courses[courseIndex].id, 1 / Math.pow(rank + 1, SHAPE.zipfExponent))
  })
  const zipfWeights = courses.map((c) => zipf.get(c.id)!)

  // Prerequisite chains of 2–3 courses of one topic.
  const chains = Math.max(
    1,
    Math.round((params.courses / 100) * SHAPE.prerequisiteChainsPer100Courses),
  )
  const inChain = new Set<string>()
  for (let k = 0; k < chains; k++) {
    const pool = byTopic.get(topics[k % topics.length])!.filter((c) => !inChain.has(c.id))
    const length = rng.int(2, 3)
    if (pool.length < length) continue
    const chain = rng.shuffle([...pool]).slice(0, length)
    chain.forEach((c, i) => {
      inChain.add(c.id)
      if (i > 0) c.prerequisites = [chain[i - 1].id]
    })
  }
  const byId = new Map(courses.map((c) => [c.id, c]))

  // Students.
  const students: Student[] = []
  const co: CoEnrollment = new Map(courses.map((c) => [c.id, new Set<string>()]))
  let generatedEnrollments = 0
  for (let s = 0; s < params.students; s++) {
    const id = `s${String(s + 1).padStart(5, '0')}`
    const favouriteTopics = [rng.pick(topics)]
    if (rng.next() < SHAPE.twoTopicStudentShare) {
      const second = rng.pick(topics.filter((t) => t !== favouriteTopics[0]))
      favouriteTopics.push(second)
    }
    const preferredStyle = rng.pick(styles)
    const r = rng.next()
    const interestsDeclared: Student['interestsDeclared'] =
      r < SHAPE.interestsNone
        ? 'none'
        : r < SHAPE.interestsNone + SHAPE.interestsFirstOnly && favouriteTopics.length > 1
          ? 'partial'
          : 'all'
    const interests =
      interestsDeclared === 'none'
        ? []
        : interestsDeclared === 'partial'
          ? [favouriteTopics[0]]
          : [...favouriteTopics]

    const target = rng.int(SHAPE.enrollmentsMin, SHAPE.enrollmentsMax)
    const taken: string[] = []
    const takenSet = new Set<string>()
    const prerequisitesOfTaken = new Set<string>()
    const take = (course: CatalogCourse) => {
      if (takenSet.has(course.id)) return
      for (const p of course.prerequisites) {
        prerequisitesOfTaken.add(p)
        take(byId.get(p)!)
      }
      takenSet.add(course.id)
      taken.push(course.id)
    }
    for (let attempts = 0; taken.length < target && attempts < 200; attempts++) {
      if (rng.next() < SHAPE.fromFavouriteTopics) {
        const pool = byTopic.get(rng.pick(favouriteTopics))!
        const weights = pool.map(
          (c) =>
            Math.sqrt(zipf.get(c.id)!) *
            (c.teachingStyles.includes(preferredStyle) ? SHAPE.preferredStyleBoost : 1),
        )
        take(rng.weighted(pool, weights))
      } else {
        take(rng.weighted(courses, zipfWeights))
      }
    }
    const completed = taken.filter(
      (c) => prerequisitesOfTaken.has(c) || rng.next() < SHAPE.completedShare,
    )
    for (const c of taken) co.get(c)!.add(id)
    generatedEnrollments += taken.length
    students.push({
      id,
      interests,
      teachingStyles: [preferredStyle],
      taken,
      completed,
      favouriteTopics,
      preferredStyle,
      interestsDeclared,
    })
  }

  for (const c of courses) {
    c.enrollments = Math.round(SHAPE.basePopularityTop * zipf.get(c.id)!) + co.get(c.id)!.size
  }

  return { params, courses, topicOf, students, co, generatedEnrollments }
}

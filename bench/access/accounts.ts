// The benchmark's accounts and data sizes, shared by the generator (generate.mts) and the runner
// (run.mts). Bump GENERATOR_VERSION whenever the generated data changes shape, so a cached
// benchmark database is rebuilt instead of reused.

export const GENERATOR_VERSION = 4
export const DEFAULT_SEED = 17
export const PASSWORD = 'bench-access-2026'
export const EMAIL_DOMAIN = 'bench.readylab.test'

export type AccountKind = 'educator' | 'student' | 'institution' | 'admin'

export type Account = {
  key: string
  kind: AccountKind
  /** What grows with this account: courses taught, enrollments, cohorts. */
  size: number
  sizeLabel: string
  email: string
  fullName: string
}

const account = (kind: AccountKind, size: number, sizeLabel: string): Account => ({
  key: kind === 'admin' ? 'admin' : `${kind}-${size}`,
  kind,
  size,
  sizeLabel,
  email: kind === 'admin' ? `admin@${EMAIL_DOMAIN}` : `${kind}-${size}@${EMAIL_DOMAIN}`,
  fullName: kind === 'admin' ? 'Bench Admin' : `Bench ${kind} ${size}`,
})

/** Logged-in accounts, in the order they are measured. The admin is the reference row. */
export const ACCOUNTS: Account[] = [
  account('educator', 10, '10 courses'),
  account('educator', 200, '200 courses'),
  account('educator', 2000, '2,000 courses'),
  account('student', 5, '5 enrollments'),
  account('student', 500, '500 enrollments'),
  account('institution', 1, '1 cohort'),
  account('institution', 50, '50 cohorts'),
  account('admin', 0, 'everything'),
]

/** Background population that the accounts above share the database with. */
export const POPULATION = {
  /** Students who fill cohorts, enroll in courses and write posts (no password). */
  poolStudents: 40_000,
  /** Educators owning the catalogue that students and cohorts enroll in. */
  catalogEducators: 20,
  coursesPerCatalogEducator: 50,
  /** Pool-student enrollments per course, by owner. */
  enrollmentsPerCourse: { 'educator-10': 25, 'educator-200': 10, 'educator-2000': 5, catalog: 20 },
  /** Every COMMUNITY_EVERY-th course of each educator has a course community with posts. */
  communityEvery: 10,
  postsPerCourseCommunity: 30,
  publicCommunities: 5,
  postsPerPublicCommunity: 200,
  /** Institution with one cohort: a small class. */
  smallCohortStudents: 30,
  /** The largest cohort; the others of the 50 are between MIN and MAX students. */
  largeCohortStudents: 5_000,
  minCohortStudents: 500,
  coursesPerCohort: 2,
} as const

/** What the generator records about the data, read back by the runner. */
export type BenchMeta = {
  version: number
  seed: number
  generatedAt: string
  seconds: number
  ids: Record<string, string>
  /** A community whose post page each account reads: one it belongs to, or a public one. */
  communities: Record<string, string>
  /** A course whose enrollment list an educator reads. */
  courses: Record<string, string>
  counts: Record<string, number>
}

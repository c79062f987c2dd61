// The platform benchmark's data shape and accounts, shared by the generator (generate.mts) and the
// runner (run.mts). Bump GENERATOR_VERSION whenever the generated data changes shape, so a cached
// benchmark database is rebuilt instead of reused.

export const GENERATOR_VERSION = 2
export const DEFAULT_SEED = 16
export const PASSWORD = 'bench-platform-2026'
export const EMAIL_DOMAIN = 'platform.bench.readylab.test'

export const SHAPE = {
  students: 10_000,
  educators: 100,
  /**
   * Courses 0–99 are the cohorts' (published, free); from 100 on, course i is a draft when
   * i % draftEvery = draftEvery - 1 and paid when i % paidEvery = 1; course 998 is the enroll target.
   */
  courses: 1_000,
  draftEvery: 10,
  paidEvery: 4,
  lessonsPerCourse: 10,
  /** The last lesson of every course is a quiz lesson with its quiz: 1,000 quizzes. */
  quizLesson: 9,
  /** 50 cohorts of the institution, 2 courses each (courses 2c and 2c + 1). */
  cohorts: 50,
  coursesPerCohort: 2,
  /** Cohort 0 (the report's) has 5,000 students, all enrolled in its courses. */
  largestCohort: 5_000,
  /** Members of all cohorts: × 2 courses = the CSV export's 100,000 rows. */
  cohortMembers: 50_000,
  /** Catalogue enrollments per student, over courses 100–997 (each has a row per lesson: 1M). */
  catalogEnrollmentsPerStudent: 9,
  /** Analytics events: an `enroll` per enrollment and as many `lesson_complete`s. */
  lessonCompleteEvents: 100_000,
  publicCommunities: 10,
  membersPerCommunity: 500,
  postsPerCommunity: 200,
} as const

/** Enrollments: the largest cohort's members in its 2 courses, and the catalogue's. */
export const ENROLLMENTS =
  SHAPE.largestCohort * SHAPE.coursesPerCohort + SHAPE.students * SHAPE.catalogEnrollmentsPerStudent

/** The accounts created through the Local API (valid password hashes). */
export const ACCOUNTS = {
  admin: { email: `admin@${EMAIL_DOMAIN}`, fullName: 'Bench Admin', role: 'admin' },
  institution: {
    email: `institution@${EMAIL_DOMAIN}`,
    fullName: 'Bench Institution',
    role: 'institution',
  },
} as const

/** Every generated student logs in with PASSWORD: student-N@EMAIL_DOMAIN. */
export const studentEmail = (n: number) => `student-${n}@${EMAIL_DOMAIN}`

/** What the generator records about the data, read back by the runner. */
export type BenchMeta = {
  version: number
  seed: number
  generatedAt: string
  seconds: number
  ids: { admin: string; institution: string }
  /** The largest cohort (5,000 students): its report is measured. */
  reportCohort: string
  /** A published free course no student is enrolled in: the 500 concurrent enrolls. */
  enrollCourse: string
  /** A published course (the most popular) whose detail page is measured. */
  detailCourse: string
  /** A public community and one of its members (a student number). */
  community: string
  communityMember: number
  counts: Record<string, number>
}

// The analytics benchmark's data shape, accounts and targets, shared by the generator
// (generate.mts) and the runner (run.mts). Bump GENERATOR_VERSION whenever the generated data
// changes shape, so a cached benchmark database is rebuilt instead of reused.

export const GENERATOR_VERSION = 1
export const DEFAULT_SEED = 23
export const PASSWORD = 'bench-analytics-2026'
export const EMAIL_DOMAIN = 'bench-analytics.readylab.test'

/** The accounts that log in (created through the Local API, so they have real password hashes). */
export const ACCOUNTS = {
  admin: { email: `admin@${EMAIL_DOMAIN}`, fullName: 'Bench Admin', role: 'admin' },
  educator: { email: `big-educator@${EMAIL_DOMAIN}`, fullName: 'Big Educator', role: 'educator' },
  institution: {
    email: `institution@${EMAIL_DOMAIN}`,
    fullName: 'Bench Institution',
    role: 'institution',
  },
  student: { email: `student-0@${EMAIL_DOMAIN}`, fullName: 'Student 0', role: 'student' },
} as const
export type AccountKey = keyof typeof ACCOUNTS

/** What the issue asks for: 10k students, 1k courses, 100k enrollments, 1M lesson-progress rows. */
export const SHAPE = {
  students: 10_000,
  /** Educator 0 is the big one (the measured educator); the others share the rest of the catalogue. */
  educators: 100,
  courses: 1_000,
  bigEducatorCourses: 50,
  /** Of the big educator's courses, the first N are paid; every 3rd catalogue course is paid. */
  bigEducatorPaidCourses: 40,
  bigEducatorEnrollmentsPerCourse: 200,
  lessonsPerCourse: 20,
  /** Each course has one quiz, on this lesson (0-based); enrollments past it have attempts. */
  quizLesson: 10,
  passingScore: 70,
  /**
   * The institution: COHORTS cohorts of COHORT_SIZE students over the same COHORT_COURSES courses,
   * windows of students shifted by half a cohort, so every student is in two cohorts: cohort 0 is
   * the report's 5k-student cohort (25k member × course rows) and the institution's CSV export has
   * COHORTS × COHORT_SIZE × COHORT_COURSES = 100k rows over 50k distinct enrollments.
   */
  cohorts: 4,
  cohortSize: 5_000,
  cohortCourses: 5,
  seats: 12_000,
  /** Catalogue enrollments fill the total up to this many. */
  enrollments: 100_000,
  /** Enrollments, progress and events spread over this many days before the anchor. */
  historyDays: 180,
  /** Share of enrollments that completed their course (all lessons done, certificate issued). */
  completedEvery: 4,
  /** Lessons done by an unfinished enrollment: 0..N-1, plus one lesson started. */
  unfinishedLessons: 13,
  refundEvery: 50,
  feePercentage: 10,
} as const

/** p95 bounds from the issue; the others are reported, not judged. */
export const TARGETS = {
  cohortReportMs: 1000,
  educatorMs: 200,
  csvGrowthMb: 50,
  csvRows: 100_000,
} as const

/** What the generator records about the data, read back by the runner. */
export type BenchMeta = {
  version: number
  seed: number
  generatedAt: string
  /** The analytics clock of the data: "now" for every relative figure (30 days active, ranges). */
  anchor: string
  seconds: number
  ids: Record<AccountKey, string>
  /** cohort 0: the 5k-student cohort of the report. */
  reportCohort: string
  counts: Record<string, number>
}

// Fills an empty, migrated database with the analytics benchmark's data (see shape.ts):
//   10k students, 100 educators (educator 0 — the measured one — teaches 50 courses with 10k
//   enrollments), 1k courses of 20 lessons and a quiz each, 100k enrollments, ~1M lesson-progress
//   rows, quiz attempts, certificates for completed courses, purchases of paid courses, an
//   institution with 4 cohorts of 5k students over 5 courses (100k member × course rows), and the
//   analytics events the app records for all of it (lesson_complete with timeSpent and
//   firstCompletion, enroll, course_complete, quiz_submit, purchase_*, certificate_issued), then the
//   app's own daily rollup (src/services/analytics/rollup.ts) of every closed day.
// Times are relative to an anchor (noon UTC of the generation day): the runner pins the analytics
// clock to it, so "the last 30 days" means the same rows however old the cached data is.
// The logged-in accounts go through the Local API (valid password hashes); everything else is
// set-based SQL (generate_series) with ids derived from the seed, in one transaction.
// Run by run.mts in a child process: DATABASE_URL=... BENCH_SEED=23 tsx bench/analytics/generate.mts
import pg from 'pg'

import { generatorInput, stepTimer } from '../access/cli'
import { beginGeneration } from '../access/database'
import {
  ACCOUNTS,
  DEFAULT_SEED,
  EMAIL_DOMAIN,
  GENERATOR_VERSION,
  PASSWORD,
  SHAPE as S,
  type AccountKey,
  type BenchMeta,
} from './shape'

const { url, seed } = generatorInput(DEFAULT_SEED)
const anchor = `${new Date().toISOString().slice(0, 10)}T12:00:00.000Z`

const started = performance.now()
const step = stepTimer()

// 1. The accounts that log in, through the Local API; the first user of an empty database is the
//    admin, so the admin goes first. Payload stays up for the rollup at the end.
const { getPayload } = await import('payload')
const { default: config } = await import('../../src/payload.config')
const { setClock } = await import('../../src/services/analytics/clock')
const { rollUp } = await import('../../src/services/analytics/rollup')
const payload = await getPayload({ config })
setClock(() => new Date(anchor))

const profiles: Record<AccountKey, Record<string, unknown>> = {
  admin: {},
  educator: { educatorProfile: { onboardingCompleted: true } },
  institution: {
    institutionProfile: { organizationName: 'Bench Institute', onboardingCompleted: true },
  },
  student: { studentProfile: { onboardingCompleted: true } },
}
const ids = {} as Record<AccountKey, string>
for (const key of Object.keys(ACCOUNTS) as AccountKey[]) {
  const account = ACCOUNTS[key]
  const user = await payload.create({
    collection: 'users',
    data: { ...account, password: PASSWORD, ...profiles[key] },
    overrideAccess: true,
  })
  if (user.role !== account.role) throw new Error(`${account.email} was created as ${user.role}`)
  ids[key] = String(user.id)
}
step('Payload started, 4 accounts created through the Local API')

// 2. Everything else: set-based inserts in one transaction.
const client = new pg.Client({ connectionString: url })
await client.connect()
const q = async (text: string, values: unknown[] = []) => (await client.query(text, values)).rows
const count = async (text: string) => Number((await q(`select count(*) as n from ${text}`))[0].n)

const STRIDE = 7919 // prime, coprime with the student count: k * STRIDE walks distinct students
const HALF = S.cohortSize / 2
const catalogStart = S.bigEducatorCourses + S.cohortCourses
const catalogCourses = S.courses - catalogStart
const catalogEnrollments =
  S.enrollments -
  S.students * S.cohortCourses -
  S.bigEducatorCourses * S.bigEducatorEnrollmentsPerCourse
const perCatalogCourse = Math.floor(catalogEnrollments / catalogCourses)
const catalogExtra = catalogEnrollments - perCatalogCourse * catalogCourses

try {
  // Seeded pg_temp.uid(kind, n) and pg_temp.rnd(kind, n) (bench/access/database.ts);
  // ago(minutes): that long before the anchor.
  await beginGeneration(q, seed)
  await q(`create function pg_temp.ago(m bigint) returns timestamptz language sql immutable
             as $$ select timestamptz '${anchor}' - m * interval '1 minute' $$`)

  // Students (student 0 is the logged-in one) and educators (educator 0 is the big one): temp
  // tables st(n, id) and ed(n, id), and the users who are not logged-in accounts.
  const people = async (table: string, kind: 'student' | 'educator', size: number, id: string) => {
    await q(
      `create temp table ${table} as
       select n, case when n = 0 then $1::uuid else pg_temp.uid('${kind}', n) end as id
       from generate_series(0, $2::int - 1) n`,
      [id, size],
    )
    await q(
      `insert into users (id, role, full_name, email, ${kind}_profile_onboarding_completed,
                          created_at, updated_at)
       select id, '${kind}', initcap('${kind} ') || n, '${kind}-' || n || '@${EMAIL_DOMAIN}', true,
              pg_temp.ago(400 * 1440 - n), pg_temp.ago(400 * 1440 - n)
       from ${table} where n > 0`,
    )
  }
  await people('st', 'student', S.students, ids.student)
  await people('ed', 'educator', S.educators, ids.educator)
  step(`${S.students.toLocaleString('en')} students, ${S.educators} educators`)

  // Courses: 0..49 the big educator's (the first 40 paid), then the 5 cohort courses (paid: the
  // institution's seats), then the catalogue (every 3rd paid) round-robin over educators 1..99.
  await q(
    `create temp table cs as
     select i, pg_temp.uid('course', i) as id, ed.id as educator_id, ed.n as e,
            i >= $1 and i < $2 as cohort_course,
            case when i < $1 then (case when i < $3 then 4900 else 0 end)
                 when i < $2 then 9900
                 when i % 3 = 0 then 1900 + (i % 5) * 1000 else 0 end as price
     from generate_series(0, $4::int - 1) i
     join ed on ed.n = case when i < $1 then 0 else 1 + (i - $1) % ($5::int - 1) end`,
    [S.bigEducatorCourses, catalogStart, S.bigEducatorPaidCourses, S.courses, S.educators],
  )
  await q('create unique index on cs (i)')
  await q(
    `insert into courses (id, title, slug, educator_id, course_type, price, currency,
                          total_enrollments, _status, created_at, updated_at)
     select id, 'Course ' || i || ' by Educator ' || e, 'bench-course-' || i, educator_id,
            (array['microlearning','deep_learning','digital_product'])[1 + i % 3]::enum_courses_course_type,
            price, 'usd', 0, 'published', pg_temp.ago(400 * 1440 - i), pg_temp.ago(400 * 1440 - i)
     from cs`,
  )
  await q(
    `insert into lessons (id, course_id, title, lesson_type, order_index, duration,
                          is_free_preview, created_at, updated_at)
     select pg_temp.uid('lesson', i * $1 + j), id, 'Lesson ' || (j + 1) || ' of course ' || i,
            (case when j = $2 then 'quiz' else 'reading' end)::enum_lessons_lesson_type, j, 600,
            j = 0, pg_temp.ago(400 * 1440 - i), pg_temp.ago(400 * 1440 - i)
     from cs, generate_series(0, $1::int - 1) j`,
    [S.lessonsPerCourse, S.quizLesson],
  )
  await q(
    `insert into quizzes (id, lesson_id, course_id, passing_score, max_attempts, created_at, updated_at)
     select pg_temp.uid('quiz', i), pg_temp.uid('lesson', i * $1 + $2), id, $3, 3,
            pg_temp.ago(400 * 1440 - i), pg_temp.ago(400 * 1440 - i)
     from cs`,
    [S.lessonsPerCourse, S.quizLesson, S.passingScore],
  )
  step(`${S.courses} published courses, ${S.lessonsPerCourse} lessons and a quiz each`)

  // The institution's cohorts: cohort c has students (c * HALF + m) % students, m < cohortSize,
  // started (160 - 30c) days ago, all over the same cohort courses.
  await q(
    `create temp table co as
     select c, pg_temp.uid('cohort', c) as id, pg_temp.ago((160 - 30 * c) * 1440) as start_date
     from generate_series(0, $1::int - 1) c`,
    [S.cohorts],
  )
  await q(
    `insert into cohorts (id, name, institution_id, description, start_date, end_date,
                          created_at, updated_at)
     select id, 'Cohort ' || chr(65 + c) || case when c = 0 then ' (report)' else '' end, $1,
            $2 || ' students', start_date, start_date + interval '120 days',
            start_date - interval '14 days', start_date - interval '14 days'
     from co`,
    [ids.institution, S.cohortSize],
  )
  await q(
    `insert into cohorts_rels ("order", parent_id, path, courses_id)
     select cs.i - $1 + 1, co.id, 'courses', cs.id from co, cs where cs.cohort_course
     order by co.c, cs.i`,
    [S.bigEducatorCourses],
  )
  await q(
    `insert into cohorts_rels ("order", parent_id, path, users_id)
     select cs.i - $1 + 1, co.id, 'educators', cs.educator_id from co, cs where cs.cohort_course
     order by co.c, cs.i`,
    [S.bigEducatorCourses],
  )
  await q(
    `insert into cohort_enrollments (id, cohort_id, student_id, enrolled_at, created_at, updated_at)
     select pg_temp.uid('member:' || co.c, m), co.id, st.id, co.start_date + (m % 720) * interval '1 minute',
            co.start_date, co.start_date
     from co cross join generate_series(0, $1::int - 1) m
     join st on st.n = (co.c * $2 + m) % $3`,
    [S.cohortSize, HALF, S.students],
  )
  await q(
    `insert into licenses (id, institution_id, seats, status, current_period_end, created_at, updated_at)
     values (pg_temp.uid('license', 0), $1, $2, 'active', pg_temp.ago(-30 * 1440),
             pg_temp.ago(200 * 1440), pg_temp.ago(200 * 1440))`,
    [ids.institution, S.seats],
  )
  step(
    `${S.cohorts} cohorts of ${S.cohortSize.toLocaleString('en')} students, ${S.cohortCourses} courses each`,
  )

  // Enrollments. k: lessons done (all of them for every completedEvery-th, else 0..unfinished-1
  // plus one started); gap: the time between lessons, so the last one lands before the anchor.
  await q(
    `create temp table en0 (student_id uuid, course_i int, cohort int, enrolled_at timestamptz)`,
  )
  // Every student in each cohort course, enrolled when first joining one of the institution's
  // cohorts (the one whose window starts at their own block of HALF students).
  await q(
    `insert into en0
     select st.id, cs.i, (st.n / $1) % $2, co.start_date + (st.n % 720) * interval '1 minute'
     from st cross join cs join co on co.c = (st.n / $1) % $2
     where cs.cohort_course`,
    [HALF, S.cohorts],
  )
  // The big educator's courses and the catalogue: distinct students per course.
  await q(
    `insert into en0
     select st.id, cs.i, null,
            pg_temp.ago(60 + pg_temp.rnd('enrolled:' || cs.i, k) % (${S.historyDays} * 1440))
     from cs cross join lateral generate_series(0, case when cs.i < $1 then $2
                                      else $3 + (case when cs.i - $4 < $5 then 1 else 0 end) end - 1) k
     join st on st.n = (pg_temp.rnd('course-base', cs.i) + k * ${STRIDE}) % $6
     where not cs.cohort_course`,
    [
      S.bigEducatorCourses,
      S.bigEducatorEnrollmentsPerCourse,
      perCatalogCourse,
      catalogStart,
      catalogExtra,
      S.students,
    ],
  )
  await q(
    `create temp table en as
     select g, pg_temp.uid('enrollment', g) as id, x.student_id, x.course_i, cs.id as course_id,
            cs.educator_id, cs.price, co.id as cohort_id, x.enrolled_at,
            case when x.cohort is not null then 'cohort' when cs.price > 0 then 'purchase' else 'free' end
              ::enum_enrollments_source as source,
            case when pg_temp.rnd('k', g) % $1 = 0 then $2
                 else (pg_temp.rnd('k', g) / $1) % $3 end::int as k,
            (timestamptz '${anchor}' - x.enrolled_at) / ($2 + 2) as gap
     from (select *, row_number() over (order by course_i, student_id) as g from en0) x
     join cs on cs.i = x.course_i
     left join co on co.c = x.cohort`,
    [S.completedEvery, S.lessonsPerCourse, S.unfinishedLessons],
  )
  await q('create unique index on en (g)')
  await q(
    `insert into enrollments (id, student_id, course_id, source, cohort_id, enrolled_at,
                              completed_at, progress_percentage, last_accessed_lesson_id,
                              created_at, updated_at)
     select id, student_id, course_id, source, cohort_id, enrolled_at,
            case when k = $1 then enrolled_at + ($1 + 1) * gap end, k * 100 / $1,
            pg_temp.uid('lesson', course_i * $1 + least(k, $1 - 1)),
            enrolled_at, enrolled_at + greatest(k, 1) * gap
     from en`,
    [S.lessonsPerCourse],
  )
  step(`${(await count('enrollments')).toLocaleString('en')} enrollments`)

  // Lesson progress: lessons 0..k-1 done, lesson k started (unless the course is done).
  await q(
    `insert into lesson_progress (id, enrollment_id, lesson_id, student_id, course_id, completed,
                                  completed_at, time_spent, created_at, updated_at)
     select pg_temp.uid('progress', g * $1 + j), id, pg_temp.uid('lesson', course_i * $1 + j),
            student_id, course_id, j < k, case when j < k then enrolled_at + (j + 1) * gap end,
            case when j < k then 300 + pg_temp.rnd('spent', g * $1 + j) % 1500 else 120 end,
            enrolled_at + j * gap, enrolled_at + (j + 1) * gap
     from en, generate_series(0, least(k, $1 - 1)) j`,
    [S.lessonsPerCourse],
  )
  step(`${(await count('lesson_progress')).toLocaleString('en')} lesson-progress rows`)

  // Quiz attempts: everyone past the quiz lesson takes it; below the passing score, once more.
  await q(
    `insert into quiz_attempts (id, quiz_id, student_id, enrollment_id, course_id, score, passed,
                                answers, attempt_number, created_at, updated_at)
     select pg_temp.uid('attempt:' || a, g), pg_temp.uid('quiz', course_i), student_id, id, course_id,
            s, s >= $2::int, '[]'::jsonb, a, enrolled_at + ($1::int + a * 0.5) * gap,
            enrolled_at + ($1::int + a * 0.5) * gap
     from en cross join lateral (values (1, pg_temp.rnd('score1', g) % 101),
                                        (2, 60 + pg_temp.rnd('score2', g) % 41)) v(a, s)
     where k > $1::int and (a = 1 or pg_temp.rnd('score1', g) % 101 < $2::int)`,
    [S.quizLesson, S.passingScore],
  )
  // Certificates for completed courses (every 100th revoked).
  await q(
    `insert into certifications (id, student_id, course_id, enrollment_id, verification_code,
                                 issued_at, student_name, course_title, educator_name, revoked_at,
                                 created_at, updated_at)
     select pg_temp.uid('certificate', en.g), en.student_id, en.course_id, en.id,
            'BNCH-' || lpad(en.g::text, 9, '0'), en.enrolled_at + ($1 + 1) * en.gap,
            u.full_name, c.title, eu.full_name,
            case when en.g % 100 = 7 then en.enrolled_at + ($1 + 2) * en.gap end,
            en.enrolled_at + ($1 + 1) * en.gap, en.enrolled_at + ($1 + 1) * en.gap
     from en join users u on u.id = en.student_id join courses c on c.id = en.course_id
     join users eu on eu.id = en.educator_id
     where en.k = $1`,
    [S.lessonsPerCourse],
  )
  // Sales of paid courses bought by their students (every refundEvery-th refunded 3 days later).
  await q(
    `insert into purchases (id, student_id, educator_id, course_id, course_title, status, amount,
                            currency, fee_percentage, platform_fee, net_amount, completed_at,
                            refunded_at, stripe_checkout_session_id, created_at, updated_at)
     select pg_temp.uid('purchase', en.g), en.student_id, en.educator_id, en.course_id, c.title,
            (case when en.g % $1 = 0 then 'refunded' else 'completed' end)::enum_purchases_status,
            en.price, 'usd', $2::numeric, round(en.price * $2::numeric / 100),
            en.price - round(en.price * $2::numeric / 100),
            en.enrolled_at, case when en.g % $1 = 0 then en.enrolled_at + interval '3 days' end,
            'cs_bench_' || en.g, en.enrolled_at, en.enrolled_at
     from en join courses c on c.id = en.course_id
     where en.source = 'purchase'`,
    [S.refundEvery, S.feePercentage],
  )
  step('quiz attempts, certificates, purchases')

  // The analytics events the app records for each of those (src/hooks/analytics.ts and the hooks
  // of the collections), at the moment each happened.
  const events = (type: string, data: string, from: string, at: string) =>
    q(`insert into analytics_events (user_id, course_id, event_type, event_data, created_at, updated_at)
       select student_id, course_id, '${type}', ${data}, ${at}, ${at} from ${from}`)
  await events(
    'lesson_complete',
    `jsonb_build_object('lessonId', lesson_id, 'timeSpent', time_spent, 'firstCompletion', true)`,
    'lesson_progress where completed',
    'completed_at',
  )
  await events('enroll', `jsonb_build_object('source', source)`, 'enrollments', 'enrolled_at')
  await events(
    'course_complete',
    `jsonb_build_object('enrollmentId', id)`,
    'enrollments where completed_at is not null',
    'completed_at',
  )
  await events(
    'quiz_submit',
    `jsonb_build_object('quizId', quiz_id, 'score', score, 'passed', passed, 'attemptNumber', attempt_number)`,
    'quiz_attempts',
    'created_at',
  )
  await events(
    'certificate_issued',
    `jsonb_build_object('certificateId', id, 'enrollmentId', enrollment_id)`,
    'certifications',
    'issued_at',
  )
  const sale = `jsonb_build_object('purchaseId', id, 'amount', amount, 'netAmount', net_amount,
                  'platformFee', platform_fee, 'currency', currency, 'educatorId', educator_id)`
  await events('purchase_completed', sale, 'purchases', 'completed_at')
  await events('purchase_refunded', sale, `purchases where status = 'refunded'`, 'refunded_at')
  step(`${(await count('analytics_events')).toLocaleString('en')} analytics events`)

  // Counters the app keeps, recomputed from the rows.
  await q(`update courses c set total_enrollments = x.n
           from (select course_id, count(*) n from enrollments group by course_id) x
           where x.course_id = c.id`)
  await q(`update users u set educator_profile_total_students = x.n, educator_profile_total_revenue = x.r
           from (select c.educator_id, count(distinct e.student_id) n,
                        coalesce(sum(p.net_amount) filter (where p.status = 'completed'), 0) r
                 from enrollments e join courses c on c.id = e.course_id
                 left join purchases p on p.student_id = e.student_id and p.course_id = e.course_id
                 group by c.educator_id) x
           where x.educator_id = u.id`)
  await q('commit')
  step('counters')
} catch (err) {
  await q('rollback').catch(() => {})
  throw err
}

try {
  // 3. The app's daily rollup of every closed day before the anchor (the scheduled job's work).
  const rolled = await rollUp(payload)
  step(`rollup of ${rolled.days} days (${rolled.from} … ${rolled.through})`)
  await q('vacuum analyze')
  step('vacuum analyze')

  const counts: Record<string, number> = {}
  for (const table of [
    'users',
    'courses',
    'lessons',
    'quizzes',
    'enrollments',
    'lesson_progress',
    'quiz_attempts',
    'certifications',
    'purchases',
    'cohorts',
    'cohort_enrollments',
    'analytics_events',
    'analytics_daily',
  ])
    counts[table] = await count(`"${table}"`)
  counts['students'] = await count(`users where role = 'student'`)
  counts['educators'] = await count(`users where role = 'educator'`)
  counts['lesson_complete events'] = await count(
    `analytics_events where event_type = 'lesson_complete'`,
  )
  counts['big educator courses'] = await count(`courses where educator_id = '${ids.educator}'`)
  counts['big educator enrollments'] = await count(
    `enrollments e join courses c on c.id = e.course_id where c.educator_id = '${ids.educator}'`,
  )
  counts['report cohort members'] = await count(
    `cohort_enrollments m join cohorts co on co.id = m.cohort_id where co.name like '% (report)'`,
  )
  counts['institution member × course rows'] = await count(
    `cohort_enrollments m join cohorts_rels r on r.parent_id = m.cohort_id and r.path = 'courses'
     join cohorts co on co.id = m.cohort_id where co.institution_id = '${ids.institution}'`,
  )
  counts['student 0 enrollments'] = await count(`enrollments where student_id = '${ids.student}'`)
  const [cohort] = await q(`select id from cohorts where name like '% (report)'`)
  const meta: BenchMeta = {
    version: GENERATOR_VERSION,
    seed,
    generatedAt: new Date().toISOString(),
    anchor,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    ids,
    reportCohort: String(cohort.id),
    counts,
  }
  await q('create table bench_analytics_meta (id int primary key, meta jsonb not null)')
  await q('insert into bench_analytics_meta values (1, $1)', [JSON.stringify(meta)])
  console.log(`[generate] done in ${meta.seconds} s`)
  console.log(JSON.stringify(counts))
} finally {
  await client.end()
}
// payload.destroy() can wait on the pool indefinitely; the process exits here anyway.
process.exit(0)

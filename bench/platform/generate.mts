// Fills an empty, migrated database with the platform benchmark's data (see shape.ts): 10k
// students, 100 educators, 1k courses (published and drafts, some paid) of 10 lessons each with a
// quiz on the last, 100k enrollments with a progress row per lesson (1M), 200k analytics events,
// an institution with 50 cohorts (the largest of 5,000 students; 100k member × course rows for the
// CSV export) and public communities with members and posts.
// The admin and the institution are created through the Local API; every student gets the
// institution's password hash (same PASSWORD), so any of them can log in. Everything else is
// set-based SQL (generate_series) in one transaction, with ids derived from the seed, so the same
// seed gives the same rows; the database's own triggers (enrollments' educator and institutions,
// course counters in versions) run as they do for the app's writes.
// Run by run.mts in a child process: DATABASE_URL=... BENCH_SEED=16 tsx bench/platform/generate.mts
import pg from 'pg'

import { generatorInput, stepTimer } from '../access/cli'
import { beginGeneration, commitGeneration, recountCounters } from '../access/database'
import * as shape from './shape'
import type { BenchMeta } from './shape'

const { ACCOUNTS, EMAIL_DOMAIN, PASSWORD, SHAPE: S } = shape
const { url, seed } = generatorInput(shape.DEFAULT_SEED)
const [started, step] = [performance.now(), stepTimer()]

// 1. The admin (the first user of an empty database) and the institution, through the Local API.
const ids = {} as BenchMeta['ids']
{
  const { getPayload } = await import('payload')
  const { default: config } = await import('../../src/payload.config')
  const payload = await getPayload({ config })
  for (const key of ['admin', 'institution'] as const) {
    const account = ACCOUNTS[key]
    const user = await payload.create({
      collection: 'users',
      data: {
        ...account,
        password: PASSWORD,
        ...(key === 'institution'
          ? {
              institutionProfile: {
                organizationName: 'Bench Institute',
                onboardingCompleted: true,
              },
            }
          : {}),
      },
      overrideAccess: true,
    })
    if (user.role !== account.role) throw new Error(`${account.email} was created as ${user.role}`)
    ids[key] = String(user.id)
  }
  step('Payload started, admin and institution created through the Local API')
  // payload.destroy() can wait on the pool indefinitely; the process exits at the end anyway.
  await Promise.race([
    payload.destroy().catch(() => {}),
    new Promise((r) => setTimeout(r, 5000).unref()),
  ])
}

// 2. Everything else in one transaction of set-based inserts.
const client = new pg.Client({ connectionString: url })
await client.connect()
const q = async (text: string, values: unknown[] = []) => (await client.query(text, values)).rows
const count = async (from: string) => Number((await q(`select count(*) as n from ${from}`))[0].n)

const CATALOG_FIRST = S.cohorts * S.coursesPerCohort // 100
const ENROLL_COURSE = S.courses - 2 // 998: published, free, nobody enrolled
const CATALOG = ENROLL_COURSE - CATALOG_FIRST // 898 catalogue courses
const STRIDE = 101 // prime, coprime with CATALOG: k * STRIDE walks distinct courses

async function generate() {
  await beginGeneration(q, seed)
  await q(`create function pg_temp.ago(m bigint) returns timestamptz language sql immutable
             as $$ select timestamptz '2026-11-01 12:00:00+00' - m * interval '1 minute' $$`)

  // People: students share the institution's password hash (PASSWORD).
  await q(
    `insert into users (id, role, full_name, email, salt, hash, student_profile_onboarding_completed,
                        created_at, updated_at)
     select pg_temp.uid('student', n), 'student', 'Student ' || n, 'student-' || n || '@${EMAIL_DOMAIN}',
            i.salt, i.hash, true, pg_temp.ago(300000 - n), pg_temp.ago(300000 - n)
     from generate_series(0, $1::int - 1) n, users i where i.id = $2`,
    [S.students, ids.institution],
  )
  await q(
    `insert into users (id, role, full_name, email, educator_profile_onboarding_completed,
                        created_at, updated_at)
     select pg_temp.uid('educator', n), 'educator', 'Educator ' || n, 'educator-' || n || '@${EMAIL_DOMAIN}',
            true, pg_temp.ago(400000 - n), pg_temp.ago(400000 - n)
     from generate_series(0, $1::int - 1) n`,
    [S.educators],
  )
  step(`${S.students.toLocaleString('en')} students, ${S.educators} educators`)

  // Courses, their latest version rows (the admin's list reads them), lessons and quizzes.
  await q(
    `create temp table cs as
     select i, pg_temp.uid('course', i) as id, pg_temp.uid('educator', i % $1) as educator_id,
            case when i >= $2 and i % $3 = $3 - 1 then 'draft' else 'published' end
              ::enum_courses_status as status,
            case when i >= $2 and i % $4 = 1 then 1900 + (i % 5) * 1000 else 0 end as price,
            pg_temp.ago(200000 - i * 100) as created_at
     from generate_series(0, $5::int - 1) i`,
    [S.educators, CATALOG_FIRST, S.draftEvery, S.paidEvery, S.courses],
  )
  await q('create unique index on cs (i)')
  await q(
    `insert into courses (id, title, slug, educator_id, course_type, price, currency,
                          total_enrollments, _status, created_at, updated_at)
     select id, 'Course ' || i, 'bench-course-' || i, educator_id,
            (array['microlearning','deep_learning','digital_product'])[1 + i % 3]::enum_courses_course_type,
            price, 'usd', 0, status, created_at, created_at
     from cs`,
  )
  await q(
    // The latest version of each course is the course itself.
    `insert into _courses_v (parent_id, latest, id, version__status, version_title, version_slug,
                             version_educator_id, version_course_type, version_price,
                             version_currency, version_total_enrollments, version_created_at,
                             version_updated_at, created_at, updated_at)
     select c.id, true, pg_temp.uid('course-version', cs.i),
            c._status::text::enum__courses_v_version_status, c.title, c.slug, c.educator_id,
            c.course_type::text::enum__courses_v_version_course_type, c.price,
            c.currency::text::enum__courses_v_version_currency, c.total_enrollments,
            c.created_at, c.updated_at, c.created_at, c.updated_at
     from courses c join cs on cs.id = c.id`,
  )
  await q(
    `insert into lessons (id, course_id, title, lesson_type, order_index, duration,
                          is_free_preview, created_at, updated_at)
     select pg_temp.uid('lesson', i * $1 + j), id, 'Lesson ' || (j + 1) || ' of course ' || i,
            (case when j = $2 then 'quiz' else 'reading' end)::enum_lessons_lesson_type, j, 600,
            j = 0, created_at, created_at
     from cs, generate_series(0, $1::int - 1) j`,
    [S.lessonsPerCourse, S.quizLesson],
  )
  await q(
    `insert into quizzes (id, lesson_id, course_id, passing_score, max_attempts, created_at, updated_at)
     select pg_temp.uid('quiz', i), pg_temp.uid('lesson', i * $1 + $2), id, 70, 3, created_at, created_at
     from cs`,
    [S.lessonsPerCourse, S.quizLesson],
  )
  step(`${S.courses} courses, ${S.courses * S.lessonsPerCourse} lessons, ${S.courses} quizzes`)

  // The institution's cohorts: cohort c has courses 2c and 2c + 1; cohort 0 has students
  // 0 … 4,999, the others 618 … 1,218 students from a seeded start (50,000 members in all).
  const rest = S.cohortMembers - S.largestCohort
  const perCohort = Math.floor(rest / (S.cohorts - 1))
  await q(
    `create temp table co as
     select c, pg_temp.uid('cohort', c) as id,
            case when c = 0 then $1::int
                 else $2::int + ((c % 7) - 3) * 100 + case when c = 1 then $3::int else 0 end end as size,
            case when c = 0 then 0 else pg_temp.rnd('cohort-base', c) % $4 end as base,
            pg_temp.ago(100000 - c * 100) as start_date
     from generate_series(0, $5::int - 1) c`,
    [S.largestCohort, perCohort, rest - perCohort * (S.cohorts - 1), S.students, S.cohorts],
  )
  await q(
    `insert into cohorts (id, name, institution_id, description, start_date, end_date,
                          created_at, updated_at)
     select id, 'Cohort ' || lpad(c::text, 2, '0'), $1, size || ' students', start_date,
            start_date + interval '120 days', start_date, start_date
     from co`,
    [ids.institution],
  )
  await q(
    `insert into cohorts_rels ("order", parent_id, path, courses_id)
     select k + 1, co.id, 'courses', cs.id
     from co cross join generate_series(0, $1::int - 1) k join cs on cs.i = co.c * $1 + k
     order by co.c, k`,
    [S.coursesPerCohort],
  )
  await q(
    `insert into cohorts_rels ("order", parent_id, path, users_id)
     select 1, co.id, 'educators', cs.educator_id from co join cs on cs.i = co.c * $1 order by co.c`,
    [S.coursesPerCohort],
  )
  await q(
    `insert into cohort_enrollments (id, cohort_id, student_id, educator_id, enrolled_at,
                                     created_at, updated_at)
     select pg_temp.uid('member:' || co.c, m), co.id, pg_temp.uid('student', (co.base + m) % $1),
            cs.educator_id, co.start_date, co.start_date, co.start_date
     from co join cs on cs.i = co.c * $2, generate_series(0, co.size - 1) m`,
    [S.students, S.coursesPerCohort],
  )
  step(`${S.cohorts} cohorts, ${(await count('cohort_enrollments')).toLocaleString('en')} members`)

  // Enrollments: cohort 0's members in its 2 courses, and each student in 9 distinct catalogue
  // courses (100 … 997). k = lessons done (0 … 10); k = 10 completes the course.
  await q(
    `create temp table en0 as
     select n as s, c as course_i, 'cohort'::enum_enrollments_source as source, true as cohort
     from generate_series(0, $1::int - 1) n, generate_series(0, $2::int - 1) c
     union all
     select n, $3::int + ((pg_temp.rnd('student-base', n) % $4) + k * ${STRIDE}) % $4,
            'free', false
     from generate_series(0, $5::int - 1) n, generate_series(0, $6::int - 1) k`,
    [
      S.largestCohort,
      S.coursesPerCohort,
      CATALOG_FIRST,
      CATALOG,
      S.students,
      S.catalogEnrollmentsPerStudent,
    ],
  )
  await q(
    `create temp table en as
     select g, pg_temp.uid('enrollment', g) as id, pg_temp.uid('student', x.s) as student_id,
            x.course_i, cs.id as course_id,
            case when x.source = 'cohort' then x.source when cs.price > 0 then 'purchase'
                 else 'free' end::enum_enrollments_source as source,
            case when x.cohort then pg_temp.uid('cohort', 0) end as cohort_id,
            (pg_temp.rnd('k', g) % ($1 + 1))::int as k,
            pg_temp.ago(50000 + pg_temp.rnd('enrolled', g) % 40000) as enrolled_at
     from (select *, row_number() over (order by course_i, s) as g from en0) x
     join cs on cs.i = x.course_i`,
    [S.lessonsPerCourse],
  )
  await q(
    `insert into enrollments (id, student_id, course_id, cohort_id, source, progress_percentage,
                              last_accessed_lesson_id, completed_at, enrolled_at, created_at,
                              updated_at)
     select id, student_id, course_id, cohort_id, source, k * 100 / $1,
            case when k > 0 then pg_temp.uid('lesson', course_i * $1 + k - 1) end,
            case when k = $1 then enrolled_at + interval '10 days' end,
            enrolled_at, enrolled_at, enrolled_at
     from en`,
    [S.lessonsPerCourse],
  )
  step(`enrollments: ${(await count('enrollments')).toLocaleString('en')}`)

  // Lesson progress: a row per enrollment and lesson of its course, the first k completed (a day
  // apart from enrollment on). A million rows load faster into the bare table, its foreign keys
  // and indexes then rebuilt exactly as they were (one validation and one sort each).
  await q(`create temp table lp_rebuild as
           select format('alter table lesson_progress add constraint %I %s', conname,
                         pg_get_constraintdef(oid)) as ddl,
                  format('alter table lesson_progress drop constraint %I', conname) as undo
           from pg_constraint where conrelid = 'lesson_progress'::regclass and contype in ('f', 'u')
           union all
           select pg_get_indexdef(i.indexrelid), format('drop index %I', c.relname)
           from pg_index i join pg_class c on c.oid = i.indexrelid
           where i.indrelid = 'lesson_progress'::regclass and not i.indisprimary
             and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`)
  const rebuild = await q('select ddl, undo from lp_rebuild')
  for (const { undo } of rebuild) await q(undo)
  await q(
    `insert into lesson_progress (id, enrollment_id, lesson_id, course_id, student_id, completed,
                                  time_spent, completed_at, created_at, updated_at)
     select pg_temp.uid('progress:' || l.order_index, en.g), en.id, l.id, en.course_id,
            en.student_id, done,
            case when done then 300 + (en.g * 7 + l.order_index * 13) % 1500 else 60 end,
            case when done then day end, day, day
     from en join lessons l on l.course_id = en.course_id,
          lateral (select l.order_index < en.k as done,
                          en.enrolled_at + l.order_index * interval '1 day' as day) x`,
  )
  for (const { ddl } of rebuild) await q(ddl)
  step(`${(await count('lesson_progress')).toLocaleString('en')} lesson-progress rows`)

  // Analytics events as the app records them: an enroll per enrollment, and lesson_complete for
  // as many completed lessons.
  await q(
    `insert into analytics_events (user_id, course_id, event_type, event_data, created_at, updated_at)
     select student_id, course_id, 'enroll', jsonb_build_object('source', source), enrolled_at, enrolled_at
     from en`,
  )
  await q(
    `insert into analytics_events (user_id, course_id, event_type, event_data, created_at, updated_at)
     select student_id, course_id, 'lesson_complete',
            jsonb_build_object('lessonId', lesson_id, 'timeSpent', time_spent, 'firstCompletion', true),
            completed_at, completed_at
     from lesson_progress where completed order by id limit $1`,
    [S.lessonCompleteEvents],
  )
  step(`${(await count('analytics_events')).toLocaleString('en')} analytics events`)

  // Public communities: members from a seeded start, posts by members, newest first.
  await q(
    `insert into communities (id, name, slug, description, topic, visibility, member_count,
                              created_by_id, created_at, updated_at)
     select pg_temp.uid('community', j), 'Bench community ' || j, 'bench-community-' || j,
            'Open to everyone', (enum_range(null::enum_communities_topic))[1 + j % 10], 'public', 0,
            $1, pg_temp.ago(90000 - j), pg_temp.ago(90000 - j)
     from generate_series(0, $2::int - 1) j`,
    [ids.admin, S.publicCommunities],
  )
  await q(
    `insert into community_members (id, community_id, user_id, role, joined_at, created_at, updated_at)
     select pg_temp.uid('community-member:' || j, k), pg_temp.uid('community', j),
            pg_temp.uid('student', (j * 997 + k * 7) % $1), 'member',
            pg_temp.ago(80000 - k), pg_temp.ago(80000 - k), pg_temp.ago(80000 - k)
     from generate_series(0, $2::int - 1) j, generate_series(0, $3::int - 1) k`,
    [S.students, S.publicCommunities, S.membersPerCommunity],
  )
  await q(
    `insert into posts (id, community_id, author_id, content, type, is_pinned, reaction_count,
                        comment_count, created_at, updated_at)
     select pg_temp.uid('post:' || j, p), pg_temp.uid('community', j),
            pg_temp.uid('student', (j * 997 + (p % $2) * 7) % $1),
            'Bench post ' || p || ' in community ' || j, 'discussion', p = 0, 0, 0,
            pg_temp.ago(70000 - p * 10), pg_temp.ago(70000 - p * 10)
     from generate_series(0, $3::int - 1) j, generate_series(0, $4::int - 1) p`,
    [S.students, S.membersPerCommunity, S.publicCommunities, S.postsPerCommunity],
  )
  step('communities, members and posts')

  // Counters the app keeps, from the rows (the versions follow by trigger).
  await recountCounters(q)

  const counts: Record<string, number> = {}
  const tables = `users courses lessons quizzes enrollments lesson_progress analytics_events cohorts
                  cohort_enrollments communities community_members posts`
  for (const table of tables.split(/\s+/)) counts[table] = await count(table)
  counts.students = await count(`users where role = 'student'`)
  counts.educators = await count(`users where role = 'educator'`)
  counts['published courses'] = await count(`courses where _status = 'published'`)
  counts['paid courses'] = await count(`courses where price > 0`)
  counts['report cohort members'] = S.largestCohort
  counts['export rows'] = await count(
    `cohort_enrollments m join cohorts_rels r on r.parent_id = m.cohort_id and r.path = 'courses'`,
  )
  if (counts.enrollments !== shape.ENROLLMENTS)
    throw new Error(`expected ${shape.ENROLLMENTS} enrollments, generated ${counts.enrollments}`)
  const drift = await count(
    `courses c where total_enrollments <> (select count(*) from enrollments e where e.course_id = c.id)`,
  )
  if (drift) throw new Error(`${drift} course counters differ from count(*)`)

  const [detail] = await q(
    `select id from courses where _status = 'published' order by total_enrollments desc, id limit 1`,
  )
  const meta: BenchMeta = {
    version: shape.GENERATOR_VERSION,
    seed,
    generatedAt: new Date().toISOString(),
    seconds: 0,
    ids,
    reportCohort: (await q(`select pg_temp.uid('cohort', 0) as id`))[0].id,
    enrollCourse: (await q(`select pg_temp.uid('course', $1) as id`, [ENROLL_COURSE]))[0].id,
    detailCourse: detail.id,
    community: (await q(`select pg_temp.uid('community', 0) as id`))[0].id,
    communityMember: 0, // (0 * 997 + 0 * 7) % students: member 0 of community 0
    counts,
  }
  await commitGeneration(q, { table: 'bench_platform_meta', meta, started, step })
}

await generate()
  .catch(async (err) => {
    await q('rollback').catch(() => {})
    throw err
  })
  .finally(() => client.end())
process.exit(0)

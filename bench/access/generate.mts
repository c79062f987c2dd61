// Fills an empty, migrated database with the access benchmark's data (see accounts.ts):
//   educators with 10, 200 and 2,000 published courses (a lesson and a version row each; every
//   10th course has a course community with posts), students with 5 and 500 enrollments, an
//   institution with 1 small cohort and one with 50 cohorts of 500–5,000 students, a catalogue of
//   1,000 courses and 40,000 pool students behind them.
// The logged-in accounts are created through the Local API (valid password hashes); everything
// else is set-based SQL (generate_series), with ids derived from the seed (md5 → uuid), so the same
// seed gives the same rows. Run by run.mts in a child process:
//   DATABASE_URL=... BENCH_SEED=17 tsx bench/access/generate.mts
import pg from 'pg'

import { generatorInput, stepTimer } from './cli'
import { beginGeneration, commitGeneration, recountCounters } from './database'
import {
  ACCOUNTS,
  DEFAULT_SEED,
  EMAIL_DOMAIN,
  GENERATOR_VERSION,
  PASSWORD,
  POPULATION as P,
  type BenchMeta,
} from './accounts'

const { url, seed } = generatorInput(DEFAULT_SEED)

const started = performance.now()
const step = stepTimer()

// 1. The accounts that log in, through the Local API. The first user of an empty database is the
//    admin, so the admin goes first.
const ids: Record<string, string> = {}
{
  const { getPayload } = await import('payload')
  const { default: config } = await import('../../src/payload.config')
  const payload = await getPayload({ config })
  try {
    const ordered = [...ACCOUNTS].sort(
      (a, b) => Number(b.kind === 'admin') - Number(a.kind === 'admin'),
    )
    for (const account of ordered) {
      const profile =
        account.kind === 'educator'
          ? { educatorProfile: { onboardingCompleted: true } }
          : account.kind === 'student'
            ? { studentProfile: { onboardingCompleted: true } }
            : account.kind === 'institution'
              ? {
                  institutionProfile: {
                    organizationName: `Bench Institute ${account.size}`,
                    onboardingCompleted: true,
                  },
                }
              : {}
      const user = await payload.create({
        collection: 'users',
        data: {
          email: account.email,
          password: PASSWORD,
          fullName: account.fullName,
          role: account.kind,
          ...profile,
        },
        overrideAccess: true,
      })
      if (user.role !== account.kind)
        throw new Error(`${account.email} was created as ${user.role}, not ${account.kind}`)
      ids[account.key] = String(user.id)
    }
  } finally {
    // payload.destroy() can wait on the pool indefinitely; the process exits at the end anyway.
    const settle = (p: Promise<unknown> | undefined) =>
      Promise.race([
        Promise.resolve(p).catch(() => {}),
        new Promise((r) => setTimeout(r, 5000).unref()),
      ])
    step(`Payload started, ${ACCOUNTS.length} accounts created through the Local API`)
    await settle(payload.destroy())
  }
}

// 2. Everything else in one transaction of set-based inserts.
const client = new pg.Client({ connectionString: url })
await client.connect()
const q = async (text: string, values: unknown[] = []) => (await client.query(text, values)).rows

const N = P.poolStudents
const STRIDE = 7919 // prime, coprime with N: k * STRIDE walks N distinct students
const catalogSize = P.catalogEducators * P.coursesPerCatalogEducator
const courseCommunity = (n: string) => `${n} % ${P.communityEvery} = 0`

try {
  // Seeded ids and numbers: pg_temp.uid(kind, n), pg_temp.rnd(kind, n) (database.ts).
  await beginGeneration(q, seed)
  await q(`create function pg_temp.ts(n bigint) returns timestamptz language sql immutable
             as $$ select timestamptz '2026-11-01 12:00:00+00' - n * interval '1 minute' $$`)

  await q(
    `insert into users (id, role, full_name, email, student_profile_onboarding_completed,
                        created_at, updated_at)
     select pg_temp.uid('student', n), 'student', 'Pool Student ' || n,
            'pool-student-' || n || '@${EMAIL_DOMAIN}', true, pg_temp.ts(n), pg_temp.ts(n)
     from generate_series(0, $1::int - 1) n`,
    [N],
  )
  await q(
    `insert into users (id, role, full_name, email, educator_profile_onboarding_completed,
                        created_at, updated_at)
     select pg_temp.uid('catalog-educator', e), 'educator', 'Catalogue Educator ' || e,
            'catalog-educator-' || e || '@${EMAIL_DOMAIN}', true, pg_temp.ts(e), pg_temp.ts(e)
     from generate_series(0, $1::int - 1) e`,
    [P.catalogEducators],
  )
  step(`${N.toLocaleString('en')} pool students, ${P.catalogEducators} catalogue educators`)

  // Course owners: the three measured educators and the catalogue educators.
  await q(`create temp table owners (owner text, educator_id uuid, course_count int,
                                     enroll_per int, catalog_base int)`)
  for (const size of [10, 200, 2000] as const) {
    const key = `educator-${size}` as const
    await q('insert into owners values ($1, $2, $3, $4, null)', [
      key,
      ids[key],
      size,
      P.enrollmentsPerCourse[key],
    ])
  }
  await q(
    `insert into owners
     select 'catalog-' || e, pg_temp.uid('catalog-educator', e), $1, $2, e * $1
     from generate_series(0, $3::int - 1) e`,
    [P.coursesPerCatalogEducator, P.enrollmentsPerCourse.catalog, P.catalogEducators],
  )
  await q(`create temp table bc as
           select o.owner, o.educator_id, o.enroll_per, n, o.catalog_base + n as cidx,
                  pg_temp.uid('course:' || o.owner, n) as id,
                  (row_number() over (order by o.owner, n))::int as g,
                  'Bench course ' || n || ' of ' || o.owner as title
           from owners o, generate_series(0, o.course_count - 1) n`)
  await q('create index on bc (cidx)')
  await q(
    `insert into courses (id, title, slug, educator_id, course_type, price, currency,
                          total_enrollments, _status, created_at, updated_at)
     select id, title, 'bench-' || owner || '-' || n, educator_id,
            (array['microlearning','deep_learning','digital_product'])[1 + n % 3]::enum_courses_course_type,
            0, 'usd', 0, 'published', pg_temp.ts(g), pg_temp.ts(g)
     from bc`,
  )
  // The admin's course list reads the versions table: one latest, published version per course.
  await q(
    `insert into _courses_v (id, parent_id, version_title, version_slug, version_educator_id,
                             version_course_type, version_price, version_currency,
                             version_total_enrollments, version__status, version_created_at,
                             version_updated_at, created_at, updated_at, latest)
     select pg_temp.uid('course-version', g), id, title, 'bench-' || owner || '-' || n, educator_id,
            (array['microlearning','deep_learning','digital_product'])[1 + n % 3]::enum__courses_v_version_course_type,
            0, 'usd', 0, 'published', pg_temp.ts(g), pg_temp.ts(g), pg_temp.ts(g), pg_temp.ts(g), true
     from bc`,
  )
  await q(
    `insert into lessons (id, course_id, title, lesson_type, order_index, duration,
                          is_free_preview, created_at, updated_at)
     select pg_temp.uid('lesson', g), id, 'Welcome to ' || title, 'reading', 0, 300, n % 5 = 0,
            pg_temp.ts(g), pg_temp.ts(g)
     from bc`,
  )
  const [{ courses }] = await q('select count(*)::int as courses from bc')
  step(`${courses.toLocaleString('en')} published courses with a lesson and a version each`)

  // Pool students enrolled in every course: k * STRIDE from a seeded start gives distinct students.
  await q(
    `insert into enrollments (id, student_id, course_id, source, enrolled_at, completed_at,
                              progress_percentage, created_at, updated_at)
     select pg_temp.uid('enrollment:' || g, k),
            pg_temp.uid('student', (pg_temp.rnd('course-base', g) + k * ${STRIDE}) % ${N}),
            id, 'free', pg_temp.ts(g + k), case when k % 4 = 0 then pg_temp.ts(k) end,
            case when k % 4 = 0 then 100 else (k * 37) % 100 end, pg_temp.ts(g + k), pg_temp.ts(g + k)
     from bc, generate_series(0, enroll_per - 1) k`,
  )
  // The measured students: 5 and 500 catalogue courses (even catalogue indexes; both include
  // catalogue course 0, which has a community).
  for (const [key, count] of [
    ['student-5', 5],
    ['student-500', 500],
  ] as const) {
    await q(
      `insert into enrollments (id, student_id, course_id, source, enrolled_at,
                                progress_percentage, created_at, updated_at)
       select pg_temp.uid('enrollment:' || $1, i), $2, bc.id, 'free', pg_temp.ts(i),
              (i * 13) % 100, pg_temp.ts(i), pg_temp.ts(i)
       from generate_series(0, $3::int - 1) i
       join bc on bc.cidx = (i * ($4::int / $3::int) / 2) * 2`,
      [key, ids[key], count, catalogSize],
    )
  }
  step('course enrollments')

  // Cohorts: institution-1 has one small class; institution-50 has 50 cohorts, the first of
  // 5,000 students and the rest between 500 and 5,000. Each cohort has 2 catalogue courses
  // (institution-50: 500–599, institution-1: 700–701) taught by their catalogue educator.
  await q(`create temp table co (owner text, c int, id uuid, institution_id uuid, size int,
                                 base bigint, first_cidx int)`)
  await q(
    `insert into co
     select 'institution-1', 0, pg_temp.uid('cohort:institution-1', 0), $1, $2,
            pg_temp.rnd('cohort-base:institution-1', 0) % ${N}, 700`,
    [ids['institution-1'], P.smallCohortStudents],
  )
  await q(
    `insert into co
     select 'institution-50', c, pg_temp.uid('cohort:institution-50', c), $1,
            case when c = 0 then $2::int
                 else $3::int + (pg_temp.rnd('cohort-size', c) % ($2::int - $3::int + 1))::int end,
            pg_temp.rnd('cohort-base:institution-50', c) % ${N}, 500 + c * $4::int
     from generate_series(0, 49) c`,
    [ids['institution-50'], P.largeCohortStudents, P.minCohortStudents, P.coursesPerCohort],
  )
  await q(
    `insert into cohorts (id, name, institution_id, description, start_date, end_date,
                          created_at, updated_at)
     select id, 'Bench cohort ' || c || ' of ' || owner, institution_id, size || ' students',
            pg_temp.ts(100000 + c), pg_temp.ts(c), pg_temp.ts(200000 + c), pg_temp.ts(200000 + c)
     from co`,
  )
  await q(`create temp table cc as
           select co.id as cohort_id, co.c, k, bc.id as course_id, bc.educator_id
           from co cross join generate_series(0, ${P.coursesPerCohort - 1}) k
           join bc on bc.cidx = co.first_cidx + k`)
  await q(
    `insert into cohorts_rels ("order", parent_id, path, courses_id)
     select k + 1, cohort_id, 'courses', course_id from cc order by cohort_id, k`,
  )
  await q(
    `insert into cohorts_rels ("order", parent_id, path, users_id)
     select 1, cohort_id, 'educators', educator_id from cc where k = 0 order by cohort_id`,
  )
  await q(
    `insert into cohort_enrollments (id, cohort_id, student_id, educator_id, enrolled_at,
                                     created_at, updated_at)
     select pg_temp.uid('cohort-enrollment:' || co.id, m), co.id,
            pg_temp.uid('student', (co.base + m) % ${N}), cc.educator_id,
            pg_temp.ts(m), pg_temp.ts(m), pg_temp.ts(m)
     from co join cc on cc.cohort_id = co.id and cc.k = 0, generate_series(0, co.size - 1) m`,
  )
  await q(
    `insert into enrollments (id, student_id, course_id, source, cohort_id, enrolled_at,
                              completed_at, progress_percentage, created_at, updated_at)
     select pg_temp.uid('cohort-course-enrollment:' || cc.course_id || ':' || ce.student_id, 0),
            ce.student_id, cc.course_id, 'cohort', cc.cohort_id, ce.enrolled_at,
            case when pg_temp.rnd('done:' || ce.id || cc.k, 0) % 5 = 0 then ce.enrolled_at end,
            case when pg_temp.rnd('done:' || ce.id || cc.k, 0) % 5 = 0 then 100
                 else pg_temp.rnd('progress:' || ce.id || cc.k, 0) % 100 end,
            ce.enrolled_at, ce.enrolled_at
     from cohort_enrollments ce join cc on cc.cohort_id = ce.cohort_id
     on conflict do nothing`,
  )
  step('cohorts, cohort enrollments and their course enrollments')

  // Course communities (every 10th course of each educator), the educator as moderator and the
  // course's enrolled students as members; 5 public communities with 1,000 pool members each.
  await q(
    `insert into communities (id, name, slug, description, topic, visibility, course_id,
                              member_count, created_by_id, created_at, updated_at)
     select pg_temp.uid('community', g), left('Community: ' || title, 120), 'bench-community-' || g,
            'Course community', (enum_range(null::enum_communities_topic))[1 + g % 10], 'course',
            id, 0, educator_id, pg_temp.ts(g), pg_temp.ts(g)
     from bc where ${courseCommunity('n')}`,
  )
  await q(
    `insert into communities (id, name, slug, description, topic, visibility, member_count,
                              created_by_id, created_at, updated_at)
     select pg_temp.uid('public-community', j), 'Bench public community ' || j,
            'bench-public-community-' || j, 'Open to everyone',
            (enum_range(null::enum_communities_topic))[1 + j % 10], 'public', 0, $1,
            pg_temp.ts(j), pg_temp.ts(j)
     from generate_series(0, $2::int - 1) j`,
    [ids.admin, P.publicCommunities],
  )
  await q(
    `insert into community_members (id, community_id, user_id, role, joined_at, created_at, updated_at)
     select pg_temp.uid('moderator', g), pg_temp.uid('community', g), educator_id, 'moderator',
            pg_temp.ts(g), pg_temp.ts(g), pg_temp.ts(g)
     from bc where ${courseCommunity('n')}`,
  )
  await q(
    `insert into community_members (id, community_id, user_id, role, joined_at, created_at, updated_at)
     select pg_temp.uid('member:' || e.id, 0), pg_temp.uid('community', bc.g), e.student_id, 'member',
            e.enrolled_at, e.enrolled_at, e.enrolled_at
     from bc join enrollments e on e.course_id = bc.id
     where ${courseCommunity('bc.n')}
     on conflict do nothing`,
  )
  await q(
    `insert into community_members (id, community_id, user_id, role, joined_at, created_at, updated_at)
     select pg_temp.uid('public-member:' || j, k), pg_temp.uid('public-community', j),
            pg_temp.uid('student', (pg_temp.rnd('public-base', j) + k * ${STRIDE}) % ${N}), 'member',
            pg_temp.ts(k), pg_temp.ts(k), pg_temp.ts(k)
     from generate_series(0, $1::int - 1) j, generate_series(0, 999) k
     on conflict do nothing`,
    [P.publicCommunities],
  )
  await q(
    `insert into community_members (id, community_id, user_id, role, joined_at, created_at, updated_at)
     select pg_temp.uid('public-member:' || $1, j), pg_temp.uid('public-community', j), u, 'member',
            pg_temp.ts(j), pg_temp.ts(j), pg_temp.ts(j)
     from generate_series(0, $2::int - 1) j, unnest($3::uuid[]) u
     on conflict do nothing`,
    ['bench', P.publicCommunities, [ids['student-5'], ids['student-500']]],
  )
  // Posts: announcements by the educator, discussions by enrolled pool students, newest first.
  await q(
    `insert into posts (id, community_id, author_id, content, type, is_pinned, reaction_count,
                        comment_count, created_at, updated_at)
     select pg_temp.uid('post:' || g, p), pg_temp.uid('community', g),
            case when p % 10 = 0 then educator_id
                 else pg_temp.uid('student', (pg_temp.rnd('course-base', g) + (p % enroll_per) * ${STRIDE}) % ${N}) end,
            'Bench post ' || p || ' in the community of ' || title,
            (case when p % 10 = 0 then 'announcement' else 'discussion' end)::enum_posts_type,
            p = 0, 0, 0, pg_temp.ts(p * 60), pg_temp.ts(p * 60)
     from bc, generate_series(0, $1::int - 1) p
     where ${courseCommunity('n')}`,
    [P.postsPerCourseCommunity],
  )
  await q(
    `insert into posts (id, community_id, author_id, content, type, is_pinned, reaction_count,
                        comment_count, created_at, updated_at)
     select pg_temp.uid('public-post:' || j, p), pg_temp.uid('public-community', j),
            pg_temp.uid('student', (pg_temp.rnd('public-base', j) + (p % 1000) * ${STRIDE}) % ${N}),
            'Bench public post ' || p, 'discussion', false, 0, 0, pg_temp.ts(p * 10), pg_temp.ts(p * 10)
     from generate_series(0, $1::int - 1) j, generate_series(0, $2::int - 1) p`,
    [P.publicCommunities, P.postsPerPublicCommunity],
  )
  step('communities, members and posts')

  // Counters the app keeps, recomputed from the rows.
  await recountCounters(q)
  await q(`update _courses_v v set version_total_enrollments = c.total_enrollments
           from courses c where v.parent_id = c.id and v.latest`)

  // What the runner needs: one community per account for the post page, one course per educator.
  const communities: Record<string, string> = {}
  const courseIds: Record<string, string> = {}
  for (const size of [10, 200, 2000]) {
    const [row] = await q(
      `select bc.id as course, pg_temp.uid('community', bc.g) as community
       from bc where owner = $1 and n = 0`,
      [`educator-${size}`],
    )
    communities[`educator-${size}`] = row.community
    courseIds[`educator-${size}`] = row.course
  }
  const [catalogZero] = await q(
    `select pg_temp.uid('community', g) as community from bc where cidx = 0`,
  )
  communities['student-5'] = communities['student-500'] = catalogZero.community
  const [publicZero] = await q(`select pg_temp.uid('public-community', 0) as community`)
  communities['institution-1'] =
    communities['institution-50'] =
    communities.admin =
      publicZero.community

  const counts: Record<string, number> = {}
  for (const table of [
    'users',
    'courses',
    '_courses_v',
    'lessons',
    'enrollments',
    'cohorts',
    'cohort_enrollments',
    'communities',
    'community_members',
    'posts',
  ]) {
    const [{ n }] = await q(`select count(*)::int as n from "${table}"`)
    counts[table] = n
  }
  const sizes = await q(`select owner, count(*)::int as cohorts, sum(size)::int as students,
                                max(size)::int as largest from co group by owner`)
  for (const s of sizes) {
    counts[`${s.owner} cohort members`] = s.students
    counts[`${s.owner} largest cohort`] = s.largest
  }
  const meta: BenchMeta = {
    version: GENERATOR_VERSION,
    seed,
    generatedAt: new Date().toISOString(),
    seconds: 0,
    ids,
    communities,
    courses: courseIds,
    counts,
  }
  await commitGeneration(q, { table: 'bench_access_meta', meta, started, step })
} catch (err) {
  await q('rollback').catch(() => {})
  throw err
} finally {
  await client.end()
}
process.exit(0)

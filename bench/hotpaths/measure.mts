// Quick before/after figures for the hot paths (issue 16), in process: the same route handlers
// Next serves /api with, called with standard Request objects (as the tests do), on the
// bench/access data set, beside a raw `pg` baseline that answers with purpose-written SQL. Not
// the harness (that is `npm run bench`): no HTTP server, so the figures are the app's own
// cost per request, comparable between commits on the same machine.
//
//   node bench/hotpaths/db.mts &                       (prints DATABASE_URL)
//   DATABASE_URL=... npm run migrate && DATABASE_URL=... tsx bench/access/generate.mts
//   DATABASE_URL=... PAYLOAD_SECRET=<32+ chars> tsx bench/hotpaths/measure.mts [--only a,b] [--seconds 8]
import { performance } from 'node:perf_hooks'

import pg from 'pg'

import { commandLine } from '../access/cli'
import { PASSWORD, EMAIL_DOMAIN } from '../access/accounts'

process.env.SCHEDULES = 'false'
process.env.PAYLOAD_LOG_LEVEL ??= 'error'
process.env.EMAIL_LOG = 'false'

const { option } = commandLine()
const only = option('only')?.split(',')
const seconds = Number(option('seconds') ?? 8)
const connections = Number(option('connections') ?? 10)
const wanted = (name: string) => !only || only.some((o) => name.startsWith(o))

const { default: config } = await import('../../src/payload.config')
const { getPayload } = await import('payload')
const { REST_GET, REST_POST } = await import('@payloadcms/next/routes')
const payload = await getPayload({ config })
const handlers = { GET: REST_GET(config), POST: REST_POST(config) }
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 })

type Call = () => Promise<{ status: number; bytes: number }>

async function api(
  method: 'GET' | 'POST',
  path: string,
  token?: string,
  body?: unknown,
  extra: Record<string, string> = {},
) {
  const headers = new Headers({ 'x-forwarded-for': '10.9.9.9', ...extra })
  if (token) headers.set('Authorization', `JWT ${token}`)
  if (body !== undefined) headers.set('Content-Type', 'application/json')
  const request = new Request(new URL(path, 'http://localhost:3000'), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const slug = new URL(request.url).pathname
    .replace(/^\/api\//, '')
    .split('/')
    .filter(Boolean)
  const res = await handlers[method](request, { params: Promise.resolve({ slug }) })
  const text = await res.text()
  return { status: res.status, bytes: text.length, text, etag: res.headers.get('etag') }
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]

type Result = { name: string; n: number; rps: number; p50: number; p99: number; errors: number }
const results: Result[] = []

/** `connections` callers in a loop for `seconds`: requests a second, p50 and p99 latency. */
async function load(name: string, call: Call, opts: { conns?: number; secs?: number } = {}) {
  if (!wanted(name)) return
  for (let i = 0; i < 20; i++) await call() // warm-up
  const latencies: number[] = []
  let errors = 0
  const until = performance.now() + (opts.secs ?? seconds) * 1000
  const started = performance.now()
  await Promise.all(
    Array.from({ length: opts.conns ?? connections }, async () => {
      while (performance.now() < until) {
        const t = performance.now()
        const { status } = await call()
        latencies.push(performance.now() - t)
        if (status >= 400) errors++
      }
    }),
  )
  const elapsed = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  const r = {
    name,
    n: latencies.length,
    rps: latencies.length / elapsed,
    p50: pct(latencies, 50),
    p99: pct(latencies, 99),
    errors,
  }
  results.push(r)
  console.log(
    `${name.padEnd(44)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  n=${r.n} errors=${errors}`,
  )
}

const login = async (email: string) =>
  (await payload.login({ collection: 'users', data: { email, password: PASSWORD } })).token!

// ------------------------------------------------------------------ explore
const RAW_EXPLORE = {
  popular: 'c.total_enrollments desc, c.created_at desc, c.id',
  newest: 'c.created_at desc, c.id',
  rating:
    '(c.review_count > 0) desc nulls last, (35 + c.rating_sum)::float / (10 + c.review_count) desc, c.created_at desc, c.id',
}
async function rawExplore(sort: keyof typeof RAW_EXPLORE) {
  const { rows } = await pool.query(
    `select c.id, c.title, c.slug, c.course_type as "courseType", c.price, c.currency,
            c.total_enrollments as "totalEnrollments", c.average_rating as "averageRating",
            c.review_count as "reviewCount", c.created_at as "createdAt",
            (select coalesce(json_agg(value), '[]') from courses_teaching_styles where parent_id = c.id) as "teachingStyles",
            (select coalesce(json_agg(value), '[]') from courses_tags where parent_id = c.id) as tags,
            json_build_object('id', u.id, 'fullName', u.full_name, 'profileImage', u.profile_image_id) as educator,
            c.thumbnail_id as thumbnail, count(*) over () as total
     from courses c join users u on u.id = c.educator_id
     where c._status = 'published' order by ${RAW_EXPLORE[sort]} limit 20`,
  )
  const total = Number(rows[0]?.total ?? 0)
  const body = JSON.stringify({
    docs: rows.map(({ total: _t, ...r }) => r),
    totalDocs: total,
    limit: 20,
    page: 1,
    totalPages: Math.ceil(total / 20),
    hasNextPage: total > 20,
    hasPrevPage: false,
  })
  return { status: 200, bytes: body.length }
}

for (const sort of ['popular', 'newest', 'rating'] as const) {
  await load(`explore ${sort} (raw pg)`, () => rawExplore(sort))
  await load(`explore ${sort}`, () => api('GET', `/api/courses/explore?sort=${sort}&limit=20`))
}
const { etag } = await api('GET', '/api/courses/explore?sort=popular&limit=20')
if (etag) {
  await load('explore popular, If-None-Match (304)', () =>
    api('GET', '/api/courses/explore?sort=popular&limit=20', undefined, undefined, {
      'If-None-Match': etag,
    }),
  )
}
await load('naive REST ?where[_status]=published&depth=2', () =>
  api('GET', '/api/courses?where[_status][equals]=published&depth=2&limit=20'),
)

// ------------------------------------------------------------------ course detail
const [{ id: someCourse }] = (
  await pool.query(`select id from courses where _status = 'published' order by created_at limit 1`)
).rows
await load('course detail GET /api/courses/:id (anonymous)', () =>
  api('GET', `/api/courses/${someCourse}`),
)

// ------------------------------------------------------------------ lesson complete
if (wanted('lesson complete')) {
  const educator = await login(`educator-10@${EMAIL_DOMAIN}`)
  const lessons = 400
  const course = await api('POST', '/api/courses', educator, {
    title: `Hot path course ${Date.now()}`,
    courseType: 'deep_learning',
  })
  const courseId = JSON.parse(course.text).doc.id as string
  const lessonIds: string[] = []
  for (let i = 0; i < lessons; i++) {
    const r = await api('POST', `/api/courses/${courseId}/lessons`, educator, {
      title: `Lesson ${i}`,
      lessonType: 'reading',
      orderIndex: i,
    })
    lessonIds.push(JSON.parse(r.text).doc.id)
  }
  await api('POST', `/api/courses/${courseId}/publish`, educator)
  const students: { token: string; next: number }[] = []
  for (let i = 0; i < connections; i++) {
    const email = `hotpath-${Date.now()}-${i}@${EMAIL_DOMAIN}`
    await payload.create({
      collection: 'users',
      data: { email, password: PASSWORD, fullName: `Hot path ${i}`, role: 'student' },
      overrideAccess: true,
    })
    const token = await login(email)
    await api('POST', `/api/courses/${courseId}/enroll`, token)
    students.push({ token, next: 0 })
  }
  let turn = 0
  await load(
    'lesson complete POST .../complete',
    async () => {
      const s = students[turn++ % students.length]
      const lesson = lessonIds[s.next++ % lessons]
      return api('POST', `/api/courses/${courseId}/lessons/${lesson}/complete`, s.token, {
        timeSpent: s.next,
      })
    },
    { secs: Math.min(seconds, 6) },
  )
  // Raw: the same writes in one transaction per call (progress row, percentage).
  const { rows: enr } = await pool.query(
    `select e.id, e.student_id from enrollments e where e.course_id = $1`,
    [courseId],
  )
  let rawTurn = 0
  await load('lesson complete (raw pg)', async () => {
    const e = enr[rawTurn++ % enr.length]
    const lesson = lessonIds[(rawTurn * 7) % lessons]
    const client = await pool.connect()
    try {
      await client.query('begin')
      await client.query('select 1 from enrollments where id = $1 for update', [e.id])
      await client.query(
        `insert into lesson_progress (id, enrollment_id, lesson_id, student_id, course_id, completed,
           completed_at, time_spent, created_at, updated_at)
         values (gen_random_uuid(), $1, $2, $3, $4, true, now(), 1, now(), now())
         on conflict (enrollment_id, lesson_id) do update set completed = true`,
        [e.id, lesson, e.student_id, courseId],
      )
      await client.query(
        `update enrollments set progress_percentage = round(100.0 * (select count(*) from lesson_progress p
           where p.enrollment_id = $1 and p.completed) / $2), last_accessed_lesson_id = $3 where id = $1`,
        [e.id, lessons, lesson],
      )
      await client.query('commit')
    } finally {
      client.release()
    }
    return { status: 200, bytes: 0 }
  })
  const { rows: exact } = await pool.query(
    `select e.id, e.progress_percentage as stored,
            round(100.0 * (select count(*) from lesson_progress p where p.enrollment_id = e.id and p.completed) / $2) as real
     from enrollments e where e.course_id = $1`,
    [courseId, lessons],
  )
  const wrong = exact.filter((r) => Number(r.stored) !== Number(r.real))
  console.log(`  progress exact: ${wrong.length === 0} (${exact.length} enrollments)`)
}

// ------------------------------------------------------------------ 500 concurrent enrolls
if (wanted('enroll')) {
  const educator = await login(`educator-10@${EMAIL_DOMAIN}`)
  const course = JSON.parse(
    (
      await api('POST', '/api/courses', educator, {
        title: `Enroll storm ${Date.now()}`,
        courseType: 'microlearning',
      })
    ).text,
  ).doc.id as string
  await api('POST', `/api/courses/${course}/lessons`, educator, {
    title: 'One',
    lessonType: 'reading',
  })
  await api('POST', `/api/courses/${course}/publish`, educator)
  const tokens: string[] = []
  const stamp = Date.now()
  for (let i = 0; i < 500; i += 25) {
    tokens.push(
      ...(await Promise.all(
        Array.from({ length: 25 }, async (_, k) => {
          const email = `storm-${stamp}-${i + k}@${EMAIL_DOMAIN}`
          await payload.create({
            collection: 'users',
            data: { email, password: PASSWORD, fullName: `Storm ${i + k}`, role: 'student' },
            overrideAccess: true,
          })
          return login(email)
        }),
      )),
    )
  }
  const t = performance.now()
  const statuses = await Promise.all(
    tokens.map((token) =>
      api('POST', `/api/courses/${course}/enroll`, token).then((r) => r.status),
    ),
  )
  const ms = performance.now() - t
  const { rows } = await pool.query(
    `select total_enrollments, (select count(*) from enrollments where course_id = $1)::int as n
     from courses where id = $1`,
    [course],
  )
  const ok = statuses.filter((s) => s === 201).length
  console.log(
    `500 concurrent enrolls: ${ok} × 201 in ${ms.toFixed(0)} ms; counter ${rows[0].total_enrollments} = count(*) ${rows[0].n}`,
  )
}

// ------------------------------------------------------------------ cohort report, CSV
if (wanted('cohort') || wanted('csv')) {
  const institution = await login(`institution-50@${EMAIL_DOMAIN}`)
  const me = JSON.parse((await api('GET', '/api/users/me', institution)).text).user.id as string
  const { rows: cohorts } = await pool.query(
    `select c.id, (select count(*) from cohort_enrollments m where m.cohort_id = c.id)::int as n
     from cohorts c where institution_id = $1 order by n desc limit 1`,
    [me],
  )
  await load(
    `cohort report (${cohorts[0].n} students)`,
    () => api('GET', `/api/institutions/${me}/cohorts/${cohorts[0].id}/report`, institution),
    { conns: 1, secs: 5 },
  )
  if (wanted('csv')) {
    global.gc?.()
    const before = process.memoryUsage().rss
    let peak = before
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss)
    }, 20)
    const t = performance.now()
    const request = new Request(
      `http://localhost:3000/api/institutions/${me}/export-report?format=csv`,
      { headers: { Authorization: `JWT ${institution}`, 'x-forwarded-for': '10.9.9.9' } },
    )
    const res = await handlers.GET(request, {
      params: Promise.resolve({ slug: ['institutions', me, 'export-report'] }),
    })
    let bytes = 0
    let lines = 0
    const reader = res.body!.getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      bytes += value.length
      for (const b of value) if (b === 10) lines++
    }
    clearInterval(sampler)
    console.log(
      `CSV export: ${lines - 1} rows, ${(bytes / 1e6).toFixed(1)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s; peak RSS growth ${((peak - before) / 1e6).toFixed(1)} MB`,
    )
  }
}

console.log(JSON.stringify(results))
await pool.end()
process.exit(0)

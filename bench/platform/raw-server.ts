// The limit the platform benchmark measures the app against: a minimal `node:http` + `pg` server
// answering the two hot paths with the app's JSON through purpose-written SQL, and nothing else —
// no framework, no access layer, no hooks. It does the same work as the app where the answer
// depends on it: the catalog page with its total, the educator's name and the course's options;
// a lesson completion verified like Payload's JWT strategy (HS256 signature, expiry, the session
// row), under a row lock of the enrollment, with the progress row, the recomputed percentage, the
// enrollment's update and the `lesson_complete` analytics event in one transaction.
//   DATABASE_URL=... PAYLOAD_SECRET=... PORT=... node --import tsx bench/platform/raw-server.ts
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import http from 'node:http'
import pg from 'pg'

// The page envelope (totalDocs, hasNextPage, …) exactly as the app builds it.
import { pageShape } from '../../src/lib/pagination'

const url = process.env.DATABASE_URL
const secret = process.env.PAYLOAD_SECRET
if (!url || !secret) throw new Error('DATABASE_URL and PAYLOAD_SECRET are required')
// Payload signs with sha256(PAYLOAD_SECRET) as hex, first 32 characters.
const key = createHash('sha256').update(secret).digest('hex').slice(0, 32)
const pool = new pg.Pool({ connectionString: url, max: Number(process.env.POOL_MAX || 10) })

const PRIOR_WEIGHT = 10
const PRIOR_MEAN = 3.5
const ORDER = {
  popular: 'c.total_enrollments desc nulls last, c.created_at desc',
  newest: 'c.created_at desc',
  rating: `(c.review_count > 0) desc nulls last,
           ((${PRIOR_WEIGHT * PRIOR_MEAN}::numeric + coalesce(c.rating_sum, 0)) /
            (${PRIOR_WEIGHT}::numeric + coalesce(c.review_count, 0))) desc,
           c.created_at desc, c.id`,
} as const

const options = (table: string) =>
  `coalesce((select json_agg(o.value order by o."order") from ${table} o where o.parent_id = c.id), '[]')`

const num = (v: unknown) => (v == null ? null : Number(v))

async function explore(query: URLSearchParams) {
  const sort = (query.get('sort') ?? 'popular') as keyof typeof ORDER
  const limit = Number(query.get('limit') ?? 12)
  const page = Number(query.get('page') ?? 1)
  if (!ORDER[sort] || !(limit >= 1 && limit <= 50) || !(page >= 1)) return null
  const { rows } = await pool.query(
    `select c.id, c.title, c.slug, c.course_type, c.price, c.currency, c.thumbnail_id,
            c.total_enrollments, c.average_rating, c.review_count, c.created_at,
            c.educator_id, u.full_name, u.profile_image_id,
            ${options('courses_teaching_styles')} as teaching_styles,
            ${options('courses_tags')} as tags,
            (select count(*) from courses where _status = 'published')::int as total
     from courses c left join users u on u.id = c.educator_id
     where c._status = 'published'
     order by ${ORDER[sort]} limit $1 offset $2`,
    [limit, (page - 1) * limit],
  )
  const totalDocs =
    rows[0]?.total ??
    Number(
      (await pool.query(`select count(*) as n from courses where _status = 'published'`)).rows[0].n,
    )
  return pageShape(
    rows.map((r) => ({
      id: r.id,
      title: r.title,
      slug: r.slug,
      courseType: r.course_type,
      teachingStyles: r.teaching_styles,
      tags: r.tags,
      price: num(r.price),
      currency: r.currency,
      // The generated catalog has no thumbnails; an id is all a card would need to show one.
      thumbnail: r.thumbnail_id,
      totalEnrollments: num(r.total_enrollments),
      averageRating: num(r.average_rating),
      reviewCount: num(r.review_count),
      educator: r.educator_id
        ? {
            id: r.educator_id,
            collection: 'users',
            fullName: r.full_name,
            profileImage: r.profile_image_id,
          }
        : null,
      createdAt: new Date(r.created_at).toISOString(),
    })),
    totalDocs,
    page,
    limit,
  )
}

/** The user id and session of a valid `Authorization: JWT <token>`, else null. */
function authenticate(header: string | undefined) {
  const token = header?.match(/^(?:JWT|Bearer) (.+)$/)?.[1]
  if (!token) return null
  const [head, body, signature] = token.split('.')
  if (!head || !body || !signature) return null
  const expected = createHmac('sha256', key).update(`${head}.${body}`).digest()
  const given = Buffer.from(signature, 'base64url')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as {
    id?: string
    sid?: string
    exp?: number
  }
  if (!claims.id || (claims.exp && claims.exp * 1000 < Date.now())) return null
  return { id: claims.id, sid: claims.sid ?? null }
}

type Reply = { status: number; body: unknown }

async function completeLesson(
  user: { id: string; sid: string | null },
  courseId: string,
  lessonId: string,
  timeSpent: number,
): Promise<Reply> {
  const client = await pool.connect()
  try {
    await client.query('begin')
    const { rows } = await client.query(
      `select e.id, e.completed_at, e.enrolled_at, l.lesson_type, l.available_after_days,
              (select id from quizzes where lesson_id = l.id limit 1) as quiz
       from enrollments e
       join courses c on c.id = e.course_id and c._status = 'published'
       join lessons l on l.id = $3 and l.course_id = e.course_id
       where e.student_id = $1 and e.course_id = $2
         and ($4::varchar is null or exists (select 1 from users_sessions s
               where s._parent_id = $1 and s.id = $4 and s.expires_at > now()))
       for update of e`,
      [user.id, courseId, lessonId, user.sid],
    )
    const enrollment = rows[0]
    if (!enrollment) {
      await client.query('rollback')
      return { status: 403, body: { errors: [{ message: 'You are not enrolled in this course' }] } }
    }
    if (enrollment.lesson_type === 'quiz' && enrollment.quiz) {
      const passed = await client.query(
        `select 1 from quiz_attempts where quiz_id = $1 and enrollment_id = $2 and passed limit 1`,
        [enrollment.quiz, enrollment.id],
      )
      if (!passed.rowCount) {
        await client.query('rollback')
        return {
          status: 409,
          body: { errors: [{ message: "Pass this lesson's quiz to complete it" }] },
        }
      }
    }
    // The progress row (created or completed), and whether this completion is news.
    const progress = await client.query(
      `with before as (select completed, time_spent from lesson_progress
                       where enrollment_id = $1 and lesson_id = $2)
       insert into lesson_progress (enrollment_id, lesson_id, student_id, course_id, completed,
                                    completed_at, time_spent)
       values ($1, $2, $3, $4, true, now(), $5)
       on conflict (enrollment_id, lesson_id) do update set
         completed = true,
         completed_at = coalesce(lesson_progress.completed_at, now()),
         time_spent = greatest(lesson_progress.time_spent, excluded.time_spent),
         updated_at = now()
       returning (select completed from before) as was_completed,
                 (select time_spent from before) as time_before, time_spent`,
      [enrollment.id, lessonId, user.id, courseId, timeSpent],
    )
    const { was_completed: wasCompleted, time_before: timeBefore } = progress.rows[0]
    const first = !wasCompleted
    const spent = Math.max(
      0,
      Number(progress.rows[0].time_spent) - (first ? 0 : Number(timeBefore)),
    )
    if (first || spent > 0) {
      await client.query(
        `insert into analytics_events (user_id, course_id, event_type, event_data)
         values ($1, $2, 'lesson_complete', $3) on conflict do nothing`,
        [user.id, courseId, { lessonId, timeSpent: spent, firstCompletion: first }],
      )
    }
    const updated = await client.query(
      `with s as (
         select (select count(*) from lessons where course_id = $2)::int as total,
                (select count(*) from lesson_progress p join lessons l on l.id = p.lesson_id
                  where p.enrollment_id = $1 and p.completed and l.course_id = $2)::int as done,
                (select count(*) from quizzes q join lessons l on l.id = q.lesson_id
                  where l.course_id = $2)::int as quizzes,
                (select count(distinct a.quiz_id) from quiz_attempts a
                  join quizzes q on q.id = a.quiz_id join lessons l on l.id = q.lesson_id
                  where a.enrollment_id = $1 and a.passed and l.course_id = $2)::int as passed)
       update enrollments e set
         progress_percentage = case when s.total > 0 then round(100.0 * s.done / s.total) else 0 end,
         last_accessed_lesson_id = $3,
         completed_at = coalesce(e.completed_at, case when s.total > 0 and s.done = s.total
                                   and s.passed >= s.quizzes then now() end),
         updated_at = now()
       from s where e.id = $1
       returning e.progress_percentage, e.completed_at`,
      [enrollment.id, courseId, lessonId],
    )
    await client.query('commit')
    return {
      status: 200,
      body: {
        completed: true,
        progressPercentage: Number(updated.rows[0].progress_percentage),
        courseCompleted: Boolean(updated.rows[0].completed_at),
      },
    }
  } catch (err) {
    await client.query('rollback').catch(() => {})
    throw err
  } finally {
    client.release()
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => (text += chunk))
    req.on('end', () => resolve(text))
    req.on('error', reject)
  })
}

const COMPLETE = /^\/api\/courses\/([0-9a-f-]{36})\/lessons\/([0-9a-f-]{36})\/complete$/

const server = http.createServer(async (req, res) => {
  const send = ({ status, body }: Reply) => {
    const text = JSON.stringify(body)
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
    })
    res.end(text)
  }
  try {
    const { pathname, searchParams } = new URL(req.url ?? '/', 'http://raw')
    if (req.method === 'GET' && pathname === '/api/courses/explore') {
      const page = await explore(searchParams)
      return send(page ? { status: 200, body: page } : { status: 400, body: { errors: [] } })
    }
    const complete = req.method === 'POST' && pathname.match(COMPLETE)
    if (complete) {
      const user = authenticate(req.headers.authorization)
      if (!user) return send({ status: 401, body: { errors: [{ message: 'Unauthorized' }] } })
      const text = await readBody(req)
      const timeSpent = Number((text ? JSON.parse(text) : {}).timeSpent ?? 0)
      return send(await completeLesson(user, complete[1], complete[2], timeSpent))
    }
    send({ status: 404, body: { errors: [{ message: 'Not found' }] } })
  } catch (err) {
    send({ status: 500, body: { errors: [{ message: String(err) }] } })
  }
})

server.listen(Number(process.env.PORT || 0), '127.0.0.1', () => {
  const address = server.address()
  console.log(`raw server listening on ${typeof address === 'object' ? address?.port : address}`)
})
const stop = () => server.close(() => void pool.end().then(() => process.exit(0)))
process.on('SIGTERM', stop)
process.on('SIGINT', stop)

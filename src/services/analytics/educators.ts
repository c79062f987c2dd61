import type { PayloadRequest } from 'payload'

import { pageShape } from '../../lib/pagination'
import { execute, sql } from '../../lib/sql'
import { now } from './clock'
import { REPORTING_CURRENCY } from './rollup'
import {
  activeStudentsOfCourses,
  completionRate,
  isAtRisk,
  quizScores,
  revenueOf,
  round2,
  salesByDay,
  uuidArray,
  type DayRange,
} from './metrics'

const num = (v: unknown) => Number(v ?? 0)
const iso = (v: string | null | undefined) => (v ? new Date(v).toISOString() : null)

type CourseRow = {
  id: string
  title: string
  published: boolean
  enrollments: number
  completions: number
}

/** The educator's courses (current owner), with live enrollment and completion counts. */
async function coursesOf(req: PayloadRequest, educatorId: string): Promise<CourseRow[]> {
  const rows = await execute<Record<string, string | boolean>>(
    req,
    sql`select c.id, c.title, c._status = 'published' as published,
          count(e.id) as enrollments, count(e.completed_at) as completions
        from courses c left join enrollments e on e.course_id = c.id
        where c.educator_id = ${educatorId}
        group by c.id`,
  )
  return rows.map((r) => ({
    id: String(r.id),
    title: String(r.title),
    published: Boolean(r.published),
    enrollments: num(r.enrollments),
    completions: num(r.completions),
  }))
}

/** GET /api/educators/:id/analytics */
export async function educatorAnalytics(req: PayloadRequest, educatorId: string) {
  const courses = await coursesOf(req, educatorId)
  const ids = courses.map((c) => c.id)
  const [students] = ids.length
    ? await execute<{ n: string }>(
        req,
        sql`select count(distinct student_id) as n from enrollments where course_id = any(${uuidArray(ids)})`,
      )
    : [{ n: '0' }]
  const enrolled = courses.reduce((s, c) => s + c.enrollments, 0)
  const completions = courses.reduce((s, c) => s + c.completions, 0)
  const revenue = revenueOf(await salesByDay(req, ids))
  return {
    courses: courses.length,
    publishedCourses: courses.filter((c) => c.published).length,
    totalStudents: num(students?.n),
    activeStudents30d: await activeStudentsOfCourses(req, ids),
    completions,
    completionRate: completionRate(completions, enrolled),
    averageQuizScore: (await quizScores(req, { courseIds: ids })).average,
    revenue: { gross: revenue.gross, net: revenue.net, currency: REPORTING_CURRENCY },
  }
}

/** GET /api/educators/:id/revenue?from&to&granularity=day|month */
export async function educatorRevenue(
  req: PayloadRequest,
  educatorId: string,
  {
    from,
    to,
    granularity,
  }: Required<Pick<DayRange, 'from' | 'to'>> & {
    granularity: 'day' | 'month'
  },
) {
  const courses = await coursesOf(req, educatorId)
  const rows = await salesByDay(
    req,
    courses.map((c) => c.id),
    { from, to },
  )
  const total = revenueOf(rows)
  const periodOf = (day: string) => (granularity === 'month' ? day.slice(0, 7) : day)
  const periods = new Map<string, { sales: number; gross: number; net: number }>()
  for (const r of [...rows].sort((a, b) => a.day.localeCompare(b.day))) {
    const p = periods.get(periodOf(r.day)) ?? { sales: 0, gross: 0, net: 0 }
    p.sales += r.sales
    p.gross += r.gross
    p.net += r.net - r.refundsNet
    periods.set(periodOf(r.day), p)
  }
  const byCourse = courses
    .map((c) => {
      const own = rows.filter((r) => r.courseId === c.id)
      const sums = revenueOf(own)
      return {
        courseId: c.id,
        title: c.title,
        sales: own.reduce((s, r) => s + r.sales, 0),
        gross: sums.gross,
        net: sums.net,
      }
    })
    .filter((c) => c.sales > 0 || c.gross > 0 || c.net !== 0)
    .sort((a, b) => b.net - a.net)
  return {
    currency: REPORTING_CURRENCY,
    gross: total.gross,
    platformFees: total.platformFees,
    net: total.net,
    refunds: total.refunds,
    series: [...periods].map(([period, p]) => ({ period, ...p })),
    byCourse,
  }
}

/** GET /api/educators/:id/top-courses?by=enrollments|revenue|completionRate&limit */
export async function topCourses(
  req: PayloadRequest,
  educatorId: string,
  { by, limit }: { by: 'enrollments' | 'revenue' | 'completionRate'; limit: number },
) {
  const courses = await coursesOf(req, educatorId)
  const sales = await salesByDay(
    req,
    courses.map((c) => c.id),
  )
  const ranked = courses.map((c) => ({
    courseId: c.id,
    title: c.title,
    enrollments: c.enrollments,
    completions: c.completions,
    completionRate: completionRate(c.completions, c.enrollments),
    revenue: revenueOf(sales.filter((s) => s.courseId === c.id)).net,
  }))
  ranked.sort(
    (a, b) => b[by] - a[by] || b.enrollments - a.enrollments || a.title.localeCompare(b.title),
  )
  return { courses: ranked.slice(0, limit) }
}

/**
 * GET /api/educators/:id/student-performance?courseId&page&limit — one row per enrollment in the
 * educator's courses (or one of them), most recently progressed first.
 */
export async function studentPerformance(
  req: PayloadRequest,
  educatorId: string,
  { courseId, page, limit }: { courseId?: string; page: number; limit: number },
) {
  const scope = courseId
    ? sql`c.id = ${courseId} and c.educator_id = ${educatorId}`
    : sql`c.educator_id = ${educatorId}`
  const [count] = await execute<{ n: string }>(
    req,
    sql`select count(*) as n from enrollments e join courses c on c.id = e.course_id where ${scope}`,
  )
  const totalDocs = num(count?.n)
  // The page is chosen first (by the enrollment's last progress change, an index-ordered column),
  // then activity and quiz scores are looked up for its rows only.
  const rows = await execute<Record<string, string | null>>(
    req,
    sql`with page as (
          select e.id, e.student_id, e.course_id, e.progress_percentage, e.enrolled_at,
            e.completed_at, e.updated_at
          from enrollments e join courses c on c.id = e.course_id
          where ${scope}
          order by e.updated_at desc, e.id
          limit ${limit} offset ${(page - 1) * limit})
        select p.student_id as "studentId", u.full_name as "fullName", p.course_id as "courseId",
          p.progress_percentage as "progressPercentage", p.enrolled_at as "enrolledAt",
          p.completed_at as "completedAt",
          (select max(ev.created_at) from analytics_events ev
            where ev.user_id = p.student_id and ev.course_id = p.course_id) as "lastActiveAt",
          (select avg(best) from (
            select max(qa.score) as best from quiz_attempts qa
            where qa.student_id = p.student_id and qa.course_id = p.course_id
            group by qa.quiz_id) b) as "averageQuizScore"
        from page p join users u on u.id = p.student_id
        order by p.updated_at desc, p.id`,
  )
  const docs = rows.map((r) => {
    const progressPercentage = num(r.progressPercentage)
    return {
      studentId: String(r.studentId),
      fullName: String(r.fullName ?? ''),
      courseId: String(r.courseId),
      progressPercentage,
      averageQuizScore: r.averageQuizScore == null ? null : round2(num(r.averageQuizScore)),
      lastActiveAt: iso(r.lastActiveAt),
      completedAt: iso(r.completedAt),
      atRisk: isAtRisk(
        { enrolledAt: iso(r.enrolledAt), completedAt: iso(r.completedAt), progressPercentage },
        iso(r.lastActiveAt),
      ),
    }
  })
  return pageShape(docs, totalDocs, page, limit)
}

/**
 * The students at risk in the educator's courses (the rule in metrics.ts), least progress first:
 * the count and the first `limit`. SQL narrows to enrollments the rule could flag (open, enrolled
 * 7+ days, under 25 % or idle 14+ days); `isAtRisk` decides, as it does for student-performance.
 */
export async function studentsAtRisk(
  req: PayloadRequest,
  educatorId: string,
  { limit }: { limit: number },
) {
  const at = now().getTime()
  const enrolledBefore = new Date(at - 7 * 86_400_000).toISOString()
  const idleBefore = new Date(at - 14 * 86_400_000).toISOString()
  const rows = await execute<Record<string, string | null>>(
    req,
    sql`with candidates as (
          select e.id, e.student_id, e.course_id, c.title, e.progress_percentage, e.enrolled_at,
            (select max(ev.created_at) from analytics_events ev
              where ev.user_id = e.student_id and ev.course_id = e.course_id) as last_active_at
          from enrollments e join courses c on c.id = e.course_id
          where c.educator_id = ${educatorId} and e.completed_at is null
            and e.enrolled_at <= ${enrolledBefore})
        select o.student_id as "studentId", u.full_name as "fullName", o.course_id as "courseId",
          o.title, o.progress_percentage as "progressPercentage", o.enrolled_at as "enrolledAt",
          o.last_active_at as "lastActiveAt"
        from candidates o join users u on u.id = o.student_id
        where o.progress_percentage < 25 or o.last_active_at is null
          or o.last_active_at <= ${idleBefore}
        order by o.progress_percentage, o.last_active_at nulls first, o.id`,
  )
  const atRisk = rows
    .map((r) => ({
      studentId: String(r.studentId),
      fullName: String(r.fullName ?? ''),
      courseId: String(r.courseId),
      title: String(r.title),
      progressPercentage: num(r.progressPercentage),
      enrolledAt: iso(r.enrolledAt),
      lastActiveAt: iso(r.lastActiveAt),
    }))
    .filter((r) => isAtRisk({ ...r, completedAt: null }, r.lastActiveAt))
  return {
    total: atRisk.length,
    students: atRisk.slice(0, limit).map(({ enrolledAt: _enrolledAt, ...r }) => r),
  }
}

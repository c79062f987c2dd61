import type { WidgetServerProps } from 'payload'
import React from 'react'

import { formatMoney } from '../../../lib/money'
import { addDays, dayOf, now } from '../../../services/analytics/clock'
import {
  educatorAnalytics,
  educatorRevenue,
  studentsAtRisk,
  topCourses,
} from '../../../services/analytics/educators'
import { BarChart } from './BarChart'
import {
  adminHref,
  Empty,
  formatDate,
  formatDateTime,
  formatNumber,
  formatPercent,
  NotForRole,
  Panel,
  ProgressBar,
  Stat,
  Stats,
} from './ui'

/** The days the revenue chart covers, ending today (UTC). */
export const REVENUE_DAYS = 30

const isEducator = (props: WidgetServerProps) => props.req.user?.role === 'educator'

/** Students, completions and revenue over all the educator's courses (GET /api/educators/:id/analytics). */
export async function EducatorSummary(props: WidgetServerProps) {
  const title = 'Your courses at a glance'
  if (!isEducator(props)) return <NotForRole id="educator-summary" role="educator" title={title} />
  const { req } = props
  const a = await educatorAnalytics(req, req.user!.id)
  return (
    <Panel id="educator-summary" title={title}>
      <Stats>
        <Stat
          detail={`${formatNumber(a.activeStudents30d)} active in 30 days`}
          label="Students"
          name="students"
          value={formatNumber(a.totalStudents)}
        />
        <Stat
          detail={`${formatPercent(a.completionRate)} completion rate`}
          label="Completions"
          name="completions"
          value={formatNumber(a.completions)}
        />
        <Stat
          detail={`${formatMoney(a.revenue.gross, a.revenue.currency)} gross`}
          label="Revenue (net)"
          name="revenue"
          value={formatMoney(a.revenue.net, a.revenue.currency)}
        />
        <Stat
          detail={`${formatNumber(a.publishedCourses)} published`}
          label="Courses"
          name="courses"
          value={formatNumber(a.courses)}
        />
        <Stat
          label="Average quiz score"
          name="quiz-score"
          value={`${formatNumber(a.averageQuizScore)}%`}
        />
      </Stats>
    </Panel>
  )
}

/** Net revenue per day over the last 30 days (GET /api/educators/:id/revenue), zero days included. */
export async function EducatorRevenue(props: WidgetServerProps) {
  const title = `Revenue, last ${REVENUE_DAYS} days`
  if (!isEducator(props)) return <NotForRole id="educator-revenue" role="educator" title={title} />
  const { req } = props
  const to = dayOf(now())
  const from = addDays(to, -(REVENUE_DAYS - 1))
  const r = await educatorRevenue(req, req.user!.id, { from, to, granularity: 'day' })
  const byDay = new Map(r.series.map((p) => [p.period, p]))
  const short = (day: string) =>
    new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${day}T00:00:00Z`),
    )
  const bars = Array.from({ length: REVENUE_DAYS }, (_, i) => {
    const day = addDays(from, i)
    const point = byDay.get(day)
    const net = point?.net ?? 0
    return {
      key: day,
      label: short(day),
      value: net,
      text: `${formatMoney(net, r.currency)} net, ${point?.sales ?? 0} sales`,
    }
  })
  const sales = r.series.reduce((s, p) => s + p.sales, 0)
  const peak = Math.max(0, ...bars.map((b) => b.value))
  return (
    <Panel
      action={
        <span className="rl-list__meta" data-stat="revenue-period">
          {formatMoney(r.net, r.currency)} net · {formatNumber(sales)} sales
        </span>
      }
      id="educator-revenue"
      title={title}
    >
      <BarChart
        bars={bars}
        label={`Net revenue per day from ${short(from)} to ${short(to)}: ${formatMoney(r.net, r.currency)} in total from ${sales} sales`}
        peak={peak ? formatMoney(peak, r.currency) : ''}
      />
    </Panel>
  )
}

/** The educator's courses by enrollments (GET /api/educators/:id/top-courses). */
export async function EducatorTopCourses(props: WidgetServerProps) {
  const title = 'Top courses'
  if (!isEducator(props)) return <NotForRole id="educator-courses" role="educator" title={title} />
  const { req } = props
  const { courses } = await topCourses(req, req.user!.id, { by: 'enrollments', limit: 5 })
  return (
    <Panel
      action={<a href={adminHref(req, '/collections/courses')}>All courses</a>}
      id="educator-courses"
      title={title}
    >
      {courses.length ? (
        <ul className="rl-list">
          {courses.map((c) => (
            <li data-course={c.courseId} key={c.courseId}>
              <a
                className="rl-list__main"
                href={adminHref(req, `/collections/courses/${c.courseId}`)}
              >
                {c.title}
              </a>
              <span className="rl-list__meta">
                {formatNumber(c.enrollments)} enrolled · {formatPercent(c.completionRate)} done
              </span>
              <div className="rl-list__bar">
                <ProgressBar
                  label={`${c.title}: ${c.completions} of ${c.enrollments} completed`}
                  max={c.enrollments}
                  value={c.completions}
                />
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <Empty>No courses yet.</Empty>
      )}
    </Panel>
  )
}

/** Students the at-risk rule flags in the educator's courses (src/services/analytics/metrics.ts). */
export async function EducatorAtRisk(props: WidgetServerProps) {
  const title = 'Students at risk'
  if (!isEducator(props)) return <NotForRole id="educator-at-risk" role="educator" title={title} />
  const { req } = props
  const { total, students } = await studentsAtRisk(req, req.user!.id, { limit: 5 })
  return (
    <Panel
      action={
        <span className="rl-list__meta" data-stat="at-risk">
          {formatNumber(total)} in all
        </span>
      }
      id="educator-at-risk"
      title={title}
    >
      {students.length ? (
        <ul className="rl-list">
          {students.map((s) => (
            <li key={`${s.studentId}:${s.courseId}`}>
              <span className="rl-list__main">
                {s.fullName} — {s.title}
              </span>
              <span className="rl-list__meta">
                {formatNumber(s.progressPercentage)}% ·{' '}
                {s.lastActiveAt ? `active ${formatDate(s.lastActiveAt)}` : 'not started'}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <Empty>No student is at risk: everyone enrolled a week ago is moving.</Empty>
      )}
    </Panel>
  )
}

/** The educator's next scheduled live sessions (live-streams, read with their access). */
export async function EducatorLiveSessions(props: WidgetServerProps) {
  const title = 'Upcoming live sessions'
  if (!isEducator(props)) return <NotForRole id="educator-live" role="educator" title={title} />
  const { req } = props
  const { docs } = await req.payload.find({
    collection: 'live-streams',
    where: {
      educator: { equals: req.user!.id },
      status: { equals: 'scheduled' },
      scheduledAt: { greater_than_equal: now().toISOString() },
    },
    sort: 'scheduledAt',
    limit: 5,
    depth: 0,
    overrideAccess: false,
    req,
  })
  return (
    <Panel
      action={<a href={adminHref(req, '/collections/live-streams/create')}>Schedule one</a>}
      id="educator-live"
      title={title}
    >
      {docs.length ? (
        <ul className="rl-list">
          {docs.map((s) => (
            <li key={s.id}>
              <a
                className="rl-list__main"
                href={adminHref(req, `/collections/live-streams/${s.id}`)}
              >
                {s.title}
              </a>
              <span className="rl-list__meta">{formatDateTime(s.scheduledAt)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <Empty>Nothing scheduled.</Empty>
      )}
    </Panel>
  )
}

import type { WidgetServerProps } from 'payload'
import React from 'react'

import { addDays, dayOf, now } from '../../../services/analytics/clock'
import {
  educatorAnalytics,
  educatorRevenue,
  studentsAtRisk,
  topCourses,
} from '../../../services/analytics/educators'
import { BarChart } from './BarChart'
import { adminHref, Empty, formats, NotForRole, Panel, ProgressBar, Stat, Stats, tr } from './ui'

/** The days the revenue chart covers, ending today (UTC). */
export const REVENUE_DAYS = 30

const isEducator = (props: WidgetServerProps) => props.req.user?.role === 'educator'

/** Students, completions and revenue over all the educator's courses (GET /api/educators/:id/analytics). */
export async function EducatorSummary(props: WidgetServerProps) {
  const { req } = props
  const title = tr(req, 'readylab:eduAtAGlance')
  if (!isEducator(props)) {
    return <NotForRole id="educator-summary" req={req} role="educator" title={title} />
  }
  const f = formats(req)
  const a = await educatorAnalytics(req, req.user!.id)
  return (
    <Panel id="educator-summary" title={title}>
      <Stats>
        <Stat
          detail={tr(req, 'readylab:dashActive30', { count: f.number(a.activeStudents30d) })}
          label={tr(req, 'readylab:students')}
          name="students"
          value={f.number(a.totalStudents)}
        />
        <Stat
          detail={tr(req, 'readylab:eduCompletionRate', { value: f.percent(a.completionRate) })}
          label={tr(req, 'readylab:eduCompletions')}
          name="completions"
          value={f.number(a.completions)}
        />
        <Stat
          detail={tr(req, 'readylab:eduGross', {
            value: f.money(a.revenue.gross, a.revenue.currency),
          })}
          label={tr(req, 'readylab:eduRevenue')}
          name="revenue"
          value={f.money(a.revenue.net, a.revenue.currency)}
        />
        <Stat
          detail={tr(req, 'readylab:dashPublished', { count: f.number(a.publishedCourses) })}
          label={tr(req, 'readylab:dashCourses')}
          name="courses"
          value={f.number(a.courses)}
        />
        <Stat
          label={tr(req, 'readylab:eduQuizScore')}
          name="quiz-score"
          value={`${f.number(a.averageQuizScore)}%`}
        />
      </Stats>
    </Panel>
  )
}

/** Net revenue per day over the last 30 days (GET /api/educators/:id/revenue), zero days included. */
export async function EducatorRevenue(props: WidgetServerProps) {
  const { req } = props
  const title = tr(req, 'readylab:eduRevenueTitle', { days: REVENUE_DAYS })
  if (!isEducator(props)) {
    return <NotForRole id="educator-revenue" req={req} role="educator" title={title} />
  }
  const f = formats(req)
  const to = dayOf(now())
  const from = addDays(to, -(REVENUE_DAYS - 1))
  const r = await educatorRevenue(req, req.user!.id, { from, to, granularity: 'day' })
  const byDay = new Map(r.series.map((p) => [p.period, p]))
  const bars = Array.from({ length: REVENUE_DAYS }, (_, i) => {
    const day = addDays(from, i)
    const point = byDay.get(day)
    const net = point?.net ?? 0
    return {
      key: day,
      label: f.shortDay(day),
      value: net,
      text: tr(req, 'readylab:eduRevenueDay', {
        net: f.money(net, r.currency),
        sales: f.number(point?.sales ?? 0),
      }),
    }
  })
  const sales = r.series.reduce((s, p) => s + p.sales, 0)
  const peak = Math.max(0, ...bars.map((b) => b.value))
  return (
    <Panel
      action={
        <span className="rl-list__meta" data-stat="revenue-period">
          {tr(req, 'readylab:eduRevenuePeriod', {
            net: f.money(r.net, r.currency),
            sales: f.number(sales),
          })}
        </span>
      }
      id="educator-revenue"
      title={title}
    >
      <BarChart
        bars={bars}
        label={tr(req, 'readylab:eduRevenueChart', {
          from: f.shortDay(from),
          to: f.shortDay(to),
          net: f.money(r.net, r.currency),
          sales: f.number(sales),
        })}
        peak={peak ? f.money(peak, r.currency) : ''}
      />
    </Panel>
  )
}

/** The educator's courses by enrollments (GET /api/educators/:id/top-courses). */
export async function EducatorTopCourses(props: WidgetServerProps) {
  const { req } = props
  const title = tr(req, 'readylab:eduTopCourses')
  if (!isEducator(props)) {
    return <NotForRole id="educator-courses" req={req} role="educator" title={title} />
  }
  const f = formats(req)
  const { courses } = await topCourses(req, req.user!.id, { by: 'enrollments', limit: 5 })
  return (
    <Panel
      action={
        <a href={adminHref(req, '/collections/courses')}>{tr(req, 'readylab:eduAllCourses')}</a>
      }
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
                {tr(req, 'readylab:eduEnrolledDone', {
                  enrolled: f.number(c.enrollments),
                  done: f.percent(c.completionRate),
                })}
              </span>
              <div className="rl-list__bar">
                <ProgressBar
                  label={tr(req, 'readylab:eduCourseBar', {
                    title: c.title,
                    completions: f.number(c.completions),
                    enrollments: f.number(c.enrollments),
                  })}
                  max={c.enrollments}
                  value={c.completions}
                />
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <Empty>{tr(req, 'readylab:eduNoCourses')}</Empty>
      )}
    </Panel>
  )
}

/** Students the at-risk rule flags in the educator's courses (src/services/analytics/metrics.ts). */
export async function EducatorAtRisk(props: WidgetServerProps) {
  const { req } = props
  const title = tr(req, 'readylab:eduAtRisk')
  if (!isEducator(props)) {
    return <NotForRole id="educator-at-risk" req={req} role="educator" title={title} />
  }
  const f = formats(req)
  const { total, students } = await studentsAtRisk(req, req.user!.id, { limit: 5 })
  return (
    <Panel
      action={
        <span className="rl-list__meta" data-stat="at-risk">
          {tr(req, 'readylab:dashInAll', { count: f.number(total) })}
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
                {f.number(s.progressPercentage)}% ·{' '}
                {s.lastActiveAt
                  ? tr(req, 'readylab:eduActiveOn', { date: f.date(s.lastActiveAt) })
                  : tr(req, 'readylab:eduNotStarted')}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <Empty>{tr(req, 'readylab:eduNoneAtRisk')}</Empty>
      )}
    </Panel>
  )
}

/** The educator's next scheduled live sessions (live-streams, read with their access). */
export async function EducatorLiveSessions(props: WidgetServerProps) {
  const { req } = props
  const title = tr(req, 'readylab:eduLive')
  if (!isEducator(props)) {
    return <NotForRole id="educator-live" req={req} role="educator" title={title} />
  }
  const f = formats(req)
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
      action={
        <a href={adminHref(req, '/collections/live-streams/create')}>
          {tr(req, 'readylab:eduScheduleOne')}
        </a>
      }
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
              <span className="rl-list__meta">{f.dateTime(s.scheduledAt)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <Empty>{tr(req, 'readylab:eduNothingScheduled')}</Empty>
      )}
    </Panel>
  )
}

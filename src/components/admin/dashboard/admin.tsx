import type { WidgetServerProps } from 'payload'
import React from 'react'

import { formatMoney } from '../../../lib/money'
import { operationsOverview, platformOverview } from '../../../services/analytics/platform'
import {
  adminHref,
  Empty,
  formatDateTime,
  formatNumber,
  NotForRole,
  Panel,
  Stat,
  Stats,
} from './ui'

const isAdmin = (props: WidgetServerProps) => props.req.user?.role === 'admin'

/** Users by role, courses, enrollments and revenue across the platform. */
export async function PlatformTotals(props: WidgetServerProps) {
  const title = 'Platform'
  if (!isAdmin(props)) return <NotForRole id="platform-totals" role="admin" title={title} />
  const { req } = props
  const p = await platformOverview(req)
  const users = Object.values(p.usersByRole).reduce((s, n) => s + n, 0)
  return (
    <Panel
      action={<a href={adminHref(req, '/collections/users')}>Users</a>}
      id="platform-totals"
      title={title}
    >
      <Stats>
        <Stat
          detail={`${p.usersByRole.student} students · ${p.usersByRole.educator} educators · ${p.usersByRole.institution} institutions · ${p.usersByRole.admin} admins`}
          label="Users"
          name="users"
          value={formatNumber(users)}
        />
        <Stat
          detail={`${formatNumber(p.publishedCourses)} published`}
          label="Courses"
          name="courses"
          value={formatNumber(p.courses)}
        />
        <Stat label="Enrollments" name="enrollments" value={formatNumber(p.enrollments)} />
        <Stat
          detail={`${formatMoney(p.revenue.platformFees, p.revenue.currency)} platform fees · ${formatMoney(p.revenue.refunds, p.revenue.currency)} refunded`}
          label="Sales (gross)"
          name="revenue"
          value={formatMoney(p.revenue.gross, p.revenue.currency)}
        />
      </Stats>
    </Panel>
  )
}

/** Failed jobs and the outbox backlog: what an operator looks at first. */
export async function Operations(props: WidgetServerProps) {
  const title = 'Jobs and webhooks'
  if (!isAdmin(props)) return <NotForRole id="operations" role="admin" title={title} />
  const { req } = props
  const o = await operationsOverview(req)
  return (
    <Panel
      action={<a href={adminHref(req, '/collections/job-failures')}>All failed jobs</a>}
      id="operations"
      title={title}
    >
      <Stats>
        <Stat
          detail={`${formatNumber(o.failedJobs.lastDay)} in the last 24 hours`}
          label="Failed jobs"
          name="failed-jobs"
          value={formatNumber(o.failedJobs.total)}
        />
        <Stat
          detail={
            o.outbox.oldestPendingAt
              ? `oldest since ${formatDateTime(o.outbox.oldestPendingAt)}`
              : 'nothing waiting'
          }
          label="Outbox pending"
          name="outbox-pending"
          value={formatNumber(o.outbox.pending)}
        />
        <Stat
          detail="gave up after retries"
          label="Outbox failed"
          name="outbox-failed"
          value={formatNumber(o.outbox.failed)}
        />
        <Stat
          detail="applied as they arrive"
          label="Webhook events (24 h)"
          name="webhook-events"
          value={formatNumber(o.webhookEventsLastDay)}
        />
      </Stats>
      {o.failedJobs.recent.length ? (
        <ul className="rl-list rl-list--spaced">
          {o.failedJobs.recent.map((f) => (
            <li key={f.id}>
              <a
                className="rl-list__main"
                href={adminHref(req, `/collections/job-failures/${f.id}`)}
              >
                {f.jobName} <span className="rl-list__meta">({f.queue})</span>
              </a>
              <span className="rl-list__meta">{formatDateTime(f.failedAt)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <Empty>No failed jobs.</Empty>
      )}
      <div className="rl-actions">
        <a href={adminHref(req, '/collections/outbox')}>Outbox</a>
        <a href={adminHref(req, '/collections/webhook-events')}>Webhook events</a>
      </div>
    </Panel>
  )
}

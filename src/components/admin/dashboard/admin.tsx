import type { WidgetServerProps } from 'payload'
import React from 'react'

import { operationsOverview, platformOverview } from '../../../services/analytics/platform'
import { adminHref, Empty, formats, NotForRole, Panel, Stat, Stats, tr } from './ui'

const isAdmin = (props: WidgetServerProps) => props.req.user?.role === 'admin'

/** Users by role, courses, enrollments and revenue across the platform. */
export async function PlatformTotals(props: WidgetServerProps) {
  const { req } = props
  const title = tr(req, 'readylab:admPlatform')
  if (!isAdmin(props)) {
    return <NotForRole id="platform-totals" req={req} role="admin" title={title} />
  }
  const f = formats(req)
  const p = await platformOverview(req)
  const users = Object.values(p.usersByRole).reduce((s, n) => s + n, 0)
  return (
    <Panel
      action={<a href={adminHref(req, '/collections/users')}>{tr(req, 'readylab:admUsers')}</a>}
      id="platform-totals"
      title={title}
    >
      <Stats>
        <Stat
          detail={tr(req, 'readylab:admUsersByRole', {
            students: f.number(p.usersByRole.student),
            educators: f.number(p.usersByRole.educator),
            institutions: f.number(p.usersByRole.institution),
            admins: f.number(p.usersByRole.admin),
          })}
          label={tr(req, 'readylab:admUsers')}
          name="users"
          value={f.number(users)}
        />
        <Stat
          detail={tr(req, 'readylab:dashPublished', { count: f.number(p.publishedCourses) })}
          label={tr(req, 'readylab:dashCourses')}
          name="courses"
          value={f.number(p.courses)}
        />
        <Stat
          label={tr(req, 'readylab:admEnrollments')}
          name="enrollments"
          value={f.number(p.enrollments)}
        />
        <Stat
          detail={tr(req, 'readylab:admFees', {
            fees: f.money(p.revenue.platformFees, p.revenue.currency),
            refunds: f.money(p.revenue.refunds, p.revenue.currency),
          })}
          label={tr(req, 'readylab:admSales')}
          name="revenue"
          value={f.money(p.revenue.gross, p.revenue.currency)}
        />
      </Stats>
    </Panel>
  )
}

/** Failed jobs and the outbox backlog: what an operator looks at first. */
export async function Operations(props: WidgetServerProps) {
  const { req } = props
  const title = tr(req, 'readylab:admJobs')
  if (!isAdmin(props)) return <NotForRole id="operations" req={req} role="admin" title={title} />
  const f = formats(req)
  const o = await operationsOverview(req)
  return (
    <Panel
      action={
        <a href={adminHref(req, '/collections/job-failures')}>
          {tr(req, 'readylab:admAllFailedJobs')}
        </a>
      }
      id="operations"
      title={title}
    >
      <Stats>
        <Stat
          detail={tr(req, 'readylab:admLastDay', { count: f.number(o.failedJobs.lastDay) })}
          label={tr(req, 'readylab:admFailedJobs')}
          name="failed-jobs"
          value={f.number(o.failedJobs.total)}
        />
        <Stat
          detail={
            o.outbox.oldestPendingAt
              ? tr(req, 'readylab:admOldestSince', { date: f.dateTime(o.outbox.oldestPendingAt) })
              : tr(req, 'readylab:admNothingWaiting')
          }
          label={tr(req, 'readylab:admOutboxPending')}
          name="outbox-pending"
          value={f.number(o.outbox.pending)}
        />
        <Stat
          detail={tr(req, 'readylab:admGaveUp')}
          label={tr(req, 'readylab:admOutboxFailed')}
          name="outbox-failed"
          value={f.number(o.outbox.failed)}
        />
        <Stat
          detail={tr(req, 'readylab:admAppliedOnArrival')}
          label={tr(req, 'readylab:admWebhookEvents24')}
          name="webhook-events"
          value={f.number(o.webhookEventsLastDay)}
        />
      </Stats>
      {o.failedJobs.recent.length ? (
        <ul className="rl-list rl-list--spaced">
          {o.failedJobs.recent.map((job) => (
            <li key={job.id}>
              <a
                className="rl-list__main"
                href={adminHref(req, `/collections/job-failures/${job.id}`)}
              >
                {job.jobName} <span className="rl-list__meta">({job.queue})</span>
              </a>
              <span className="rl-list__meta">{f.dateTime(job.failedAt)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <Empty>{tr(req, 'readylab:admNoFailedJobs')}</Empty>
      )}
      <div className="rl-actions">
        <a href={adminHref(req, '/collections/outbox')}>{tr(req, 'readylab:admOutbox')}</a>
        <a href={adminHref(req, '/collections/webhook-events')}>
          {tr(req, 'readylab:admWebhookEvents')}
        </a>
      </div>
    </Panel>
  )
}

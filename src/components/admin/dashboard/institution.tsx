import type { WidgetServerProps } from 'payload'
import React from 'react'

import { cohortReport, institutionAnalytics } from '../../../services/analytics/institutions'
import { adminHref, Empty, formats, NotForRole, Panel, ProgressBar, Stat, Stats, tr } from './ui'

/** How many cohorts the card lists (the newest first); the rest are a click away. */
const COHORTS_SHOWN = 8

const isInstitution = (props: WidgetServerProps) => props.req.user?.role === 'institution'

/** The export-report endpoint (CSV or PDF; every cohort without cohortId). */
const reportHref = (institutionId: string, format: 'csv' | 'pdf', cohortId?: string) =>
  `/api/institutions/${institutionId}/export-report?format=${format}${cohortId ? `&cohortId=${cohortId}` : ''}`

/** Seats, learners and certificates over every cohort (GET /api/institutions/:id/analytics). */
export async function InstitutionSummary(props: WidgetServerProps) {
  const title = tr(props.req, 'readylab:dashAtAGlance')
  if (!isInstitution(props)) {
    return <NotForRole id="institution-summary" req={props.req} role="institution" title={title} />
  }
  const { req } = props
  const { number: formatNumber, percent: formatPercent } = formats(req)
  const id = req.user!.id
  const a = await institutionAnalytics(req, id)
  return (
    <Panel
      action={
        <a href={adminHref(req, '/collections/licenses')}>{tr(req, 'readylab:dashBillingSeats')}</a>
      }
      id="institution-summary"
      title={title}
    >
      <Stats>
        <Stat
          detail={tr(req, 'readylab:dashFree', {
            count: formatNumber(Math.max(0, a.seats.total - a.seats.used)),
          })}
          label={tr(req, 'readylab:dashSeatsUsed')}
          name="seats"
          value={`${formatNumber(a.seats.used)} / ${formatNumber(a.seats.total)}`}
        />
        <Stat
          detail={tr(req, 'readylab:dashActive30', { count: formatNumber(a.activeStudents30d) })}
          label={tr(req, 'readylab:students')}
          name="students"
          value={formatNumber(a.students)}
        />
        <Stat
          detail={tr(req, 'readylab:dashCompleted', { value: formatPercent(a.completionRate) })}
          label={tr(req, 'readylab:dashAverageProgress')}
          name="progress"
          value={`${formatNumber(a.averageProgress)}%`}
        />
        <Stat
          label={tr(req, 'readylab:dashCertificates')}
          name="certificates"
          value={formatNumber(a.certificatesIssued)}
        />
        <Stat
          label={tr(req, 'readylab:dashCohorts')}
          name="cohorts"
          value={formatNumber(a.cohorts)}
        />
      </Stats>
      <div className="rl-stats-bar">
        <ProgressBar
          label={tr(req, 'readylab:seatsUsed', { used: a.seats.used, total: a.seats.total })}
          max={a.seats.total}
          value={a.seats.used}
        />
      </div>
      <div className="rl-actions">
        <a download href={reportHref(id, 'csv')}>
          {tr(req, 'readylab:downloadReport')}
        </a>
        <a download href={reportHref(id, 'pdf')}>
          {tr(req, 'readylab:dashSummaryPdf')}
        </a>
      </div>
    </Panel>
  )
}

/** Each cohort (read with the institution's access) with its report's progress (cohortReport). */
export async function InstitutionCohorts(props: WidgetServerProps) {
  const title = tr(props.req, 'readylab:dashCohorts')
  if (!isInstitution(props)) {
    return <NotForRole id="institution-cohorts" req={props.req} role="institution" title={title} />
  }
  const { req } = props
  const { number: formatNumber } = formats(req)
  const id = req.user!.id
  const cohorts = await req.payload.find({
    collection: 'cohorts',
    where: { institution: { equals: id } },
    sort: '-createdAt',
    limit: COHORTS_SHOWN,
    depth: 0,
    overrideAccess: false,
    req,
  })
  const rows = []
  for (const cohort of cohorts.docs) rows.push({ cohort, report: await cohortReport(req, cohort) })
  return (
    <Panel
      action={
        <a href={adminHref(req, '/collections/cohorts')}>
          {cohorts.totalDocs > rows.length
            ? tr(req, 'readylab:dashAllCohorts', { count: cohorts.totalDocs })
            : tr(req, 'readylab:dashManageCohorts')}
        </a>
      }
      id="institution-cohorts"
      title={title}
    >
      {rows.length ? (
        <ul className="rl-list">
          {rows.map(({ cohort, report: { summary } }) => (
            <li data-cohort={cohort.id} key={cohort.id}>
              <a
                className="rl-list__main"
                href={adminHref(req, `/collections/cohorts/${cohort.id}`)}
              >
                {cohort.name}
              </a>
              <span className="rl-list__meta">
                <span data-stat="cohort-students">{formatNumber(summary.students)}</span>{' '}
                {tr(req, 'readylab:dashStudentsShort')} ·{' '}
                <span data-stat="cohort-progress">{formatNumber(summary.averageProgress)}%</span> ·{' '}
                {formatNumber(summary.certificatesIssued)}{' '}
                {tr(req, 'readylab:dashCertificatesShort')} ·{' '}
                <a download href={reportHref(id, 'csv', cohort.id)}>
                  <span className="sr-only">{cohort.name} </span>
                  {tr(req, 'readylab:dashReport')}
                </a>
              </span>
              <div className="rl-list__bar">
                <ProgressBar
                  label={tr(req, 'readylab:dashCohortBar', {
                    name: cohort.name,
                    value: summary.averageProgress,
                  })}
                  max={100}
                  value={summary.averageProgress}
                />
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <Empty>
          {tr(req, 'readylab:dashNoCohorts')}{' '}
          <a href={adminHref(req, '/collections/cohorts/create')}>
            {tr(req, 'readylab:dashCreateOne')}
          </a>
          .
        </Empty>
      )}
    </Panel>
  )
}

import type { PayloadRequest } from 'payload'
import { formatAdminURL } from 'payload/shared'
import React from 'react'

import type { CustomTranslationsKeys } from '../../../admin/i18n'
import './dashboard.scss'

export { ProgressBar } from '../ProgressBar'

/** One of our admin strings (src/admin/i18n.ts) in the request's language. */
export const tr = (
  req: PayloadRequest,
  key: CustomTranslationsKeys,
  vars?: Record<string, unknown>,
) => (req.i18n.t as (key: string, vars?: Record<string, unknown>) => string)(key, vars)

/** A link inside the admin (its route may be moved in the config). */
export const adminHref = (req: PayloadRequest, path: string) =>
  formatAdminURL({ adminRoute: req.payload.config.routes.admin, path: path as `/${string}` })

export const formatNumber = (n: number) => new Intl.NumberFormat('en').format(n)
export const formatPercent = (ratio: number) =>
  new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 0 }).format(ratio)
export const formatDateTime = (iso: string) =>
  new Intl.DateTimeFormat('en', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(new Date(iso)) + ' UTC'
export const formatDate = (iso: string) =>
  new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso))

/** One dashboard card: a titled region (its heading names it for assistive technology). */
export function Panel({
  id,
  title,
  action,
  children,
}: {
  id: string
  title: string
  action?: React.ReactNode
  children: React.ReactNode
}) {
  return (
    <section aria-labelledby={`${id}-title`} className="rl-panel" data-widget={id}>
      <header className="rl-panel__header">
        <h2 className="rl-panel__title" id={`${id}-title`}>
          {title}
        </h2>
        {action}
      </header>
      {children}
    </section>
  )
}

/** A headline number with its label (and a detail line under it). */
export function Stat({
  label,
  value,
  detail,
  name,
}: {
  label: string
  value: string
  detail?: string
  name: string
}) {
  return (
    <div className="rl-stat" data-stat={name}>
      <dt className="rl-stat__label">{label}</dt>
      <dd className="rl-stat__value">{value}</dd>
      {detail ? <dd className="rl-stat__detail">{detail}</dd> : null}
    </div>
  )
}

export function Stats({ children }: { children: React.ReactNode }) {
  return <dl className="rl-stats">{children}</dl>
}

export function Empty({ children }: { children: React.ReactNode }) {
  return <p className="rl-empty">{children}</p>
}

/** Shown when a widget is added to the dashboard of a role it is not for. */
export function NotForRole({ id, title, role }: { id: string; title: string; role: string }) {
  return (
    <Panel id={id} title={title}>
      <Empty>This card is for {role} accounts.</Empty>
    </Panel>
  )
}

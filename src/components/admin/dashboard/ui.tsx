import type { PayloadRequest } from 'payload'
import { formatAdminURL } from 'payload/shared'
import React from 'react'

import { type CustomTranslationsKeys, tr } from '../../../admin/i18n'
import type { Role } from '../../../lib/constants'
import { formatMoney } from '../../../lib/money'
import './dashboard.scss'

export { tr }

export { ProgressBar } from '../ProgressBar'

/** A link inside the admin (its route may be moved in the config). */
export const adminHref = (req: PayloadRequest, path: string) =>
  formatAdminURL({ adminRoute: req.payload.config.routes.admin, path: path as `/${string}` })

/**
 * Numbers, money and dates in the request's language ("1,234" and "Dec 6" in English, "1234" and
 * "6 dic" in Spanish). Dates are UTC, as the analytics days are.
 */
export function formats(req: PayloadRequest) {
  const locale = req.i18n.language
  // Made once per page, not once per figure (a chart prints dozens).
  const number = new Intl.NumberFormat(locale)
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 })
  const dateTime = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  })
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' })
  const shortDay = new Intl.DateTimeFormat(locale, {
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  })
  return {
    number: (n: number) => number.format(n),
    percent: (ratio: number) => percent.format(ratio),
    money: (cents: number, currency: string) => formatMoney(cents, currency, locale),
    dateTime: (iso: string) => dateTime.format(new Date(iso)) + ' UTC',
    date: (iso: string) => date.format(new Date(iso)),
    shortDay: (day: string) => shortDay.format(new Date(`${day}T00:00:00Z`)),
  }
}

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

const ROLE_KEY: Record<Exclude<Role, 'student'>, CustomTranslationsKeys> = {
  educator: 'readylab:roleEducator',
  institution: 'readylab:roleInstitution',
  admin: 'readylab:roleAdmin',
}

/** Shown when a widget is added to the dashboard of a role it is not for. */
export function NotForRole({
  req,
  id,
  title,
  role,
}: {
  req: PayloadRequest
  id: string
  title: string
  role: keyof typeof ROLE_KEY
}) {
  return (
    <Panel id={id} title={title}>
      <Empty>{tr(req, 'readylab:dashNotForRole', { role: tr(req, ROLE_KEY[role]) })}</Empty>
    </Panel>
  )
}

'use client'

import { Button, useDocumentInfo, useFormFields, useTranslation } from '@payloadcms/ui'
import React, { useCallback, useEffect, useId, useRef, useState } from 'react'

import type { CustomTranslationsKeys, CustomTranslationsObject } from '../../../admin/i18n'
import { idOf } from '../../../lib/ids'
import { apiJSON, useApiURL } from '../api'
import { ProgressBar } from '../ProgressBar'
import './cohort-manager.scss'

type Status = 'added' | 'already_member' | 'invited' | 'invalid'
type BulkAnswer = {
  results: { email: string; status: Status; reason?: string }[]
  summary: { added: number; alreadyMember: number; invited: number; invalid: number }
}
type Report = {
  summary: { students: number; averageProgress: number; certificatesIssued: number }
  students: {
    studentId: string
    fullName: string
    email: string
    courses: { courseId: string; title: string; progressPercentage: number }[]
  }[]
}
type Seats = { total: number; used: number; available: number }
type CertificateStatus = { completed: number; issued: number; pending: number }

const STATUS_KEY: Record<Status, CustomTranslationsKeys> = {
  added: 'readylab:resultAdded',
  invited: 'readylab:resultInvited',
  already_member: 'readylab:resultAlreadyMember',
  invalid: 'readylab:resultInvalid',
}

/**
 * The cohort's screen in the admin: add students by email (pasted or a CSV) through the bulk
 * endpoint, seats, each member's progress, the cohort's certificates and its report.
 */
export function CohortManager() {
  const { id } = useDocumentInfo()
  const { t } = useTranslation<CustomTranslationsObject, CustomTranslationsKeys>()
  const apiURL = useApiURL()
  const institution = useFormFields(([fields]) => idOf(fields.institution?.value))
  const educators = useFormFields(([fields]) => fields.educators?.value)
  const educatorCount = Array.isArray(educators) ? educators.length : 0
  const base = `${apiURL}/institutions/${institution}/cohorts/${id}`
  const formId = useId()

  const [report, setReport] = useState<Report | null>(null)
  const [seats, setSeats] = useState<Seats | null>(null)
  const [certificates, setCertificates] = useState<CertificateStatus | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [emails, setEmails] = useState('')
  const [csv, setCsv] = useState<string | null>(null)
  const [skipInvalid, setSkipInvalid] = useState(false)
  const [busy, setBusy] = useState(false)
  const [answer, setAnswer] = useState<BulkAnswer | null>(null)
  const [issuing, setIssuing] = useState(false)
  const [queued, setQueued] = useState<number | null>(null)
  const poll = useRef<ReturnType<typeof setTimeout> | null>(null)

  type Loaded = {
    report?: Report
    seats?: Seats
    certificates?: CertificateStatus
    error?: string
  }
  const fetchAll = useCallback(async (): Promise<Loaded> => {
    if (!id || !institution) return {}
    try {
      // The report decides; seats and the certificate status are shown when they load.
      const [report, billing, certificates] = await Promise.all([
        apiJSON<Report>(`${base}/report`),
        apiJSON<{ seats: Seats }>(`${apiURL}/institutions/${institution}/billing`).catch(
          () => undefined,
        ),
        apiJSON<CertificateStatus>(`${base}/certificates`).catch(() => undefined),
      ])
      return { report, seats: billing?.seats, certificates }
    } catch (err) {
      return { error: t('readylab:loadFailed', { message: (err as Error).message }) }
    }
  }, [apiURL, base, id, institution, t])

  const apply = useCallback((loaded: Loaded) => {
    if (loaded.report) setReport(loaded.report)
    if (loaded.seats) setSeats(loaded.seats)
    if (loaded.certificates) setCertificates(loaded.certificates)
    setError(loaded.error ?? null)
  }, [])

  const load = useCallback(async () => apply(await fetchAll()), [apply, fetchAll])

  useEffect(() => {
    let live = true
    void fetchAll().then((loaded) => {
      if (live) apply(loaded)
    })
    return () => {
      live = false
      if (poll.current) clearTimeout(poll.current)
    }
  }, [apply, fetchAll])

  if (!id) {
    return <p className="rl-cohort__note">{t('readylab:saveFirst')}</p>
  }

  const addStudents = async () => {
    setBusy(true)
    setAnswer(null)
    setError(null)
    try {
      const list = emails
        .split(/[\n,;]+/)
        .map((e) => e.trim())
        .filter(Boolean)
      const body =
        csv !== null && !list.length ? { csv, skipInvalid } : { emails: list, skipInvalid }
      setAnswer(
        await apiJSON<BulkAnswer>(`${base}/students/bulk`, {
          method: 'POST',
          body: JSON.stringify(body),
        }),
      )
      setEmails('')
      setCsv(null)
      await load()
    } catch (err) {
      setError(t('readylab:requestFailed', { message: (err as Error).message }))
    } finally {
      setBusy(false)
    }
  }

  const readCsv = async (event: React.ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    setCsv(file ? await file.text() : null)
  }

  const watchCertificates = async (rounds = 0) => {
    const status = await apiJSON<CertificateStatus>(`${base}/certificates`).catch(() => null)
    if (status) {
      setCertificates(status)
      if (status.pending > 0 && rounds < 30) {
        poll.current = setTimeout(() => void watchCertificates(rounds + 1), 2000)
        return
      }
    }
    setIssuing(false)
    void load()
  }

  const issueCertificates = async () => {
    setIssuing(true)
    setError(null)
    try {
      const { queued } = await apiJSON<{ queued: number }>(`${base}/certificates`, {
        method: 'POST',
      })
      setQueued(queued)
      await watchCertificates()
    } catch (err) {
      setIssuing(false)
      setError(t('readylab:requestFailed', { message: (err as Error).message }))
    }
  }

  const reportHref = `${apiURL}/institutions/${institution}/export-report?format=csv&cohortId=${id}`

  return (
    <section aria-labelledby={`${formId}-title`} className="rl-cohort" data-cohort-manager>
      <h2 className="rl-cohort__title" id={`${formId}-title`}>
        {t('readylab:cohortManager')}
      </h2>
      {error ? (
        <p className="rl-cohort__error" role="alert">
          {error}
        </p>
      ) : null}

      <div className="rl-cohort__grid">
        <div className="rl-cohort__card" data-stat="seats">
          <h3>{t('readylab:seats')}</h3>
          {seats && seats.total > 0 ? (
            <>
              <p>{t('readylab:seatsUsed', { used: seats.used, total: seats.total })}</p>
              <ProgressBar
                label={t('readylab:seatsUsed', { used: seats.used, total: seats.total })}
                max={seats.total}
                value={seats.used}
              />
            </>
          ) : (
            <p>{t('readylab:seatsNone')}</p>
          )}
        </div>
        <div className="rl-cohort__card" data-stat="students">
          <h3>{t('readylab:students')}</h3>
          <p className="rl-cohort__number" data-value={report?.summary.students ?? 0}>
            {t('readylab:studentCount', { count: report?.summary.students ?? 0 })}
          </p>
          <p>{t('readylab:averageProgress', { value: report?.summary.averageProgress ?? 0 })}</p>
        </div>
        <div className="rl-cohort__card" data-stat="educators">
          <h3>{t('readylab:educators')}</h3>
          <p>{t('readylab:educatorsHelp', { count: educatorCount })}</p>
        </div>
        <div className="rl-cohort__card" data-stat="certificates">
          <h3>{t('readylab:certificates')}</h3>
          <p>
            {t('readylab:certificatesStatus', {
              issued: certificates?.issued ?? 0,
              completed: certificates?.completed ?? 0,
            })}
          </p>
          <ProgressBar
            label={t('readylab:certificatesStatus', {
              issued: certificates?.issued ?? 0,
              completed: certificates?.completed ?? 0,
            })}
            max={certificates?.completed ?? 0}
            value={certificates?.issued ?? 0}
          />
          <div className="rl-cohort__actions">
            <Button
              buttonStyle="secondary"
              disabled={issuing}
              onClick={() => void issueCertificates()}
              size="small"
            >
              {issuing ? t('readylab:issuing') : t('readylab:issueCertificates')}
            </Button>
            {queued !== null ? (
              <span aria-live="polite">{t('readylab:queued', { count: queued })}</span>
            ) : null}
          </div>
        </div>
      </div>

      {/* Not a <form>: the cohort's edit form already wraps this field. */}
      <div aria-labelledby={`${formId}-add`} className="rl-cohort__form" role="group">
        <h3 id={`${formId}-add`}>{t('readylab:addStudents')}</h3>
        <p className="rl-cohort__help">{t('readylab:addStudentsHelp')}</p>
        <label htmlFor={`${formId}-emails`}>{t('readylab:emailsLabel')}</label>
        <textarea
          id={`${formId}-emails`}
          name="emails"
          onChange={(e) => setEmails(e.target.value)}
          rows={5}
          value={emails}
        />
        <label htmlFor={`${formId}-csv`}>{t('readylab:csvLabel')}</label>
        <input
          accept=".csv,text/csv,text/plain"
          id={`${formId}-csv`}
          name="csv"
          onChange={(e) => void readCsv(e)}
          type="file"
        />
        <label className="rl-cohort__check" htmlFor={`${formId}-skip`}>
          <input
            checked={skipInvalid}
            id={`${formId}-skip`}
            onChange={(e) => setSkipInvalid(e.target.checked)}
            type="checkbox"
          />
          {t('readylab:skipInvalid')}
        </label>
        <div className="rl-cohort__actions">
          <Button
            buttonStyle="primary"
            disabled={busy || (!emails.trim() && csv === null)}
            onClick={() => void addStudents()}
            size="small"
          >
            {busy ? t('readylab:adding') : t('readylab:addButton')}
          </Button>
        </div>
      </div>

      {answer ? (
        <div aria-live="polite" className="rl-cohort__results" data-bulk-results>
          <p>
            {t('readylab:resultSummary', {
              added: answer.summary.added,
              invited: answer.summary.invited,
              alreadyMember: answer.summary.alreadyMember,
              invalid: answer.summary.invalid,
            })}
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('readylab:email')}</th>
                <th scope="col">{t('readylab:result')}</th>
              </tr>
            </thead>
            <tbody>
              {answer.results.map((r) => (
                <tr data-status={r.status} key={r.email}>
                  <td>{r.email}</td>
                  <td>
                    <span className={`rl-cohort__status rl-cohort__status--${r.status}`}>
                      {t(STATUS_KEY[r.status])}
                    </span>
                    {r.reason ? ` — ${r.reason}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      <div className="rl-cohort__members">
        <div className="rl-cohort__members-header">
          <h3>{t('readylab:progress')}</h3>
          <a download href={reportHref}>
            {t('readylab:downloadReport')}
          </a>
        </div>
        {report && report.students.length ? (
          <ul className="rl-cohort__list">
            {report.students.map((s) => (
              <li data-student={s.email} key={s.studentId}>
                <span className="rl-cohort__name">
                  {s.fullName} <span className="rl-cohort__email">{s.email}</span>
                </span>
                {s.courses.map((c) => (
                  <span className="rl-cohort__course" key={c.courseId}>
                    <span className="rl-cohort__course-title">
                      {c.title} · {c.progressPercentage}%
                    </span>
                    <ProgressBar
                      label={t('readylab:progressOf', {
                        name: s.fullName,
                        value: c.progressPercentage,
                        course: c.title,
                      })}
                      max={100}
                      value={c.progressPercentage}
                    />
                  </span>
                ))}
              </li>
            ))}
          </ul>
        ) : (
          <p className="rl-cohort__note">{t('readylab:noStudents')}</p>
        )}
      </div>
    </section>
  )
}

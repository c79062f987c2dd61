import type { EmailAdapter, SendEmailOptions } from 'payload'
import { appendFileSync, existsSync, readFileSync } from 'node:fs'
import nodemailer from 'nodemailer'
import { requestContext } from '../lib/requestContext'

export type SentEmail = { to: string; subject: string; html: string; text?: string; at: Date }

const OUTBOX_LIMIT = 200
const outbox: SentEmail[] = []

/**
 * The most recent emails sent through the console adapter (newest last): this process's, or with
 * EMAIL_CAPTURE_FILE every process's that shares the file (a job may run in another process).
 */
export const sentEmails = (): readonly SentEmail[] => {
  const file = process.env.EMAIL_CAPTURE_FILE
  if (!file) return outbox
  if (!existsSync(file)) return []
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const email = JSON.parse(line) as SentEmail
      return { ...email, at: new Date(email.at) }
    })
}

const fromAddress = () => process.env.EMAIL_FROM_ADDRESS || 'no-reply@thereadylab.local'
const fromName = () => process.env.EMAIL_FROM_NAME || 'The Ready Lab'

const addressList = (value: SendEmailOptions['to']): string => {
  if (!value) return ''
  const list = Array.isArray(value) ? value : [value]
  return list.map((a) => (typeof a === 'string' ? a : a.address)).join(', ')
}

/**
 * Embedded mode: emails are written to the log (and kept in memory) instead of being sent.
 * With SMTP_HOST set, they go out through nodemailer.
 */
export const emailAdapter: EmailAdapter = ({ payload }) => {
  const smtpHost = process.env.SMTP_HOST
  const transport = smtpHost
    ? nodemailer.createTransport({
        host: smtpHost,
        port: Number(process.env.SMTP_PORT || 587),
        secure: process.env.SMTP_SECURE === 'true',
        auth: process.env.SMTP_USER
          ? { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS }
          : undefined,
      })
    : null
  return {
    name: transport ? 'smtp' : 'console',
    defaultFromAddress: fromAddress(),
    defaultFromName: fromName(),
    async sendEmail(message) {
      if (transport) {
        return transport.sendMail({ from: `"${fromName()}" <${fromAddress()}>`, ...message })
      }
      const email: SentEmail = {
        to: addressList(message.to),
        subject: String(message.subject ?? ''),
        html: String(message.html ?? ''),
        text: message.text ? String(message.text) : undefined,
        at: new Date(),
      }
      outbox.push(email)
      if (outbox.length > OUTBOX_LIMIT) outbox.shift()
      const captureFile = process.env.EMAIL_CAPTURE_FILE
      if (captureFile) appendFileSync(captureFile, `${JSON.stringify(email)}\n`)
      if (process.env.EMAIL_LOG !== 'false') {
        // Bodies hold reset and verification links: shown in development, never in production logs.
        const body =
          process.env.NODE_ENV === 'production' ? '' : `\n${email.text ?? stripTags(email.html)}`
        payload.logger.info(
          `[email] not sent (no SMTP_HOST) to=${email.to} subject="${email.subject}"${body}`,
        )
      }
      return { accepted: [email.to] }
    },
  }
}

const stripTags = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()

/**
 * The app's public base URL: PUBLIC_URL (required in production). In development without it, the
 * origin the current request was made to (so links and QR codes point where the developer is
 * browsing), else the dev server on this machine.
 */
export const publicUrl = () =>
  (
    process.env.PUBLIC_URL ||
    requestContext.getStore()?.origin ||
    `http://localhost:${process.env.PORT || 3000}`
  ).replace(/\/$/, '')

export function passwordResetEmail(token: string) {
  const link = `${publicUrl()}/admin/reset/${encodeURIComponent(token)}`
  return `<p>Someone asked to reset the password of your The Ready Lab account.</p>
<p>Reset it within one hour: <a href="${link}">${link}</a></p>
<p>Or send this token to <code>POST /api/auth/password-reset</code> with your new password: <code>${token}</code></p>
<p>If you did not ask for this, ignore this email.</p>`
}

import { defineJob } from './queue'

export type EmailJob = { to: string; subject: string; html: string }

/** Sends through Payload's email adapter (console in embedded mode, SMTP otherwise). */
export const SEND_EMAIL = defineJob<EmailJob>('email.send', {
  queue: 'email',
  handler: async ({ to, subject, html }, { payload }) => {
    await payload.sendEmail({ to, subject, html })
  },
})

import { APIError, type PayloadRequest } from 'payload'

import { MIN_PASSWORD_LENGTH } from '../../lib/constants'
import { escapeHtml, htmlPage } from '../../lib/html'
import { publicUrl } from '../email'
import { checkInvitation } from './invitations'

const page = (title: string, body: string, status: number, headers: Record<string, string> = {}) =>
  htmlPage({
    title,
    body,
    status,
    headers,
    maxWidth: '32rem',
    formAction: true,
    style:
      'label{display:block;margin-top:1rem;font-weight:600}input{width:100%;box-sizing:border-box;padding:.6rem;margin-top:.3rem;border:1px solid #6b7280;border-radius:6px;font-size:1rem}\n' +
      'button{margin-top:1.5rem;padding:.7rem 1.2rem;border:0;border-radius:6px;background:#1d4ed8;color:#fff;font-size:1rem;cursor:pointer}\n' +
      '.error{background:#fee2e2;color:#991b1b;padding:.75rem;border-radius:6px}a{color:#1d4ed8}',
  })

/** The page an invitation link opens: a form to choose a password, or why the link does not work. */
export async function invitationPage(req: PayloadRequest, token: string, error?: string) {
  let email: string
  try {
    ;({ email } = await checkInvitation(req, token))
  } catch (err) {
    if (!(err instanceof APIError)) throw err
    const message = err.message.replace(/^token: /, '')
    return page(
      'Invitation not valid',
      `<h1>This invitation cannot be used</h1><p class="error" role="alert">${escapeHtml(message)}</p>`,
      err.status,
    )
  }
  const problem = error
    ? `<p class="error" role="alert">${escapeHtml(error.replace(/^\w+: /, ''))}</p>`
    : ''
  return page(
    'Set your password',
    `<h1>Welcome to The Ready Lab</h1>
<p>Choose a password for <strong>${escapeHtml(email)}</strong>.</p>${problem}
<form method="post" action="${publicUrl()}/api/auth/invitations/accept">
<input type="hidden" name="token" value="${escapeHtml(token)}">
<label for="name">Your name (optional)</label>
<input id="name" name="name" autocomplete="name" maxlength="120">
<label for="password">Password (at least ${MIN_PASSWORD_LENGTH} characters)</label>
<input id="password" name="password" type="password" autocomplete="new-password" required minlength="${MIN_PASSWORD_LENGTH}">
<button type="submit">Set password and sign in</button>
</form>`,
    error ? 400 : 200,
  )
}

export const acceptedPage = (name: string | null | undefined, headers: Record<string, string>) =>
  page(
    'Password set',
    `<h1>You are all set${name ? `, ${escapeHtml(name)}` : ''}</h1>
<p>Your password is saved and you are signed in. <a href="${publicUrl()}/">Start learning</a>.</p>`,
    200,
    headers,
  )

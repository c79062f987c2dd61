import { APIError, type PayloadRequest } from 'payload'

import { MIN_PASSWORD_LENGTH } from '../../lib/constants'
import { wantsHtml } from '../certificates/verifyPage'
import { publicUrl } from '../email'
import { checkInvitation, escapeHtml } from './invitations'

export const wantsInvitationPage = wantsHtml

const page = (title: string, body: string, status: number, headers: Record<string, string> = {}) =>
  new Response(
    `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — The Ready Lab</title>
<style>
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;background:#f4f5f7;color:#1f2937;margin:0;padding:2rem}
main{max-width:32rem;margin:0 auto;background:#fff;border-radius:12px;padding:2rem;box-shadow:0 1px 3px rgba(0,0,0,.1)}
label{display:block;margin-top:1rem;font-weight:600}input{width:100%;box-sizing:border-box;padding:.6rem;margin-top:.3rem;border:1px solid #6b7280;border-radius:6px;font-size:1rem}
button{margin-top:1.5rem;padding:.7rem 1.2rem;border:0;border-radius:6px;background:#1d4ed8;color:#fff;font-size:1rem;cursor:pointer}
.error{background:#fee2e2;color:#991b1b;padding:.75rem;border-radius:6px}a{color:#1d4ed8}
</style></head><body><main>${body}</main></body></html>`,
    {
      status,
      headers: {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy':
          "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'no-store',
        ...headers,
      },
    },
  )

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

import type { APIError, PayloadRequest } from 'payload'

import { type CustomTranslationsKeys, languageI18n, tr } from '../../admin/i18n'
import { isLanguage, type Language, MIN_PASSWORD_LENGTH } from '../../lib/constants'
import { escapeHtml, htmlPage } from '../../lib/html'
import { publicUrl } from '../email'
import { invitationForPage } from './invitations'

/** The longest password and name an invitation's form takes (acceptInvitationSchema). */
export const MAX_PASSWORD_LENGTH = 256
export const MAX_NAME_LENGTH = 120

const page = (
  lang: string,
  title: string,
  body: string,
  status: number,
  headers: Record<string, string> = {},
) =>
  htmlPage({
    title,
    body,
    status,
    headers,
    lang,
    maxWidth: '32rem',
    formAction: true,
    style:
      'label{display:block;margin-top:1rem;font-weight:600}input{width:100%;box-sizing:border-box;padding:.6rem;margin-top:.3rem;border:1px solid #6b7280;border-radius:6px;font-size:1rem}\n' +
      'button{margin-top:1.5rem;padding:.7rem 1.2rem;border:0;border-radius:6px;background:#1d4ed8;color:#fff;font-size:1rem;cursor:pointer}\n' +
      '.error{background:#fee2e2;color:#991b1b;padding:.75rem;border-radius:6px}a{color:#1d4ed8}',
  })

/**
 * The page's language: the invited person's (their invitation email was in it), else the
 * browser's (Payload reads Accept-Language into `req.i18n`) when the link names no invitation.
 */
async function pageI18n(req: PayloadRequest, language: Language | null) {
  const i18n =
    language && language !== req.i18n.language
      ? await languageI18n(req.payload, language)
      : req.i18n
  return {
    lang: i18n.language,
    t: (key: CustomTranslationsKeys, vars?: Record<string, unknown>) => tr({ i18n }, key, vars),
  }
}

const STATE_MESSAGE: Record<'used' | 'expired' | 'unknown', CustomTranslationsKeys> = {
  used: 'readylab:inviteUsed',
  expired: 'readylab:inviteExpired',
  unknown: 'readylab:inviteUnknown',
}

/**
 * The page an invitation link opens: a form to choose a password, or why the link does not work.
 * `error` is why a posted form was refused (the form is shown again with it).
 */
export async function invitationPage(req: PayloadRequest, token: string, error?: APIError) {
  const found = await invitationForPage(req, token)
  const { lang, t } = await pageI18n(req, found.language)
  if (found.state !== 'valid') {
    return page(
      lang,
      t('readylab:inviteInvalidTitle'),
      `<h1>${escapeHtml(t('readylab:inviteInvalidHeading'))}</h1><p class="error" role="alert">${escapeHtml(t(STATE_MESSAGE[found.state]))}</p>`,
      found.state === 'unknown' ? 404 : 410,
    )
  }
  const fields = (error?.data as { fields?: string[] } | undefined)?.fields ?? []
  const problem = !error
    ? ''
    : fields.includes('password')
      ? t('readylab:invitePasswordRule', { min: MIN_PASSWORD_LENGTH, max: MAX_PASSWORD_LENGTH })
      : fields.includes('name')
        ? t('readylab:inviteNameRule', { max: MAX_NAME_LENGTH })
        : error.message.replace(/^\w+: /, '')
  return page(
    lang,
    t('readylab:inviteTitle'),
    `<h1>${escapeHtml(t('readylab:inviteWelcome'))}</h1>
<p>${t('readylab:inviteChoose', { email: `<strong>${escapeHtml(found.email ?? '')}</strong>` })}</p>${problem ? `<p class="error" role="alert">${escapeHtml(problem)}</p>` : ''}
<form method="post" action="${publicUrl()}/api/auth/invitations/accept">
<input type="hidden" name="token" value="${escapeHtml(token)}">
<label for="name">${escapeHtml(t('readylab:inviteName'))}</label>
<input id="name" name="name" autocomplete="name" maxlength="${MAX_NAME_LENGTH}">
<label for="password">${escapeHtml(t('readylab:invitePassword', { min: MIN_PASSWORD_LENGTH }))}</label>
<input id="password" name="password" type="password" autocomplete="new-password" required minlength="${MIN_PASSWORD_LENGTH}">
<button type="submit">${escapeHtml(t('readylab:inviteSubmit'))}</button>
</form>`,
    error ? 400 : 200,
  )
}

/** The page after a posted form set the password, in the new member's language. */
export async function acceptedPage(
  req: PayloadRequest,
  user: { fullName?: string | null; language?: string | null },
  headers: Record<string, string>,
) {
  const { lang, t } = await pageI18n(req, isLanguage(user.language) ? user.language : null)
  const heading = user.fullName
    ? t('readylab:inviteDoneNamed', { name: escapeHtml(user.fullName) })
    : t('readylab:inviteDone')
  return page(
    lang,
    t('readylab:inviteDoneTitle'),
    `<h1>${heading}</h1>
<p>${escapeHtml(t('readylab:inviteDoneText'))} <a href="${publicUrl()}/">${escapeHtml(t('readylab:inviteStart'))}</a>.</p>`,
    200,
    headers,
  )
}

import type { CollectionAfterChangeHook, CollectionAfterLoginHook, PayloadRequest } from 'payload'

import { LANGUAGES } from '../../../lib/constants'

const YEAR_SECONDS = 60 * 60 * 24 * 365

/**
 * The admin renders in the language of Payload's `<cookiePrefix>-lng` cookie (read by
 * getRequestLanguage in payload and set by its own language switch in @payloadcms/next). The
 * user's `language` decides it: the cookie is sent with the answer to a login and to a change of
 * one's own language (Payload merges `req.responseHeaders` into every REST answer).
 */
export function setLanguageCookie(req: PayloadRequest, language: unknown) {
  if (typeof language !== 'string' || !(LANGUAGES as readonly string[]).includes(language)) return
  const name = `${req.payload.config.cookiePrefix || 'payload'}-lng`
  const secure = process.env.NODE_ENV === 'production' ? '; Secure' : ''
  req.responseHeaders ??= new Headers()
  req.responseHeaders.append(
    'Set-Cookie',
    `${name}=${language}; Path=/; Max-Age=${YEAR_SECONDS}; SameSite=Lax${secure}`,
  )
}

export const languageCookieOnLogin: CollectionAfterLoginHook = ({ req, user }) => {
  setLanguageCookie(req, (user as { language?: unknown }).language)
  return user
}

export const languageCookieOnChange: CollectionAfterChangeHook = ({
  doc,
  previousDoc,
  operation,
  req,
}) => {
  if (operation === 'update' && req.user?.id === doc.id && doc.language !== previousDoc?.language) {
    setLanguageCookie(req, doc.language)
  }
  return doc
}

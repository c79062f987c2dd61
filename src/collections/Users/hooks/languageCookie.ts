import type { CollectionAfterChangeHook, CollectionAfterLoginHook, PayloadRequest } from 'payload'

import { isLanguage, languageCookie } from '../../../lib/constants'

/**
 * The admin renders in the language of Payload's `<cookiePrefix>-lng` cookie (read by
 * getRequestLanguage in payload and set by its own language switch in @payloadcms/next). The
 * user's `language` decides it: the cookie is sent with the answer to a login and to a change of
 * one's own language (Payload merges `req.responseHeaders` into every REST answer).
 */
export function setLanguageCookie(req: PayloadRequest, language: unknown) {
  if (!isLanguage(language)) return
  const secure = process.env.NODE_ENV === 'production' ? '; Secure' : ''
  req.responseHeaders ??= new Headers()
  req.responseHeaders.append(
    'Set-Cookie',
    `${languageCookie(req.payload.config.cookiePrefix, language)}${secure}`,
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

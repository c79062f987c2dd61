'use client'

import { useAuth, useConfig, useTranslation } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import React, { useEffect, useRef } from 'react'

import { LANGUAGES } from '../../lib/constants'
import type { User } from '../../payload-types'

/**
 * Keeps the admin in the user's `language`. The server sets Payload's language cookie on login and
 * on a change of one's own language (collections/Users/hooks/languageCookie.ts), but the admin's
 * root layout, which picks the language, stays mounted across client navigations: when the
 * signed-in user's language differs from the one rendered, this sets the cookie (the same one
 * Payload's own language switch sets) and refreshes once.
 */
export function LanguageSync({ children }: { children?: React.ReactNode }) {
  const { user } = useAuth<User>()
  const { i18n } = useTranslation()
  const { config } = useConfig()
  const router = useRouter()
  const asked = useRef<string | null>(null)
  const wanted = user?.language

  useEffect(() => {
    if (!wanted || wanted === i18n.language || !(LANGUAGES as readonly string[]).includes(wanted))
      return
    if (asked.current === wanted) return // once per language: never a refresh loop
    asked.current = wanted
    const name = `${config.cookiePrefix || 'payload'}-lng`
    document.cookie = `${name}=${wanted}; path=/; max-age=${60 * 60 * 24 * 365}; samesite=lax`
    router.refresh()
  }, [config.cookiePrefix, i18n.language, router, wanted])

  return <>{children}</>
}

'use client'

import { useAuth, useConfig, useTranslation } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import React, { useEffect, useRef } from 'react'

import { isLanguage, languageCookie } from '../../lib/constants'
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
    if (!isLanguage(wanted) || wanted === i18n.language) return
    if (asked.current === wanted) return // once per language: never a refresh loop
    asked.current = wanted
    document.cookie = languageCookie(config.cookiePrefix, wanted)
    router.refresh()
  }, [config.cookiePrefix, i18n.language, router, wanted])

  return <>{children}</>
}

'use client'

import { useConfig } from '@payloadcms/ui'

/** The REST API's base URL in the admin (the config may move it). */
export function useApiURL() {
  const { config } = useConfig()
  return `${config.serverURL}${config.routes.api}`
}

/** Same-origin JSON calls from the admin, with the admin's session cookie. */
export async function apiJSON<T>(url: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(url, {
    credentials: 'include',
    ...init,
    headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...init.headers },
  })
  const body = (await res.json().catch(() => null)) as
    (T & { errors?: { message?: string }[] }) | null
  if (!res.ok) {
    // The server's own message when it sent one; else the bare status, which reads in any language.
    throw new Error(body?.errors?.[0]?.message || `HTTP ${res.status}`)
  }
  return body as T
}

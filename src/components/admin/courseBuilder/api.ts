'use client'

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
    throw new Error(body?.errors?.[0]?.message || `The server answered ${res.status}`)
  }
  return body as T
}

/**
 * The course builder, the publish button and the preview each read the course's lessons; a change
 * in one (a lesson added, removed or reordered) tells the others through this window event.
 */
export const LESSONS_CHANGED = 'readylab:lessons-changed'
export type LessonsChanged = CustomEvent<{ courseId: string; count: number }>

export function announceLessons(courseId: string, count: number) {
  window.dispatchEvent(new CustomEvent(LESSONS_CHANGED, { detail: { courseId, count } }))
}

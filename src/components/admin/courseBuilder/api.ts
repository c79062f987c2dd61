'use client'

/**
 * The course builder, the publish button and the preview each read the course's lessons; a change
 * in one (a lesson added, removed or reordered) tells the others through this window event.
 */
export const LESSONS_CHANGED = 'readylab:lessons-changed'
export type LessonsChanged = CustomEvent<{ courseId: string; count: number }>

export function announceLessons(courseId: string, count: number) {
  window.dispatchEvent(new CustomEvent(LESSONS_CHANGED, { detail: { courseId, count } }))
}

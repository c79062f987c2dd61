import type { PayloadRequest } from 'payload'

import type { Enrollment } from '../../payload-types'

export type CourseCompletedListener = (req: PayloadRequest, enrollment: Enrollment) => Promise<void>

const listeners: CourseCompletedListener[] = []

/** Subscribe to course completions (the certificate job registers here). */
export const onCourseCompleted = (listener: CourseCompletedListener) => {
  if (!listeners.includes(listener)) listeners.push(listener)
}

/**
 * THE course-completed event: raised once, in the transaction that set the enrollment's
 * completedAt (see collections/Enrollments/hooks/courseCompleted.ts).
 */
export async function raiseCourseCompleted(req: PayloadRequest, enrollment: Enrollment) {
  req.payload.logger.info({ enrollment: enrollment.id }, 'course completed')
  for (const listener of listeners) await listener(req, enrollment)
}

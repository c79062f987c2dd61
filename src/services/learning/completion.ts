import type { PayloadRequest } from 'payload'

import { enqueue } from '../../jobs/enqueue'
import { recordEvent } from '../analytics/events'
import { certificateJobKey } from '../certificates/issue'

/**
 * Everything that follows a completed course, in the transaction that completed it: the
 * course_complete event and the certificate job (whose creation emails the holder:
 * Certifications/hooks/emailHolder). The Enrollments hook calls it for completions through the
 * Local API; lesson completion (src/services/learning/progress.ts) calls it directly.
 */
export async function courseCompletedEffects(
  req: PayloadRequest,
  {
    enrollmentId,
    studentId,
    courseId,
  }: { enrollmentId: string; studentId: string | null; courseId: string | null },
) {
  req.payload.logger.info({ enrollment: enrollmentId }, 'course completed')
  await recordEvent(req, 'course_complete', {
    user: studentId,
    course: courseId,
    data: { enrollmentId },
  })
  await enqueue(
    req,
    'certificate.issue',
    { enrollmentId },
    { key: certificateJobKey(enrollmentId) },
  )
}

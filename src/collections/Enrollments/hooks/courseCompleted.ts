import type { CollectionAfterChangeHook } from 'payload'

import { enqueue } from '../../../jobs/enqueue'
import { idOf } from '../../../lib/ids'
import { recordEvent } from '../../../services/analytics/events'
import type { Enrollment } from '../../../payload-types'
import { certificateJobKey } from '../../../services/certificates/issue'

/**
 * Everything that follows a completed course, whichever path completed it, queued in the same
 * transaction: the course_complete event and the certificate (whose creation emails the holder: Certifications/hooks/emailHolder).
 */
export const courseCompleted: CollectionAfterChangeHook<Enrollment> = async ({
  doc,
  previousDoc,
  req,
}) => {
  if (!doc.completedAt || previousDoc?.completedAt) return doc
  req.payload.logger.info({ enrollment: doc.id }, 'course completed')
  await recordEvent(req, 'course_complete', {
    user: idOf(doc.student),
    course: idOf(doc.course),
    data: { enrollmentId: doc.id },
  })
  await enqueue(
    req,
    'certificate.issue',
    { enrollmentId: doc.id },
    { key: certificateJobKey(doc.id) },
  )
  return doc
}

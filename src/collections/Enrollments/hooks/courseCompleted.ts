import type { CollectionAfterChangeHook } from 'payload'

import { enqueue } from '../../../jobs/enqueue'
import type { Enrollment } from '../../../payload-types'
import { certificateJobKey } from '../../../services/certificates/issue'

/**
 * Everything that follows a completed course, whichever path completed it, queued in the same
 * transaction: the certificate (whose creation emails the holder: Certifications/hooks/emailHolder).
 */
export const courseCompleted: CollectionAfterChangeHook<Enrollment> = async ({
  doc,
  previousDoc,
  req,
}) => {
  if (!doc.completedAt || previousDoc?.completedAt) return doc
  req.payload.logger.info({ enrollment: doc.id }, 'course completed')
  await enqueue(
    req,
    'certificate.issue',
    { enrollmentId: doc.id },
    { key: certificateJobKey(doc.id) },
  )
  return doc
}

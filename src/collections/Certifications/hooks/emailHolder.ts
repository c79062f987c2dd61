import type { CollectionAfterChangeHook } from 'payload'

import { enqueue } from '../../../jobs/enqueue'
import type { Certification } from '../../../payload-types'
import { certificateEmailJobKey } from '../../../services/certificates/email'

/** A new certificate emails its holder, queued in the transaction that issues it. */
export const emailHolder: CollectionAfterChangeHook<Certification> = async ({
  doc,
  operation,
  req,
}) => {
  if (operation !== 'create') return doc
  await enqueue(
    req,
    'certificate.email',
    { certificateId: doc.id },
    { key: certificateEmailJobKey(doc.id) },
  )
  return doc
}

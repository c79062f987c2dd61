import type { CollectionAfterChangeHook } from 'payload'

import type { User } from '../../../payload-types'
import { recordAudit } from '../../../services/audit'

export const auditRoleChange: CollectionAfterChangeHook<User> = async ({
  doc,
  previousDoc,
  operation,
  req,
}) => {
  if (operation !== 'update' || !previousDoc?.role || previousDoc.role === doc.role) return doc
  await recordAudit(req, {
    action: 'user.role_changed',
    summary: `${doc.email}: ${previousDoc.role} → ${doc.role}`,
    entity: { collection: 'users', id: doc.id },
    before: { role: previousDoc.role },
    after: { role: doc.role },
  })
  return doc
}

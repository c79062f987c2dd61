import type { CollectionSlug, PayloadRequest } from 'payload'

import { currentRequestId } from '../lib/requestContext'

export const auditActions = [
  { value: 'user.role_changed', label: 'Role changed' },
  { value: 'user.deleted', label: 'User deleted' },
  { value: 'course.deleted', label: 'Course deleted' },
  { value: 'purchase.refunded', label: 'Purchase refunded' },
  { value: 'certificate.revoked', label: 'Certificate revoked' },
] as const

export type AuditAction = (typeof auditActions)[number]['value']

export type AuditEntry = {
  action: AuditAction
  summary: string
  entity: { collection: CollectionSlug; id: string }
  before?: Record<string, unknown> | null
  after?: Record<string, unknown> | null
}

/** Appends an entry in the request's transaction: it exists exactly when the change does. */
export async function recordAudit(req: PayloadRequest, entry: AuditEntry) {
  const actor = req.user
  await req.payload.create({
    collection: 'audit-log',
    data: {
      action: entry.action,
      summary: entry.summary,
      entityCollection: entry.entity.collection,
      entityId: entry.entity.id,
      actorId: actor ? String(actor.id) : null,
      actorEmail: actor && 'email' in actor ? actor.email : null,
      actorRole: actor && 'role' in actor ? actor.role : 'system',
      before: entry.before ?? null,
      after: entry.after ?? null,
      requestId: currentRequestId() ?? null,
    },
    overrideAccess: true, // no client may write the log; only the actions themselves do
    depth: 0,
    req,
  })
}

import type { CollectionAfterDeleteHook } from 'payload'

import { recordAudit, type AuditAction } from '../services/audit'

/** Records a deletion with a snapshot of what was removed (the row itself is gone afterwards). */
export const auditDeletion =
  <Doc extends { id: string }>(
    action: AuditAction,
    describe: (doc: Doc) => { summary: string; before: Record<string, unknown> },
  ): CollectionAfterDeleteHook<Doc> =>
  async ({ collection, doc, req }) => {
    const { summary, before } = describe(doc)
    await recordAudit(req, {
      action,
      summary,
      entity: { collection: collection.slug, id: doc.id },
      before,
      after: null,
    })
  }

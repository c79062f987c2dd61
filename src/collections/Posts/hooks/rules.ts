import { ValidationError, type CollectionBeforeChangeHook } from 'payload'

import { canModerate, targetOf } from '../../../access/communities'
import { forbidden } from '../../../lib/errors'
import { isUUID } from '../../../lib/http'
import { lockRow } from '../../../lib/locks'
import type { Post } from '../../../payload-types'

const invalid = (path: string, message: string) =>
  new ValidationError({ collection: 'posts', errors: [{ path, message }] })

/**
 * A post lives in exactly one place: a community or a course discussion. Creating one takes a
 * share lock on that parent, so a concurrent delete of the community or course waits for it (and
 * removes it) instead of leaving an orphan.
 */
export const lockTarget: CollectionBeforeChangeHook<Post> = async ({ data, operation, req }) => {
  if (operation !== 'create') return data
  const { community, course } = targetOf(data)
  if (Boolean(community) === Boolean(course)) {
    throw invalid('community', 'A post belongs to either a community or a course')
  }
  const [table, id] = community
    ? (['communities', community] as const)
    : (['courses', course!] as const)
  if (isUUID(id) && !(await lockRow(req, table, id, 'share'))) {
    throw invalid(
      community ? 'community' : 'course',
      `${community ? 'Community' : 'Course'} not found`,
    )
  }
  return data
}

/** Announcements come from moderators, the course educator and admins. */
export const guardAnnouncement: CollectionBeforeChangeHook<Post> = async ({
  data,
  operation,
  originalDoc,
  req,
}) => {
  if (!req.user || data.type !== 'announcement') return data
  if (operation === 'update' && originalDoc?.type === 'announcement') return data
  const target = targetOf(operation === 'create' ? data : (originalDoc ?? data))
  if (!(await canModerate(req, target))) {
    throw forbidden('Only moderators, the course educator or an admin can post announcements')
  }
  return data
}

/** editedAt records the last change to the content. */
export const markEdited: CollectionBeforeChangeHook<Post> = ({ data, operation, originalDoc }) => {
  if (
    operation === 'update' &&
    typeof data.content === 'string' &&
    data.content !== originalDoc?.content
  ) {
    data.editedAt = new Date().toISOString()
  }
  return data
}

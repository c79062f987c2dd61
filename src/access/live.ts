import type { Access, Where } from 'payload'

import { isAdminUser } from './index'

/**
 * Who takes part in a live session, for rows that reach the session through `path` ('' on
 * live-streams, 'liveStream.' on its polls and chat): a public session (no course) is open to
 * anyone logged in; a course session to the course's enrolled students, the course's educator and
 * the session's educator; admins see all. One rule for REST, GraphQL and the /api/live endpoints.
 */
export const liveSessionReaders =
  (path = ''): Access =>
  ({ req: { user } }) => {
    if (isAdminUser(user)) return true
    if (!user) return false
    const where: Where = {
      or: [
        { [`${path}course`]: { exists: false } },
        { [`${path}educator`]: { equals: user.id } },
        { [`${path}course.educator`]: { equals: user.id } },
        { [`${path}course.enrollments.student`]: { equals: user.id } },
      ],
    }
    return where
  }

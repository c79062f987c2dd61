import type { Access, PayloadRequest, Where } from 'payload'

import { idOf } from '../lib/ids'
import { memo } from '../lib/requestCache'
import { hasRole, isAdminUser } from './index'

const published: Where = { _status: { equals: 'published' } }

/** Published courses to everyone; drafts only to their educator (and admins). */
export const publishedOrOwner: Access = ({ req: { user } }) => {
  if (isAdminUser(user)) return true
  if (hasRole(user, 'educator')) return { or: [published, { educator: { equals: user!.id } }] }
  return published
}

export const educatorsAndAdmins: Access = ({ req: { user } }) => hasRole(user, 'educator', 'admin')

/**
 * Rows that belong to a course (lessons, quizzes, progress, attempts ...) are managed by the
 * course's educator: `coursePath` is the relationship field pointing at the course.
 */
export const courseOwnerOrAdmin =
  (coursePath = 'course'): Access =>
  ({ req: { user } }) => {
    if (isAdminUser(user)) return true
    if (!hasRole(user, 'educator')) return false
    return { [coursePath === '' ? 'educator' : `${coursePath}.educator`]: { equals: user!.id } }
  }

/** The educator of a course, draft or not (null when there is no such course), once per request. */
export const educatorOf = (req: PayloadRequest, courseId: string) =>
  memo(req, `courses:educatorOf:${courseId}`, async () => {
    const course = await req.payload.findByID({
      collection: 'courses',
      id: courseId,
      depth: 0,
      draft: true,
      disableErrors: true,
      // A lookup for access rules themselves: whose course this is.
      overrideAccess: true,
      select: { educator: true },
      req,
    })
    return course ? (idOf(course.educator) ?? null) : null
  })

/** Whether the caller may edit the course with this id (owner educator or admin). */
export async function canManageCourse(req: PayloadRequest, courseId: unknown): Promise<boolean> {
  if (isAdminUser(req.user)) return true
  if (!hasRole(req.user, 'educator') || typeof courseId !== 'string') return false
  return (await educatorOf(req, courseId)) === req.user!.id
}

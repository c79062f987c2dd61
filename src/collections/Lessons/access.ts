import type { Access, FieldAccess, PayloadRequest } from 'payload'

import { hasRole, isAdminUser } from '../../access'
import { educatorOf } from '../../access/courses'
import { idOf } from '../../lib/ids'
import { memo } from '../../lib/requestCache'
import { unlocksAt } from '../../services/learning/progress'

/** Lessons of courses the caller can see: published ones, plus an educator's own drafts. */
export const lessonsOfVisibleCourses: Access = ({ req: { user } }) => {
  if (isAdminUser(user)) return true
  const published = { 'course._status': { equals: 'published' } }
  if (hasRole(user, 'educator')) {
    return { or: [published, { 'course.educator': { equals: user!.id } }] }
  }
  return published
}

/** When the caller enrolled in a course (null if not), once per course and request. */
const enrolledAt = (req: PayloadRequest, courseId: string) =>
  memo(req, `lessons:enrolledAt:${courseId}`, async () => {
    const { docs } = await req.payload.find({
      collection: 'enrollments',
      where: { and: [{ student: { equals: req.user!.id } }, { course: { equals: courseId } }] },
      limit: 1,
      pagination: false,
      depth: 0,
      select: { enrolledAt: true },
      // A lookup for the rule itself, on the caller's own row.
      overrideAccess: true,
      req,
    })
    return docs[0]?.enrolledAt ?? null
  })

/**
 * Whether the caller may see a lesson's content (one enrollment lookup per course and request, not
 * per lesson): free previews, admins, the course's educator, and enrolled students once the
 * lesson's drip delay has passed.
 */
export async function mayViewLesson(
  req: PayloadRequest,
  lesson: { course?: unknown; isFreePreview?: boolean | null; availableAfterDays?: number | null },
): Promise<boolean> {
  if (lesson.isFreePreview || isAdminUser(req.user)) return true
  if (!req.user) return false
  const courseId = idOf(lesson.course)
  if (!courseId) return false
  const since = await enrolledAt(req, courseId)
  if (since && !unlocksAt({ enrolledAt: since }, lesson)) return true
  if (!hasRole(req.user, 'educator')) return false
  return (await educatorOf(req, courseId)) === req.user.id
}

/**
 * Per document: see mayViewLesson. Without a document (collection permissions, and the check
 * Payload makes before filtering or sorting on the field) only the roles that author lessons pass,
 * so nobody else can probe content with `where[content][...]`.
 */
export const canViewLessonContent: FieldAccess = async ({ req, doc }) =>
  doc ? mayViewLesson(req, doc) : hasRole(req.user, 'educator', 'admin')

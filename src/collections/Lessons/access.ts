import type { Access, FieldAccess, PayloadRequest } from 'payload'

import { hasRole, isAdminUser } from '../../access'
import { idOf } from '../../lib/ids'
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

/** Course id → when the caller enrolled in it. */
type LessonAccessCache = { enrolled: Map<string, string>; educatorOf: Map<string, string | null> }

async function cacheFor(req: PayloadRequest): Promise<LessonAccessCache> {
  const existing = req.context.lessonAccess as LessonAccessCache | undefined
  if (existing) return existing
  const enrolled = new Map<string, string>()
  if (req.user) {
    const enrollments = await req.payload.find({
      collection: 'enrollments',
      where: { student: { equals: req.user.id } },
      depth: 0,
      pagination: false,
      select: { course: true, enrolledAt: true },
      overrideAccess: true,
      req,
    })
    for (const e of enrollments.docs) enrolled.set(String(idOf(e.course)), e.enrolledAt)
  }
  const cache = { enrolled, educatorOf: new Map<string, string | null>() }
  req.context.lessonAccess = cache
  return cache
}

/**
 * Whether the caller may see a lesson's content (one enrollment query per request, not per
 * lesson): free previews, admins, the course's educator, and enrolled students once the lesson's
 * drip delay has passed.
 */
export async function mayViewLesson(
  req: PayloadRequest,
  lesson: { course?: unknown; isFreePreview?: boolean | null; availableAfterDays?: number | null },
): Promise<boolean> {
  if (lesson.isFreePreview || isAdminUser(req.user)) return true
  if (!req.user) return false
  const courseId = idOf(lesson.course)
  if (!courseId) return false
  const cache = await cacheFor(req)
  const enrolledAt = cache.enrolled.get(courseId)
  if (enrolledAt && !unlocksAt({ enrolledAt }, lesson)) return true
  if (!hasRole(req.user, 'educator')) return false
  if (!cache.educatorOf.has(courseId)) {
    const course = await req.payload.findByID({
      collection: 'courses',
      id: courseId,
      depth: 0,
      draft: true,
      disableErrors: true,
      overrideAccess: true,
      select: { educator: true },
      req,
    })
    cache.educatorOf.set(courseId, course ? String(idOf(course.educator)) : null)
  }
  return cache.educatorOf.get(courseId) === req.user.id
}

/**
 * Per document: see mayViewLesson. Without a document (collection permissions, and the check
 * Payload makes before filtering or sorting on the field) only the roles that author lessons pass,
 * so nobody else can probe content with `where[content][...]`.
 */
export const canViewLessonContent: FieldAccess = async ({ req, doc }) =>
  doc ? mayViewLesson(req, doc) : hasRole(req.user, 'educator', 'admin')

import type { Access, PayloadRequest, Where } from 'payload'

import { hasRole, isAdminUser } from './index'

type InstitutionScope = { students: string[]; courses: string[] }

/** Students and courses of the caller's cohorts, loaded once per request. */
export async function institutionScope(req: PayloadRequest): Promise<InstitutionScope> {
  const cached = req.context.institutionScope as InstitutionScope | undefined
  if (cached) return cached
  const cohorts = await req.payload.find({
    collection: 'cohorts',
    where: { institution: { equals: req.user!.id } },
    depth: 0,
    pagination: false,
    select: { courses: true },
    overrideAccess: true,
    req,
  })
  const members = await req.payload.find({
    collection: 'cohort-enrollments',
    where: { cohort: { in: cohorts.docs.map((c) => c.id) } },
    depth: 0,
    pagination: false,
    select: { student: true },
    overrideAccess: true,
    req,
  })
  const scope: InstitutionScope = {
    students: [...new Set(members.docs.map((m) => String(m.student)))],
    courses: [...new Set(cohorts.docs.flatMap((c) => (c.courses ?? []).map(String)))],
  }
  req.context.institutionScope = scope
  return scope
}

const none: Where = { id: { exists: false } }

/**
 * Learner records (enrollments, progress, attempts — each with `student` and `course`): the
 * student themself, the course's educator, institutions for their cohorts' students in cohort
 * courses, admins.
 */
export const learnerRecordAccess: Access = async ({ req }) => {
  const { user } = req
  if (!user) return false
  if (isAdminUser(user)) return true
  if (hasRole(user, 'student')) return { student: { equals: user.id } }
  if (hasRole(user, 'educator')) return { 'course.educator': { equals: user.id } }
  if (hasRole(user, 'institution')) {
    const { students, courses } = await institutionScope(req)
    if (!students.length || !courses.length) return none
    return { and: [{ student: { in: students } }, { course: { in: courses } }] }
  }
  return false
}

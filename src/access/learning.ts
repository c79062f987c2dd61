import type { Access, PayloadRequest, Where } from 'payload'

import { hasRole, isAdminUser } from './index'

type CohortScope = { students: string[]; courses: string[] }
type InstitutionScope = CohortScope & { cohorts: CohortScope[] }

/**
 * Students and courses of the caller's cohorts (all together, and cohort by cohort), loaded once
 * per request.
 */
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
    select: { cohort: true, student: true },
    overrideAccess: true,
    req,
  })
  const studentsOf = new Map<string, string[]>()
  for (const m of members.docs) {
    const list = studentsOf.get(String(m.cohort)) ?? []
    list.push(String(m.student))
    studentsOf.set(String(m.cohort), list)
  }
  const perCohort = cohorts.docs.map((c) => ({
    students: studentsOf.get(c.id) ?? [],
    courses: (c.courses ?? []).map(String),
  }))
  const scope: InstitutionScope = {
    students: [...new Set(members.docs.map((m) => String(m.student)))],
    courses: [...new Set(perCohort.flatMap((c) => c.courses))],
    cohorts: perCohort.filter((c) => c.students.length && c.courses.length),
  }
  req.context.institutionScope = scope
  return scope
}

const none: Where = { id: { exists: false } }

/**
 * Learner records (enrollments, progress, attempts — each with `student` and `course`): the
 * student themself, the course's educator, institutions for each cohort's students in that
 * cohort's courses (not a member's other courses), admins.
 */
export const learnerRecordAccess: Access = async ({ req }) => {
  const { user } = req
  if (!user) return false
  if (isAdminUser(user)) return true
  if (hasRole(user, 'student')) return { student: { equals: user.id } }
  if (hasRole(user, 'educator')) return { 'course.educator': { equals: user.id } }
  if (hasRole(user, 'institution')) {
    const { cohorts } = await institutionScope(req)
    if (!cohorts.length) return none
    const pairs = cohorts.map((c): Where => ({
      and: [{ student: { in: c.students } }, { course: { in: c.courses } }],
    }))
    return { or: pairs }
  }
  return false
}

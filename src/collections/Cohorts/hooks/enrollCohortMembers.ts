import type { CollectionAfterChangeHook } from 'payload'

import { idOf } from '../../../lib/ids'
import type { Cohort, CohortEnrollment } from '../../../payload-types'
import { enrollInCourses } from '../../../services/learning/enrollment'
import { anyPaid, assertSeatsFor } from '../../../services/payments/seats'

const courseIds = (cohort?: Partial<Cohort> | null) =>
  new Set((cohort?.courses ?? []).map((c) => String(idOf(c))))

/** A course added to a cohort enrolls every current member in it (paid ones need seats). */
export const enrollNewCohortCourses: CollectionAfterChangeHook<Cohort> = async ({
  doc,
  previousDoc,
  operation,
  req,
}) => {
  if (operation !== 'update') return doc
  const before = courseIds(previousDoc)
  const added = [...courseIds(doc)].filter((id) => !before.has(id))
  if (!added.length) return doc
  const members = await req.payload.find({
    collection: 'cohort-enrollments',
    where: { cohort: { equals: doc.id } },
    depth: 0,
    pagination: false,
    select: { student: true },
    overrideAccess: true,
    req,
  })
  await enrollInCourses(req, {
    courseIds: added,
    studentIds: members.docs.map((m) => String(idOf(m.student))),
    source: 'cohort',
    cohortId: doc.id,
  })
  // A paid course makes every member of this cohort use one of the institution's seats.
  if (members.docs.length && (await anyPaid(req, added))) {
    await assertSeatsFor(req, String(idOf(doc.institution)))
  }
  return doc
}

/** A new cohort member is enrolled in each of the cohort's courses. */
export const enrollMemberInCohortCourses: CollectionAfterChangeHook<CohortEnrollment> = async ({
  doc,
  operation,
  req,
}) => {
  if (operation !== 'create') return doc
  const cohort = await req.payload.findByID({
    collection: 'cohorts',
    id: String(idOf(doc.cohort)),
    depth: 0,
    overrideAccess: true,
    req,
  })
  const courses = [...courseIds(cohort)]
  await enrollInCourses(req, {
    courseIds: courses,
    studentIds: [String(idOf(doc.student))],
    source: 'cohort',
    cohortId: cohort.id,
  })
  // A member of a cohort with a paid course uses one of the institution's seats (402 when none).
  if (await anyPaid(req, courses)) await assertSeatsFor(req, String(idOf(cohort.institution)))
  return doc
}

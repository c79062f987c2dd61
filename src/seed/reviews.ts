import { createLocalReq, type Payload } from 'payload'

import type { Course, User } from '../payload-types'
import { createReview } from '../services/learning/reviews'

/** Reviews by demo students of courses they are at least halfway through (see seedCourses' plan). */
const DEMO_REVIEWS: [handle: string, slug: string, rating: number, text: string][] = [
  [
    'li',
    'brand-in-a-weekend',
    5,
    'Finished it in one weekend as promised. The worksheet alone was worth it.',
  ],
  ['li', 'prompting-101', 4, 'Practical examples I used at work the next day.'],
  [
    'zoe',
    'pitch-perfect-raising-your-first-round',
    4,
    'Clear structure for a first pitch deck; I would love more examples of follow-up emails.',
  ],
]

/**
 * Written through the review service, so enrollment and progress are checked and the courses'
 * counters are kept by the same hooks as in production. Safe to run again.
 */
export async function seedReviews(
  payload: Payload,
  users: Map<string, User>,
  courses: Map<string, Course>,
) {
  for (const [handle, slug, rating, text] of DEMO_REVIEWS) {
    const student = users.get(`${handle}.student@thereadylab.dev`)
    const course = courses.get(slug)
    if (!student || !course) continue
    const existing = await payload.count({
      collection: 'course-reviews',
      where: { and: [{ course: { equals: course.id } }, { student: { equals: student.id } }] },
    })
    if (existing.totalDocs) continue
    const req = await createLocalReq({ user: { ...student, collection: 'users' } }, payload)
    try {
      await createReview(req, course, { rating, text })
    } catch (err) {
      // A REVIEW_MIN_PROGRESS above the demo students' progress: no review, not a failed seed.
      if ((err as { status?: number }).status !== 403) throw err
    }
  }
}

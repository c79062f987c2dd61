import type { CollectionAfterChangeHook, CollectionAfterOperationHook, TypeWithID } from 'payload'

import { idOf } from '../lib/ids'
import { transactionDb } from '../lib/sql'
import type { Enrollment, LessonProgress, Purchase } from '../payload-types'
import {
  recordCourseView,
  recordEvent,
  recordRecommendationClick,
  type EventInput,
  type EventType,
} from '../services/analytics/events'

/** Records `type` when a row is created, with what `pick` takes from it. */
export const recordOnCreate =
  <T extends TypeWithID>(
    type: EventType,
    pick: (doc: T) => EventInput,
  ): CollectionAfterChangeHook<T> =>
  async ({ doc, operation, req }) => {
    if (operation === 'create') await recordEvent(req, type, pick(doc))
    return doc
  }

/**
 * lesson_complete: on the first completion, with the time spent; when a later report raises the
 * time spent, the difference (so learning time is the sum over events, counted once).
 */
export const recordLessonCompletion: CollectionAfterChangeHook<LessonProgress> = async ({
  doc,
  previousDoc,
  operation,
  req,
}) => {
  if (!doc.completed) return doc
  const first = operation === 'create' || !previousDoc?.completed
  const before = first ? 0 : (previousDoc?.timeSpent ?? 0)
  const timeSpent = Math.max(0, (doc.timeSpent ?? 0) - before)
  if (!first && timeSpent === 0) return doc
  await recordEvent(req, 'lesson_complete', {
    user: idOf(doc.student),
    course: idOf(doc.course),
    data: { lessonId: idOf(doc.lesson), timeSpent, firstCompletion: first },
  })
  return doc
}

/** purchase_completed / purchase_refunded as a sale changes status (a refund only of a sale). */
export const recordSale: CollectionAfterChangeHook<Purchase> = async ({
  doc,
  previousDoc,
  req,
}) => {
  const from = previousDoc?.status
  if (from === doc.status) return doc
  const data = {
    purchaseId: doc.id,
    amount: doc.amount,
    netAmount: doc.netAmount,
    platformFee: doc.platformFee,
    currency: doc.currency,
    educatorId: idOf(doc.educator) ?? null,
  }
  const course = idOf(doc.course)
  if (doc.status === 'completed') {
    await recordEvent(req, 'purchase_completed', { user: idOf(doc.student), course, data })
  } else if (doc.status === 'refunded' && from === 'completed') {
    await recordEvent(req, 'purchase_refunded', { user: idOf(doc.student), course, data })
  }
  return doc
}

/**
 * course_view: a logged-in user opening a course — `GET /api/courses/:id` or GraphQL's `Course`
 * query. Lookups that other endpoints make (enroll, complete a lesson…) run findByID too, on the
 * same request: those are not views. Neither is a trusted lookup (access rules read a course's
 * educator, also inside GraphQL mutations) nor any read inside a write's transaction: the view is
 * written on its own connection, and one taken while the request holds another could wait forever
 * once every pool connection is held that way (it stalled the access matrix's parallel mutations).
 */
export const recordCourseOpened: CollectionAfterOperationHook = async ({
  args,
  operation,
  result,
  req,
}) => {
  const id = (result as { id?: string } | undefined)?.id
  if (operation !== 'findByID' || !req.user || !id) return result
  if ((args as { overrideAccess?: boolean }).overrideAccess === true || req.transactionID) {
    return result
  }
  const path = req.url ? new URL(req.url, 'http://localhost').pathname : ''
  const opened =
    req.payloadAPI === 'GraphQL' ||
    (req.payloadAPI === 'REST' &&
      req.method === 'GET' &&
      path === `${req.payload.config.routes.api}/courses/${id}`)
  if (opened) await recordCourseView(req, String(req.user.id), String(id))
  return result
}

/** enroll, and a recommendation_clicked when the course had been recommended to the student. */
export const recordEnrollment: CollectionAfterChangeHook<Enrollment> = async ({
  doc,
  operation,
  req,
}) => {
  if (operation !== 'create') return doc
  const student = idOf(doc.student)
  const course = idOf(doc.course)
  await recordEvent(req, 'enroll', { user: student, course, data: { source: doc.source } })
  if (student && course) {
    await recordRecommendationClick(req, await transactionDb(req), student, course, 'enroll')
  }
  return doc
}

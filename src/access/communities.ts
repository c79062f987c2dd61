import { and, eq, ne, or, sql, type SQL, type SQLWrapper } from '@payloadcms/db-postgres/drizzle'
import { alias } from '@payloadcms/db-postgres/drizzle/pg-core'
import type { Access, FieldAccess, PayloadRequest, Where } from 'payload'

import { hasRole, isAdminUser } from './index'
import { exists, rowsWhere } from './subqueries'
import { idOf } from '../lib/ids'
import { forget, memo } from '../lib/requestCache'
import { execute, table } from '../lib/sql'

/*
 * Who takes part where. A member of a course community counts only while enrolled in (students) or
 * teaching (educators) its course; the educator of a community's course moderates it. Lists are
 * filtered by one SQL rule per collection that Postgres evaluates per row with index probes; one
 * document's yes/no is one query, asked once per request.
 */

const userId = (req: PayloadRequest) => req.user!.id
const teaches = (req: PayloadRequest) => hasRole(req.user, 'educator')
const studies = (req: PayloadRequest) => hasRole(req.user, 'student')
const db = (req: PayloadRequest) => req.payload.db.drizzle

/** An id, or the column that holds it in the row being tested. */
type Ref = string | SQLWrapper

/** The caller takes part in `course`'s discussion: enrolled in it (students) or teaching it. */
function takesPart(req: PayloadRequest, course: Ref): SQL | undefined {
  if (studies(req)) {
    const e = alias(table(req, 'enrollments', ['student', 'course']), 'access_enrollment')
    return exists(
      db(req)
        .select({ one: sql`1` })
        .from(e)
        .where(and(eq(e.student, userId(req)), eq(e.course, course))),
    )
  }
  return teachesIt(req, course)
}

/** The caller teaches `course`. */
function teachesIt(req: PayloadRequest, course: Ref): SQL | undefined {
  if (!teaches(req)) return undefined
  const c = alias(table(req, 'courses', ['id', 'educator']), 'access_course')
  return exists(
    db(req)
      .select({ one: sql`1` })
      .from(c)
      .where(and(eq(c.id, course), eq(c.educator, userId(req)))),
  )
}

/** The caller is a member of `community` (a moderator, when asked), or of any when not given. */
function isMember(req: PayloadRequest, moderator: boolean, community?: Ref): SQL {
  const m = alias(
    table(req, 'community-members', ['community', 'user', 'role']),
    'access_membership',
  )
  const c = alias(table(req, 'communities', ['id', 'visibility', 'course']), 'access_community')
  const notCourse = ne(c.visibility, 'course')
  const course = takesPart(req, c.course)
  return exists(
    db(req)
      .select({ one: sql`1` })
      .from(m)
      .innerJoin(c, eq(c.id, m.community))
      .where(
        and(
          eq(m.user, userId(req)),
          community ? eq(m.community, community) : undefined,
          moderator ? eq(m.role, 'moderator') : undefined,
          course ? or(notCourse, course) : notCourse,
        ),
      ),
  )
}

/** The caller leads `community` (teaches its course), or any community when not given. */
function leads(req: PayloadRequest, community?: Ref): SQL | undefined {
  if (!teaches(req)) return undefined
  const c = alias(table(req, 'communities', ['id', 'course']), 'access_led')
  const co = alias(table(req, 'courses', ['id', 'educator']), 'access_led_course')
  return exists(
    db(req)
      .select({ one: sql`1` })
      .from(c)
      .innerJoin(co, eq(co.id, c.course))
      .where(and(eq(co.educator, userId(req)), community ? eq(c.id, community) : undefined)),
  )
}

/** Member (any role) or moderator of `community`. */
const belongsTo = (req: PayloadRequest, community: Ref) =>
  or(isMember(req, false, community), leads(req, community))

/** Moderator of `community`, by role or by teaching its course. */
const moderates = (req: PayloadRequest, community: Ref) =>
  or(isMember(req, true, community), leads(req, community))

/** One yes/no per request and key, asked inside req's transaction. */
const holds = (req: PayloadRequest, key: string, condition: SQL | undefined) =>
  memo(req, `communities:${key}`, async () => {
    if (!condition) return false
    const [row] = await execute<{ yes: boolean }>(req, sql`select ${condition} as yes`)
    return Boolean(row?.yes)
  })

/** After a join or leave in this request. */
export const forgetCommunityScope = (req: PayloadRequest) => forget(req, 'communities:')

/** Public and members-only communities to everyone; course communities to its students and educator. */
export const readableCommunities: Access = ({ req }) => {
  if (isAdminUser(req.user)) return true
  if (!req.user) return { visibility: { in: ['public', 'members'] } }
  const c = alias(table(req, 'communities', ['id', 'visibility', 'course']), 'access_row')
  return rowsWhere(
    db(req)
      .select({ id: c.id })
      .from(c)
      .where(or(ne(c.visibility, 'course'), takesPart(req, c.course))),
    'communities the caller may read',
  )
}

/** Communities the caller moderates (no edit rights at all when none). */
export const moderatedCommunities: Access = async ({ req }) => {
  if (isAdminUser(req.user)) return true
  if (!req.user) return false
  if (!(await holds(req, 'moderatesAny', or(isMember(req, true), leads(req))))) return false
  const c = alias(table(req, 'communities', ['id']), 'access_row')
  return rowsWhere(
    db(req).select({ id: c.id }).from(c).where(moderates(req, c.id)),
    'communities the caller moderates',
  )
}

type Content = 'posts' | 'comments'

/** The row's `community`, joined for its visibility and course. */
const contentRows = (req: PayloadRequest, collection: Content) => {
  const x = alias(table(req, collection, ['id', 'community', 'course', 'author']), 'access_row')
  const c = alias(table(req, 'communities', ['id', 'visibility']), 'access_row_community')
  const rows = (condition: SQL | undefined) =>
    db(req).select({ id: x.id }).from(x).leftJoin(c, eq(c.id, x.community)).where(condition)
  return { x, c, rows }
}

/**
 * Posts and comments (each with `community` or `course`): public communities to everyone,
 * members-only and course communities to members, course discussions to the course's enrolled
 * students and educator.
 */
export const readableContent =
  (collection: Content): Access =>
  ({ req }) => {
    if (isAdminUser(req.user)) return true
    if (!req.user) return { 'community.visibility': { equals: 'public' } }
    const { x, c, rows } = contentRows(req, collection)
    return rowsWhere(
      rows(or(eq(c.visibility, 'public'), belongsTo(req, x.community), takesPart(req, x.course))),
      `${collection} the caller may read`,
    )
  }

/** Authors, the community's moderators, the course's educator, admins. */
export const authorOrModerator =
  (collection: Content): Access =>
  ({ req }) => {
    if (isAdminUser(req.user)) return true
    if (!req.user) return false
    const { x, rows } = contentRows(req, collection)
    return rowsWhere(
      rows(or(eq(x.author, userId(req)), moderates(req, x.community), teachesIt(req, x.course))),
      `${collection} the caller wrote or moderates`,
    )
  }

/** Where a post or comment lives: a community or a course's discussion. */
export type ContentTarget = { community?: string | null; course?: string | null }

export const targetOf = (doc: { community?: unknown; course?: unknown }): ContentTarget => ({
  community: idOf(doc.community) ?? null,
  course: idOf(doc.course) ?? null,
})

/** The caller's role in a community: 'moderator', 'member' or null. */
export function roleIn(req: PayloadRequest, communityId: string) {
  if (!req.user) return Promise.resolve(null)
  return memo(req, `communities:role:${communityId}`, async () => {
    const [row] = await execute<{ role: 'moderator' | 'member' | null }>(
      req,
      sql`select case when ${moderates(req, communityId)} then 'moderator'
        when ${isMember(req, false, communityId)} then 'member' end as role`,
    )
    return row?.role ?? null
  })
}

/** Whether the caller takes part in a course's discussion: enrolled in it or teaching it. */
export const takesPartInCourse = (req: PayloadRequest, courseId: string) =>
  holds(req, `course:${courseId}`, req.user ? takesPart(req, courseId) : undefined)

/** Whether the caller teaches a course. */
export const teachesCourse = (req: PayloadRequest, courseId: string) =>
  holds(req, `teaches:${courseId}`, req.user ? teachesIt(req, courseId) : undefined)

/** Members post and comment in communities; enrolled students and the educator in course discussions. */
export async function canParticipate(req: PayloadRequest, target: ContentTarget) {
  if (!req.user) return false
  if (isAdminUser(req.user)) return true
  if (target.community) return (await roleIn(req, target.community)) !== null
  if (target.course) return takesPartInCourse(req, target.course)
  return false
}

/** Announcements, pinning and removing others' content: moderators, the course educator, admins. */
export async function canModerate(req: PayloadRequest, target: ContentTarget) {
  if (!req.user) return false
  if (isAdminUser(req.user)) return true
  if (target.community) return (await roleIn(req, target.community)) === 'moderator'
  if (target.course) return teachesCourse(req, target.course)
  return false
}

/** Posts: only participants of the target community or course discussion. */
export const mayCreatePost: Access = async ({ req, data }) => {
  if (!req.user) return false
  // Without data this is the admin UI asking whether a create form may be shown.
  if (!data) return true
  return canParticipate(req, targetOf(data))
}

/** Comments: participants of the commented post's community or course discussion. */
export const mayCreateComment: Access = async ({ req, data }) => {
  if (!req.user) return false
  if (!data) return true
  const postId = idOf(data.post)
  if (!postId) return isAdminUser(req.user)
  const post = await req.payload.findByID({
    collection: 'posts',
    id: postId,
    depth: 0,
    disableErrors: true,
    select: { community: true, course: true },
    overrideAccess: true,
    req,
  })
  // An unknown post is left to validation (400 naming the field).
  if (!post) return true
  return canParticipate(req, targetOf(post))
}

/** Field guard: only the author (and admins) change what an author wrote. */
export const authorField: FieldAccess = ({ req: { user }, doc }) =>
  isAdminUser(user) || Boolean(user && doc && idOf(doc.author) === user.id)

/** Field guard: pinning is for moderators of the post's community or course (and admins). */
export const moderatorField: FieldAccess = async ({ req, doc, data }) =>
  canModerate(req, targetOf(doc?.id ? doc : (data ?? {})))

/** The memberships the caller may see (`moderated`: may remove), one's own always included. */
const membershipRows = (req: PayloadRequest, moderated: boolean, label: string): Where => {
  const x = alias(table(req, 'community-members', ['id', 'community', 'user']), 'access_row')
  const others = moderated ? moderates(req, x.community) : belongsTo(req, x.community)
  return rowsWhere(
    db(req)
      .select({ id: x.id })
      .from(x)
      .where(or(eq(x.user, userId(req)), others)),
    label,
  )
}

/** Memberships: one's own, fellow members', and all for admins. */
export const readableMemberships: Access = ({ req }) => {
  if (isAdminUser(req.user)) return true
  if (!req.user) return false
  return membershipRows(req, false, 'memberships the caller may see')
}

/** Leaving (one's own membership) or removing members (moderators). */
export const removableMemberships: Access = ({ req }) => {
  if (isAdminUser(req.user)) return true
  if (!req.user) return false
  return membershipRows(req, true, 'memberships the caller may remove')
}

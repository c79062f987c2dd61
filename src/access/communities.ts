import type { Access, FieldAccess, PayloadRequest, Where } from 'payload'

import { hasRole, isAdminUser } from './index'
import { idOf } from '../lib/ids'

/** What the caller belongs to, loaded once per request (a few queries, never one per document). */
export type CommunityScope = {
  /** Communities the caller belongs to (a course community only while enrolled in its course). */
  member: string[]
  /** Communities the caller moderates: moderator role, or educator of the community's course. */
  moderator: string[]
  /** Courses whose discussions the caller takes part in: enrolled in or teaching. */
  courses: string[]
  /** Courses the caller teaches. */
  taught: string[]
}

const EMPTY: CommunityScope = { member: [], moderator: [], courses: [], taught: [] }
const SCOPE_KEY = 'communityScope'

export async function communityScope(req: PayloadRequest): Promise<CommunityScope> {
  const user = req.user
  if (!user) return EMPTY
  const cached = req.context[SCOPE_KEY] as CommunityScope | undefined
  if (cached) return cached

  const enrolled = hasRole(user, 'student')
    ? (
        await req.payload.find({
          collection: 'enrollments',
          where: { student: { equals: user.id } },
          depth: 0,
          pagination: false,
          select: { course: true },
          overrideAccess: true,
          req,
        })
      ).docs.map((e) => String(idOf(e.course)))
    : []
  const taught = hasRole(user, 'educator')
    ? (
        await req.payload.find({
          collection: 'courses',
          where: { educator: { equals: user.id } },
          depth: 0,
          pagination: false,
          select: { createdAt: true },
          overrideAccess: true,
          req,
        })
      ).docs.map((c) => String(c.id))
    : []
  const memberships = await req.payload.find({
    collection: 'community-members',
    where: { user: { equals: user.id } },
    depth: 1,
    pagination: false,
    select: { community: true, role: true },
    populate: { communities: { visibility: true, course: true } },
    overrideAccess: true,
    req,
  })
  const enrolledSet = new Set(enrolled)
  const member: string[] = []
  const moderator = new Set<string>()
  for (const m of memberships.docs) {
    const community = m.community
    if (!community || typeof community !== 'object') continue
    // Leaving the course ends a course community's membership rights.
    if (community.visibility === 'course' && !enrolledSet.has(String(idOf(community.course)))) {
      if (!taught.includes(String(idOf(community.course)))) continue
    }
    member.push(community.id)
    if (m.role === 'moderator') moderator.add(community.id)
  }
  if (taught.length) {
    const led = await req.payload.find({
      collection: 'communities',
      where: { course: { in: taught } },
      depth: 0,
      pagination: false,
      select: { createdAt: true },
      overrideAccess: true,
      req,
    })
    for (const c of led.docs) moderator.add(String(c.id))
  }
  const scope: CommunityScope = {
    member,
    moderator: [...moderator],
    courses: [...new Set([...enrolled, ...taught])],
    taught,
  }
  req.context[SCOPE_KEY] = scope
  return scope
}

/** After a join or leave in this request. */
export const forgetCommunityScope = (req: PayloadRequest) => {
  delete req.context[SCOPE_KEY]
}

const inList = (field: string, ids: string[]): Where[] =>
  ids.length ? [{ [field]: { in: ids } }] : []

const union = (...lists: string[][]) => [...new Set(lists.flat())]

/** Public and members-only communities to everyone; course communities to its students and educator. */
export const readableCommunities: Access = async ({ req }) => {
  if (isAdminUser(req.user)) return true
  const listed: Where = { visibility: { in: ['public', 'members'] } }
  if (!req.user) return listed
  const s = await communityScope(req)
  return {
    or: [listed, ...inList('id', union(s.member, s.moderator)), ...inList('course', s.courses)],
  }
}

/** Communities the caller moderates. */
export const moderatedCommunities: Access = async ({ req }) => {
  if (isAdminUser(req.user)) return true
  if (!req.user) return false
  const s = await communityScope(req)
  return s.moderator.length ? { id: { in: s.moderator } } : false
}

/**
 * Posts and comments (each with `community` or `course`): public communities to everyone,
 * members-only and course communities to members, course discussions to the course's enrolled
 * students and educator.
 */
export const readableContent: Access = async ({ req }) => {
  if (isAdminUser(req.user)) return true
  const open: Where = { 'community.visibility': { equals: 'public' } }
  if (!req.user) return open
  const s = await communityScope(req)
  return {
    or: [
      open,
      ...inList('community', union(s.member, s.moderator)),
      ...inList('course', s.courses),
    ],
  }
}

/** Authors, the community's moderators, the course's educator, admins. */
export const authorOrModerator: Access = async ({ req }) => {
  if (isAdminUser(req.user)) return true
  if (!req.user) return false
  const s = await communityScope(req)
  return {
    or: [
      { author: { equals: req.user.id } },
      ...inList('community', s.moderator),
      ...inList('course', s.taught),
    ],
  }
}

/** Where a post or comment lives: a community or a course's discussion. */
export type ContentTarget = { community?: string | null; course?: string | null }

export const targetOf = (doc: { community?: unknown; course?: unknown }): ContentTarget => ({
  community: idOf(doc.community) ?? null,
  course: idOf(doc.course) ?? null,
})

/** Members post and comment in communities; enrolled students and the educator in course discussions. */
export async function canParticipate(req: PayloadRequest, target: ContentTarget) {
  if (!req.user) return false
  if (isAdminUser(req.user)) return true
  const s = await communityScope(req)
  if (target.community)
    return s.member.includes(target.community) || s.moderator.includes(target.community)
  if (target.course) return s.courses.includes(target.course)
  return false
}

/** Announcements, pinning and removing others' content: moderators, the course educator, admins. */
export async function canModerate(req: PayloadRequest, target: ContentTarget) {
  if (!req.user) return false
  if (isAdminUser(req.user)) return true
  const s = await communityScope(req)
  if (target.community) return s.moderator.includes(target.community)
  if (target.course) return s.taught.includes(target.course)
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

/** Memberships: one's own, fellow members', and all for admins. */
export const readableMemberships: Access = async ({ req }) => {
  if (isAdminUser(req.user)) return true
  if (!req.user) return false
  const s = await communityScope(req)
  return {
    or: [{ user: { equals: req.user.id } }, ...inList('community', union(s.member, s.moderator))],
  }
}

/** Leaving (one's own membership) or removing members (moderators). */
export const removableMemberships: Access = async ({ req }) => {
  if (isAdminUser(req.user)) return true
  if (!req.user) return false
  const s = await communityScope(req)
  return { or: [{ user: { equals: req.user.id } }, ...inList('community', s.moderator)] }
}

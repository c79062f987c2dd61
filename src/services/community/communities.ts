import type { PayloadRequest } from 'payload'

import { isAdminUser } from '../../access'
import {
  canParticipate,
  forgetCommunityScope,
  takesPartInCourse,
  teachesCourse,
  type ContentTarget,
} from '../../access/communities'
import { idOf } from '../../lib/ids'
import { forbidden, notFound, unauthorized } from '../../lib/errors'
import { requireUser, withTransaction } from '../../lib/http'
import { findOr404 } from '../../lib/lookup'
import { lockRow } from '../../lib/locks'
import type { Community, CommunityMember, Course } from '../../payload-types'
import { visibleCourse } from '../learning/courses'

/** A community the caller may see, or 404 (course communities are hidden from outsiders). */
export const visibleCommunity = (req: PayloadRequest, id: unknown): Promise<Community> =>
  findOr404(req, 'communities', id, 'Community', { asCaller: true })

export async function findMembership(req: PayloadRequest, communityId: string, userId: string) {
  const { docs } = await req.payload.find({
    collection: 'community-members',
    where: { and: [{ community: { equals: communityId } }, { user: { equals: userId } }] },
    limit: 1,
    depth: 0,
    // What the join and leave rules need, asked on the caller's behalf.
    overrideAccess: true,
    req,
  })
  return docs[0] ?? null
}

/** Under the community row's lock (404 once it is gone), the user's membership or null. */
async function lockedMembership(req: PayloadRequest, communityId: string, userId: string) {
  if (!(await lockRow(req, 'communities', communityId))) throw notFound('Community not found')
  return findMembership(req, communityId, userId)
}

/** Posts of public communities are open; the rest only to members (and admins). */
export async function requireCommunityReader(req: PayloadRequest, community: Community) {
  if (community.visibility === 'public') return
  if (await canParticipate(req, { community: community.id })) return
  if (!req.user) throw unauthorized('Log in and join this community to see its posts')
  throw forbidden('Join this community to see its posts')
}

/** Posting, commenting and reacting: members of the community / participants of the discussion. */
export async function requireParticipant(req: PayloadRequest, target: ContentTarget) {
  requireUser(req)
  if (await canParticipate(req, target)) return
  throw forbidden(
    target.community
      ? 'Join this community to take part'
      : "Only the course's enrolled students and educator take part in its discussion",
  )
}

async function memberCountOf(req: PayloadRequest, communityId: string) {
  const community = await req.payload.findByID({
    collection: 'communities',
    id: communityId,
    depth: 0,
    select: { memberCount: true },
    // The counter, read back inside the writer's transaction.
    overrideAccess: true,
    req,
  })
  return community.memberCount ?? 0
}

/**
 * POST /api/communities/:id/join. Joins of one community serialize on its row, so parallel
 * requests add the member once and memberCount stays exact. The course educator joins as moderator.
 */
export async function joinCommunity(
  req: PayloadRequest,
  community: Community,
): Promise<{ doc: CommunityMember; created: boolean; memberCount: number }> {
  const user = requireUser(req)
  let role: CommunityMember['role'] = 'member'
  if (community.visibility === 'course' && !isAdminUser(user)) {
    const courseId = String(idOf(community.course))
    if (!(await takesPartInCourse(req, courseId))) {
      throw forbidden("Only students enrolled in this community's course can join it")
    }
    if (await teachesCourse(req, courseId)) role = 'moderator'
  }
  try {
    return await withTransaction(req, async () => {
      const existing = await lockedMembership(req, community.id, user.id)
      if (existing) {
        return {
          doc: existing,
          created: false,
          memberCount: await memberCountOf(req, community.id),
        }
      }
      const doc = await req.payload.create({
        collection: 'community-members',
        data: { community: community.id, user: user.id, role, joinedAt: new Date().toISOString() },
        depth: 0,
        // Admin-only over REST: joining is this endpoint's rule (course students, moderator role).
        overrideAccess: true,
        req,
      })
      return { doc, created: true, memberCount: await memberCountOf(req, community.id) }
    })
  } finally {
    forgetCommunityScope(req)
  }
}

/** DELETE /api/communities/:id/leave — idempotent: leaving when not a member changes nothing. */
export async function leaveCommunity(req: PayloadRequest, community: Community) {
  const user = requireUser(req)
  try {
    return await withTransaction(req, async () => {
      const existing = await lockedMembership(req, community.id, user.id)
      if (existing) {
        await req.payload.delete({
          collection: 'community-members',
          id: existing.id,
          overrideAccess: false,
          user: req.user,
          req,
        })
      }
      return { left: Boolean(existing), memberCount: await memberCountOf(req, community.id) }
    })
  } finally {
    forgetCommunityScope(req)
  }
}

/**
 * A course whose discussion the caller takes part in: 404 when the course is not visible to them,
 * 401 anonymous, 403 when neither enrolled nor its educator (admins always).
 */
export async function discussionCourse(req: PayloadRequest, id: unknown): Promise<Course> {
  const course = await visibleCourse(req, id)
  await requireParticipant(req, { course: course.id })
  return course
}

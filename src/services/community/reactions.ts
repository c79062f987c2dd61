import type { PayloadRequest, Where } from 'payload'

import { targetOf } from '../../access/communities'
import type { ReactionType } from '../../collections/Communities/constants'
import { reactionTargetKey } from '../../collections/Reactions/hooks/target'
import { notFound } from '../../lib/errors'
import { requireUser, withTransaction } from '../../lib/http'
import { lockRow } from '../../lib/locks'
import type { Comment, Post, Reaction } from '../../payload-types'
import { requireParticipant } from './communities'

export type ReactionTarget = { kind: 'post'; doc: Post } | { kind: 'comment'; doc: Comment }

type ReactionState = { reactionCount: number; myReactions: string[] }

async function stateOf(
  req: PayloadRequest,
  target: ReactionTarget,
  userId: string,
): Promise<ReactionState> {
  const collection = target.kind === 'post' ? 'posts' : 'comments'
  const current = await req.payload.findByID({
    collection,
    id: target.doc.id,
    depth: 0,
    select: { reactionCount: true },
    // The counter, read back inside the writer's transaction.
    overrideAccess: true,
    req,
  })
  const mine = await req.payload.find({
    collection: 'reactions',
    where: mineWhere(target, userId),
    depth: 0,
    pagination: false,
    select: { type: true },
    overrideAccess: false,
    user: req.user,
    req,
  })
  return { reactionCount: current.reactionCount ?? 0, myReactions: mine.docs.map((r) => r.type) }
}

const keyOf = (target: ReactionTarget) =>
  reactionTargetKey(target.kind === 'post' ? { post: target.doc.id } : { comment: target.doc.id })

const mineWhere = (target: ReactionTarget, userId: string, type?: ReactionType): Where => ({
  and: [
    { user: { equals: userId } },
    { targetKey: { equals: keyOf(target) } },
    ...(type ? [{ type: { equals: type } }] : []),
  ],
})

/** Runs fn with the target row locked: reactions on one target serialize, so counts stay exact. */
async function onLockedTarget<T>(
  req: PayloadRequest,
  target: ReactionTarget,
  fn: () => Promise<T>,
) {
  return withTransaction(req, async () => {
    const table = target.kind === 'post' ? 'posts' : 'comments'
    if (!(await lockRow(req, table, target.doc.id))) {
      throw notFound(`${target.kind === 'post' ? 'Post' : 'Comment'} not found`)
    }
    return fn()
  })
}

/** Adds the caller's reaction of `type` once; repeating it changes nothing (200 instead of 201). */
export async function react(
  req: PayloadRequest,
  target: ReactionTarget,
  type: ReactionType,
): Promise<{ doc: Reaction; created: boolean } & ReactionState> {
  const user = requireUser(req)
  await requireParticipant(req, targetOf(target.doc))
  return onLockedTarget(req, target, async () => {
    const { docs } = await req.payload.find({
      collection: 'reactions',
      where: mineWhere(target, user.id, type),
      limit: 1,
      depth: 0,
      overrideAccess: false,
      user: req.user,
      req,
    })
    let doc = docs[0]
    const created = !doc
    if (!doc) {
      doc = await req.payload.create({
        collection: 'reactions',
        data: {
          user: user.id,
          type,
          targetKey: keyOf(target),
          ...(target.kind === 'post' ? { post: target.doc.id } : { comment: target.doc.id }),
        },
        depth: 0,
        // Admin-only over REST: reacting goes through here, once per type, under the target lock.
        overrideAccess: true,
        req,
      })
    }
    return { doc, created, ...(await stateOf(req, target, user.id)) }
  })
}

/**
 * Removes the caller's reaction of `type` (all of the caller's reactions on the target without
 * one). Removing what is not there changes nothing.
 */
export async function unreact(
  req: PayloadRequest,
  target: ReactionTarget,
  type?: ReactionType,
): Promise<{ removed: number } & ReactionState> {
  const user = requireUser(req)
  return onLockedTarget(req, target, async () => {
    const { docs } = await req.payload.delete({
      collection: 'reactions',
      where: mineWhere(target, user.id, type),
      depth: 0,
      overrideAccess: false,
      user: req.user,
      req,
    })
    return { removed: docs.length, ...(await stateOf(req, target, user.id)) }
  })
}

import type { PayloadRequest, PopulateType, Where } from 'payload'

import { isAdminUser } from '../../access'
import { canModerate, targetOf, type ContentTarget } from '../../access/communities'
import { idOf } from '../../lib/ids'
import type { PostType } from '../../collections/Communities/constants'
import { forbidden } from '../../lib/errors'
import { requireUser } from '../../lib/http'
import { findOr404 } from '../../lib/lookup'
import type { Comment, Post } from '../../payload-types'
import { requireParticipant } from './communities'

type Page = { page: number; limit: number }

/**
 * Lists carry what a feed shows: the author's public profile, where the post lives, and the
 * caller's own reactions. Relationships are populated by Payload's per-request loader (one query
 * per collection for the whole page) and the caller's reactions come in one query — never one
 * query per post.
 */
const POPULATE: PopulateType = {
  users: { fullName: true, profileImage: true, role: true },
  media: { url: true, alt: true, sizes: true },
  communities: { name: true, slug: true, topic: true, visibility: true },
  courses: { title: true, slug: true },
}

export type DecoratedPost = Post & { myReactions: string[] }
export type DecoratedComment = Comment & { myReactions: string[]; replies?: DecoratedComment[] }

/** The caller's reaction types per target id, for a page of posts or comments (one query). */
async function myReactions(req: PayloadRequest, field: 'post' | 'comment', ids: string[]) {
  const mine = new Map<string, string[]>()
  if (!req.user || !ids.length) return mine
  const { docs } = await req.payload.find({
    collection: 'reactions',
    where: { and: [{ user: { equals: req.user.id } }, { [field]: { in: ids } }] },
    depth: 0,
    pagination: false,
    select: { post: true, comment: true, type: true },
    overrideAccess: false,
    user: req.user,
    req,
  })
  for (const r of docs) {
    const key = String(idOf(field === 'post' ? r.post : r.comment))
    mine.set(key, [...(mine.get(key) ?? []), r.type])
  }
  return mine
}

async function withMyReactions<T extends { id: string }>(
  req: PayloadRequest,
  field: 'post' | 'comment',
  docs: T[],
): Promise<(T & { myReactions: string[] })[]> {
  const mine = await myReactions(
    req,
    field,
    docs.map((d) => d.id),
  )
  return docs.map((d) => ({ ...d, myReactions: mine.get(d.id) ?? [] }))
}

/** A post the caller may read (404 otherwise — hidden posts are indistinguishable from missing). */
export const visiblePost = (req: PayloadRequest, id: unknown, depth = 0): Promise<Post> =>
  findOr404(req, 'posts', id, 'Post', { asCaller: true, depth, populate: POPULATE })

export async function postForCaller(req: PayloadRequest, id: unknown): Promise<DecoratedPost> {
  const post = await visiblePost(req, id, 2)
  const [doc] = await withMyReactions(req, 'post', [post])
  return doc
}

export type PostInput = { content: string; type?: PostType; isPinned?: boolean }

/** A new post in a community or a course discussion, by a participant; announcements and pins by moderators. */
export async function createPost(req: PayloadRequest, target: ContentTarget, input: PostInput) {
  const user = requireUser(req)
  await requireParticipant(req, target)
  if ((input.type === 'announcement' || input.isPinned) && !(await canModerate(req, target))) {
    throw forbidden(
      'Only moderators, the course educator or an admin can post announcements or pin posts',
    )
  }
  const doc = await req.payload.create({
    collection: 'posts',
    data: {
      community: target.community ?? undefined,
      course: target.course ?? undefined,
      author: user.id,
      content: input.content,
      type: input.type ?? 'discussion',
      isPinned: input.isPinned ?? false,
    },
    depth: 0,
    overrideAccess: false,
    user,
    req,
  })
  return postForCaller(req, doc.id)
}

export type PostListQuery = Page & { type?: PostType }

/** Pinned first, then newest first; one page, with authors and the caller's reactions. */
export async function listPosts(req: PayloadRequest, target: ContentTarget, query: PostListQuery) {
  const and: Where[] = [
    target.community
      ? { community: { equals: target.community } }
      : { course: { equals: target.course } },
  ]
  if (query.type) and.push({ type: { equals: query.type } })
  const result = await req.payload.find({
    collection: 'posts',
    where: { and },
    sort: ['-isPinned', '-createdAt'],
    page: query.page,
    limit: query.limit,
    depth: 2,
    populate: POPULATE,
    overrideAccess: false,
    user: req.user,
    req,
  })
  return { ...result, docs: await withMyReactions(req, 'post', result.docs) }
}

export type PostUpdate = { content?: string; type?: PostType; isPinned?: boolean }

/**
 * PUT /api/posts/:id: the author edits content and type; moderators (and the course educator,
 * admins) pin and unpin and may change the type; announcements need a moderator.
 */
export async function updatePost(req: PayloadRequest, post: Post, input: PostUpdate) {
  const user = requireUser(req)
  const isAuthor = idOf(post.author) === user.id || isAdminUser(user)
  const moderator = await canModerate(req, targetOf(post))
  if (!isAuthor && !moderator) throw forbidden('Only the author or a moderator can change a post')
  if (input.content !== undefined && !isAuthor) {
    throw forbidden('Only the author can edit what a post says')
  }
  if (input.isPinned !== undefined && !moderator) {
    throw forbidden('Only moderators, the course educator or an admin can pin posts')
  }
  if (input.type === 'announcement' && post.type !== 'announcement' && !moderator) {
    throw forbidden('Only moderators, the course educator or an admin can post announcements')
  }
  await req.payload.update({
    collection: 'posts',
    id: post.id,
    data: input,
    depth: 0,
    overrideAccess: false,
    user,
    req,
  })
  return postForCaller(req, post.id)
}

/** DELETE /api/posts/:id: its comments and reactions go with it (Posts beforeDelete). */
export async function deletePost(req: PayloadRequest, post: Post) {
  const user = requireUser(req)
  const isAuthor = idOf(post.author) === user.id
  if (!isAuthor && !(await canModerate(req, targetOf(post)))) {
    throw forbidden('Only the author, a moderator or an admin can delete a post')
  }
  await req.payload.delete({
    collection: 'posts',
    id: post.id,
    overrideAccess: false,
    // Admin edit locks apply, as on Payload's own routes (checkEditLockInTransaction).
    overrideLock: false,
    user,
    req,
  })
}

export type CommentInput = { content: string; parent?: string }

/** POST /api/posts/:id/comments: participants comment; `parent` makes it a reply. */
export async function createComment(req: PayloadRequest, post: Post, input: CommentInput) {
  const user = requireUser(req)
  await requireParticipant(req, targetOf(post))
  const doc = await req.payload.create({
    collection: 'comments',
    data: { post: post.id, author: user.id, content: input.content, parent: input.parent },
    depth: 1,
    populate: POPULATE,
    overrideAccess: false,
    user,
    req,
  })
  return { ...doc, myReactions: [] as string[] }
}

/**
 * GET /api/posts/:id/comments: top-level comments newest first, one page, each with its replies
 * (oldest first). Replies, authors and the caller's reactions load with one query each.
 */
export async function listComments(req: PayloadRequest, post: Post, query: Page) {
  const common = {
    collection: 'comments' as const,
    depth: 1,
    populate: POPULATE,
    overrideAccess: false,
    user: req.user,
    req,
  }
  const top = await req.payload.find({
    ...common,
    where: { and: [{ post: { equals: post.id } }, { parent: { exists: false } }] },
    sort: '-createdAt',
    page: query.page,
    limit: query.limit,
  })
  const replies = top.docs.length
    ? (
        await req.payload.find({
          ...common,
          where: { parent: { in: top.docs.map((c) => c.id) } },
          sort: 'createdAt',
          pagination: false,
        })
      ).docs
    : []
  const decorated = await withMyReactions(req, 'comment', [...top.docs, ...replies])
  const byId = new Map(decorated.map((c) => [c.id, c as DecoratedComment]))
  const docs = top.docs.map((c) => ({ ...byId.get(c.id)!, replies: [] as DecoratedComment[] }))
  const index = new Map(docs.map((c) => [c.id, c]))
  for (const reply of replies)
    index.get(String(idOf(reply.parent)))?.replies.push(byId.get(reply.id)!)
  return { ...top, docs }
}

/** A comment the caller may read, or 404. */
export const visibleComment = (req: PayloadRequest, id: unknown): Promise<Comment> =>
  findOr404(req, 'comments', id, 'Comment', { asCaller: true })

import { ValidationError, type CollectionBeforeChangeHook } from 'payload'

import { idOf } from '../../../lib/ids'
import { isUUID } from '../../../lib/http'
import { lockRow } from '../../../lib/locks'
import type { Comment } from '../../../payload-types'

const invalid = (path: string, message: string) =>
  new ValidationError({ collection: 'comments', errors: [{ path, message }] })

/**
 * A new comment takes the post's community/course and may reply only to a top-level comment of the
 * same post. It locks that community or course first (`keyShare`, as its foreign key would anyway:
 * root first, see src/lib/locks.ts), then the post, so the post's delete and commentCount
 * serialize with it.
 */
export const attachToPost: CollectionBeforeChangeHook<Comment> = async ({
  data,
  operation,
  req,
}) => {
  if (operation !== 'create') return data
  const postId = idOf(data.post)
  if (!isUUID(postId)) return data // left to field validation
  const post = await req.payload.findByID({
    collection: 'posts',
    id: postId,
    depth: 0,
    disableErrors: true,
    select: { community: true, course: true },
    overrideAccess: true,
    req,
  })
  const communityId = idOf(post?.community)
  const courseId = idOf(post?.course)
  const rootLocked = communityId
    ? await lockRow(req, 'communities', communityId, 'keyShare')
    : Boolean(courseId) && (await lockRow(req, 'courses', courseId!, 'keyShare'))
  if (!post || !rootLocked || !(await lockRow(req, 'posts', postId))) {
    throw invalid('post', 'Post not found')
  }
  data.community = idOf(post.community) ?? null
  data.course = idOf(post.course) ?? null
  const parentId = idOf(data.parent)
  if (parentId) {
    const parent = isUUID(parentId)
      ? await req.payload.findByID({
          collection: 'comments',
          id: parentId,
          depth: 0,
          disableErrors: true,
          select: { post: true, parent: true },
          overrideAccess: true,
          req,
        })
      : null
    if (!parent || idOf(parent.post) !== postId) {
      throw invalid('parent', 'The parent comment is not a comment on this post')
    }
    if (parent.parent) throw invalid('parent', 'Replies go one level deep: reply to the comment')
  }
  return data
}

export const markCommentEdited: CollectionBeforeChangeHook<Comment> = ({
  data,
  operation,
  originalDoc,
}) => {
  if (
    operation === 'update' &&
    typeof data.content === 'string' &&
    data.content !== originalDoc?.content
  ) {
    data.editedAt = new Date().toISOString()
  }
  return data
}

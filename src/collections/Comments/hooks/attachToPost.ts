import { ValidationError, type CollectionBeforeChangeHook } from 'payload'

import { idOf } from '../../../lib/ids'
import { lockCommunityRecord } from '../../../hooks/counters'
import { isUUID } from '../../../lib/http'
import type { Comment } from '../../../payload-types'

const invalid = (path: string, message: string) =>
  new ValidationError({ collection: 'comments', errors: [{ path, message }] })

/**
 * A new comment locks its post (so the post's delete and commentCount serialize with it), takes
 * the post's community/course, and may reply only to a top-level comment of the same post.
 */
export const attachToPost: CollectionBeforeChangeHook<Comment> = async ({
  data,
  operation,
  req,
}) => {
  if (operation !== 'create') return data
  const postId = idOf(data.post)
  if (!isUUID(postId)) return data // left to field validation
  if (!(await lockCommunityRecord(req, 'posts', postId))) throw invalid('post', 'Post not found')
  const post = await req.payload.findByID({
    collection: 'posts',
    id: postId,
    depth: 0,
    select: { community: true, course: true },
    overrideAccess: true,
    req,
  })
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

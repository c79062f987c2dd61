import type { CollectionConfig } from 'payload'

import { idOf } from '../../lib/ids'
import { adminField, adminsOrOwn, never } from '../../access'
import { authorOrModerator, mayCreateComment, readableContent } from '../../access/communities'
import { COMMENT_MAX_LENGTH } from '../Communities/constants'
import { notBlank, rateLimitPosting, setAuthor } from '../Posts/hooks/authoring'
import { countCommentAdded, countCommentRemoved } from './hooks/counters'
import { removeCommentContent } from './hooks/removeCommentContent'
import { attachToPost, markCommentEdited } from './hooks/attachToPost'
import { ownedByUser } from '../../fields/relations'
import { counter, serverSet } from '../../fields/serverSet'
import { checkEditLockInTransaction } from '../../hooks/editLockInTransaction'
import { commentEndpoints } from '../../endpoints/communities/posts'
import { recordOnCreate } from '../../hooks/analytics'

/**
 * Comments on a post, with one level of replies (`parent` is a top-level comment of the same
 * post). `community`/`course` are copied from the post so one access rule reads both.
 */
export const Comments: CollectionConfig = {
  slug: 'comments',
  admin: { defaultColumns: ['content', 'author', 'post', 'parent', 'reactionCount', 'createdAt'] },
  defaultSort: '-createdAt',
  access: {
    read: readableContent('comments'),
    create: mayCreateComment,
    update: adminsOrOwn('author'),
    delete: authorOrModerator('comments'),
  },
  // A copy: Payload appends its own endpoints to the array it is given.
  endpoints: [...commentEndpoints],
  hooks: {
    beforeOperation: [rateLimitPosting, checkEditLockInTransaction],
    beforeValidate: [setAuthor],
    beforeChange: [attachToPost, markCommentEdited],
    afterChange: [
      countCommentAdded,
      recordOnCreate('comment_created', (c) => ({
        user: idOf(c.author),
        course: idOf(c.course),
        data: { commentId: c.id, postId: idOf(c.post) },
      })),
    ],
    beforeDelete: [removeCommentContent],
    afterDelete: [countCommentRemoved],
  },
  indexes: [{ fields: ['post', 'parent', 'createdAt'] }],
  fields: [
    {
      name: 'post',
      type: 'relationship',
      relationTo: 'posts',
      required: true,
      index: true,
      access: { update: never },
    },
    {
      name: 'parent',
      type: 'relationship',
      relationTo: 'comments',
      index: true,
      access: { update: never },
      admin: { description: 'The comment this replies to (one level of replies)' },
    },
    ownedByUser('author', { access: { update: adminField } }),
    {
      name: 'content',
      type: 'textarea',
      required: true,
      maxLength: COMMENT_MAX_LENGTH,
      validate: notBlank(COMMENT_MAX_LENGTH),
    },
    // Taken from the post (attachToPost).
    serverSet({ name: 'community', type: 'relationship', relationTo: 'communities', index: true }),
    serverSet({ name: 'course', type: 'relationship', relationTo: 'courses', index: true }),
    counter('reactionCount'),
    serverSet({ name: 'editedAt', type: 'date' }),
  ],
}

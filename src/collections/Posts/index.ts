import type { CollectionConfig } from 'payload'

import { idOf } from '../../lib/ids'
import { adminField, never } from '../../access'
import {
  authorField,
  authorOrModerator,
  mayCreatePost,
  moderatorField,
  readableContent,
} from '../../access/communities'
import { toOptions } from '../../lib/constants'
import { POST_MAX_LENGTH, POST_TYPES } from '../Communities/constants'
import { notBlank, rateLimitPosting, setAuthor } from './hooks/authoring'
import { guardAnnouncement, lockTarget, markEdited } from './hooks/rules'
import { removePostContent } from './hooks/removePostContent'
import { ownedByUser } from '../../fields/relations'
import { counter, serverSet } from '../../fields/serverSet'
import { checkEditLockInTransaction } from '../../hooks/editLockInTransaction'
import { postEndpoints } from '../../endpoints/communities/posts'
import { recordOnCreate } from '../../hooks/analytics'

/**
 * Posts in a community, or in a course's discussion (`course` instead of `community`). Written
 * through POST /api/communities/:id/posts and /api/courses/:id/discussions; Payload's own routes
 * follow the same rules.
 */
export const Posts: CollectionConfig = {
  slug: 'posts',
  admin: {
    defaultColumns: ['content', 'type', 'author', 'community', 'course', 'isPinned', 'createdAt'],
  },
  defaultSort: ['-isPinned', '-createdAt'],
  access: {
    read: readableContent('posts'),
    create: mayCreatePost,
    update: authorOrModerator('posts'),
    delete: authorOrModerator('posts'),
  },
  // A copy: Payload appends its own endpoints to the array it is given.
  endpoints: [...postEndpoints],
  hooks: {
    afterChange: [
      recordOnCreate('post_created', (p) => ({
        user: idOf(p.author),
        course: idOf(p.course),
        data: { postId: p.id, communityId: idOf(p.community) ?? null },
      })),
    ],
    beforeOperation: [rateLimitPosting, checkEditLockInTransaction],
    beforeValidate: [setAuthor],
    beforeChange: [lockTarget, guardAnnouncement, markEdited],
    beforeDelete: [removePostContent],
  },
  indexes: [
    { fields: ['community', 'isPinned', 'createdAt'] },
    { fields: ['course', 'isPinned', 'createdAt'] },
  ],
  fields: [
    {
      name: 'community',
      type: 'relationship',
      relationTo: 'communities',
      index: true,
      access: { update: never },
    },
    {
      name: 'course',
      type: 'relationship',
      relationTo: 'courses',
      index: true,
      access: { update: never },
      admin: { description: 'Set for course discussions instead of a community' },
    },
    ownedByUser('author', { access: { update: adminField } }),
    {
      name: 'content',
      type: 'textarea',
      required: true,
      maxLength: POST_MAX_LENGTH,
      validate: notBlank(POST_MAX_LENGTH),
      access: { update: authorField },
    },
    {
      name: 'type',
      type: 'select',
      required: true,
      defaultValue: 'discussion',
      index: true,
      options: toOptions(POST_TYPES),
    },
    {
      name: 'isPinned',
      type: 'checkbox',
      defaultValue: false,
      index: true,
      access: { create: moderatorField, update: moderatorField },
    },
    counter('reactionCount'),
    counter('commentCount'),
    serverSet({ name: 'editedAt', type: 'date' }),
  ],
}

import type { CollectionConfig, TextFieldSingleValidation } from 'payload'

import { admins, adminsOrOwn, never } from '../../access'
import { toOptions } from '../../lib/constants'
import { REACTION_TYPES } from '../Communities/constants'
import { countReactionAdded, countReactionRemoved } from './hooks/counters'
import { lockReactionTarget, setTarget } from './hooks/target'
import { ownedByUser } from '../../fields/relations'
import { checkEditLockInTransaction } from '../../hooks/editLockInTransaction'

/**
 * One reaction of a user on a post or a comment (exactly one of the two). `targetKey`
 * ("post:<id>" / "comment:<id>") is never null, so the unique index (user, targetKey, type) holds
 * — a unique index over the two nullable relationships would not, NULLs being distinct.
 * Users react through POST/DELETE /api/posts/:id/reactions and /api/comments/:id/reactions.
 */
export const Reactions: CollectionConfig = {
  slug: 'reactions',
  admin: { defaultColumns: ['user', 'type', 'post', 'comment', 'createdAt'] },
  access: {
    read: adminsOrOwn('user'),
    create: admins,
    update: never,
    delete: adminsOrOwn('user'),
  },
  hooks: {
    beforeOperation: [checkEditLockInTransaction],
    beforeValidate: [setTarget],
    beforeChange: [lockReactionTarget],
    afterChange: [countReactionAdded],
    afterDelete: [countReactionRemoved],
  },
  indexes: [{ fields: ['user', 'targetKey', 'type'], unique: true }],
  fields: [
    ownedByUser('user'),
    { name: 'post', type: 'relationship', relationTo: 'posts', index: true },
    { name: 'comment', type: 'relationship', relationTo: 'comments', index: true },
    {
      name: 'targetKey',
      type: 'text',
      required: true,
      index: true,
      // Filled in by setTarget before the row is written; NOT NULL in the database.
      validate: (() => true) as TextFieldSingleValidation,
      admin: { readOnly: true, description: 'post:<id> or comment:<id>, set automatically' },
    },
    { name: 'type', type: 'select', required: true, options: toOptions(REACTION_TYPES) },
  ],
}

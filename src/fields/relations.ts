import type { RelationshipField, SingleRelationshipField } from 'payload'

/**
 * A required, indexed link to a user whose rows go when the user is deleted
 * (see deleteUserData in src/services/users.ts).
 */
export const ownedByUser = (
  name: string,
  overrides: Partial<
    Pick<SingleRelationshipField, 'access' | 'admin' | 'filterOptions' | 'index' | 'label'>
  > = {},
): RelationshipField => ({
  name,
  type: 'relationship',
  relationTo: 'users',
  required: true,
  index: true,
  custom: { onUserDelete: 'cascade' },
  ...overrides,
})

/** The live session a row belongs to. */
export const liveStreamRelation: RelationshipField = {
  name: 'liveStream',
  type: 'relationship',
  relationTo: 'live-streams',
  required: true,
  index: true,
}

/** A user a money record names; the record stays (unlinked) when the user is deleted. */
export const keptRecordOf = (name: string): RelationshipField => ({
  name,
  type: 'relationship',
  relationTo: 'users',
  index: true,
  custom: { onUserDelete: 'nullify' },
})

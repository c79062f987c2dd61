import type { Access, FieldAccess, PayloadRequest } from 'payload'

import type { Role } from '../lib/constants'

type MaybeUser = PayloadRequest['user']

export const hasRole = (user: MaybeUser, ...roles: Role[]): boolean =>
  Boolean(user && 'role' in user && roles.includes(user.role as Role))

export const isAdminUser = (user: MaybeUser): boolean => hasRole(user, 'admin')

export const anyone: Access = () => true

/**
 * Nobody, through any API: collections and fields only the server writes (counters, ids set by the
 * server, records made by services and jobs with overrideAccess). Works as collection and field access.
 */
export const never = (): boolean => false

export const authenticated: Access = ({ req: { user } }) => Boolean(user)

export const admins: Access = ({ req: { user } }) => isAdminUser(user)

/** The roles that work in the admin panel: educators, institutions and admins (students learn in the app). */
export const panelUsers = ({ req: { user } }: { req: PayloadRequest }): boolean =>
  hasRole(user, 'admin', 'educator', 'institution')

/**
 * Admins: every row. Anyone else signed in (and holding one of `roles`, when given): the rows whose
 * `field` is themself — their user record, their uploads, their posts, their streams.
 */
export const adminsOrOwn =
  (field: string, ...roles: Role[]): Access =>
  ({ req: { user } }) => {
    if (isAdminUser(user)) return true
    if (!user || (roles.length && !hasRole(user, ...roles))) return false
    return { [field]: { equals: user.id } }
  }

/** Admins see every user; anyone else only themself. */
export const adminsOrSelf = adminsOrOwn('id')

/** Field guard for private user fields: the user themself and admins. */
export const adminOrSelfField: FieldAccess = ({ req: { user }, id, doc }) =>
  isAdminUser(user) || Boolean(user && user.id === (doc?.id ?? id))

export const adminField: FieldAccess = ({ req: { user } }) => isAdminUser(user)

/** Records with an `owner` relation: owner and admins. */
export const adminsOrOwner = adminsOrOwn('owner')

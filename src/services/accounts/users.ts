import type { CollectionSlug, PayloadRequest, Where } from 'payload'

import { isAdminUser } from '../../access'
import type { Role } from '../../lib/constants'
import { forbidden, notFound } from '../../lib/errors'
import { requireUser } from '../../lib/http'
import { findOr404 } from '../../lib/lookup'
import type { User } from '../../payload-types'

export type SignupInput = {
  email: string
  password: string
  fullName: string
  role: Exclude<Role, 'admin'>
}

export async function signupUser(req: PayloadRequest, input: SignupInput): Promise<User> {
  return req.payload.create({
    collection: 'users',
    data: { ...input, email: input.email.toLowerCase() },
    // Signup is open to visitors; users.create stays admin-only so REST cannot choose the role.
    overrideAccess: true,
    req,
  })
}

/**
 * Loads the user an `/:id` route acts on: 401 anonymous, 404 unknown (or not of `role`),
 * 403 when the caller is neither that user nor an admin.
 */
export async function userForSelfOrAdmin(
  req: PayloadRequest,
  id: unknown,
  role?: Role,
): Promise<User> {
  const caller = requireUser(req)
  const label = role ? role.charAt(0).toUpperCase() + role.slice(1) : 'User'
  const user = await findOr404(req, 'users', id, label, { asCaller: true })
  if (role && user.role !== role) throw notFound(`${label} not found`)
  if (caller.id !== user.id && !isAdminUser(caller)) throw forbidden()
  return user
}

/** The caller, who must hold `role` (admins may act for any role through the /:id routes). */
export function callerWithRole(req: PayloadRequest, role: Role): User {
  const caller = requireUser(req) as User
  if (caller.role !== role) throw forbidden(`Only a ${role} account can do this`)
  return caller
}

/** Updates a user under Payload's access rules (field guards drop what the caller may not set). */
export async function updateUser(req: PayloadRequest, id: string, data: Partial<User>) {
  return req.payload.update({
    collection: 'users',
    id,
    data,
    depth: 0,
    overrideAccess: false,
    user: req.user,
    req,
  })
}

/** Deletes a user under Payload's access rules; `removePersonalData` clears what hangs off them. */
export async function deleteUser(req: PayloadRequest, id: string) {
  return req.payload.delete({
    collection: 'users',
    id,
    depth: 0,
    overrideAccess: false,
    // Admin edit locks apply, as on Payload's own routes (checkEditLockInTransaction).
    overrideLock: false,
    user: req.user,
    req,
  })
}

type UserDeletePolicy = 'cascade' | 'nullify'

/**
 * Deleting a user removes the rows that only make sense with them. Collections mark the
 * relationship fields that point at users with `custom: { onUserDelete: 'cascade' | 'nullify' }`;
 * unmarked optional relations are nulled by their foreign keys.
 */
export async function deleteUserData(req: PayloadRequest, userId: string) {
  for (const collection of req.payload.config.collections) {
    for (const field of collection.fields) {
      if (!('relationTo' in field) || field.relationTo !== 'users' || !('name' in field)) continue
      const policy = field.custom?.onUserDelete as UserDeletePolicy | undefined
      if (!policy) continue
      const where: Where = { [field.name]: { equals: userId } }
      const slug = collection.slug as CollectionSlug
      if (policy === 'cascade') {
        // Cascade of an authorized user delete: the rows go whoever may otherwise delete them.
        await req.payload.delete({ collection: slug, where, overrideAccess: true, req })
      } else {
        await req.payload.update({
          collection: slug,
          where,
          data: { [field.name]: null },
          // Cascade of an authorized user delete (see above).
          overrideAccess: true,
          req,
        })
      }
    }
  }
}

/** Replaces a user's profile image with an uploaded file; their old upload is removed. */
export async function setProfileImage(
  req: PayloadRequest,
  user: User,
  file: NonNullable<PayloadRequest['file']>,
) {
  const previous = typeof user.profileImage === 'object' ? user.profileImage?.id : user.profileImage
  const media = await req.payload.create({
    collection: 'media',
    data: { alt: `${user.fullName} profile image`, owner: user.id },
    file,
    overrideAccess: false,
    user: req.user,
    req,
  })
  const updated = await req.payload.update({
    collection: 'users',
    id: user.id,
    data: { profileImage: media.id },
    depth: 1,
    overrideAccess: false,
    user: req.user,
    req,
  })
  if (previous) {
    // Only the user's own upload: profileImage may point at someone else's (public) media.
    await req.payload.delete({
      collection: 'media',
      where: { and: [{ id: { equals: previous } }, { owner: { equals: user.id } }] },
      overrideAccess: false,
      user: req.user,
      req,
    })
  }
  return updated
}

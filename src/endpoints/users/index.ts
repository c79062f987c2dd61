import { addDataAndFileToRequest, APIError } from 'payload'
import { z } from 'zod'

import { LANGUAGES, MIN_PASSWORD_LENGTH, ROLES } from '../../lib/constants'
import { badRequest } from '../../lib/errors'
import { json, readBody } from '../../lib/http'
import type { DocumentedEndpoint } from '../../openapi/operation'
import { collectionDoc, docOf } from '../../openapi/schema'
import {
  deleteUser,
  setProfileImage,
  updateUser,
  userForSelfOrAdmin,
} from '../../services/accounts/users'
import { profileFields } from '../onboarding/schemas'

const MAX_IMAGE_BYTES = 5 * 1024 * 1024

export const updateSchema = z
  .object({
    fullName: z.string().trim().min(1).max(120),
    bio: z.string().max(2000).nullable(),
    language: z.enum(LANGUAGES),
    email: z.email().max(254),
    password: z.string().min(MIN_PASSWORD_LENGTH).max(256),
    role: z.enum(ROLES),
    studentProfile: z.object({ interests: profileFields.interests }).strict(),
    educatorProfile: z
      .object({
        expertiseTags: profileFields.expertiseTags,
        teachingStyles: profileFields.teachingStyles,
      })
      .partial()
      .strict(),
    institutionProfile: profileFields.institution.partial().strict(),
  })
  .partial()
  .strict()

/**
 * PUT and DELETE /api/users/:id, POST /api/users/:id/profile-image (Payload serves GET/PATCH).
 * DELETE is ours so that anonymous callers get 401 and unknown ids 404, as on every /:id route.
 */
const selfOrAdmin = { 403: 'Neither that user nor an admin' }

export const userEndpoints: DocumentedEndpoint[] = [
  {
    path: '/:id',
    method: 'put',
    custom: {
      openapi: {
        tags: ['users'],
        summary: 'Update a user',
        description:
          'The user themself or an admin. Field access applies: only admins change `role`. ' +
          '(Payload serves GET and PATCH on the same path.)',
        access: 'user',
        body: updateSchema,
        responses: { 200: { description: 'The updated user', schema: docOf('users') } },
        errors: selfOrAdmin,
      },
    },
    handler: async (req) => {
      const user = await userForSelfOrAdmin(req, req.routeParams?.id)
      const data = await readBody(req, updateSchema)
      return json({ doc: await updateUser(req, user.id, data) })
    },
  },
  {
    path: '/:id',
    method: 'delete',
    custom: {
      openapi: {
        tags: ['users'],
        summary: 'Delete a user and their data',
        description: 'The user themself or an admin; rows that belong to the user go with them.',
        access: 'user',
        responses: {
          200: {
            description: 'The deleted user',
            schema: z.object({ doc: collectionDoc('users'), message: z.string() }),
          },
        },
        errors: selfOrAdmin,
      },
    },
    handler: async (req) => {
      const user = await userForSelfOrAdmin(req, req.routeParams?.id)
      return json({ doc: await deleteUser(req, user.id), message: 'Deleted successfully.' })
    },
  },
  {
    path: '/:id/profile-image',
    method: 'post',
    custom: {
      openapi: {
        tags: ['users'],
        summary: 'Upload a profile image',
        description:
          'The user themself or an admin. Multipart field `file`, an image of 5 MB or less.',
        access: 'user',
        rawBody: {
          mediaType: 'multipart/form-data',
          schema: {
            type: 'object',
            required: ['file'],
            properties: { file: { type: 'string', contentMediaType: 'image/*' } },
          },
        },
        responses: {
          200: { description: 'The user with the new image', schema: docOf('users') },
        },
        errors: {
          400: 'Not multipart/form-data, no `file`, not an image, or over 5 MB',
          ...selfOrAdmin,
        },
      },
    },
    handler: async (req) => {
      const user = await userForSelfOrAdmin(req, req.routeParams?.id)
      if (!req.headers.get('content-type')?.includes('multipart/form-data')) {
        throw badRequest('file: send the image as multipart/form-data in a field named "file"')
      }
      // A body that is not multipart after all (no boundary, cut short) is the client's mistake.
      await addDataAndFileToRequest(req).catch((err: unknown) => {
        if (err instanceof APIError && err.status < 500) throw err
        throw badRequest('file: the multipart/form-data body could not be read')
      })
      const file = req.file
      if (!file) throw badRequest('file: an image file is required')
      if (file.size > MAX_IMAGE_BYTES) throw badRequest('file: images must be 5 MB or smaller')
      return json({ doc: await setProfileImage(req, user, file) })
    },
  },
]

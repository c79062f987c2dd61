import { z } from 'zod'

import { MIN_PASSWORD_LENGTH } from '../../lib/constants'
import { APIError } from 'payload'
import { wantsHtml } from '../../lib/html'
import { json, parseInput, readJSON } from '../../lib/http'
import type { DocumentedEndpoint } from '../../openapi/operation'
import { collectionDoc, timestamp } from '../../openapi/schema'
import { sessionCookie } from '../../services/accounts/auth'
import { acceptInvitation, checkInvitation } from '../../services/accounts/invitations'
import {
  acceptedPage,
  invitationPage,
  MAX_NAME_LENGTH,
  MAX_PASSWORD_LENGTH,
} from '../../services/accounts/invitationPage'

export const acceptInvitationSchema = z.object({
  token: z.string().min(1).max(512),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(MAX_PASSWORD_LENGTH),
  name: z.string().trim().min(1).max(MAX_NAME_LENGTH).optional(),
})

const invalidLink = {
  404: 'No invitation matches the token',
  410: 'The invitation was already used, or has expired',
}

/** A form post from the invitation page, or JSON. */
async function acceptBody(req: Parameters<NonNullable<DocumentedEndpoint['handler']>>[0]) {
  const type = req.headers.get('content-type') ?? ''
  if (type.includes('application/x-www-form-urlencoded')) {
    const form = new URLSearchParams(typeof req.text === 'function' ? await req.text() : '')
    const name = form.get('name')?.trim()
    return {
      form: true,
      input: {
        token: form.get('token') ?? '',
        password: form.get('password') ?? '',
        ...(name ? { name } : {}),
      },
    }
  }
  return { form: false, input: await readJSON(req) }
}

export const invitationEndpoints: DocumentedEndpoint[] = [
  {
    path: '/auth/invitations/accept',
    method: 'post',
    custom: {
      openapi: {
        tags: ['auth'],
        summary: 'Accept an invitation: set the password and log in',
        description:
          'The token from the invitation email. Sets the password (and the name, if given), ' +
          'marks the address verified, spends the invitation and logs in (session cookie). ' +
          'The invitation page posts the same fields as a form and gets a page back.',
        access: 'public',
        body: acceptInvitationSchema,
        responses: {
          200: {
            description: 'The account and a session',
            schema: z.object({
              user: collectionDoc('users'),
              token: z.string(),
              exp: z.number().int(),
            }),
            headers: { 'Set-Cookie': 'The HTTP-only `payload-token` session cookie' },
          },
        },
        errors: invalidLink,
      },
    },
    handler: async (req) => {
      const { form, input } = await acceptBody(req)
      try {
        const body = parseInput(acceptInvitationSchema, input)
        const session = await acceptInvitation(req, body)
        const headers = { 'Set-Cookie': sessionCookie(req, session.token!) }
        if (form) return acceptedPage(req, session.user, headers)
        return json(session, 200, headers)
      } catch (err) {
        if (form && err instanceof APIError) {
          const token = typeof input.token === 'string' ? input.token : ''
          return invitationPage(req, token, err)
        }
        throw err
      }
    },
  },
  {
    path: '/auth/invitations/:token',
    method: 'get',
    custom: {
      openapi: {
        tags: ['auth'],
        summary: 'Whether an invitation link is valid',
        description:
          'A browser (`Accept: text/html` preferred) gets a page to set the password; everyone ' +
          'else this JSON.',
        access: 'public',
        responses: {
          200: {
            description: 'Valid',
            schema: z.object({ valid: z.literal(true), email: z.string(), expiresAt: timestamp }),
          },
        },
        errors: invalidLink,
      },
    },
    handler: async (req) => {
      const token = String(req.routeParams?.token ?? '')
      if (wantsHtml(req)) return invitationPage(req, token)
      return json(await checkInvitation(req, token))
    },
  },
]

import { z } from 'zod'

import { MIN_PASSWORD_LENGTH, SIGNUP_ROLES } from '../../lib/constants'
import { forbidden } from '../../lib/errors'
import { json, parseInput, readBody, readJSON } from '../../lib/http'
import type { DocumentedEndpoint } from '../../openapi/operation'
import { collectionDoc, message } from '../../openapi/schema'
import {
  completePasswordReset,
  currentUser,
  expiredSessionCookie,
  login,
  logout,
  refresh,
  sessionCookie,
  startPasswordReset,
} from '../../services/accounts/auth'
import { signupUser } from '../../services/accounts/users'

const email = z.email().max(254)
const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(256)

export const signupSchema = z.object({
  email,
  password,
  fullName: z.string().trim().min(1).max(120),
  role: z.string().default('student'),
})

export const signupRole = z.object({
  role: z.enum(SIGNUP_ROLES, { message: `must be one of ${SIGNUP_ROLES.join(', ')}` }),
})

export const loginSchema = z.object({
  email: z.string().min(1).max(254),
  password: z.string().min(1).max(256),
})

export const completeReset = z.object({ token: z.string().min(1).max(512), password })
export const startReset = z.object({ email })

const withCookie = (cookie: string) => ({ 'Set-Cookie': cookie })

const sessionBody = z.object({
  user: collectionDoc('users'),
  token: z.string().describe('A JWT; send it back as `Authorization: JWT <token>`'),
  exp: z.number().int().describe('When the token expires, in seconds since the epoch'),
})
const setsSession = { 'Set-Cookie': 'The HTTP-only `payload-token` session cookie' }
const tooManyAttempts = 'Too many attempts from this address'

export const authEndpoints: DocumentedEndpoint[] = [
  {
    path: '/auth/signup',
    method: 'post',
    custom: {
      openapi: {
        tags: ['auth'],
        summary: 'Create an account and log in',
        description: 'Admin accounts are created by admins only (403). Sets the session cookie.',
        access: 'public',
        // The handler validates the role in a second step (SIGNUP_ROLES); the document shows both.
        body: signupSchema.extend({ role: signupRole.shape.role.default('student') }),
        responses: {
          201: {
            description: 'The new user and a session',
            schema: sessionBody,
            headers: setsSession,
          },
        },
        errors: {
          400: 'Invalid input, or the email is already registered',
          403: 'Asked for an admin account',
          429: tooManyAttempts,
        },
      },
    },
    handler: async (req) => {
      const input = await readBody(req, signupSchema)
      if (input.role === 'admin') throw forbidden('Only an admin can create admin accounts')
      const { role } = parseInput(signupRole, { role: input.role })
      await signupUser(req, { ...input, role })
      const session = await login(req, input.email, input.password)
      return json(session, 201, withCookie(sessionCookie(req, session.token)))
    },
  },
  {
    path: '/auth/login',
    method: 'post',
    custom: {
      openapi: {
        tags: ['auth'],
        summary: 'Log in',
        description: 'Answers with the token and sets the HTTP-only session cookie.',
        access: 'public',
        body: loginSchema,
        responses: { 200: { description: 'A session', schema: sessionBody, headers: setsSession } },
        errors: { 401: 'The email or password is incorrect', 429: tooManyAttempts },
      },
    },
    handler: async (req) => {
      const input = await readBody(req, loginSchema)
      const session = await login(req, input.email, input.password)
      return json(session, 200, withCookie(sessionCookie(req, session.token)))
    },
  },
  {
    path: '/auth/logout',
    method: 'post',
    custom: {
      openapi: {
        tags: ['auth'],
        summary: 'Log out',
        description: 'Ends the session and expires the cookie.',
        access: 'user',
        responses: {
          200: {
            description: 'Logged out',
            schema: message,
            headers: { 'Set-Cookie': 'An expired session cookie' },
          },
        },
      },
    },
    handler: async (req) => {
      await logout(req)
      return json({ message: 'Logged out' }, 200, withCookie(expiredSessionCookie(req)))
    },
  },
  {
    path: '/auth/refresh',
    method: 'post',
    custom: {
      openapi: {
        tags: ['auth'],
        summary: 'Refresh the session token',
        access: 'user',
        responses: {
          200: { description: 'A fresh session', schema: sessionBody, headers: setsSession },
        },
        errors: { 429: tooManyAttempts },
      },
    },
    handler: async (req) => {
      const session = await refresh(req)
      return json(session, 200, withCookie(sessionCookie(req, session.token)))
    },
  },
  {
    path: '/auth/me',
    method: 'get',
    custom: {
      openapi: {
        tags: ['auth', 'users'],
        summary: 'The logged-in user',
        access: 'user',
        responses: {
          200: { description: 'The caller', schema: z.object({ user: collectionDoc('users') }) },
        },
      },
    },
    handler: async (req) => json({ user: await currentUser(req) }),
  },
  {
    path: '/auth/password-reset',
    method: 'post',
    custom: {
      openapi: {
        tags: ['auth'],
        summary: 'Start or complete a password reset',
        description:
          '`{email}` starts a reset: always 200, whether or not the address is registered (no ' +
          'user enumeration); the token arrives by email and is valid for an hour. ' +
          '`{token, password}` completes it and answers with a session token.',
        access: 'public',
        body: z.union([startReset, completeReset]),
        responses: {
          200: {
            description: 'Reset started, or password updated (with a new session token)',
            schema: z.object({ message: z.string(), token: z.string().optional() }),
          },
        },
        errors: {
          400: 'Invalid input, or the reset token is invalid or expired',
          429: tooManyAttempts,
        },
      },
    },
    handler: async (req) => {
      const body = await readJSON(req)
      const input = parseInput(body.token !== undefined ? completeReset : startReset, body)
      if ('token' in input) {
        const { token } = await completePasswordReset(req, input.token, input.password)
        return json({ message: 'Password updated', token })
      }
      await startPasswordReset(req, input.email)
      return json({ message: 'If that email is registered, a reset link is on its way.' })
    },
  },
]

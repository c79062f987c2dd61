import type { Endpoint } from 'payload'
import { z } from 'zod'

import { MIN_PASSWORD_LENGTH, SIGNUP_ROLES } from '../../lib/constants'
import { forbidden } from '../../lib/errors'
import { json, parseInput, readBody, readJSON } from '../../lib/http'
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

export const authEndpoints: Endpoint[] = [
  {
    path: '/auth/signup',
    method: 'post',
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
    handler: async (req) => {
      const input = await readBody(req, loginSchema)
      const session = await login(req, input.email, input.password)
      return json(session, 200, withCookie(sessionCookie(req, session.token)))
    },
  },
  {
    path: '/auth/logout',
    method: 'post',
    handler: async (req) => {
      await logout(req)
      return json({ message: 'Logged out' }, 200, withCookie(expiredSessionCookie(req)))
    },
  },
  {
    path: '/auth/refresh',
    method: 'post',
    handler: async (req) => {
      const session = await refresh(req)
      return json(session, 200, withCookie(sessionCookie(req, session.token)))
    },
  },
  {
    path: '/auth/me',
    method: 'get',
    handler: async (req) => json({ user: await currentUser(req) }),
  },
  {
    path: '/auth/password-reset',
    method: 'post',
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

import { z } from 'zod'

import {
  completeReset,
  loginSchema,
  signupRole,
  signupSchema,
  startReset,
} from '../../endpoints/auth'
import {
  educatorOnboarding,
  educatorProfileUpdate,
  educatorTeachingStyles,
  inquirySchema,
  institutionOnboarding,
  institutionProfileUpdate,
  studentInterests,
  studentLanguage,
  studentOnboarding,
} from '../../endpoints/onboarding'
import { updateSchema as userUpdate } from '../../endpoints/users'
import type { Operation } from '../operation'
import { collectionDoc, docOf, message, uuid } from '../schema'

const session = z.object({
  user: collectionDoc('users'),
  token: z.string().describe('A JWT; send it back as `Authorization: JWT <token>`'),
  exp: z.number().int().describe('When the token expires, in seconds since the epoch'),
})
const sessionCookie = { 'Set-Cookie': 'The HTTP-only `payload-token` session cookie' }
const userDoc = docOf('users')

export const authOperations: Operation[] = [
  {
    method: 'post',
    path: '/auth/signup',
    tags: ['auth'],
    summary: 'Create an account and log in',
    description: 'Admin accounts are created by admins only (403). Sets the session cookie.',
    access: 'public',
    // The handler validates the role in a second step (SIGNUP_ROLES); the document shows both.
    body: signupSchema.extend({ role: signupRole.shape.role.default('student') }),
    responses: {
      201: { description: 'The new user and a session', schema: session, headers: sessionCookie },
    },
    errors: {
      400: 'Invalid input, or the email is already registered',
      403: 'Asked for an admin account',
      429: 'Too many attempts from this address',
    },
  },
  {
    method: 'post',
    path: '/auth/login',
    tags: ['auth'],
    summary: 'Log in',
    description: 'Answers with the token and sets the HTTP-only session cookie.',
    access: 'public',
    body: loginSchema,
    responses: { 200: { description: 'A session', schema: session, headers: sessionCookie } },
    errors: {
      401: 'The email or password is incorrect',
      429: 'Too many attempts from this address',
    },
  },
  {
    method: 'post',
    path: '/auth/logout',
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
  {
    method: 'post',
    path: '/auth/refresh',
    tags: ['auth'],
    summary: 'Refresh the session token',
    access: 'user',
    responses: {
      200: { description: 'A fresh session', schema: session, headers: sessionCookie },
    },
    errors: { 429: 'Too many attempts from this address' },
  },
  {
    method: 'get',
    path: '/auth/me',
    tags: ['auth', 'users'],
    summary: 'The logged-in user',
    access: 'user',
    responses: {
      200: { description: 'The caller', schema: z.object({ user: collectionDoc('users') }) },
    },
  },
  {
    method: 'post',
    path: '/auth/password-reset',
    tags: ['auth'],
    summary: 'Start or complete a password reset',
    description:
      '`{email}` starts a reset: always 200, whether or not the address is registered (no user ' +
      'enumeration); the token arrives by email and is valid for an hour. `{token, password}` ' +
      'completes it and answers with a session token.',
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
      429: 'Too many attempts from this address',
    },
  },
]

export const userOperations: Operation[] = [
  {
    method: 'put',
    path: '/users/{id}',
    tags: ['users'],
    summary: 'Update a user',
    description:
      'The user themself or an admin. Field access applies: only admins change `role`. ' +
      '(Payload serves GET and PATCH on the same path.)',
    access: 'user',
    body: userUpdate,
    responses: { 200: { description: 'The updated user', schema: userDoc } },
    errors: { 403: 'Neither that user nor an admin' },
  },
  {
    method: 'delete',
    path: '/users/{id}',
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
    errors: { 403: 'Neither that user nor an admin' },
  },
  {
    method: 'post',
    path: '/users/{id}/profile-image',
    tags: ['users'],
    summary: 'Upload a profile image',
    description: 'The user themself or an admin. Multipart field `file`, an image of 5 MB or less.',
    access: 'user',
    rawBody: {
      mediaType: 'multipart/form-data',
      schema: {
        type: 'object',
        required: ['file'],
        properties: { file: { type: 'string', contentMediaType: 'image/*' } },
      },
    },
    responses: { 200: { description: 'The user with the new image', schema: userDoc } },
    errors: {
      400: 'Not multipart/form-data, no `file`, not an image, or over 5 MB',
      403: 'Neither that user nor an admin',
    },
  },
]

const onboarding = (
  op: Omit<Operation, 'tags' | 'access' | 'responses'> & Partial<Pick<Operation, 'tags'>>,
): Operation => ({
  tags: ['onboarding'],
  access: 'user',
  responses: { 200: { description: 'The updated user', schema: userDoc } },
  ...op,
})

const selfOrAdmin = (role: string) => ({
  403: `Neither that ${role} nor an admin`,
  404: `No ${role} with that id`,
})

export const onboardingOperations: Operation[] = [
  onboarding({
    method: 'post',
    path: '/students/onboarding',
    summary: "Complete the caller's student onboarding",
    description: 'Student accounts only.',
    body: studentOnboarding,
    errors: { 403: 'Not a student account' },
  }),
  onboarding({
    method: 'put',
    path: '/students/{id}/interests',
    summary: "Replace a student's interests",
    body: studentInterests,
    errors: selfOrAdmin('student'),
  }),
  onboarding({
    method: 'put',
    path: '/students/{id}/language',
    summary: "Set a student's language",
    body: studentLanguage,
    errors: selfOrAdmin('student'),
  }),
  onboarding({
    method: 'post',
    path: '/educators/onboarding',
    summary: "Complete the caller's educator onboarding",
    description: 'Educator accounts only.',
    body: educatorOnboarding,
    errors: { 403: 'Not an educator account' },
  }),
  onboarding({
    method: 'put',
    path: '/educators/{id}/profile',
    summary: "Update an educator's profile",
    description: 'At least one of `fullName`, `bio`, `expertiseTags`.',
    body: educatorProfileUpdate,
    errors: selfOrAdmin('educator'),
  }),
  onboarding({
    method: 'put',
    path: '/educators/{id}/teaching-styles',
    summary: "Replace an educator's teaching styles",
    body: educatorTeachingStyles,
    errors: selfOrAdmin('educator'),
  }),
  {
    method: 'post',
    path: '/institutions/inquiry',
    tags: ['institutions'],
    summary: 'Ask about an institution plan',
    description: 'Public and rate-limited; stored for the team in `institution-inquiries`.',
    access: 'public',
    body: inquirySchema,
    responses: {
      201: {
        description: 'Inquiry received',
        schema: z.object({ message: z.string(), id: uuid }),
      },
    },
    errors: { 429: 'Too many inquiries from this address' },
  },
  onboarding({
    method: 'post',
    path: '/institutions/onboarding',
    tags: ['onboarding', 'institutions'],
    summary: "Complete the caller's institution onboarding",
    description: 'Institution accounts only.',
    body: institutionOnboarding,
    errors: { 403: 'Not an institution account' },
  }),
  onboarding({
    method: 'put',
    path: '/institutions/{id}/profile',
    tags: ['onboarding', 'institutions'],
    summary: "Update an institution's profile",
    description: 'At least one profile field.',
    body: institutionProfileUpdate,
    errors: selfOrAdmin('institution'),
  }),
]

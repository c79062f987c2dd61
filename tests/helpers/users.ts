import { randomUUID } from 'node:crypto'
import type { Payload } from 'payload'

import type { User } from '../../src/payload-types'

export const TEST_PASSWORD = 'correct-horse-battery'

export type TestUser = { user: User; token: string; email: string; password: string }
type Role = User['role']

export const uniqueEmail = (prefix = 'user') =>
  `${prefix}-${randomUUID().slice(0, 8)}@test.readylab`

/** Creates a user of `role` (server-side, as an admin would) and logs them in for a real JWT. */
export async function createUser(
  payload: Payload,
  role: Role,
  overrides: Partial<User> = {},
): Promise<TestUser> {
  const email = overrides.email ?? uniqueEmail(role)
  const user = await payload.create({
    collection: 'users',
    data: {
      fullName: `Test ${role}`,
      ...overrides,
      email,
      role,
      password: TEST_PASSWORD,
    } as User & {
      password: string
    },
    overrideAccess: true,
  })
  const { token } = await payload.login({
    collection: 'users',
    data: { email, password: TEST_PASSWORD },
  })
  return { user, token: token!, email, password: TEST_PASSWORD }
}

/** One user of each role, plus a second student and educator for "someone else's" checks. */
export async function createCast(payload: Payload) {
  const [admin, student, otherStudent, educator, otherEducator, institution] = await Promise.all([
    createUser(payload, 'admin', { fullName: 'Test Admin' }),
    createUser(payload, 'student', { fullName: 'Test Student' }),
    createUser(payload, 'student', { fullName: 'Other Student' }),
    createUser(payload, 'educator', { fullName: 'Test Educator' }),
    createUser(payload, 'educator', { fullName: 'Other Educator' }),
    createUser(payload, 'institution', { fullName: 'Test Institution' }),
  ])
  return { admin, student, otherStudent, educator, otherEducator, institution }
}

export async function deleteUsers(payload: Payload, ...users: (TestUser | undefined)[]) {
  for (const u of users) {
    if (u)
      await payload
        .delete({ collection: 'users', id: u.user.id, overrideAccess: true })
        .catch(() => {})
  }
}

/**
 * Run against an EMPTY, migrated database (DATABASE_URL): creates two users through the Local API,
 * the second one asking for role "student", prints both roles as JSON and exits.
 * Used by users.int.spec.ts to prove "the first user in an empty database becomes admin" in a
 * process of its own (the suites' shared database is never empty).
 */
import { randomUUID } from 'node:crypto'
import { getPayload } from 'payload'

import config from '../../src/payload.config'

const payload = await getPayload({ config })
const make = (role: 'student' | 'educator') =>
  payload.create({
    collection: 'users',
    data: {
      email: `first-${role}-${randomUUID().slice(0, 8)}@test.readylab`,
      password: 'first-user-password',
      fullName: `First ${role}`,
      role,
    },
    overrideAccess: true,
  })

try {
  const first = await make('educator')
  const second = await make('student')
  process.stdout.write(`${JSON.stringify({ first: first.role, second: second.role })}\n`)
  // payload.destroy() can leave the pg pool (and so the process) hanging; exit outright.
  process.exit(0)
} catch (err) {
  console.error(err)
  process.exit(1)
}

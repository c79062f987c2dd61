import type { Payload } from 'payload'

import { seedCommunities } from './communities'
import { seedCourses } from './courses'
import { seedLive } from './live'
import { seedAnalytics } from './analytics'
import { seedPayments } from './payments'
import { seedReviews } from './reviews'
import { DEMO_PASSWORD, DEMO_USERS, seedUsers } from './users'

/** Demo data for `npm run dev`; safe to run again (each record is created only when absent). */
export async function seed(payload: Payload) {
  const users = await seedUsers(payload)
  const courses = await seedCourses(payload, users)
  await seedReviews(payload, users, courses)
  await seedCommunities(payload, users)
  await seedLive(payload, users, courses)
  await seedPayments(payload, users, courses)
  await seedAnalytics(payload, users, courses)
}

export function demoLoginsText() {
  const rows = DEMO_USERS.map((u) => `  ${u.role.padEnd(12)} ${u.email}`)
  return ['Demo logins (password for all: ' + DEMO_PASSWORD + '):', ...rows].join('\n')
}

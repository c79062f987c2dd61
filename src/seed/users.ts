import type { Payload } from 'payload'

import type { User } from '../payload-types'

export const DEMO_PASSWORD = process.env.DEMO_PASSWORD || 'readylab-demo-2026'

type DemoUser = Pick<User, 'email' | 'fullName' | 'role'> & Partial<User>

export const DEMO_USERS: DemoUser[] = [
  { email: 'admin@thereadylab.dev', fullName: 'Ada Admin', role: 'admin' },
  {
    email: 'maya.educator@thereadylab.dev',
    fullName: 'Maya Okafor',
    role: 'educator',
    bio: 'Founder of two venture-backed startups; teaches fundraising and brand strategy.',
    educatorProfile: {
      expertiseTags: ['funding', 'branding'],
      teachingStyles: ['visual', 'kinesthetic'],
      onboardingCompleted: true,
    },
  },
  {
    email: 'diego.educator@thereadylab.dev',
    fullName: 'Diego Ramírez',
    role: 'educator',
    bio: 'Machine-learning engineer helping small businesses put AI to work.',
    educatorProfile: {
      expertiseTags: ['ai', 'technology'],
      teachingStyles: ['auditory', 'visual'],
      onboardingCompleted: true,
    },
  },
  ...[
    ['zoe', 'Zoë Müller-Łukasz', ['funding', 'ai']],
    ['sam', 'Sam Carter', ['branding']],
    ['amara', 'Amara Nwosu', ['ai', 'marketing']],
    ['li', 'Li Wei', ['funding']],
    ['lucia', 'Lucía Fernández', ['branding', 'ai']],
  ].map(
    ([handle, fullName, interests]) =>
      ({
        email: `${handle}.student@thereadylab.dev`,
        fullName,
        role: 'student',
        language: handle === 'lucia' ? 'es' : 'en',
        studentProfile: { interests, onboardingCompleted: true },
      }) as DemoUser,
  ),
  {
    email: 'northside.institution@thereadylab.dev',
    fullName: 'Jordan Blake',
    role: 'institution',
    institutionProfile: {
      organizationName: 'Northside Business Institute',
      contactTitle: 'Program Director',
      phone: '+1 555 0100',
      onboardingCompleted: true,
    },
  },
]

/** Creates each demo user unless one with that email exists. Returns all of them by email. */
export async function seedUsers(payload: Payload) {
  const byEmail = new Map<string, User>()
  for (const demo of DEMO_USERS) {
    const existing = await payload.find({
      collection: 'users',
      where: { email: { equals: demo.email } },
      limit: 1,
      depth: 0,
      overrideAccess: true,
    })
    const user =
      existing.docs[0] ??
      (await payload.create({
        collection: 'users',
        data: { ...demo, password: DEMO_PASSWORD } as User & { password: string },
        overrideAccess: true,
      }))
    byEmail.set(demo.email, user)
  }
  return byEmail
}

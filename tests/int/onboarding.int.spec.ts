import { randomUUID } from 'node:crypto'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { InstitutionInquiry, User } from '../../src/payload-types'
import { api, errorMessage, graphql } from '../helpers/http'
import { getTestPayload } from '../helpers/payload'
import {
  createCast,
  createUser,
  deleteUsers,
  TEST_PASSWORD,
  uniqueEmail,
  type TestUser,
} from '../helpers/users'

type Cast = Awaited<ReturnType<typeof createCast>>
type Caller = keyof Cast | 'anonymous'

const INQUIRY_MAX =
  Number(process.env.RATE_LIMIT_INQUIRY_MAX) > 0 ? Number(process.env.RATE_LIMIT_INQUIRY_MAX) : 5

let payload: Payload
let cast: Cast
const extraUsers: TestUser[] = []
const signedUpEmails: string[] = []
const inquiryEmails: string[] = []

async function makeUser(role: User['role']) {
  const user = await createUser(payload, role)
  extraUsers.push(user)
  return user
}

const tokenOf = (caller: Caller) => (caller === 'anonymous' ? undefined : cast[caller].token)

const readUser = (id: string) =>
  payload.findByID({ collection: 'users', id, depth: 0, overrideAccess: true }) as Promise<User>

const call = (method: 'POST' | 'PUT', path: string, caller: Caller, body?: unknown) =>
  api(method, path, { token: tokenOf(caller), body })

const malformed = (method: 'POST' | 'PUT', path: string, token: string) =>
  api(method, path, { token, body: '{"oops": ', headers: { 'Content-Type': 'application/json' } })

beforeAll(async () => {
  payload = await getTestPayload()
  cast = await createCast(payload)
})

afterAll(async () => {
  if (!payload) return
  await deleteUsers(payload, ...extraUsers)
  if (cast) await deleteUsers(payload, ...Object.values(cast))
  if (signedUpEmails.length) {
    await payload.delete({
      collection: 'users',
      where: { email: { in: signedUpEmails } },
      overrideAccess: true,
    })
  }
  if (inquiryEmails.length) {
    await payload.delete({
      collection: 'institution-inquiries',
      where: { email: { in: inquiryEmails } },
      overrideAccess: true,
    })
  }
})

describe('POST /api/students/onboarding', () => {
  const path = '/api/students/onboarding'

  it('stores interests and language and marks onboarding complete', async () => {
    const student = await makeUser('student')
    const res = await api('POST', path, {
      token: student.token,
      body: { interests: ['funding', 'ai'], language: 'es' },
    })
    expect(res.status).toBe(200)
    expect(res.body.doc).toMatchObject({
      id: student.user.id,
      language: 'es',
      studentProfile: { interests: ['funding', 'ai'], onboardingCompleted: true },
    })
    const stored = await readUser(student.user.id)
    expect(stored.language).toBe('es')
    expect(stored.studentProfile).toMatchObject({
      interests: ['funding', 'ai'],
      onboardingCompleted: true,
    })
  })

  it('keeps the language when none is given', async () => {
    const student = await makeUser('student')
    const res = await api('POST', path, { token: student.token, body: { interests: ['branding'] } })
    expect(res.status).toBe(200)
    expect((await readUser(student.user.id)).language).toBe('en')
  })

  it.each([
    ['interests', 'an empty list', { interests: [] }],
    ['interests', 'an unknown topic', { interests: ['cooking'] }],
    ['interests', 'a string instead of a list', { interests: 'funding' }],
    ['interests', 'nothing', {}],
    ['language', 'an unknown language', { interests: ['ai'], language: 'fr' }],
    ['favouriteColour', 'an unknown field', { interests: ['ai'], favouriteColour: 'red' }],
  ])('answers 400 naming %s for %s', async (field, _case, body) => {
    const student = cast.student
    const res = await api('POST', path, { token: student.token, body })
    expect(res.status).toBe(400)
    expect(errorMessage(res)).toContain(field)
  })

  it('answers malformed JSON with 400', async () => {
    expect((await malformed('POST', path, cast.student.token)).status).toBe(400)
  })

  it('answers 401 anonymous and 403 to other roles', async () => {
    const body = { interests: ['ai'] }
    expect((await call('POST', path, 'anonymous', body)).status).toBe(401)
    for (const caller of ['educator', 'institution', 'admin'] as const) {
      expect((await call('POST', path, caller, body)).status, caller).toBe(403)
      expect((await readUser(cast[caller].user.id)).studentProfile?.interests ?? []).toEqual([])
    }
  })
})

describe('PUT /api/students/:id/interests and /language', () => {
  it('updates a student’s interests and keeps the rest of the profile', async () => {
    const student = await makeUser('student')
    await api('POST', '/api/students/onboarding', {
      token: student.token,
      body: { interests: ['funding'], language: 'es' },
    })
    const res = await api('PUT', `/api/students/${student.user.id}/interests`, {
      token: student.token,
      body: { interests: ['ai', 'marketing'] },
    })
    expect(res.status).toBe(200)
    expect(res.body.doc.studentProfile.interests).toEqual(['ai', 'marketing'])
    const stored = await readUser(student.user.id)
    expect(stored.studentProfile).toMatchObject({
      interests: ['ai', 'marketing'],
      onboardingCompleted: true,
    })
    expect(stored.language).toBe('es')
  })

  it('lets a student clear their interests', async () => {
    const student = await makeUser('student')
    await api('PUT', `/api/students/${student.user.id}/interests`, {
      token: student.token,
      body: { interests: ['ai'] },
    })
    const res = await api('PUT', `/api/students/${student.user.id}/interests`, {
      token: student.token,
      body: { interests: [] },
    })
    expect(res.status).toBe(200)
    expect((await readUser(student.user.id)).studentProfile?.interests).toEqual([])
  })

  it('updates a student’s language', async () => {
    const student = await makeUser('student')
    const res = await api('PUT', `/api/students/${student.user.id}/language`, {
      token: student.token,
      body: { language: 'es' },
    })
    expect(res.status).toBe(200)
    expect(res.body.doc.language).toBe('es')
    expect((await readUser(student.user.id)).language).toBe('es')
  })

  it.each([
    ['interests', { interests: ['cooking'] }],
    ['interests', { interests: 'ai' }],
    ['interests', {}],
    ['extra', { interests: ['ai'], extra: true }],
  ])('interests: answers 400 naming %s', async (field, body) => {
    const res = await api('PUT', `/api/students/${cast.student.user.id}/interests`, {
      token: cast.student.token,
      body,
    })
    expect(res.status).toBe(400)
    expect(errorMessage(res)).toContain(field)
  })

  it.each([
    ['language', { language: 'klingon' }],
    ['language', { language: 1 }],
    ['language', {}],
    ['interests', { language: 'es', interests: ['ai'] }],
  ])('language: answers 400 naming %s', async (field, body) => {
    const res = await api('PUT', `/api/students/${cast.student.user.id}/language`, {
      token: cast.student.token,
      body,
    })
    expect(res.status).toBe(400)
    expect(errorMessage(res)).toContain(field)
  })

  it.each(['interests', 'language'])('%s: 401, 403, 404 and admin', async (route) => {
    const body = route === 'interests' ? { interests: ['legal'] } : { language: 'es' }
    const url = (id: string) => `/api/students/${id}/${route}`
    const target = await makeUser('student')

    expect((await call('PUT', url(target.user.id), 'anonymous', body)).status).toBe(401)
    // Someone else's id: another student, an educator, an institution.
    for (const caller of ['student', 'educator', 'institution'] as const) {
      expect((await call('PUT', url(target.user.id), caller, body)).status, caller).toBe(403)
    }
    const untouched = await readUser(target.user.id)
    expect(untouched.language).toBe('en')
    expect(untouched.studentProfile?.interests).toEqual([])

    // Unknown ids, malformed ids and users who are not students.
    expect((await call('PUT', url(randomUUID()), 'admin', body)).status).toBe(404)
    expect((await call('PUT', url('not-a-uuid'), 'admin', body)).status).toBe(404)
    expect((await call('PUT', url(cast.educator.user.id), 'admin', body)).status).toBe(404)
    expect((await call('PUT', url(cast.educator.user.id), 'educator', body)).status).toBe(404)

    // Admins act on any student.
    const byAdmin = await call('PUT', url(target.user.id), 'admin', body)
    expect(byAdmin.status).toBe(200)
    const stored = await readUser(target.user.id)
    if (route === 'interests') expect(stored.studentProfile?.interests).toEqual(['legal'])
    else expect(stored.language).toBe('es')
  })
})

describe('POST /api/educators/onboarding', () => {
  const path = '/api/educators/onboarding'

  it('stores expertise, teaching styles and bio, and shows them on the public profile', async () => {
    const educator = await makeUser('educator')
    const res = await api('POST', path, {
      token: educator.token,
      body: {
        expertiseTags: ['branding', 'marketing'],
        teachingStyles: ['visual', 'kinesthetic'],
        bio: 'I teach brand strategy.',
      },
    })
    expect(res.status).toBe(200)
    expect(res.body.doc.educatorProfile).toMatchObject({
      expertiseTags: ['branding', 'marketing'],
      teachingStyles: ['visual', 'kinesthetic'],
      onboardingCompleted: true,
    })
    const stored = await readUser(educator.user.id)
    expect(stored.bio).toBe('I teach brand strategy.')
    expect(stored.educatorProfile).toMatchObject({
      expertiseTags: ['branding', 'marketing'],
      teachingStyles: ['visual', 'kinesthetic'],
      onboardingCompleted: true,
    })

    const publicView = await api('GET', `/api/users/${educator.user.id}`)
    expect(publicView.body).toMatchObject({
      bio: 'I teach brand strategy.',
      educatorProfile: {
        expertiseTags: ['branding', 'marketing'],
        teachingStyles: ['visual', 'kinesthetic'],
      },
    })
    expect(publicView.body).not.toHaveProperty('email')
  })

  const valid = { expertiseTags: ['ai'], teachingStyles: ['auditory'] }
  it.each([
    ['expertiseTags', 'an empty list', { ...valid, expertiseTags: [] }],
    ['expertiseTags', 'an unknown topic', { ...valid, expertiseTags: ['knitting'] }],
    ['expertiseTags', 'missing', { teachingStyles: ['visual'] }],
    ['teachingStyles', 'an empty list', { ...valid, teachingStyles: [] }],
    ['teachingStyles', 'an unknown style', { ...valid, teachingStyles: ['telepathic'] }],
    ['teachingStyles', 'a string', { ...valid, teachingStyles: 'visual' }],
    ['bio', 'too long', { ...valid, bio: 'x'.repeat(2001) }],
    ['bio', 'a number', { ...valid, bio: 7 }],
    ['stripeConnectId', 'an unknown field', { ...valid, stripeConnectId: 'acct_1' }],
  ])('answers 400 naming %s for %s', async (field, _case, body) => {
    const res = await api('POST', path, { token: cast.educator.token, body })
    expect(res.status).toBe(400)
    expect(errorMessage(res)).toContain(field)
  })

  it('answers malformed JSON with 400', async () => {
    expect((await malformed('POST', path, cast.educator.token)).status).toBe(400)
  })

  it('answers 401 anonymous and 403 to other roles', async () => {
    expect((await call('POST', path, 'anonymous', valid)).status).toBe(401)
    for (const caller of ['student', 'institution', 'admin'] as const) {
      expect((await call('POST', path, caller, valid)).status, caller).toBe(403)
    }
  })
})

describe('PUT /api/educators/:id/profile and /teaching-styles', () => {
  async function onboardedEducator() {
    const educator = await makeUser('educator')
    const res = await api('POST', '/api/educators/onboarding', {
      token: educator.token,
      body: { expertiseTags: ['funding'], teachingStyles: ['visual'], bio: 'Before' },
    })
    expect(res.status).toBe(200)
    return educator
  }

  it('updates name, bio and expertise, keeping teaching styles and onboarding', async () => {
    const educator = await onboardedEducator()
    const res = await api('PUT', `/api/educators/${educator.user.id}/profile`, {
      token: educator.token,
      body: { fullName: 'Dr. Renamed', bio: 'After', expertiseTags: ['finance', 'legal'] },
    })
    expect(res.status).toBe(200)
    expect(res.body.doc).toMatchObject({ fullName: 'Dr. Renamed', bio: 'After' })
    const stored = await readUser(educator.user.id)
    expect(stored).toMatchObject({ fullName: 'Dr. Renamed', bio: 'After' })
    expect(stored.educatorProfile).toMatchObject({
      expertiseTags: ['finance', 'legal'],
      teachingStyles: ['visual'],
      onboardingCompleted: true,
    })
  })

  it('clears the bio with null', async () => {
    const educator = await onboardedEducator()
    const res = await api('PUT', `/api/educators/${educator.user.id}/profile`, {
      token: educator.token,
      body: { bio: null },
    })
    expect(res.status).toBe(200)
    expect((await readUser(educator.user.id)).bio ?? null).toBeNull()
  })

  it('updates teaching styles, keeping expertise', async () => {
    const educator = await onboardedEducator()
    const res = await api('PUT', `/api/educators/${educator.user.id}/teaching-styles`, {
      token: educator.token,
      body: { teachingStyles: ['auditory', 'kinesthetic'] },
    })
    expect(res.status).toBe(200)
    expect(res.body.doc.educatorProfile.teachingStyles).toEqual(['auditory', 'kinesthetic'])
    expect((await readUser(educator.user.id)).educatorProfile).toMatchObject({
      expertiseTags: ['funding'],
      teachingStyles: ['auditory', 'kinesthetic'],
      onboardingCompleted: true,
    })
  })

  it.each([
    ['body', {}],
    ['fullName', { fullName: '' }],
    ['fullName', { fullName: ['a'] }],
    ['expertiseTags', { expertiseTags: ['basket-weaving'] }],
    ['teachingStyles', { teachingStyles: ['visual'] }],
    ['subscriptionPlan', { subscriptionPlan: 'enterprise' }],
  ])('profile: answers 400 naming %s', async (field, body) => {
    const res = await api('PUT', `/api/educators/${cast.educator.user.id}/profile`, {
      token: cast.educator.token,
      body,
    })
    expect(res.status).toBe(400)
    expect(errorMessage(res)).toContain(field)
  })

  it.each([
    ['teachingStyles', { teachingStyles: ['reading'] }],
    ['teachingStyles', { teachingStyles: 'visual' }],
    ['teachingStyles', {}],
    ['bio', { teachingStyles: ['visual'], bio: 'x' }],
  ])('teaching-styles: answers 400 naming %s', async (field, body) => {
    const res = await api('PUT', `/api/educators/${cast.educator.user.id}/teaching-styles`, {
      token: cast.educator.token,
      body,
    })
    expect(res.status).toBe(400)
    expect(errorMessage(res)).toContain(field)
  })

  it.each(['profile', 'teaching-styles'])('%s: 401, 403, 404 and admin', async (route) => {
    const body = route === 'profile' ? { bio: 'Changed' } : { teachingStyles: ['auditory'] }
    const url = (id: string) => `/api/educators/${id}/${route}`
    const target = await onboardedEducator()

    expect((await call('PUT', url(target.user.id), 'anonymous', body)).status).toBe(401)
    for (const caller of ['educator', 'student', 'institution'] as const) {
      expect((await call('PUT', url(target.user.id), caller, body)).status, caller).toBe(403)
    }
    const untouched = await readUser(target.user.id)
    expect(untouched.bio).toBe('Before')
    expect(untouched.educatorProfile?.teachingStyles).toEqual(['visual'])

    expect((await call('PUT', url(randomUUID()), 'admin', body)).status).toBe(404)
    expect((await call('PUT', url('123'), 'admin', body)).status).toBe(404)
    expect((await call('PUT', url(cast.student.user.id), 'admin', body)).status).toBe(404)
    expect((await call('PUT', url(cast.student.user.id), 'student', body)).status).toBe(404)

    expect((await call('PUT', url(target.user.id), 'admin', body)).status).toBe(200)
    const stored = await readUser(target.user.id)
    if (route === 'profile') expect(stored.bio).toBe('Changed')
    else expect(stored.educatorProfile?.teachingStyles).toEqual(['auditory'])
  })
})

describe('POST /api/institutions/inquiry', () => {
  const path = '/api/institutions/inquiry'
  const inquiry = (overrides: Record<string, unknown> = {}) => {
    const email = uniqueEmail('inquiry')
    inquiryEmails.push(email)
    return {
      organizationName: 'Eastside Academy',
      contactName: 'Pat Lee',
      email,
      phone: '555-0142',
      contactTitle: 'Dean',
      organizationSize: '200-500',
      message: 'We would like cohorts for our students.',
      ...overrides,
    }
  }

  it('accepts a public inquiry (201), stores it, and shows it to admins only', async () => {
    const body = inquiry()
    const res = await api('POST', path, { body })
    expect(res.status).toBe(201)
    expect(typeof res.body.id).toBe('string')
    expect(JSON.stringify(res.body)).not.toContain(body.email)

    const stored = (await payload.findByID({
      collection: 'institution-inquiries',
      id: res.body.id,
      overrideAccess: true,
    })) as InstitutionInquiry
    expect(stored).toMatchObject({ ...body, status: 'new' })

    const adminList = await api(
      'GET',
      `/api/institution-inquiries?where[id][equals]=${res.body.id}`,
      { token: cast.admin.token },
    )
    expect(adminList.status).toBe(200)
    expect(adminList.body.docs).toHaveLength(1)
    expect(adminList.body.docs[0]).toMatchObject({
      organizationName: 'Eastside Academy',
      email: body.email,
    })
    const adminOne = await api('GET', `/api/institution-inquiries/${res.body.id}`, {
      token: cast.admin.token,
    })
    expect(adminOne.status).toBe(200)

    for (const caller of ['student', 'educator', 'institution'] as const) {
      const denied = await api('GET', '/api/institution-inquiries', { token: cast[caller].token })
      expect(denied.status, caller).toBe(403)
      const one = await api('GET', `/api/institution-inquiries/${res.body.id}`, {
        token: cast[caller].token,
      })
      expect(one.status, caller).toBe(403)
      expect(JSON.stringify(one.body)).not.toContain(body.email)
    }
    const anonymous = await api('GET', '/api/institution-inquiries')
    expect([401, 403]).toContain(anonymous.status)
    expect(JSON.stringify(anonymous.body)).not.toContain(body.email)
  })

  it('stores the email in lower case', async () => {
    const body = inquiry()
    const res = await api('POST', path, { body: { ...body, email: body.email.toUpperCase() } })
    expect(res.status).toBe(201)
    const stored = await payload.findByID({
      collection: 'institution-inquiries',
      id: res.body.id,
      overrideAccess: true,
    })
    expect(stored.email).toBe(body.email)
  })

  it.each([
    ['organizationName', { organizationName: undefined }],
    ['organizationName', { organizationName: '  ' }],
    ['contactName', { contactName: undefined }],
    ['email', { email: undefined }],
    ['email', { email: 'not-an-email' }],
    ['message', { message: 'x'.repeat(5001) }],
    ['status', { status: 'closed' }],
  ])('answers 400 naming %s', async (field, overrides) => {
    const res = await api('POST', path, { body: inquiry(overrides) })
    expect(res.status).toBe(400)
    expect(errorMessage(res)).toContain(field)
  })

  it(`rate-limits one IP to ${INQUIRY_MAX} inquiries per 10 minutes (429); another IP still passes`, async () => {
    const ip = `203.0.113.${Math.floor(Math.random() * 250)}`
    for (let i = 0; i < INQUIRY_MAX; i++) {
      expect((await api('POST', path, { body: inquiry(), ip })).status).toBe(201)
    }
    const limited = await api('POST', path, { body: inquiry(), ip })
    expect(limited.status).toBe(429)
    expect(errorMessage(limited)).toMatch(/too many/i)
    expect((await api('POST', path, { body: inquiry(), ip: `${ip}9` })).status).toBe(201)
  })
})

describe('POST /api/institutions/onboarding', () => {
  const path = '/api/institutions/onboarding'

  it('stores the organization details and marks onboarding complete', async () => {
    const inst = await makeUser('institution')
    const body = {
      organizationName: 'Westview University',
      contactTitle: 'Director of Learning',
      phone: '555-0123',
      customRequests: 'SSO and quarterly reports',
    }
    const res = await api('POST', path, { token: inst.token, body })
    expect(res.status).toBe(200)
    expect(res.body.doc.institutionProfile).toMatchObject({ ...body, onboardingCompleted: true })
    expect((await readUser(inst.user.id)).institutionProfile).toMatchObject({
      ...body,
      onboardingCompleted: true,
      isPartnered: false,
    })
  })

  it('keeps what an admin set (partnership, account manager)', async () => {
    const inst = await makeUser('institution')
    await payload.update({
      collection: 'users',
      id: inst.user.id,
      data: { institutionProfile: { isPartnered: true, accountManager: cast.admin.user.id } },
      overrideAccess: true,
    })
    const res = await api('POST', path, {
      token: inst.token,
      body: { organizationName: 'Partner College' },
    })
    expect(res.status).toBe(200)
    expect((await readUser(inst.user.id)).institutionProfile).toMatchObject({
      organizationName: 'Partner College',
      isPartnered: true,
      accountManager: cast.admin.user.id,
    })
  })

  it.each([
    ['organizationName', { phone: '555' }],
    ['organizationName', { organizationName: '' }],
    ['organizationName', { organizationName: 12 }],
    ['isPartnered', { organizationName: 'X', isPartnered: true }],
    ['accountManager', { organizationName: 'X', accountManager: randomUUID() }],
    ['phone', { organizationName: 'X', phone: '5'.repeat(41) }],
  ])('answers 400 naming %s', async (field, body) => {
    const res = await api('POST', path, { token: cast.institution.token, body })
    expect(res.status).toBe(400)
    expect(errorMessage(res)).toContain(field)
    expect((await readUser(cast.institution.user.id)).institutionProfile?.isPartnered).toBe(false)
  })

  it('answers malformed JSON with 400', async () => {
    expect((await malformed('POST', path, cast.institution.token)).status).toBe(400)
  })

  it('answers 401 anonymous and 403 to other roles', async () => {
    const body = { organizationName: 'Nope' }
    expect((await call('POST', path, 'anonymous', body)).status).toBe(401)
    for (const caller of ['student', 'educator', 'admin'] as const) {
      expect((await call('POST', path, caller, body)).status, caller).toBe(403)
    }
  })
})

describe('PUT /api/institutions/:id/profile', () => {
  const url = (id: string) => `/api/institutions/${id}/profile`

  it('updates the details and the contact name, keeping the rest', async () => {
    const inst = await makeUser('institution')
    await api('POST', '/api/institutions/onboarding', {
      token: inst.token,
      body: { organizationName: 'Old Name', phone: '555-0001' },
    })
    const res = await api('PUT', url(inst.user.id), {
      token: inst.token,
      body: { organizationName: 'New Name', fullName: 'Jordan Contact' },
    })
    expect(res.status).toBe(200)
    expect(res.body.doc).toMatchObject({
      fullName: 'Jordan Contact',
      institutionProfile: { organizationName: 'New Name' },
    })
    const stored = await readUser(inst.user.id)
    expect(stored.fullName).toBe('Jordan Contact')
    expect(stored.institutionProfile).toMatchObject({
      organizationName: 'New Name',
      phone: '555-0001',
      onboardingCompleted: true,
    })
  })

  it.each([
    ['body', {}],
    ['isPartnered', { isPartnered: true }],
    ['accountManager', { accountManager: randomUUID() }],
    ['organizationName', { organizationName: '' }],
    ['customRequests', { customRequests: 42 }],
  ])('answers 400 naming %s', async (field, body) => {
    const res = await api('PUT', url(cast.institution.user.id), {
      token: cast.institution.token,
      body,
    })
    expect(res.status).toBe(400)
    expect(errorMessage(res)).toContain(field)
  })

  it('401, 403, 404 and admin', async () => {
    const target = await makeUser('institution')
    const body = { phone: '555-0777' }
    expect((await call('PUT', url(target.user.id), 'anonymous', body)).status).toBe(401)
    for (const caller of ['institution', 'student', 'educator'] as const) {
      expect((await call('PUT', url(target.user.id), caller, body)).status, caller).toBe(403)
    }
    expect((await readUser(target.user.id)).institutionProfile?.phone ?? null).toBeNull()

    expect((await call('PUT', url(randomUUID()), 'admin', body)).status).toBe(404)
    expect((await call('PUT', url('abc'), 'admin', body)).status).toBe(404)
    expect((await call('PUT', url(cast.educator.user.id), 'admin', body)).status).toBe(404)
    expect((await call('PUT', url(cast.student.user.id), 'student', body)).status).toBe(404)

    expect((await call('PUT', url(target.user.id), 'admin', body)).status).toBe(200)
    expect((await readUser(target.user.id)).institutionProfile?.phone).toBe('555-0777')
  })
})

describe('done when: a newcomer’s first session', () => {
  it('signs up a student over REST, logs in, completes onboarding, cannot see another email or become admin', async () => {
    const email = uniqueEmail('newcomer')
    signedUpEmails.push(email)

    const signup = await api('POST', '/api/auth/signup', {
      body: { email, password: TEST_PASSWORD, fullName: 'New Comer', role: 'student' },
    })
    expect(signup.status).toBe(201)
    const id: string = signup.body.user.id
    expect(signup.body.user.role).toBe('student')

    const login = await api('POST', '/api/auth/login', {
      body: { email, password: TEST_PASSWORD },
    })
    expect(login.status).toBe(200)
    const token: string = login.body.token
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]

    // Onboarding through the HTTP-only cookie, as a browser on the app's own origin sends it.
    const onboarding = await api('POST', '/api/students/onboarding', {
      cookie,
      headers: { 'Sec-Fetch-Site': 'same-origin' },
      body: { interests: ['funding', 'branding', 'ai'], language: 'es' },
    })
    expect(onboarding.status).toBe(200)
    const me = await api('GET', '/api/auth/me', { token })
    expect(me.body.user).toMatchObject({
      id,
      email,
      role: 'student',
      language: 'es',
      studentProfile: { interests: ['funding', 'branding', 'ai'], onboardingCompleted: true },
    })

    // Other people's emails stay hidden: by id, in lists, by query, over GraphQL.
    const other = cast.educator
    const profile = await api('GET', `/api/users/${other.user.id}`, { token })
    expect(profile.status).toBe(200)
    expect(profile.body.fullName).toBe('Test Educator')
    expect(profile.body).not.toHaveProperty('email')
    const list = await api('GET', '/api/users?limit=100', { token })
    expect(list.status).toBe(200)
    for (const doc of list.body.docs as User[]) {
      if (doc.id !== id) expect(doc).not.toHaveProperty('email')
    }
    const byEmail = await api(
      'GET',
      `/api/users?where[email][equals]=${encodeURIComponent(other.email)}`,
      { token },
    )
    if (byEmail.status === 200) expect(byEmail.body.totalDocs).toBe(0)
    else expect(byEmail.status).toBe(400)
    const gql = await graphql(
      `
        query ($id: String!) {
          User(id: $id) {
            id
            email
          }
        }
      `,
      { id: other.user.id },
      { token },
    )
    expect(JSON.stringify(gql.body)).not.toContain(other.email)

    // …and the student cannot make themself admin, by any route.
    expect((await api('PUT', `/api/users/${id}`, { token, body: { role: 'admin' } })).status).toBe(
      403,
    )
    expect(
      (await api('PATCH', `/api/users/${id}`, { token, body: { role: 'admin' } })).status,
    ).toBe(403)
    await graphql(
      `
        mutation ($id: String!) {
          updateUser(id: $id, data: { role: admin }) {
            role
          }
        }
      `,
      { id },
      { token },
    )
    expect(
      (
        await api('POST', '/api/auth/signup', {
          body: {
            email: uniqueEmail('newcomer-admin'),
            password: TEST_PASSWORD,
            fullName: 'X',
            role: 'admin',
          },
        })
      ).status,
    ).toBe(403)

    const after = await api('GET', '/api/auth/me', { token })
    expect(after.body.user.role).toBe('student')
    expect((await readUser(id)).role).toBe('student')
    const refreshed = await api('POST', '/api/auth/refresh', { token })
    expect(refreshed.body.user.role).toBe('student')
  })
})

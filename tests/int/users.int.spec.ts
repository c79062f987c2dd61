import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import type { Payload } from 'payload'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import type { Media, User } from '../../src/payload-types'
import { api, errorMessage, graphql, type ApiResponse } from '../helpers/http'
import { getTestPayload } from '../helpers/payload'
import { createCast, createUser, deleteUsers, type TestUser } from '../helpers/users'

type Cast = Awaited<ReturnType<typeof createCast>>
type Viewer = 'anonymous' | 'otherStudent' | 'educator' | 'institution'

/** What anyone may see of another user (plus timestamps). */
const PUBLIC_KEYS = ['id', 'fullName', 'bio', 'profileImage', 'role', 'educatorProfile']
/** Timestamps and Payload's `collection` marker carry nothing private. */
const META = ['createdAt', 'updatedAt', 'collection']
const PUBLIC_EDUCATOR_KEYS = ['expertiseTags', 'teachingStyles']
const SECRETS = ['hash', 'salt', 'password', 'resetPasswordToken', 'resetPasswordExpiration']

let payload: Payload
let cast: Cast
const extraUsers: TestUser[] = []

async function makeUser(role: User['role'], overrides: Partial<User> = {}) {
  const user = await createUser(payload, role, overrides)
  extraUsers.push(user)
  return user
}

const tokenOf = (viewer: Viewer) => (viewer === 'anonymous' ? undefined : cast[viewer].token)

const readUser = (id: string) =>
  payload.findByID({ collection: 'users', id, depth: 0, overrideAccess: true }) as Promise<User>

const findMedia = (id: string) =>
  payload.findByID({
    collection: 'media',
    id,
    depth: 0,
    overrideAccess: true,
    disableErrors: true,
  }) as Promise<Media | null>

/** A user document as someone other than the user or an admin sees it: public fields only. */
function expectPublicOnly(doc: Record<string, unknown>) {
  // Payload's `sessions` field is emptied for anyone but the user themself.
  if ('sessions' in doc) expect(doc.sessions).toEqual([])
  const keys = Object.keys(doc).filter((k) => k !== 'sessions')
  expect(keys.filter((k) => ![...PUBLIC_KEYS, ...META].includes(k))).toEqual([])
  if (doc.educatorProfile) {
    expect(
      Object.keys(doc.educatorProfile as object).filter((k) => !PUBLIC_EDUCATOR_KEYS.includes(k)),
    ).toEqual([])
  }
}

/** No private value of the cast appears anywhere in a response body. */
function expectNoPrivateValues(res: ApiResponse, ...users: TestUser[]) {
  const text = JSON.stringify(res.body)
  for (const u of users) expect(text).not.toContain(u.email)
  expect(text).not.toContain('acct_private_')
  expect(text).not.toContain('+1-555-0100')
}

async function png(width = 2000, height = 1200, background = '#c33') {
  return sharp({ create: { width, height, channels: 3, background } })
    .png()
    .toBuffer()
}

function imageForm(content: Buffer | string, name = 'avatar.png', type = 'image/png') {
  const form = new FormData()
  const bytes = typeof content === 'string' ? content : new Uint8Array(content)
  form.append('file', new File([bytes], name, { type }))
  return form
}

const uploadImage = (id: string, token: string | undefined, form: FormData) =>
  api('POST', `/api/users/${id}/profile-image`, { token, body: form })

beforeAll(async () => {
  payload = await getTestPayload()
  cast = await createCast(payload)
  // Private data worth leaking, set the way the platform would (server-side).
  await payload.update({
    collection: 'users',
    id: cast.student.user.id,
    data: {
      bio: 'Student bio',
      language: 'es',
      studentProfile: { interests: ['funding', 'ai'], onboardingCompleted: true },
    },
    overrideAccess: true,
  })
  await payload.update({
    collection: 'users',
    id: cast.educator.user.id,
    data: {
      bio: 'Educator bio',
      educatorProfile: {
        expertiseTags: ['branding'],
        teachingStyles: ['visual'],
        subscriptionPlan: 'pro',
        stripeConnectId: `acct_private_${randomUUID().slice(0, 8)}`,
      },
    },
    overrideAccess: true,
  })
  await payload.update({
    collection: 'users',
    id: cast.institution.user.id,
    data: {
      institutionProfile: {
        organizationName: 'Northside College',
        phone: '+1-555-0100',
        customRequests: 'private notes',
      },
    },
    overrideAccess: true,
  })
})

afterAll(async () => {
  if (!cast) return
  await deleteUsers(payload, ...extraUsers)
  await deleteUsers(payload, ...Object.values(cast))
})

describe('GET /api/users/:id', () => {
  const viewers: Viewer[] = ['anonymous', 'otherStudent', 'educator', 'institution']

  it.each(viewers)('%s sees only public profiles of other users', async (viewer) => {
    for (const target of ['student', 'educator', 'institution', 'admin'] as const) {
      if (target === viewer) continue
      const res = await api('GET', `/api/users/${cast[target].user.id}`, {
        token: tokenOf(viewer),
      })
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ id: cast[target].user.id, role: target })
      expectPublicOnly(res.body)
      expectNoPrivateValues(res, cast.student, cast.educator, cast.institution, cast.admin)
    }
  })

  it('shows the public educator profile: expertise and teaching styles', async () => {
    const res = await api('GET', `/api/users/${cast.educator.user.id}`)
    expect(res.body).toMatchObject({
      fullName: 'Test Educator',
      bio: 'Educator bio',
      educatorProfile: { expertiseTags: ['branding'], teachingStyles: ['visual'] },
    })
  })

  it('shows a user their own email and private fields (not server-only ones)', async () => {
    const student = await api('GET', `/api/users/${cast.student.user.id}`, {
      token: cast.student.token,
    })
    expect(student.status).toBe(200)
    expect(student.body).toMatchObject({
      email: cast.student.email,
      language: 'es',
      studentProfile: { interests: ['funding', 'ai'], onboardingCompleted: true },
    })

    const educator = await api('GET', `/api/users/${cast.educator.user.id}`, {
      token: cast.educator.token,
    })
    expect(educator.body.email).toBe(cast.educator.email)
    expect(educator.body.educatorProfile).toMatchObject({
      subscriptionPlan: 'pro',
      totalStudents: 0,
      totalRevenue: 0,
    })
    expect(educator.body.educatorProfile).not.toHaveProperty('stripeConnectId')

    const institution = await api('GET', `/api/users/${cast.institution.user.id}`, {
      token: cast.institution.token,
    })
    expect(institution.body.institutionProfile).toMatchObject({
      organizationName: 'Northside College',
      phone: '+1-555-0100',
      isPartnered: false,
    })
    for (const res of [student, educator, institution]) {
      for (const secret of SECRETS) expect(res.body).not.toHaveProperty(secret)
    }
  })

  it('shows an admin everything except password secrets', async () => {
    const educator = await api('GET', `/api/users/${cast.educator.user.id}`, {
      token: cast.admin.token,
    })
    expect(educator.status).toBe(200)
    expect(educator.body.email).toBe(cast.educator.email)
    expect(educator.body.educatorProfile.stripeConnectId).toMatch(/^acct_private_/)
    expect(educator.body.educatorProfile.subscriptionPlan).toBe('pro')

    const student = await api('GET', `/api/users/${cast.student.user.id}`, {
      token: cast.admin.token,
    })
    expect(student.body).toMatchObject({ email: cast.student.email, language: 'es' })
    expect(student.body.studentProfile.interests).toEqual(['funding', 'ai'])
    for (const secret of SECRETS) expect(student.body).not.toHaveProperty(secret)
  })

  it('answers 404 for an unknown id and for an id that is not a UUID', async () => {
    expect((await api('GET', `/api/users/${randomUUID()}`)).status).toBe(404)
    expect((await api('GET', '/api/users/not-a-uuid', { token: cast.admin.token })).status).toBe(
      404,
    )
  })
})

describe('GET /api/users (list and queries)', () => {
  it('lists public profiles without emails to anonymous visitors', async () => {
    const res = await api('GET', `/api/users?limit=100&where[id][in]=${castIds().join(',')}`)
    expect(res.status).toBe(200)
    expect(res.body.docs).toHaveLength(castIds().length)
    for (const doc of res.body.docs) expectPublicOnly(doc)
    expectNoPrivateValues(res, ...Object.values(cast))
  })

  it('shows a student their own email in a list, and nobody else’s', async () => {
    const res = await api('GET', `/api/users?limit=100&where[id][in]=${castIds().join(',')}`, {
      token: cast.student.token,
    })
    expect(res.status).toBe(200)
    for (const doc of res.body.docs) {
      if (doc.id === cast.student.user.id) expect(doc.email).toBe(cast.student.email)
      else expectPublicOnly(doc)
    }
  })

  const leakQueries = (u: Cast) => [
    `where[email][equals]=${encodeURIComponent(u.student.email)}`,
    `where[email][like]=${encodeURIComponent(u.student.email.split('@')[0])}`,
    `where[or][0][email][equals]=${encodeURIComponent(u.student.email)}`,
    `where[id][equals]=${u.student.user.id}&where[language][equals]=es`,
    `where[id][equals]=${u.student.user.id}&where[studentProfile.interests][in]=funding`,
    `where[id][equals]=${u.institution.user.id}&where[institutionProfile.phone][like]=555`,
    `where[id][equals]=${u.educator.user.id}&where[educatorProfile.stripeConnectId][like]=acct`,
    `where[id][equals]=${u.educator.user.id}&where[educatorProfile.subscriptionPlan][equals]=pro`,
  ]

  it.each(['anonymous', 'otherStudent'] as const)(
    'does not let %s find users by private fields (error or no match)',
    async (viewer) => {
      for (const query of leakQueries(cast)) {
        const res = await api('GET', `/api/users?${query}`, { token: tokenOf(viewer) })
        expect(res.status, query).not.toBe(500)
        if (res.status === 200) expect(res.body.totalDocs, query).toBe(0)
        else expect(res.status, query).toBe(400)
        expectNoPrivateValues(res, cast.student)
      }
    },
  )

  it('does not let anonymous visitors sort users by email', async () => {
    const res = await api('GET', `/api/users?sort=email&where[id][in]=${castIds().join(',')}`)
    expect(res.status).toBe(400)
  })

  it('lets an admin find a user by email', async () => {
    const res = await api(
      'GET',
      `/api/users?where[email][equals]=${encodeURIComponent(cast.student.email)}`,
      { token: cast.admin.token },
    )
    expect(res.status).toBe(200)
    expect(res.body.docs.map((d: User) => d.id)).toEqual([cast.student.user.id])
  })

  it('does not leak emails through relationships (media owner)', async () => {
    const owner = await makeUser('student')
    const upload = await uploadImage(owner.user.id, owner.token, imageForm(await png(300, 300)))
    expect(upload.status).toBe(200)
    const mediaId = upload.body.doc.profileImage.id

    const byId = await api('GET', `/api/media/${mediaId}?depth=1`)
    expect(byId.status).toBe(200)
    expect(byId.body.owner.id).toBe(owner.user.id)
    expectPublicOnly(byId.body.owner)

    const query = await api(
      'GET',
      `/api/media?where[owner.email][equals]=${encodeURIComponent(owner.email)}`,
    )
    expect(query.status).not.toBe(500)
    if (query.status === 200) expect(query.body.totalDocs).toBe(0)
    expect(JSON.stringify(query.body)).not.toContain(owner.email)
  })
})

describe('GraphQL users', () => {
  const USER = `query ($id: String!) {
    User(id: $id) {
      id fullName role email language
      studentProfile { interests onboardingCompleted }
      educatorProfile { expertiseTags subscriptionPlan stripeConnectId totalRevenue }
      institutionProfile { phone isPartnered }
    }
  }`
  const USERS = `query ($where: User_where) { Users(where: $where, limit: 100) { totalDocs docs { id email fullName } } }`

  it.each(['anonymous', 'otherStudent'] as const)(
    'gives %s no email or private field of another user',
    async (viewer) => {
      for (const target of ['student', 'educator', 'institution'] as const) {
        const res = await graphql(USER, { id: cast[target].user.id }, { token: tokenOf(viewer) })
        expect(res.status).not.toBe(500)
        expectNoPrivateValues(res, cast[target])
        const doc = res.body.data?.User
        if (doc) {
          expect(doc.id).toBe(cast[target].user.id)
          expect(doc.email ?? null).toBeNull()
          expect(doc.language ?? null).toBeNull()
          expect(doc.studentProfile?.interests ?? null).toBeNull()
          expect(doc.educatorProfile?.stripeConnectId ?? null).toBeNull()
          expect(doc.educatorProfile?.subscriptionPlan ?? null).toBeNull()
          expect(doc.institutionProfile?.phone ?? null).toBeNull()
        }
      }
      const list = await graphql(
        USERS,
        { where: { id: { in: castIds() } } },
        { token: tokenOf(viewer) },
      )
      expect(list.status).not.toBe(500)
      expectNoPrivateValues(
        list,
        ...Object.values(cast).filter((u) => u !== cast[viewer as 'otherStudent']),
      )
      for (const doc of list.body.data?.Users?.docs ?? []) {
        if (viewer !== 'anonymous' && doc.id === cast[viewer].user.id) continue
        expect(doc.email ?? null).toBeNull()
      }
    },
  )

  it('gives the public profile fields to anonymous visitors', async () => {
    const res = await graphql(
      `
        query ($id: String!) {
          User(id: $id) {
            id
            fullName
            role
            educatorProfile {
              expertiseTags
              teachingStyles
            }
          }
        }
      `,
      { id: cast.educator.user.id },
    )
    expect(res.body.errors).toBeUndefined()
    expect(res.body.data.User).toMatchObject({
      fullName: 'Test Educator',
      role: 'educator',
      educatorProfile: { expertiseTags: ['branding'], teachingStyles: ['visual'] },
    })
  })

  it('does not let anonymous visitors find a user by email', async () => {
    const res = await graphql(USERS, { where: { email: { equals: cast.student.email } } })
    expect(res.status).not.toBe(500)
    const found = res.body.data?.Users
    if (found) expect(found.totalDocs).toBe(0)
    else expect(res.body.errors?.length).toBeGreaterThan(0)
    expectNoPrivateValues(res, cast.student)
  })

  it('gives a user their own email and an admin everyone’s', async () => {
    const self = await graphql(USER, { id: cast.student.user.id }, { token: cast.student.token })
    expect(self.body.data.User).toMatchObject({ email: cast.student.email, language: 'es' })

    const admin = await graphql(USER, { id: cast.educator.user.id }, { token: cast.admin.token })
    expect(admin.body.data.User.email).toBe(cast.educator.email)
    expect(admin.body.data.User.educatorProfile.stripeConnectId).toMatch(/^acct_private_/)
  })

  it('refuses role changes by non-admins through GraphQL', async () => {
    const student = await makeUser('student')
    const res = await graphql(
      `
        mutation ($id: String!) {
          updateUser(id: $id, data: { role: admin }) {
            id
            role
          }
        }
      `,
      { id: student.user.id },
      { token: student.token },
    )
    expect(res.body.errors?.[0]?.message).toMatch(/not allowed/i)
    expect(res.body.data?.updateUser ?? null).toBeNull()
    expect((await readUser(student.user.id)).role).toBe('student')
  })
})

describe('PUT /api/users/:id', () => {
  it('lets a user update themself and stores it', async () => {
    const user = await makeUser('student')
    const res = await api('PUT', `/api/users/${user.user.id}`, {
      token: user.token,
      body: { fullName: 'Renamed Person', bio: 'New bio', language: 'es' },
    })
    expect(res.status).toBe(200)
    expect(res.body.doc).toMatchObject({ fullName: 'Renamed Person', bio: 'New bio' })
    expect(await readUser(user.user.id)).toMatchObject({
      fullName: 'Renamed Person',
      bio: 'New bio',
      language: 'es',
    })
  })

  it('lets a user change their password (at least 10 characters)', async () => {
    const user = await makeUser('student')
    const short = await api('PUT', `/api/users/${user.user.id}`, {
      token: user.token,
      body: { password: 'short' },
    })
    expect(short.status).toBe(400)
    expect(errorMessage(short)).toContain('password')

    const ok = await api('PUT', `/api/users/${user.user.id}`, {
      token: user.token,
      body: { password: 'another-long-password' },
    })
    expect(ok.status).toBe(200)
    const login = await api('POST', '/api/auth/login', {
      body: { email: user.email, password: 'another-long-password' },
    })
    expect(login.status).toBe(200)
  })

  it('stores a changed email in lower case, and the user logs in with it', async () => {
    const user = await makeUser('student')
    const next = `Changed-${randomUUID().slice(0, 8)}@Test.ReadyLab`
    const res = await api('PUT', `/api/users/${user.user.id}`, {
      token: user.token,
      body: { email: next },
    })
    expect(res.status).toBe(200)
    expect((await readUser(user.user.id)).email).toBe(next.toLowerCase())
    const login = await api('POST', '/api/auth/login', {
      body: { email: next, password: user.password },
    })
    expect(login.status).toBe(200)
  })

  it('answers 400 when the new email is already taken', async () => {
    const user = await makeUser('student')
    const res = await api('PUT', `/api/users/${user.user.id}`, {
      token: user.token,
      body: { email: cast.otherStudent.email },
    })
    expect(res.status).toBe(400)
    expect((await readUser(user.user.id)).email).toBe(user.email)
  })

  it('answers 403 for another user, 401 anonymous, 404 unknown or malformed id', async () => {
    const target = cast.otherStudent.user.id
    const body = { fullName: 'Hijacked' }
    expect(
      (await api('PUT', `/api/users/${target}`, { token: cast.student.token, body })).status,
    ).toBe(403)
    expect(
      (await api('PUT', `/api/users/${target}`, { token: cast.educator.token, body })).status,
    ).toBe(403)
    expect((await api('PUT', `/api/users/${target}`, { body })).status).toBe(401)
    expect(
      (await api('PUT', `/api/users/${randomUUID()}`, { token: cast.admin.token, body })).status,
    ).toBe(404)
    expect((await api('PUT', '/api/users/12345', { token: cast.student.token, body })).status).toBe(
      404,
    )
    expect((await readUser(target)).fullName).toBe('Other Student')
  })

  it.each([
    ['unknownField', { unknownField: 1 }],
    ['fullName', { fullName: 42 }],
    ['fullName', { fullName: '' }],
    ['language', { language: 'fr' }],
    ['email', { email: 'nope' }],
    ['interests', { studentProfile: { interests: ['cooking'] } }],
    ['onboardingCompleted', { studentProfile: { onboardingCompleted: true } }],
  ])('answers bad input with 400 naming %s', async (field, body) => {
    const res = await api('PUT', `/api/users/${cast.student.user.id}`, {
      token: cast.student.token,
      body,
    })
    expect(res.status).toBe(400)
    expect(errorMessage(res)).toContain(field)
  })

  it('answers malformed JSON with 400', async () => {
    const res = await api('PUT', `/api/users/${cast.student.user.id}`, {
      token: cast.student.token,
      body: '{"fullName": ',
      headers: { 'Content-Type': 'application/json' },
    })
    expect(res.status).toBe(400)
  })

  it('refuses a self role change with 403 and keeps the role', async () => {
    for (const role of ['admin', 'educator']) {
      const res = await api('PUT', `/api/users/${cast.student.user.id}`, {
        token: cast.student.token,
        body: { role, fullName: 'Test Student' },
      })
      expect(res.status).toBe(403)
    }
    expect((await readUser(cast.student.user.id)).role).toBe('student')
  })

  it('accepts the unchanged own role (a form sending the whole profile back)', async () => {
    const user = await makeUser('educator')
    const res = await api('PUT', `/api/users/${user.user.id}`, {
      token: user.token,
      body: { role: 'educator', bio: 'Same role' },
    })
    expect(res.status).toBe(200)
    expect(await readUser(user.user.id)).toMatchObject({ role: 'educator', bio: 'Same role' })
  })

  it('lets an admin change a role', async () => {
    const user = await makeUser('student')
    const res = await api('PUT', `/api/users/${user.user.id}`, {
      token: cast.admin.token,
      body: { role: 'educator' },
    })
    expect(res.status).toBe(200)
    expect(res.body.doc.role).toBe('educator')
    expect((await readUser(user.user.id)).role).toBe('educator')
  })

  it('lets an admin update anyone', async () => {
    const user = await makeUser('educator')
    const res = await api('PUT', `/api/users/${user.user.id}`, {
      token: cast.admin.token,
      body: { fullName: 'Set By Admin', educatorProfile: { teachingStyles: ['auditory'] } },
    })
    expect(res.status).toBe(200)
    const stored = await readUser(user.user.id)
    expect(stored.fullName).toBe('Set By Admin')
    expect(stored.educatorProfile?.teachingStyles).toEqual(['auditory'])
  })
})

describe("Payload's PATCH /api/users/:id and admin-only fields", () => {
  const patch = (id: string, token: string | undefined, body: unknown) =>
    api('PATCH', `/api/users/${id}`, { token, body })

  it('refuses a role change by a non-admin with 403', async () => {
    const user = await makeUser('student')
    const res = await patch(user.user.id, user.token, { role: 'admin' })
    expect(res.status).toBe(403)
    const bulk = await api('PATCH', `/api/users?where[id][equals]=${user.user.id}`, {
      token: user.token,
      body: { role: 'admin' },
    })
    expect(bulk.status).toBe(403)
    expect((await readUser(user.user.id)).role).toBe('student')
    const me = await api('GET', '/api/auth/me', { token: user.token })
    expect(me.body.user.role).toBe('student')
  })

  it('refuses to update someone else (403) or anonymously (401/403)', async () => {
    const target = cast.otherStudent.user.id
    expect((await patch(target, cast.student.token, { fullName: 'Hijacked' })).status).toBe(403)
    expect([401, 403]).toContain((await patch(target, undefined, { fullName: 'Hijacked' })).status)
    expect((await readUser(target)).fullName).toBe('Other Student')
  })

  it('enforces the 10-character password minimum', async () => {
    const user = await makeUser('student')
    const res = await patch(user.user.id, user.token, { password: 'short' })
    expect(res.status).toBe(400)
    const login = await api('POST', '/api/auth/login', {
      body: { email: user.email, password: user.password },
    })
    expect(login.status).toBe(200)
  })

  it('answers 404 for a malformed id', async () => {
    const res = await patch('not-a-uuid', cast.admin.token, { fullName: 'X' })
    expect(res.status).toBe(404)
  })

  it('keeps isPartnered and accountManager admin-only for institutions', async () => {
    const inst = await makeUser('institution')
    const put = await api('PUT', `/api/users/${inst.user.id}`, {
      token: inst.token,
      body: { institutionProfile: { isPartnered: true } },
    })
    expect(put.status).toBe(400)
    const putManager = await api('PUT', `/api/users/${inst.user.id}`, {
      token: inst.token,
      body: { institutionProfile: { accountManager: cast.admin.user.id } },
    })
    expect(putManager.status).toBe(400)

    const patched = await patch(inst.user.id, inst.token, {
      institutionProfile: {
        organizationName: 'Own Org',
        isPartnered: true,
        accountManager: cast.admin.user.id,
      },
    })
    expect(patched.status).not.toBe(500)
    let stored = await readUser(inst.user.id)
    expect(stored.institutionProfile?.isPartnered).toBe(false)
    expect(stored.institutionProfile?.accountManager ?? null).toBeNull()

    const byAdmin = await patch(inst.user.id, cast.admin.token, {
      institutionProfile: { isPartnered: true, accountManager: cast.admin.user.id },
    })
    expect(byAdmin.status).toBe(200)
    stored = await readUser(inst.user.id)
    expect(stored.institutionProfile?.isPartnered).toBe(true)
    expect(stored.institutionProfile?.accountManager).toBe(cast.admin.user.id)

    // …and the institution can still edit its own details without undoing the admin's choice.
    const own = await api('PUT', `/api/users/${inst.user.id}`, {
      token: inst.token,
      body: { institutionProfile: { phone: '555-0199' } },
    })
    expect(own.status).toBe(200)
    stored = await readUser(inst.user.id)
    expect(stored.institutionProfile).toMatchObject({ phone: '555-0199', isPartnered: true })
    expect(stored.institutionProfile?.accountManager).toBe(cast.admin.user.id)
  })

  it('lets nobody but an admin set subscriptionPlan, and nobody the Connect id or the counters', async () => {
    const edu = await makeUser('educator')
    const put = await api('PUT', `/api/users/${edu.user.id}`, {
      token: edu.token,
      body: { educatorProfile: { stripeConnectId: 'acct_mine' } },
    })
    expect(put.status).toBe(400)

    await patch(edu.user.id, edu.token, {
      educatorProfile: {
        stripeConnectId: 'acct_mine',
        subscriptionPlan: 'enterprise',
        totalRevenue: 999999,
        totalStudents: 1000,
      },
    })
    let stored = await readUser(edu.user.id)
    expect(stored.educatorProfile?.stripeConnectId ?? null).toBeNull()
    expect(stored.educatorProfile?.subscriptionPlan ?? null).toBeNull()
    expect(stored.educatorProfile?.totalRevenue).toBe(0)
    expect(stored.educatorProfile?.totalStudents).toBe(0)

    // Another educator cannot either.
    const other = await patch(edu.user.id, cast.educator.token, {
      educatorProfile: { stripeConnectId: 'acct_theirs' },
    })
    expect(other.status).toBe(403)

    const byAdmin = await patch(edu.user.id, cast.admin.token, {
      educatorProfile: { stripeConnectId: 'acct_by_admin', subscriptionPlan: 'pro' },
    })
    expect(byAdmin.status).toBe(200)
    stored = await readUser(edu.user.id)
    // Payouts go to the Connect account: only Stripe onboarding records it, never an API write.
    expect(stored.educatorProfile?.stripeConnectId ?? null).toBeNull()
    expect(stored.educatorProfile?.subscriptionPlan).toBe('pro')
  })

  it('does not let a user create accounts through POST /api/users', async () => {
    const res = await api('POST', '/api/users', {
      token: cast.student.token,
      body: {
        email: `made-${randomUUID().slice(0, 8)}@test.readylab`,
        password: 'long-enough-password',
        fullName: 'Made',
        role: 'admin',
      },
    })
    expect(res.status).toBe(403)
    expect((await api('POST', '/api/users', { body: { role: 'admin' } })).status).toBe(403)
  })
})

describe('DELETE /api/users/:id', () => {
  it('lets a user delete themself: the account and their uploaded image are gone', async () => {
    const user = await makeUser('student')
    const upload = await uploadImage(user.user.id, user.token, imageForm(await png(600, 600)))
    expect(upload.status).toBe(200)
    const media = upload.body.doc.profileImage as Media
    const mediaDir = process.env.MEDIA_DIR!
    expect(existsSync(path.join(mediaDir, media.filename!))).toBe(true)

    const res = await api('DELETE', `/api/users/${user.user.id}`, { token: user.token })
    expect(res.status).toBe(200)

    expect(
      (await api('GET', `/api/users/${user.user.id}`, { token: cast.admin.token })).status,
    ).toBe(404)
    expect(await findMedia(media.id)).toBeNull()
    expect(existsSync(path.join(mediaDir, media.filename!))).toBe(false)
    expect((await api('GET', '/api/auth/me', { token: user.token })).status).toBe(401)
    const login = await api('POST', '/api/auth/login', {
      body: { email: user.email, password: user.password },
    })
    expect(login.status).toBe(401)
  })

  it("answers 403 for another user's account and keeps it", async () => {
    const target = await makeUser('student')
    for (const token of [cast.student.token, cast.educator.token, cast.institution.token]) {
      expect((await api('DELETE', `/api/users/${target.user.id}`, { token })).status).toBe(403)
    }
    expect(await readUser(target.user.id)).toBeTruthy()
  })

  it('answers 401 to anonymous callers and keeps the account', async () => {
    const target = await makeUser('student')
    expect((await api('DELETE', `/api/users/${target.user.id}`)).status).toBe(401)
    expect(await readUser(target.user.id)).toBeTruthy()
  })

  it('answers 404 for an unknown or malformed id', async () => {
    expect(
      (await api('DELETE', `/api/users/${randomUUID()}`, { token: cast.admin.token })).status,
    ).toBe(404)
    expect((await api('DELETE', '/api/users/not-a-uuid', { token: cast.admin.token })).status).toBe(
      404,
    )
  })

  it('lets an admin delete anyone, leaving no references that break reads', async () => {
    const manager = await makeUser('admin')
    const inst = await makeUser('institution')
    await payload.update({
      collection: 'users',
      id: inst.user.id,
      data: { institutionProfile: { accountManager: manager.user.id } },
      overrideAccess: true,
    })

    const res = await api('DELETE', `/api/users/${manager.user.id}`, { token: cast.admin.token })
    expect(res.status).toBe(200)

    const read = await api('GET', `/api/users/${inst.user.id}?depth=1`, { token: cast.admin.token })
    expect(read.status).toBe(200)
    expect(read.body.institutionProfile.accountManager ?? null).toBeNull()
  })
})

describe('POST /api/users/:id/profile-image', () => {
  it('stores a resized image with its sizes; replacing it removes the old one', async () => {
    const user = await makeUser('educator')
    const first = await uploadImage(user.user.id, user.token, imageForm(await png()))
    expect(first.status).toBe(200)
    const image = first.body.doc.profileImage as Media
    expect(image).toMatchObject({ mimeType: 'image/png' })
    expect(image.width).toBeLessThanOrEqual(1600)
    expect(image.height).toBeLessThanOrEqual(1600)
    expect(image.sizes?.thumbnail).toMatchObject({ width: 256, height: 256 })
    expect(image.sizes?.thumbnail?.url).toBeTruthy()
    expect(image.sizes?.card).toMatchObject({ width: 640, height: 360 })
    expect((await readUser(user.user.id)).profileImage).toBe(image.id)

    // The public profile shows the image (and, populated, still no private data).
    const publicView = await api('GET', `/api/users/${user.user.id}?depth=2`)
    expect(publicView.body.profileImage.id).toBe(image.id)
    expectPublicOnly(publicView.body)
    expect(JSON.stringify(publicView.body)).not.toContain(user.email)

    const second = await uploadImage(
      user.user.id,
      user.token,
      imageForm(await png(800, 800, '#3c3')),
    )
    expect(second.status).toBe(200)
    expect(second.body.doc.profileImage.id).not.toBe(image.id)
    expect((await readUser(user.user.id)).profileImage).toBe(second.body.doc.profileImage.id)
    expect(await findMedia(image.id)).toBeNull()
  })

  it("never deletes someone else's image when replacing one's own", async () => {
    const victim = await makeUser('student')
    const attacker = await makeUser('student')
    const victimUpload = await uploadImage(
      victim.user.id,
      victim.token,
      imageForm(await png(300, 300)),
    )
    const victimMedia = victimUpload.body.doc.profileImage.id as string

    // Payload's PATCH lets a user point their profileImage at any (public) media document…
    await api('PATCH', `/api/users/${attacker.user.id}`, {
      token: attacker.token,
      body: { profileImage: victimMedia },
    })
    // …but replacing "their" image must not delete the victim's.
    const res = await uploadImage(attacker.user.id, attacker.token, imageForm(await png(300, 300)))
    expect(res.status).toBe(200)
    expect(await findMedia(victimMedia)).not.toBeNull()
    expect((await readUser(victim.user.id)).profileImage).toBe(victimMedia)
  })

  it('lets an admin set anyone’s image', async () => {
    const user = await makeUser('student')
    const res = await uploadImage(user.user.id, cast.admin.token, imageForm(await png(300, 300)))
    expect(res.status).toBe(200)
    expect((await readUser(user.user.id)).profileImage).toBe(res.body.doc.profileImage.id)
  })

  it('rejects a text file with 400', async () => {
    const user = await makeUser('student')
    const res = await uploadImage(
      user.user.id,
      user.token,
      imageForm('just some notes', 'notes.txt', 'text/plain'),
    )
    expect(res.status).toBe(400)
    expect((await readUser(user.user.id)).profileImage ?? null).toBeNull()
  })

  it('rejects a non-image that claims to be a PNG with 400', async () => {
    const user = await makeUser('student')
    const res = await uploadImage(
      user.user.id,
      user.token,
      imageForm('definitely not a png', 'avatar.png', 'image/png'),
    )
    expect(res.status).toBe(400)
    expect((await readUser(user.user.id)).profileImage ?? null).toBeNull()
  })

  it('rejects a file over 5 MB with 413', async () => {
    const user = await makeUser('student')
    const big = Buffer.concat([await png(300, 300), Buffer.alloc(5 * 1024 * 1024 + 1024)])
    const res = await uploadImage(user.user.id, user.token, imageForm(big))
    expect(res.status).toBe(413)
    expect((await readUser(user.user.id)).profileImage ?? null).toBeNull()
  })

  it('answers 400 when the form has no file or the body is JSON', async () => {
    const user = await makeUser('student')
    const empty = new FormData()
    empty.append('note', 'no file here')
    const noFile = await uploadImage(user.user.id, user.token, empty)
    expect(noFile.status).toBe(400)
    expect(errorMessage(noFile)).toContain('file')

    const json = await api('POST', `/api/users/${user.user.id}/profile-image`, {
      token: user.token,
      body: { file: 'data:image/png;base64,AAAA' },
    })
    expect(json.status).toBe(400)
    expect(errorMessage(json)).toContain('file')
  })

  it('answers 401 anonymous, 403 for another user, 404 for an unknown user', async () => {
    const form = async () => imageForm(await png(300, 300))
    const target = cast.otherStudent.user.id
    expect((await uploadImage(target, undefined, await form())).status).toBe(401)
    expect((await uploadImage(target, cast.student.token, await form())).status).toBe(403)
    expect((await uploadImage(randomUUID(), cast.admin.token, await form())).status).toBe(404)
    expect((await readUser(target)).profileImage ?? null).toBeNull()
  })
})

describe('POST /api/media', () => {
  it('an upload belongs to its uploader: nobody else can be named owner, or made so later', async () => {
    const form = imageForm(await png(40, 40))
    form.append('_payload', JSON.stringify({ alt: 'mine', owner: cast.otherStudent.user.id }))
    const res = await api('POST', '/api/media', { token: cast.student.token, body: form })
    expect(res.status).toBe(201)
    expect(res.body.doc.owner).toMatchObject({ id: cast.student.user.id })
    const moved = await api('PATCH', `/api/media/${res.body.doc.id}`, {
      token: cast.student.token,
      body: { owner: cast.otherStudent.user.id, alt: 'still mine' },
    })
    expect(moved.status).toBe(200)
    const stored = await payload.findByID({ collection: 'media', id: res.body.doc.id, depth: 0 })
    expect(stored).toMatchObject({ owner: cast.student.user.id, alt: 'still mine' })
    await payload.delete({ collection: 'media', id: res.body.doc.id, overrideAccess: true })
  })
})

describe('first user in an empty database', () => {
  it('becomes admin; the next one keeps the role asked for', async () => {
    const root = path.resolve(import.meta.dirname, '../..')
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', path.join(root, 'tests/scripts/first-user.ts')],
      {
        cwd: root,
        env: {
          ...process.env,
          DATABASE_URL: inject('emptyDatabaseUrl'),
          NODE_OPTIONS: '--no-deprecation --conditions=development',
          PAYLOAD_LOG_LEVEL: 'error',
        },
        timeout: 120_000,
      },
    )
    const roles = JSON.parse(stdout.trim().split('\n').at(-1)!)
    expect(roles).toEqual({ first: 'admin', second: 'student' })
  }, 150_000)
})

function castIds() {
  return Object.values(cast).map((u) => u.user.id)
}

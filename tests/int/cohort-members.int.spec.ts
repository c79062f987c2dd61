// Bulk adding students to a cohort by email, and the invitations it sends: results per address,
// seats, idempotency, access, the invitation's single use and expiry, and parallel adds.
import { sql } from '@payloadcms/db-postgres/drizzle'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { drainJobs } from '../../src/jobs/relay'
import { MIN_PASSWORD_LENGTH } from '../../src/lib/constants'
import { sentEmails } from '../../src/services/email'
import {
  buildCourse,
  deleteCohorts,
  deleteCourses,
  expectStatus,
  type BuiltCourse,
} from '../helpers/courses'
import { rows } from '../helpers/communities'
import { api, apiRaw, errorMessage } from '../helpers/http'
import { getTestPayload } from '../helpers/payload'
import {
  createCast,
  createUser,
  deleteUsers,
  TEST_PASSWORD,
  uniqueEmail,
  type TestUser,
} from '../helpers/users'

let payload: Payload
let cast: Awaited<ReturnType<typeof createCast>>
let otherInstitution: TestUser
let course: BuiltCourse
let paidCourse: BuiltCourse
const cohortIds: string[] = []
const createdEmails: string[] = []
const extraUsers: TestUser[] = []

const bulkPath = (cohortId: string, institutionId = cast.institution.user.id) =>
  `/api/institutions/${institutionId}/cohorts/${cohortId}/students/bulk`

const bulk = (cohortId: string, body: unknown, token = cast.institution.token) =>
  api('POST', bulkPath(cohortId), { token, body })

async function newCohort(courses: string[] = [course.course.id], token = cast.institution.token) {
  const res = await api('POST', '/api/cohorts', {
    token,
    body: { name: `Bulk cohort ${cohortIds.length}`, courses },
  })
  expectStatus(res, 201)
  cohortIds.push(res.body.doc.id)
  return res.body.doc.id as string
}

const newAddress = (prefix = 'invitee') => {
  const email = uniqueEmail(prefix)
  createdEmails.push(email)
  return email
}

const memberCount = async (cohortId: string) =>
  Number(
    (
      await rows<{ n: string }>(
        payload,
        sql`select count(*) as n from cohort_enrollments where cohort_id = ${cohortId}`,
      )
    )[0].n,
  )

/** The invitation token from the newest invitation email sent to `email`. */
async function invitationTokenFor(email: string) {
  await drainJobs(payload)
  const mail = [...sentEmails()].reverse().find((m) => m.to === email)
  const match = mail?.html.match(/\/api\/auth\/invitations\/([^"<\s]+)/)
  return match ? decodeURIComponent(match[1]) : undefined
}

beforeAll(async () => {
  payload = await getTestPayload()
  cast = await createCast(payload)
  otherInstitution = await createUser(payload, 'institution')
  course = await buildCourse(cast.educator.token)
  paidCourse = await buildCourse(cast.educator.token, { course: { price: 4000 } })
}, 300_000)

afterAll(async () => {
  await drainJobs(payload)
  await deleteCohorts(payload, cohortIds)
  await deleteCourses(payload, [course?.course.id, paidCourse?.course.id])
  if (createdEmails.length) {
    await payload.delete({
      collection: 'users',
      where: { email: { in: createdEmails } },
      overrideAccess: true,
    })
  }
  await payload.delete({
    collection: 'licenses',
    where: { institution: { equals: cast.institution.user.id } },
    overrideAccess: true,
  })
  await deleteUsers(payload, ...extraUsers, otherInstitution, ...Object.values(cast))
})

describe('bulk add by email', () => {
  it('adds existing students, invites new addresses, de-duplicates, and answers per address', async () => {
    const cohortId = await newCohort()
    const existing = await createUser(payload, 'student')
    extraUsers.push(existing)
    const fresh = newAddress()
    const res = await bulk(cohortId, {
      emails: [
        `  ${existing.email.toUpperCase()} `,
        `"New Person" <${fresh}>`,
        existing.email,
        fresh.toUpperCase(),
        cast.educator.email,
      ],
    })
    expectStatus(res, 200)
    expect(res.body.results).toEqual([
      { email: existing.email, status: 'added', userId: existing.user.id },
      { email: fresh, status: 'invited', userId: expect.any(String) },
      { email: cast.educator.email, status: 'invalid', reason: expect.stringMatching(/student/) },
    ])
    expect(res.body.summary).toEqual({ added: 1, alreadyMember: 0, invited: 1, invalid: 1 })
    expect(await memberCount(cohortId)).toBe(2)

    // The invited account is a student, cannot log in yet, and was enrolled in the cohort's course.
    const invitedId = res.body.results[1].userId
    const invited = await payload.findByID({
      collection: 'users',
      id: invitedId,
      overrideAccess: true,
    })
    expect(invited).toMatchObject({ role: 'student', email: fresh })
    expect(invited.emailVerifiedAt ?? null).toBeNull()
    const enrolled = await rows<{ n: string }>(
      payload,
      sql`select count(*) as n from enrollments where student_id = ${invitedId} and course_id = ${course.course.id}`,
    )
    expect(Number(enrolled[0].n)).toBe(1)
    const login = await api('POST', '/api/auth/login', {
      body: { email: fresh, password: TEST_PASSWORD },
    })
    expect(login.status).toBe(401)

    // One invitation email with a link.
    const token = await invitationTokenFor(fresh)
    expect(token).toBeTruthy()
    expect(sentEmails().filter((m) => m.to === fresh)).toHaveLength(1)

    // Repeating the call changes nothing and sends nothing.
    const again = await bulk(cohortId, { emails: [existing.email, fresh] })
    expectStatus(again, 200)
    expect(again.body.summary).toEqual({ added: 0, alreadyMember: 2, invited: 0, invalid: 0 })
    expect(await memberCount(cohortId)).toBe(2)
    await drainJobs(payload)
    expect(sentEmails().filter((m) => m.to === fresh)).toHaveLength(1)
  })

  it('reads a CSV (email header or first column) and refuses invalid addresses unless told to skip them', async () => {
    const cohortId = await newCohort()
    const a = newAddress('csv')
    const b = newAddress('csv')
    const withHeader = await bulk(cohortId, { csv: `name,email\n"Ruiz, Ana",${a}\nBo,${b}\n` })
    expectStatus(withHeader, 200)
    expect(withHeader.body.summary.invited).toBe(2)

    const c = newAddress('csv')
    const firstColumn = await bulk(cohortId, { csv: `${c},Someone\n${a}\n` })
    expectStatus(firstColumn, 200)
    expect(firstColumn.body.summary).toMatchObject({ invited: 1, alreadyMember: 1 })

    const d = newAddress('csv')
    const bad = await bulk(cohortId, { emails: [d, 'not-an-address', 'x@'] })
    expectStatus(bad, 400)
    expect(errorMessage(bad)).toMatch(/not-an-address/)
    expect(errorMessage(bad)).toMatch(/x@/)
    expect(await memberCount(cohortId)).toBe(3) // nothing written

    const skipped = await bulk(cohortId, { emails: [d, 'not-an-address'], skipInvalid: true })
    expectStatus(skipped, 200)
    expect(skipped.body.results).toEqual([
      { email: d, status: 'invited', userId: expect.any(String) },
      { email: 'not-an-address', status: 'invalid', reason: 'not a valid email address' },
    ])

    expectStatus(await bulk(cohortId, { emails: [] }), 400)
    expectStatus(await bulk(cohortId, {}), 400)
    expectStatus(await bulk(cohortId, { emails: [a], csv: a }), 400)
    const tooMany = Array.from({ length: 1001 }, (_, i) => `cap-${i}@test.readylab`)
    expectStatus(await bulk(cohortId, { emails: tooMany }), 400)
  })

  it('is for the owning institution or an admin: 401, 403, 404', async () => {
    const cohortId = await newCohort()
    const email = newAddress()
    expectStatus(await api('POST', bulkPath(cohortId), { body: { emails: [email] } }), 401)
    for (const who of [cast.student, cast.educator]) {
      expectStatus(await bulk(cohortId, { emails: [email] }, who.token), 403)
    }
    // Another institution, on its own path or on ours.
    expectStatus(
      await api('POST', bulkPath(cohortId, otherInstitution.user.id), {
        token: otherInstitution.token,
        body: { emails: [email] },
      }),
      404,
    )
    expectStatus(await bulk(cohortId, { emails: [email] }, otherInstitution.token), 403)
    expectStatus(
      await api('POST', bulkPath('00000000-0000-4000-8000-000000000000'), {
        token: cast.institution.token,
        body: { emails: [email] },
      }),
      404,
    )
    expect(await memberCount(cohortId)).toBe(0)
    const byAdmin = await bulk(cohortId, { emails: [email] }, cast.admin.token)
    expectStatus(byAdmin, 200)
    expect(byAdmin.body.summary.invited).toBe(1)
  })

  it('respects seats: a cohort with a paid course takes no more students than seats (402, nothing written)', async () => {
    await payload.create({
      collection: 'licenses',
      data: { institution: cast.institution.user.id, seats: 2, status: 'active' },
      overrideAccess: true,
    })
    const cohortId = await newCohort([paidCourse.course.id])
    const three = [newAddress('seat'), newAddress('seat'), newAddress('seat')]
    const refused = await bulk(cohortId, { emails: three })
    expectStatus(refused, 402)
    expect(errorMessage(refused)).toMatch(/seats/i)
    expect(await memberCount(cohortId)).toBe(0)
    const users = await rows(
      payload,
      sql`select id from users where email in (${sql.join(
        three.map((e) => sql`${e}`),
        sql`, `,
      )})`,
    )
    expect(users).toHaveLength(0) // the rollback took the new accounts too
    await drainJobs(payload)
    expect(sentEmails().some((m) => three.includes(m.to))).toBe(false) // and sent nothing

    const two = await bulk(cohortId, { emails: three.slice(0, 2) })
    expectStatus(two, 200)
    expect(two.body.seats).toEqual({ total: 2, used: 2, available: 0 })
  })

  it('parallel bulk adds of the same addresses: one account and one membership each, exact counts', async () => {
    const cohortA = await newCohort()
    const cohortB = await newCohort()
    const addresses = Array.from({ length: 4 }, () => newAddress('race'))
    const before = (
      await payload.findByID({ collection: 'courses', id: course.course.id, overrideAccess: true })
    ).totalEnrollments
    const answers = await Promise.all([
      bulk(cohortA, { emails: addresses }),
      bulk(cohortA, { emails: [...addresses].reverse() }),
      bulk(cohortB, { emails: addresses }),
      bulk(cohortB, { emails: addresses }),
    ])
    for (const a of answers) expectStatus(a, 200)
    expect(await memberCount(cohortA)).toBe(4)
    expect(await memberCount(cohortB)).toBe(4)
    const accounts = await rows(
      payload,
      sql`select id from users where email in (${sql.join(
        addresses.map((e) => sql`${e}`),
        sql`, `,
      )})`,
    )
    expect(accounts).toHaveLength(4)
    const counts = answers.map((a) => a.body.summary)
    const invited = counts.reduce((n, s) => n + s.invited, 0)
    const added = counts.reduce((n, s) => n + s.added, 0)
    const already = counts.reduce((n, s) => n + s.alreadyMember, 0)
    expect(invited).toBe(4) // each address invited once
    expect(added).toBe(4) // and added to the other cohort once
    expect(already).toBe(8)
    const after = (
      await payload.findByID({ collection: 'courses', id: course.course.id, overrideAccess: true })
    ).totalEnrollments
    expect(after).toBe((before ?? 0) + 4)
    const enrollments = await rows<{ n: string }>(
      payload,
      sql`select count(*) as n from enrollments where course_id = ${course.course.id}`,
    )
    expect(Number(enrollments[0].n)).toBe(after)
    await drainJobs(payload)
    for (const email of addresses) {
      expect(sentEmails().filter((m) => m.to === email)).toHaveLength(1)
    }
  })
})

describe('invitations', () => {
  it('accepting sets the password, verifies the address, logs in, and works once', async () => {
    const cohortId = await newCohort()
    const email = newAddress('accept')
    expectStatus(await bulk(cohortId, { emails: [email] }), 200)
    const token = (await invitationTokenFor(email))!

    const check = await api('GET', `/api/auth/invitations/${encodeURIComponent(token)}`)
    expectStatus(check, 200)
    expect(check.body).toMatchObject({ valid: true, email })

    const page = await apiRaw('GET', `/api/auth/invitations/${encodeURIComponent(token)}`, {
      headers: { Accept: 'text/html' },
    })
    expect(page.status).toBe(200)
    expect(await page.text()).toMatch(/<form method="post"/)

    const short = await api('POST', '/api/auth/invitations/accept', {
      body: { token, password: 'short' },
    })
    expectStatus(short, 400)

    const accepted = await api('POST', '/api/auth/invitations/accept', {
      body: { token, password: 'a-brand-new-password', name: 'Ana Invited' },
    })
    expectStatus(accepted, 200)
    expect(accepted.body.user).toMatchObject({ email, fullName: 'Ana Invited' })
    expect(accepted.body.user.emailVerifiedAt).toEqual(expect.any(String))
    expect(accepted.body.token).toEqual(expect.any(String))
    expect(accepted.headers.get('set-cookie')).toMatch(/payload-token=/)
    const me = await api('GET', '/api/auth/me', { token: accepted.body.token })
    expectStatus(me, 200)
    expect(me.body.user.email).toBe(email)

    const login = await api('POST', '/api/auth/login', {
      body: { email, password: 'a-brand-new-password' },
    })
    expectStatus(login, 200)

    const again = await api('POST', '/api/auth/invitations/accept', {
      body: { token, password: 'another-password-1' },
    })
    expectStatus(again, 410)
    expect(errorMessage(again)).toMatch(/already been used/)
    expectStatus(await api('GET', `/api/auth/invitations/${encodeURIComponent(token)}`), 410)
    // The first password still works.
    expectStatus(
      await api('POST', '/api/auth/login', { body: { email, password: 'another-password-1' } }),
      401,
    )
  })

  it('parallel accepts: exactly one wins', async () => {
    const cohortId = await newCohort()
    const email = newAddress('twice')
    expectStatus(await bulk(cohortId, { emails: [email] }), 200)
    const token = (await invitationTokenFor(email))!
    const answers = await Promise.all(
      ['first-password-123', 'second-password-123'].map((password) =>
        api('POST', '/api/auth/invitations/accept', { body: { token, password } }),
      ),
    )
    expect(answers.map((a) => a.status).sort()).toEqual([200, 410])
  })

  it('an expired or unknown token is refused (410, 404)', async () => {
    const cohortId = await newCohort()
    const email = newAddress('expired')
    expectStatus(await bulk(cohortId, { emails: [email] }), 200)
    const token = (await invitationTokenFor(email))!
    await rows(
      payload,
      sql`update user_invitations set expires_at = now() - interval '1 minute' where email = ${email}`,
    )
    const expired = await api('POST', '/api/auth/invitations/accept', {
      body: { token, password: 'too-late-password' },
    })
    expectStatus(expired, 410)
    expect(errorMessage(expired)).toMatch(/expired/)
    expectStatus(await api('GET', `/api/auth/invitations/${encodeURIComponent(token)}`), 410)

    const unknown = await api('POST', '/api/auth/invitations/accept', {
      body: { token: 'no-such-token', password: 'whatever-password' },
    })
    expectStatus(unknown, 404)
    expectStatus(await api('GET', '/api/auth/invitations/no-such-token'), 404)
  })

  it('stores only a hash of the token, and no API shows it', async () => {
    const cohortId = await newCohort()
    const email = newAddress('hash')
    expectStatus(await bulk(cohortId, { emails: [email] }), 200)
    const token = (await invitationTokenFor(email))!
    const stored = await rows<{ token_hash: string }>(
      payload,
      sql`select token_hash from user_invitations where email = ${email}`,
    )
    expect(stored).toHaveLength(1)
    expect(stored[0].token_hash).not.toContain(token)
    const asAdmin = await api(
      'GET',
      `/api/user-invitations?where[email][equals]=${encodeURIComponent(email)}`,
      {
        token: cast.admin.token,
      },
    )
    expectStatus(asAdmin, 200)
    expect(asAdmin.body.docs[0].tokenHash).toBeUndefined()
    expect(asAdmin.body.docs[0].tokenNonce).toBeUndefined()
    expectStatus(await api('GET', '/api/user-invitations', { token: cast.institution.token }), 403)
  })
})

describe('invitations speak the invitee’s language', () => {
  /** The invitation email sent to `email` (after the email job ran). */
  async function invitationMail(email: string) {
    await drainJobs(payload)
    return [...sentEmails()].reverse().find((m) => m.to === email)!
  }

  const page = async (token: string, acceptLanguage: string) => {
    const res = await apiRaw('GET', `/api/auth/invitations/${encodeURIComponent(token)}`, {
      headers: { Accept: 'text/html', 'Accept-Language': acceptLanguage },
    })
    return { status: res.status, html: await res.text() }
  }

  it('a Spanish institution’s invitee gets the email, the page and its errors in Spanish', async () => {
    const spanish = await createUser(payload, 'institution', { language: 'es' })
    extraUsers.push(spanish)
    const cohortId = await newCohort([course.course.id], spanish.token)
    const email = newAddress('es')
    const added = await api('POST', bulkPath(cohortId, spanish.user.id), {
      token: spanish.token,
      body: { emails: [email] },
    })
    expectStatus(added, 200)
    const invitee = await payload.findByID({
      collection: 'users',
      id: added.body.results[0].userId,
      depth: 0,
      overrideAccess: true,
    })
    expect(invitee.language).toBe('es')

    const mail = await invitationMail(email)
    expect(mail.subject).toBe('Test institution te ha invitado a The Ready Lab')
    for (const body of [mail.html, mail.text]) {
      expect(body).toContain('te ha añadido a la cohorte “Bulk cohort')
      expect(body).toContain('Crea tu contraseña para empezar a aprender:')
      expect(body).toMatch(/El enlace funciona una sola vez y caduca el \d+ de \w+ de \d{4}/)
    }
    const token = (await invitationTokenFor(email))!

    // The invitee's language decides, whatever the browser asks for.
    const shown = await page(token, 'en-US,en;q=0.9')
    expect(shown.status).toBe(200)
    expect(shown.html).toContain('<html lang="es">')
    expect(shown.html).toContain(`Elige una contraseña para <strong>${email}</strong>.`)
    expect(shown.html).toContain(
      `<label for="password">Contraseña (al menos ${MIN_PASSWORD_LENGTH} caracteres)</label>`,
    )
    expect(shown.html).toContain('Guardar la contraseña e iniciar sesión')
    expect(shown.html).not.toMatch(/Set your password|Choose a password/)

    // A refused form comes back in Spanish; the accepted one too.
    const short = await apiRaw('POST', '/api/auth/invitations/accept', {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/html' },
      body: new URLSearchParams({ token, password: 'corta' }).toString(),
    })
    expect(short.status).toBe(400)
    expect(await short.text()).toContain(
      `Elige una contraseña de ${MIN_PASSWORD_LENGTH} a 256 caracteres.`,
    )
    const accepted = await apiRaw('POST', '/api/auth/invitations/accept', {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/html' },
      body: new URLSearchParams({
        token,
        password: 'una-contrasena-larga',
        name: 'Ana',
      }).toString(),
    })
    expect(accepted.status).toBe(200)
    expect(await accepted.text()).toContain('<h1>Todo listo, Ana</h1>')

    const used = await page(token, 'en')
    expect(used.status).toBe(410)
    expect(used.html).toContain('Esta invitación ya se ha usado')

    // Why an address is refused, in the caller's language (the admin sends its language cookie).
    const refused = await api('POST', bulkPath(cohortId, spanish.user.id), {
      token: spanish.token,
      cookie: 'payload-lng=es',
      body: { emails: [cast.educator.email, 'no-es-un-correo'], skipInvalid: true },
    })
    expectStatus(refused, 200)
    expect(refused.body.results).toEqual([
      {
        email: cast.educator.email,
        status: 'invalid',
        reason: 'la cuenta no es de estudiante (docente)',
      },
      {
        email: 'no-es-un-correo',
        status: 'invalid',
        reason: 'no es una dirección de correo válida',
      },
    ])
  })

  it('an English institution’s invitee gets English; a link that matches nothing follows the browser', async () => {
    const cohortId = await newCohort()
    const email = newAddress('en')
    expectStatus(await bulk(cohortId, { emails: [email] }), 200)
    const mail = await invitationMail(email)
    expect(mail.subject).toMatch(/ invited you to The Ready Lab$/)
    expect(mail.text).toMatch(/The link works once and expires on \w+ \d+, \d{4}/)
    const token = (await invitationTokenFor(email))!
    const shown = await page(token, 'es-ES,es;q=0.9')
    expect(shown.html).toContain('<html lang="en">')
    expect(shown.html).toContain(`Choose a password for <strong>${email}</strong>.`)

    const unknownEs = await page('no-such-token', 'es-ES,es;q=0.9')
    expect(unknownEs.status).toBe(404)
    expect(unknownEs.html).toContain('<html lang="es">')
    expect(unknownEs.html).toContain('Ninguna invitación corresponde a este enlace.')
    const unknownEn = await page('no-such-token', 'en-GB')
    expect(unknownEn.html).toContain('No invitation matches this link.')
  })
})

describe("the admin's language follows the user's", () => {
  it('login and a change of one’s own language set Payload’s language cookie', async () => {
    const spanish = await createUser(payload, 'institution', { language: 'es' })
    extraUsers.push(spanish)
    const login = await api('POST', '/api/users/login', {
      body: { email: spanish.email, password: TEST_PASSWORD },
    })
    expectStatus(login, 200)
    expect(login.headers.get('set-cookie')).toMatch(/payload-lng=es;/)
    const ours = await api('POST', '/api/auth/login', {
      body: { email: spanish.email, password: TEST_PASSWORD },
    })
    expectStatus(ours, 200)
    expect(ours.headers.get('set-cookie')).toMatch(/payload-lng=es;/)

    const changed = await api('PATCH', `/api/users/${spanish.user.id}`, {
      token: spanish.token,
      body: { language: 'en' },
    })
    expectStatus(changed, 200)
    expect(changed.headers.get('set-cookie')).toMatch(/payload-lng=en;/)
    // An admin changing someone else's language does not change the admin's own cookie.
    const byAdmin = await api('PATCH', `/api/users/${spanish.user.id}`, {
      token: cast.admin.token,
      body: { language: 'es' },
    })
    expectStatus(byAdmin, 200)
    expect(byAdmin.headers.get('set-cookie') ?? '').not.toMatch(/payload-lng/)
  })
})

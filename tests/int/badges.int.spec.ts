import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'
import { createHash } from 'node:crypto'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { drainJobs } from '../../src/jobs/relay'
import type { Certification } from '../../src/payload-types'
import {
  buildCourse,
  completeLesson,
  deleteCourses,
  enroll,
  expectStatus,
  type BuiltCourse,
} from '../helpers/courses'
import { api } from '../helpers/http'
import {
  fetched,
  statusBit,
  validateAgainstSchema,
  verifyBadge,
  verifyBadgeProof,
} from '../helpers/openBadges'
import { getTestPayload } from '../helpers/payload'
import { createCast, createUser, deleteUsers, type TestUser } from '../helpers/users'

let payload: Payload
let cast: Awaited<ReturnType<typeof createCast>>
let kept: TestUser
let revoked: TestUser
let course: BuiltCourse
const certificates: Record<'kept' | 'revoked', Certification> = {} as never

const badgeOf = async (certificate: Certification) => {
  const res = await api('GET', `/api/certifications/${certificate.id}/badge`)
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toContain('application/ld+json')
  return res.body
}

const statusListOf = async (certificate: Certification) =>
  (await api('GET', `/api/certifications/${certificate.id}/badge/status`)).body

beforeAll(async () => {
  payload = await getTestPayload()
  cast = await createCast(payload)
  kept = await createUser(payload, 'student')
  revoked = await createUser(payload, 'student')
  course = await buildCourse(cast.educator.token, { lessons: [{}, {}] })
  for (const [name, student] of [
    ['kept', kept],
    ['revoked', revoked],
  ] as const) {
    await enroll(student.token, course.course.id)
    for (const lesson of course.lessons) {
      expectStatus(await completeLesson(student.token, course.course.id, lesson.id), 200)
    }
    await drainJobs(payload)
    const { docs } = await payload.find({
      collection: 'certifications',
      where: { student: { equals: student.user.id } },
      overrideAccess: true,
    })
    certificates[name] = docs[0]
  }
})

afterAll(async () => {
  await payload.delete({
    collection: 'certifications',
    where: { course: { equals: course.course.id } },
    overrideAccess: true,
  })
  await deleteCourses(payload, [course.course.id])
  await deleteUsers(payload, kept, revoked, ...Object.values(cast))
})

describe('Open Badges 3.0 credentials', () => {
  it('are signed: an independent verifier checks the proof against the key it resolves over HTTP', async () => {
    const badge = await badgeOf(certificates.kept)
    expect(badge.proof[0]).toMatchObject({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      proofPurpose: 'assertionMethod',
    })
    fetched.length = 0
    const result = await verifyBadge(badge)
    expect(result.error).toBeUndefined()
    expect(result.verified).toBe(true)
    // The verifier found the key and its controller through our routes, not a copy of our code.
    const key = new URL(badge.proof[0].verificationMethod).pathname
    expect(fetched).toEqual(
      expect.arrayContaining([
        key,
        '/api/badges/issuer',
        `/api/certifications/${certificates.kept.id}/badge/status`,
      ]),
    )
  })

  it('fail verification once anything signed is changed', async () => {
    const badge = await badgeOf(certificates.kept)
    const renamed = structuredClone(badge)
    renamed.name = 'Doctor of Everything — Certificate of Completion'
    const reassigned = structuredClone(badge)
    reassigned.credentialSubject.identifier[0].identityHash = `sha256$${'0'.repeat(64)}`
    const backdated = structuredClone(badge)
    backdated.validFrom = '2020-01-01T00:00:00.000Z'
    for (const forged of [renamed, reassigned, backdated]) {
      expect((await verifyBadgeProof(forged)).verified).toBe(false)
    }
    expect((await verifyBadgeProof(badge)).verified).toBe(true)
  })

  it('identify the learner by a salted SHA-256 of their email, never the email itself', async () => {
    const badge = await badgeOf(certificates.kept)
    const [identity] = badge.credentialSubject.identifier
    expect(identity).toMatchObject({
      type: 'IdentityObject',
      identityType: 'emailAddress',
      hashed: true,
    })
    expect(identity.salt).toMatch(/^[0-9a-f]{32}$/)
    const expected = createHash('sha256')
      .update(kept.email + identity.salt)
      .digest('hex')
    expect(identity.identityHash).toBe(`sha256$${expected}`)
    expect(JSON.stringify(badge)).not.toContain(kept.email)
    // Another learner's badge has another salt (no cross-badge linking by hash).
    const other = await badgeOf(certificates.revoked)
    expect(other.credentialSubject.identifier[0].salt).not.toBe(identity.salt)
  })

  it('are revoked through their status list: the bit is set and verification then fails', async () => {
    const before = await badgeOf(certificates.revoked)
    expect(before.credentialStatus).toMatchObject({
      id: expect.stringContaining(`/api/certifications/${certificates.revoked.id}/badge/status`),
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
    })
    const index = Number(before.credentialStatus.statusListIndex)
    expect(
      statusBit((await statusListOf(certificates.revoked)).credentialSubject.encodedList, index),
    ).toBe(0)
    expect((await verifyBadge(before)).verified).toBe(true)

    const res = await api('POST', `/api/certifications/${certificates.revoked.id}/revoke`, {
      token: cast.admin.token,
      body: { reason: 'issued in error' },
    })
    expect(res.status).toBe(200)
    certificates.revoked = res.body.doc

    const list = await statusListOf(certificates.revoked)
    expect(list.type).toContain('BitstringStatusListCredential')
    expect(statusBit(list.credentialSubject.encodedList, index)).toBe(1)
    // The same badge a holder kept from before is now refused, though its proof is still good.
    const after = await verifyBadge(before)
    expect(after.verified).toBe(false)
    expect((await verifyBadgeProof(before)).verified).toBe(true)
    expect((await verifyBadgeProof(await badgeOf(certificates.revoked))).verified).toBe(true)
    // The kept certificate's list is untouched.
    const keptList = await statusListOf(certificates.kept)
    expect(statusBit(keptList.credentialSubject.encodedList, index)).toBe(0)
  })

  it('validate against the official Open Badges 3.0 JSON schema, active and revoked alike', async () => {
    for (const certificate of Object.values(certificates)) {
      const badge = await badgeOf(certificate)
      const { valid, errors } = validateAgainstSchema(badge)
      expect(errors).toEqual([])
      expect(valid).toBe(true)
    }
    expect(certificates.revoked.revokedAt).toBeTruthy()
  })

  it('answer 404 for an unknown certificate, badge and status list alike', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000'
    for (const path of ['badge', 'badge/status']) {
      expect((await api('GET', `/api/certifications/${unknown}/${path}`)).status).toBe(404)
    }
  })
})

describe('the issuer', () => {
  it('publishes its profile and key where the badges point', async () => {
    const badge = await badgeOf(certificates.kept)
    const profile = await api('GET', '/api/badges/issuer')
    expect(profile.status).toBe(200)
    expect(profile.body).toMatchObject({
      id: badge.issuer.id,
      type: ['Profile'],
      name: badge.issuer.name,
      assertionMethod: [badge.proof[0].verificationMethod],
    })
    const key = await api('GET', new URL(badge.proof[0].verificationMethod).pathname)
    expect(key.status).toBe(200)
    expect(key.body).toMatchObject({
      id: badge.proof[0].verificationMethod,
      type: 'Multikey',
      controller: badge.issuer.id,
      publicKeyMultibase: expect.stringMatching(/^z6Mk/),
    })
    expect((await api('GET', '/api/badges/issuer/keys/not-our-key')).status).toBe(404)
  })

  it('signs with BADGE_SIGNING_KEY when one is configured (a Multikey secret)', async () => {
    const generated = await Ed25519Multikey.generate()
    const { secretKeyMultibase } = await generated.export({ publicKey: true, secretKey: true })
    const before = await badgeOf(certificates.kept)
    const previous = process.env.BADGE_SIGNING_KEY
    process.env.BADGE_SIGNING_KEY = secretKeyMultibase
    try {
      const badge = await badgeOf(certificates.kept)
      expect(badge.proof[0].verificationMethod).not.toBe(before.proof[0].verificationMethod)
      const key = await api('GET', new URL(badge.proof[0].verificationMethod).pathname)
      // The public key we derive from the secret is the one the library generated with it.
      expect(key.body.publicKeyMultibase).toBe(generated.publicKeyMultibase)
      expect((await verifyBadge(badge)).verified).toBe(true)
      // A badge signed by the previous key no longer resolves its key.
      expect((await verifyBadgeProof(before)).verified).toBe(false)
    } finally {
      if (previous === undefined) delete process.env.BADGE_SIGNING_KEY
      else process.env.BADGE_SIGNING_KEY = previous
    }
  })
})

import { randomUUID } from 'node:crypto'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { AuditLog } from '../../src/payload-types'
import { buildCourse, deleteCourses, expectStatus } from '../helpers/courses'
import { api, graphql } from '../helpers/http'
import { getTestPayload } from '../helpers/payload'
import { createCast, createUser, deleteUsers, type TestUser } from '../helpers/users'

let payload: Payload
let cast: Awaited<ReturnType<typeof createCast>>
const extraUsers: TestUser[] = []
const courseIds: string[] = []

const entriesFor = async (entityId: string) =>
  (
    await payload.find({
      collection: 'audit-log',
      where: { entityId: { equals: entityId } },
      sort: 'createdAt',
      overrideAccess: true,
    })
  ).docs as AuditLog[]

beforeAll(async () => {
  payload = await getTestPayload()
  cast = await createCast(payload)
})

afterAll(async () => {
  await deleteCourses(payload, courseIds)
  await deleteUsers(payload, ...extraUsers, ...Object.values(cast))
})

describe('audit log: what is recorded', () => {
  it("records an admin's role change with before and after, and nothing for other edits", async () => {
    const user = await createUser(payload, 'student')
    extraUsers.push(user)
    const patch = (data: Record<string, unknown>) =>
      api('PATCH', `/api/users/${user.user.id}`, { token: cast.admin.token, body: data })
    expectStatus(await patch({ fullName: 'Renamed Student' }), 200)
    expect(await entriesFor(user.user.id)).toEqual([])

    expectStatus(await patch({ role: 'educator' }), 200)
    const [entry] = await entriesFor(user.user.id)
    expect(entry).toMatchObject({
      action: 'user.role_changed',
      entityCollection: 'users',
      actorId: cast.admin.user.id,
      actorEmail: cast.admin.email,
      actorRole: 'admin',
      before: { role: 'student' },
      after: { role: 'educator' },
    })
    expect(entry.summary).toContain('student → educator')
  })

  it('a refused role change (a user promoting themselves) changes nothing and records nothing', async () => {
    const user = await createUser(payload, 'student')
    extraUsers.push(user)
    const res = await api('PATCH', `/api/users/${user.user.id}`, {
      token: user.token,
      body: { role: 'admin' },
    })
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(await entriesFor(user.user.id)).toEqual([])
  })

  it('records deletions of users and courses with a snapshot of what was removed', async () => {
    const user = await createUser(payload, 'student', { fullName: 'Leaving Student' })
    expectStatus(
      await api('DELETE', `/api/users/${user.user.id}`, { token: cast.admin.token }),
      200,
    )
    expect(await entriesFor(user.user.id)).toMatchObject([
      {
        action: 'user.deleted',
        actorId: cast.admin.user.id,
        before: { email: user.email, fullName: 'Leaving Student', role: 'student' },
        after: null,
      },
    ])

    const { course } = await buildCourse(cast.educator.token)
    expectStatus(
      await api('DELETE', `/api/courses/${course.id}`, { token: cast.educator.token }),
      200,
    )
    expect(await entriesFor(course.id)).toMatchObject([
      {
        action: 'course.deleted',
        actorId: cast.educator.user.id,
        actorRole: 'educator',
        before: { title: course.title, educator: cast.educator.user.id },
      },
    ])
  })

  it('records a certificate revocation with the reason', async () => {
    const { course } = await buildCourse(cast.educator.token)
    courseIds.push(course.id)
    const cert = await payload.create({
      collection: 'certifications',
      data: {
        student: cast.student.user.id,
        course: course.id,
        verificationCode: `AUDIT-${randomUUID().slice(0, 8)}`,
        issuedAt: new Date().toISOString(),
        studentName: 'Test Student',
        courseTitle: course.title,
      },
      overrideAccess: true,
    })
    const res = await api('POST', `/api/certifications/${cert.id}/revoke`, {
      token: cast.admin.token,
      body: { reason: 'issued in error' },
    })
    expectStatus(res, 200)
    expect(await entriesFor(cert.id)).toMatchObject([
      {
        action: 'certificate.revoked',
        actorId: cast.admin.user.id,
        before: { revokedAt: null },
        after: { revokedReason: 'issued in error', revokedAt: expect.any(String) },
      },
    ])
  })
})

describe('audit log: append-only, admins read', () => {
  let entry: AuditLog

  beforeAll(async () => {
    const user = await createUser(payload, 'student')
    extraUsers.push(user)
    await api('PATCH', `/api/users/${user.user.id}`, {
      token: cast.admin.token,
      body: { role: 'institution' },
    })
    ;[entry] = await entriesFor(user.user.id)
  })

  it('only admins read it, over REST and GraphQL', async () => {
    expectStatus(await api('GET', `/api/audit-log/${entry.id}`, { token: cast.admin.token }), 200)
    for (const user of [cast.student, cast.educator, cast.institution]) {
      const list = await api('GET', '/api/audit-log', { token: user.token })
      expect(list.status).toBe(403)
      const query = await graphql(
        '{ AuditLogs { docs { id summary } } }',
        {},
        { token: user.token },
      )
      expect(query.body.data?.AuditLogs ?? null).toBeNull()
    }
    expect((await api('GET', '/api/audit-log')).status).toBe(403)
  })

  it('nobody writes it through the API, not even an admin', async () => {
    const admin = { token: cast.admin.token }
    const create = await api('POST', '/api/audit-log', {
      ...admin,
      body: { action: 'user.deleted', summary: 'forged', entityCollection: 'users', entityId: 'x' },
    })
    expect(create.status).toBe(403)
    const update = await api('PATCH', `/api/audit-log/${entry.id}`, {
      ...admin,
      body: { summary: 'rewritten' },
    })
    expect(update.status).toBe(403)
    expect((await api('DELETE', `/api/audit-log/${entry.id}`, admin)).status).toBe(403)
    expect((await entriesFor(entry.entityId))[0].summary).toBe(entry.summary)
  })

  it('the database refuses UPDATE and DELETE of an entry, whoever connects', async () => {
    const db = payload.db.pool
    await expect(
      db.query(`update audit_log set summary = 'rewritten' where id = $1`, [entry.id]),
    ).rejects.toThrow(/append-only/)
    await expect(db.query(`delete from audit_log where id = $1`, [entry.id])).rejects.toThrow(
      /append-only/,
    )
    expect((await entriesFor(entry.entityId))[0].summary).toBe(entry.summary)
  })
})

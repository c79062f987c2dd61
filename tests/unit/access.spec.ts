import type { PayloadRequest } from 'payload'
import { describe, expect, it } from 'vitest'

import { adminsOrOwn } from '../../src/access'

const as = (user: { id: string; role: string } | null) =>
  ({ req: { user } as unknown as PayloadRequest }) as Parameters<ReturnType<typeof adminsOrOwn>>[0]

const admin = { id: 'a1', role: 'admin' }
const educator = { id: 'e1', role: 'educator' }
const student = { id: 's1', role: 'student' }

describe('adminsOrOwn', () => {
  it('lets admins see every row', () => {
    expect(adminsOrOwn('owner')(as(admin))).toBe(true)
    expect(adminsOrOwn('educator', 'educator')(as(admin))).toBe(true)
  })

  it('limits anyone else to the rows whose field is themself', () => {
    expect(adminsOrOwn('owner')(as(student))).toEqual({ owner: { equals: 's1' } })
    expect(adminsOrOwn('id')(as(educator))).toEqual({ id: { equals: 'e1' } })
  })

  it('shuts out anonymous callers', () => {
    expect(adminsOrOwn('author')(as(null))).toBe(false)
  })

  it('shuts out users without one of the named roles, even on their own rows', () => {
    const educatorsOwn = adminsOrOwn('educator', 'educator')
    expect(educatorsOwn(as(student))).toBe(false)
    expect(educatorsOwn(as(educator))).toEqual({ educator: { equals: 'e1' } })
  })
})

import { describe, expect, it } from 'vitest'

import { api } from '../helpers/http'
import { getTestPayload } from '../helpers/payload'
import { createUser } from '../helpers/users'

describe('smoke', () => {
  it('answers', async () => {
    const payload = await getTestPayload()
    const s = await createUser(payload, 'student')
    const res = await api('GET', `/api/users/${s.user.id}`)
    console.log(res.status, res.body)
    const me = await api('GET', '/api/auth/me', { token: s.token })
    console.log(me.status, me.body)
    expect(res.status).toBe(200)
  })
})

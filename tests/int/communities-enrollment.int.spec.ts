import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createCommunity, deleteCommunities, join } from '../helpers/communities'
import { buildCourse, deleteCourses, enroll } from '../helpers/courses'
import { api } from '../helpers/http'
import { getTestPayload } from '../helpers/payload'
import { createUser, deleteUsers, type TestUser } from '../helpers/users'

let payload: Payload
let educator: TestUser
let students: TestUser[]
let courseId: string
let communityId: string

const memberIds = async () =>
  (
    await payload.find({
      collection: 'community-members',
      where: { community: { equals: communityId } },
      depth: 0,
      pagination: false,
      overrideAccess: true,
    })
  ).docs.map((m) => String(m.user))

const memberCount = async () =>
  (
    await payload.findByID({
      collection: 'communities',
      id: communityId,
      depth: 0,
      overrideAccess: true,
    })
  ).memberCount

beforeAll(async () => {
  payload = await getTestPayload()
  educator = await createUser(payload, 'educator')
  students = await Promise.all([createUser(payload, 'student'), createUser(payload, 'student')])
  courseId = (await buildCourse(educator.token, { lessons: [{}] })).course.id
  communityId = (await createCommunity(educator.token, { visibility: 'course', course: courseId }))
    .id
  for (const s of students) {
    await enroll(s.token, courseId)
    await join(s.token, communityId)
  }
})

afterAll(async () => {
  await deleteCommunities(payload, [communityId])
  await deleteCourses(payload, [courseId])
  await deleteUsers(payload, educator, ...students)
})

describe('course communities follow enrollment', () => {
  it('a student whose enrollment is removed leaves the course community and the count follows', async () => {
    const [leaving, staying] = students
    expect(await memberIds()).toEqual(expect.arrayContaining([leaving.user.id, staying.user.id]))
    const before = await memberCount()

    const res = await api('DELETE', `/api/courses/${courseId}/enrollments/${leaving.user.id}`, {
      token: educator.token,
    })
    expect(res.status).toBe(200)

    const after = await memberIds()
    expect(after).not.toContain(leaving.user.id)
    expect(after).toContain(staying.user.id)
    expect(await memberCount()).toBe(before! - 1)
    expect(await memberCount()).toBe(after.length)
    // And they can no longer post there: a course community is invisible to outsiders.
    const post = await api('POST', `/api/communities/${communityId}/posts`, {
      token: leaving.token,
      body: { content: 'still here?' },
    })
    expect(post.status).toBe(404)
  })
})

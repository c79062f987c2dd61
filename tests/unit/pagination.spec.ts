import type { CollectionBeforeOperationHook, PaginatedDocs, PayloadRequest } from 'payload'
import { describe, expect, it } from 'vitest'

import { pageOfTwo, pageShape, pagination, validateListQuery } from '../../src/lib/pagination'

describe('pagination (?page=&limit=)', () => {
  const read = (query: string) =>
    pagination({ url: `http://localhost/api/x${query}` } as unknown as PayloadRequest)

  it('defaults to page 1 of 20', () => {
    expect(read('')).toEqual({ page: 1, limit: 20 })
    expect(read('?page=3&limit=100')).toEqual({ page: 3, limit: 100 })
  })

  it.each(['?page=0', '?page=-1', '?page=1.5', '?page=x', '?limit=0', '?limit=101', '?limit=x'])(
    'answers 400 naming the parameter for %s',
    (query) => {
      const field = query.slice(1).split('=')[0]
      expect(() => read(query)).toThrow(
        expect.objectContaining({ status: 400, message: expect.stringContaining(`${field}:`) }),
      )
    },
  )
})

describe('pageShape', () => {
  it("gives Payload's pagination shape", () => {
    expect(pageShape(['c', 'd'], 5, 2, 2)).toEqual({
      docs: ['c', 'd'],
      totalDocs: 5,
      limit: 2,
      totalPages: 3,
      page: 2,
      pagingCounter: 3,
      hasPrevPage: true,
      hasNextPage: true,
      prevPage: 1,
      nextPage: 3,
    })
    expect(pageShape([], 0, 1, 20)).toMatchObject({
      totalPages: 0,
      hasPrevPage: false,
      hasNextPage: false,
      prevPage: null,
      nextPage: null,
    })
  })
})

describe('pageOfTwo (rated courses, then unrated ones)', () => {
  /** A sorted list read the way Payload's find reads it: pages past the end are empty. */
  const list = (rows: string[]) => {
    const reads: number[] = []
    const find = async (page: number, limit: number): Promise<PaginatedDocs<string>> => {
      reads.push(page)
      return pageShape(rows.slice((page - 1) * limit, page * limit), rows.length, page, limit)
    }
    return { find, count: async () => rows.length, reads }
  }
  const rows = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`)

  it('pages through both lists as one, for every size and page', async () => {
    for (let ratedCount = 0; ratedCount <= 7; ratedCount++) {
      for (let unratedCount = 0; unratedCount <= 7; unratedCount++) {
        const all = [...rows('r', ratedCount), ...rows('u', unratedCount)]
        for (let limit = 1; limit <= 4; limit++) {
          const lastPage = Math.max(1, Math.ceil(all.length / limit)) + 1
          for (let page = 1; page <= lastPage; page++) {
            const rated = list(rows('r', ratedCount))
            const unrated = list(rows('u', unratedCount))
            const result = await pageOfTwo(rated.find, unrated, page, limit)
            expect(result).toEqual(
              pageShape(all.slice((page - 1) * limit, page * limit), all.length, page, limit),
            )
          }
        }
      }
    }
  })

  it('reads at most two pages of the second list, and only counts it when the first fills the page', async () => {
    const rated = list(rows('r', 10))
    const unrated = list(rows('u', 10))
    await pageOfTwo(rated.find, unrated, 2, 4)
    expect(unrated.reads).toEqual([])
    // Page 3 of 4: r8 r9 from the first list, then u0 u1.
    await pageOfTwo(rated.find, unrated, 3, 4)
    expect(unrated.reads).toEqual([1])
    // Page 4: u2..u5 spans the second list's pages 1 and 2.
    unrated.reads.length = 0
    expect((await pageOfTwo(rated.find, unrated, 4, 4)).docs).toEqual(['u2', 'u3', 'u4', 'u5'])
    expect(unrated.reads).toEqual([1, 2])
  })
})

describe('validateListQuery (bad filters answer 400, not a database error)', () => {
  const fields = {
    courses: [
      { name: 'title', type: 'text' },
      { name: 'description', type: 'richText' },
      {
        name: 'courseType',
        type: 'select',
        options: [{ label: 'Micro', value: 'microlearning' }, 'deep_learning'],
      },
      { name: 'educator', type: 'relationship', relationTo: 'users' },
      { name: 'prerequisites', type: 'relationship', relationTo: ['courses', 'users'] },
    ],
    users: [
      { name: 'fullName', type: 'text' },
      { name: 'role', type: 'select', options: ['student', 'educator'] },
    ],
  }
  const payload = {
    collections: Object.fromEntries(
      Object.entries(fields).map(([slug, flattenedFields]) => [
        slug,
        { config: { flattenedFields } },
      ]),
    ),
  }
  const check = (args: { where?: object; page?: unknown }) =>
    validateListQuery({
      args,
      collection: { slug: 'courses' },
      req: { payload },
      operation: 'read',
    } as unknown as Parameters<CollectionBeforeOperationHook>[0])
  const uuid = '0b6f6c1e-8d5a-4c8e-9a39-4d1a5b8f2c11'

  it('lets good queries through unchanged', () => {
    const args = {
      where: {
        and: [
          { id: { in: [uuid] } },
          { courseType: { equals: 'microlearning' } },
          { 'educator.role': { equals: 'educator' } },
          { educator: { equals: uuid } },
          { title: { like: 'brand' } },
          { description: { exists: true } },
          { educator: { equals: null } },
        ],
      },
      page: '2',
    }
    expect(check(args)).toBe(args)
  })

  it.each([
    [{ page: 0 }, 'page: must be a whole number from 1'],
    [{ page: 'x' }, 'page: must be a whole number from 1'],
    [{ where: { id: { equals: 'abc' } } }, 'id: "abc" is not a valid id'],
    [{ where: { id: { in: `${uuid},nope` } } }, 'id: "nope" is not a valid id'],
    [{ where: { educator: { equals: 'abc' } } }, 'educator: "abc" is not a valid id'],
    [{ where: { 'educator.id': { not_in: ['abc'] } } }, 'educator.id: "abc" is not a valid id'],
    [
      { where: { or: [{ courseType: { equals: 'webinar' } }] } },
      'courseType: "webinar" is not one of microlearning, deep_learning',
    ],
    [
      { where: { 'educator.role': { in: ['admin'] } } },
      'educator.role: "admin" is not one of student, educator',
    ],
    [
      { where: { description: { like: 'money' } } },
      'description: rich text cannot be filtered with "like"',
    ],
  ])('answers 400 for %j', (args, message) => {
    expect(() => check(args)).toThrow(expect.objectContaining({ status: 400, message }))
  })

  it('does not check ids of a relationship to several collections or exists filters', () => {
    expect(() => check({ where: { prerequisites: { equals: 'abc' } } })).not.toThrow()
    expect(() => check({ where: { id: { exists: 'nope' } } })).not.toThrow()
  })
})

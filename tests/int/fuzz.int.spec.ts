import fc from 'fast-check'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import type { OpenAPIDocument, OperationObject } from '../../src/openapi/document'
import type { JSONSchema } from '../../src/openapi/schema'

/**
 * Property-based fuzzing of every operation in the OpenAPI document (a new endpoint is fuzzed as
 * soon as it is documented): for anonymous, student and educator callers, generated bad inputs —
 * foreign, unknown and malformed ids; query values of the wrong type, arrays and objects
 * (`?x[$ne]=1`), huge and unicode strings; bodies of the wrong type, with missing, out-of-range,
 * huge or unicode fields, or not JSON at all. Never a 5xx, and a rejected (4xx) request leaves the
 * row count of every table as it was. Runs on its own database (tests/setup/global.ts) so other
 * suites cannot move the counts. Writes test-results/fuzz-summary.json.
 */

// Before the app's modules load (they are imported below, after this), so they use the fuzz database.
process.env.DATABASE_URL = inject('fuzzDatabaseUrl')

const { api } = await import('../helpers/http')
const { getTestPayload } = await import('../helpers/payload')
const { createUser } = await import('../helpers/users')
const { buildCourse } = await import('../helpers/courses')
const { createCommunity, createPost } = await import('../helpers/communities')
const { useFakeStripe } = await import('../helpers/stripe')
const { useFakeMux } = await import('../helpers/mux')
const { until } = await import('../helpers/wait')
const { drainJobs } = await import('../../src/jobs/relay')
const { buildOpenAPIDocument } = await import('../../src/openapi/document')
const { default: config } = await import('@payload-config')

type Payload = Awaited<ReturnType<typeof getTestPayload>>
type Caller = 'anonymous' | 'student' | 'educator'
type Verb = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
type FuzzRequest = {
  pathParams: string[]
  query: string
  body?: { kind: 'json'; value: unknown } | { kind: 'text'; text: string; type: string }
}

const CALLERS: Caller[] = ['anonymous', 'student', 'educator']
/** Runs per operation and caller (FUZZ_RUNS=10 or more for a longer hunt). */
const RUNS = Number(process.env.FUZZ_RUNS || 8)
/** Behind a login, an anonymous caller is turned away before the input is read: fewer runs. */
const ANONYMOUS_RUNS_BEHIND_LOGIN = 3
const HUGE = 'x'.repeat(20_000)
const OVER_JSON_LIMIT = 'y'.repeat(1_100_000)

let payload: Payload
// Built from the config alone (no database), so that each operation becomes a test of its own.
const document: OpenAPIDocument = buildOpenAPIDocument(await config)
let counter: pg.Client
let countRows: () => Promise<number[]>
let tables: string[]
const tokens: Partial<Record<Caller, string>> = {}
const own: Partial<Record<Caller, string>> = {}
let foreignIds: string[] = []
const stops: (() => unknown)[] = []

const summary = {
  seed: 0,
  operations: 0,
  callers: CALLERS,
  requests: 0,
  statuses: {} as Record<string, number>,
  byOperation: {} as Record<string, Record<string, number>>,
  undocumented: [] as string[],
  durationMs: 0,
  countingMs: 0,
}

// --- generators ---------------------------------------------------------------------------------

const unicode = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
const nastyStrings = fc.constantFrom(
  '',
  ' ',
  '0',
  '-1',
  'null',
  'undefined',
  'NaN',
  'true',
  "' or 1=1 --",
  '"; drop table users; --',
  '%00',
  '\u0000',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '𝕳𝖊𝖑𝖑𝖔 🧪 ﷽ ‮',
  '1e309',
  '9007199254740993',
  '2026-13-45T99:99:99Z',
  '{"$ne":null}',
)
const badString = fc.oneof(nastyStrings, unicode, fc.constant(HUGE), fc.string({ maxLength: 60 }))

/** Ids for path parameters: unknown, malformed, and real ones of other users and of the caller. */
const idFor = (caller: Caller, method: string) =>
  fc.oneof(
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.constant('00000000-0000-0000-0000-000000000000') },
    { weight: 2, arbitrary: badString.filter((s) => s.length > 0) },
    { weight: 3, arbitrary: fc.constantFrom(...foreignIds) },
    // The caller's own id reaches the input checks behind ownership; deleting oneself would end
    // the run's session, so not for DELETE.
    ...(own[caller] && method !== 'delete'
      ? [{ weight: 2, arbitrary: fc.constant(own[caller]!) }]
      : []),
  )

const typeOf = (schema: JSONSchema): string[] => {
  if (Array.isArray(schema.type)) return schema.type as string[]
  if (typeof schema.type === 'string') return [schema.type]
  if (Array.isArray(schema.enum)) return ['string']
  return []
}

/** Values of the wrong type or just past a bound of `schema`, with some valid-looking ones. */
function badValue(schema: JSONSchema = {}, depth = 0): fc.Arbitrary<unknown> {
  const options: fc.Arbitrary<unknown>[] = [
    fc.constantFrom(null, true, 0, -1, 1.5, 2 ** 53, -(2 ** 31), '', [], {}),
    badString,
    fc.constant({ $ne: 1 }),
    fc.array(fc.oneof(fc.integer(), badString), { maxLength: 5 }),
  ]
  const types = typeOf(schema)
  const num = (key: string) => (typeof schema[key] === 'number' ? (schema[key] as number) : null)
  if (types.includes('integer') || types.includes('number')) {
    const bounds = [
      num('minimum'),
      num('maximum'),
      num('exclusiveMinimum'),
      num('exclusiveMaximum'),
    ]
    for (const b of bounds) if (b !== null) options.push(fc.constantFrom(b - 1, b, b + 1, b + 0.5))
    options.push(fc.integer(), fc.double({ noNaN: true }))
  }
  if (types.includes('string')) {
    const max = num('maxLength')
    if (max !== null) options.push(fc.constant('z'.repeat(max + 1)))
    if (Array.isArray(schema.enum)) options.push(fc.constantFrom(...(schema.enum as unknown[])))
  }
  if (types.includes('array') && schema.items && depth < 2) {
    options.push(fc.array(badValue(schema.items as JSONSchema, depth + 1), { maxLength: 4 }))
    const max = num('maxItems')
    if (max !== null) options.push(fc.constant(Array.from({ length: max + 1 }, () => 'a')))
  }
  if (types.includes('object') && depth < 2) options.push(badObject(schema, depth + 1))
  return fc.oneof(...options)
}

const propertiesOf = (schema: JSONSchema): Record<string, JSONSchema> => {
  const variants = [schema, ...((schema.anyOf ?? schema.oneOf ?? []) as JSONSchema[])]
  return Object.assign({}, ...variants.map((v) => (v.properties ?? {}) as object))
}

/** An object with each known field left out or given a bad value, and sometimes unknown keys. */
function badObject(schema: JSONSchema, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.fromEntries(
    Object.entries(propertiesOf(schema)).map(([name, s]) => [name, badValue(s, depth)]),
  )
  return fc
    .tuple(
      fc.record(fields, { requiredKeys: [] }),
      fc.option(
        fc.dictionary(
          fc.constantFrom('__proto__', 'constructor', 'id', 'role', 'user', 'student', 'x'),
          badValue({}, 2),
          { maxKeys: 2 },
        ),
      ),
    )
    .map(([known, extra]) => ({ ...(extra ?? {}), ...known }))
}

const malformedJSON = fc.constantFrom(
  '{',
  '{"a":',
  '[1,',
  'nul',
  '{"a":1}}',
  "{'single':'quotes'}",
  '\u0000',
  '{"__proto__":{"admin":true}}',
  '',
)

function bodyFor(op: OperationObject): fc.Arbitrary<FuzzRequest['body']> {
  const content = op.requestBody?.content ?? {}
  const json = content['application/json']?.schema
  if (json) {
    return fc.oneof(
      { weight: 6, arbitrary: badObject(json).map((value) => ({ kind: 'json' as const, value })) },
      {
        weight: 2,
        arbitrary: badValue({}, 2).map((value) => ({ kind: 'json' as const, value })),
      },
      {
        weight: 2,
        arbitrary: malformedJSON.map((text) => ({
          kind: 'text' as const,
          text,
          type: 'application/json',
        })),
      },
      {
        weight: 1,
        arbitrary: fc.constant({ kind: 'json' as const, value: { huge: OVER_JSON_LIMIT } }),
      },
    )
  }
  const [mediaType] = Object.keys(content)
  if (mediaType) {
    // Multipart uploads and signed webhooks: text that is not what the media type promises.
    return fc
      .oneof(badString, malformedJSON)
      .map((text) => ({ kind: 'text', text, type: mediaType }))
  }
  // No body documented: send junk anyway now and then.
  return fc.option(
    badValue({}, 2).map((value) => ({ kind: 'json' as const, value })),
    {
      freq: 3,
    },
  ) as fc.Arbitrary<FuzzRequest['body']>
}

/** A query string: documented parameters with bad values, arrays, objects and unknown names. */
function queryFor(op: OperationObject): fc.Arbitrary<string> {
  const names = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name)
  const name = fc.constantFrom(...names, 'where', 'depth', 'select', 'unknown')
  const value = fc.oneof(
    badString,
    fc.constantFrom('-1', '0', '1.5', '99999999999999999999', 'abc', 'true'),
  )
  const pair = fc.oneof(
    fc.tuple(name, value).map(([n, v]) => [`${n}=${encodeURIComponent(v)}`]),
    // Repeated names arrive as arrays, bracketed ones as objects (Payload parses with qs).
    fc
      .tuple(name, value, value)
      .map(([n, a, b]) => [`${n}=${encodeURIComponent(a)}`, `${n}=${encodeURIComponent(b)}`]),
    fc.tuple(name, value).map(([n, v]) => [`${n}[]=${encodeURIComponent(v)}`]),
    fc
      .tuple(name, fc.constantFrom('$ne', 'equals', '0', 'a][b'), value)
      .map(([n, k, v]) => [`${n}[${encodeURIComponent(k)}]=${encodeURIComponent(v)}`]),
  )
  return fc
    .array(pair, { maxLength: 4 })
    .map((pairs) => (pairs.length ? `?${pairs.flat().join('&')}` : ''))
}

function requestFor(op: OperationObject, method: string, template: string, caller: Caller) {
  const params = [...template.matchAll(/\{(\w+)\}/g)]
  return fc.record({
    pathParams: fc.tuple(...params.map(() => idFor(caller, method))),
    query: queryFor(op),
    body: method === 'get' ? fc.constant(undefined) : bodyFor(op),
  }) as fc.Arbitrary<FuzzRequest>
}

// --- running ------------------------------------------------------------------------------------

/** Long runs of one character (the huge generated strings) as `x…×20000`. */
const shorten = (text: string) =>
  text.replace(/(.)\1{40,}/g, (run, c: string) => `${c}…×${run.length}`).slice(0, 3000)

const changedTables = (before: number[], after: number[]) =>
  tables.filter((_, i) => before[i] !== after[i])

async function send(method: string, template: string, caller: Caller, input: FuzzRequest) {
  let i = 0
  const url =
    '/api' +
    template.replace(/\{\w+\}/g, () => encodeURIComponent(input.pathParams[i++])) +
    input.query
  const headers: Record<string, string> = {}
  let body: unknown
  if (input.body?.kind === 'json') body = input.body.value
  else if (input.body?.kind === 'text') {
    body = input.body.text
    headers['Content-Type'] = input.body.type
  }
  return {
    url,
    res: await api(method.toUpperCase() as Verb, url, { token: tokens[caller], body, headers }),
  }
}

function record(key: string, status: number) {
  summary.requests++
  const s = String(status)
  summary.statuses[s] = (summary.statuses[s] ?? 0) + 1
  const byOp = (summary.byOperation[key] ??= {})
  byOp[s] = (byOp[s] ?? 0) + 1
}

beforeAll(async () => {
  payload = await getTestPayload()
  const [stripe, mux] = await Promise.all([useFakeStripe(), useFakeMux()])
  stripe.set()
  mux.set()
  stops.push(
    () => stripe.clear(),
    () => mux.clear(),
    () => stripe.fake.close(),
    () => mux.fake.close(),
  )
  const [student, educator, otherStudent, otherEducator, institution] = await Promise.all([
    createUser(payload, 'student'),
    createUser(payload, 'educator'),
    createUser(payload, 'student'),
    createUser(payload, 'educator'),
    createUser(payload, 'institution'),
  ])
  tokens.student = student.token
  tokens.educator = educator.token
  own.student = student.user.id
  own.educator = educator.user.id
  // Someone else's things: a published course with a lesson, a community with a post.
  const { course, lessons } = await buildCourse(otherEducator.token, { lessons: [{}] })
  const community = await createCommunity(otherEducator.token)
  const post = await createPost(otherEducator.token, community.id)
  foreignIds = [
    otherStudent.user.id,
    otherEducator.user.id,
    institution.user.id,
    course.id,
    lessons[0].id,
    community.id,
    post.id,
  ]
  await drainJobs(payload)
  counter = new pg.Client({ connectionString: process.env.DATABASE_URL })
  await counter.connect()
  const { rows } = await counter.query<{ name: string }>(
    `select table_name as name from information_schema.tables
     where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  )
  tables = rows.map((r) => r.name)
  baselineCheckedOut = checkedOut()
  const text = `select array[${tables.map((t) => `(select count(*) from "${t}")`).join(',')}]::bigint[] as counts`
  countRows = async () => {
    const t = Date.now()
    // Prepared once (named), so the per-request count is not re-planned every time.
    const { rows } = await counter.query<{ counts: string[] }>({ name: 'row-counts', text })
    const counts = rows[0].counts.map(Number)
    summary.countingMs += Date.now() - t
    return counts
  }
})

afterAll(async () => {
  await counter?.end()
  for (const stop of stops) await stop()
})

const operations = Object.entries(document.paths)
  .flatMap(([template, item]) =>
    Object.entries(item).map(([method, op]) => ({ template, method, op: op as OperationObject })),
  )
  .filter(({ template, method }) =>
    new RegExp(process.env.FUZZ_ONLY ?? '').test(`${method.toUpperCase()} ${template}`),
  )
  // Logging out ends the callers' sessions: last.
  .sort((a, b) => Number(a.template === '/auth/logout') - Number(b.template === '/auth/logout'))
summary.operations = operations.length
summary.seed = Number(process.env.FUZZ_SEED) || Date.now() % 2 ** 31
const started = Date.now()
type Pool = { totalCount: number; idleCount: number }
const checkedOut = () => {
  const { pool } = payload.db as unknown as { pool: Pool }
  return pool.totalCount - pool.idleCount
}
let baselineCheckedOut = 0
/** One seed per operation and caller, so each draws different inputs; reproducible by FUZZ_SEED. */
const seedFor = (name: string) =>
  [...name].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, summary.seed)

afterAll(() => {
  summary.durationMs = Date.now() - started
  summary.undocumented = [...new Set(summary.undocumented)].sort()
  const dir = path.resolve('test-results')
  mkdirSync(dir, { recursive: true })
  writeFileSync(path.join(dir, 'fuzz-summary.json'), JSON.stringify(summary, null, 2) + '\n')
})

describe('fuzzing every documented operation', () => {
  it('covers the document', () => {
    expect(operations.length).toBeGreaterThan(process.env.FUZZ_ONLY ? 0 : 50)
  })

  for (const { template, method, op } of operations) {
    const key = `${method.toUpperCase()} ${template}`
    const needsLogin = op.security.length > 0 && op.security.every((r) => Object.keys(r).length)
    it(`${key}: never 5xx, and a rejected request changes no row count`, async () => {
      const failures: string[] = []
      for (const caller of CALLERS) {
        const numRuns = caller === 'anonymous' && needsLogin ? ANONYMOUS_RUNS_BEHIND_LOGIN : RUNS
        let before = await countRows()
        await fc
          .assert(
            fc.asyncProperty(requestFor(op, method, template, caller), async (input) => {
              const { url, res } = await send(method, template, caller, input)
              record(key, res.status)
              if (!op.responses[res.status]) summary.undocumented.push(`${key} ${res.status}`)
              const what = `${caller} ${method.toUpperCase()} ${url.slice(0, 300)} → ${res.status}`
              if (res.status >= 500) {
                throw new Error(`${what}: ${JSON.stringify(res.body).slice(0, 500)}`)
              }
              if (res.status < 400) {
                // Accepted: its effects (and the jobs it queued) are the new baseline.
                await drainJobs(payload)
                before = await countRows()
                return
              }
              const after = await countRows()
              const changed = changedTables(before, after)
              before = after
              if (changed.length) throw new Error(`${what} changed rows of ${changed.join(', ')}`)
            }),
            { numRuns, seed: seedFor(`${key} ${caller}`), endOnFailure: true },
          )
          .catch((err: Error) =>
            failures.push(`as ${caller} (FUZZ_SEED=${summary.seed}): ${shorten(err.message)}`),
          )
      }
      expect(failures).toEqual([])
      // Every request gave its database connection back, whatever it was sent.
      // (The relay may still be handling a job that an accepted request queued.)
      await until(() => checkedOut() <= baselineCheckedOut, {
        timeoutMs: 5000,
        what: 'connections',
      })
    })
  }
})

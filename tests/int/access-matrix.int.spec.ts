import configPromise from '@payload-config'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { formatNames, toWords, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ACTORS, OPERATIONS, rules, type Actor, type Operation, type Rule } from '../access/matrix'
import { buildWorld, type World } from '../access/world'
import { api, graphql, type ApiResponse } from '../helpers/http'
import { getTestPayload } from '../helpers/payload'

/**
 * The access matrix (issue 15): every collection of the built config × every actor × create, read,
 * update, delete, over REST (the route handlers Next serves) and GraphQL, plus who sees each secret
 * field — compared with the declared rules in tests/access/matrix.ts. Prints a table, writes
 * test-results/access-matrix.json, and fails per collection on any cell that differs.
 */

type Transport = 'rest' | 'graphql'
type Outcome = 'allow' | 'deny' | 'invalid' | `error: ${string}`
type Cell = {
  collection: string
  actor: Actor
  operation: Operation
  transport: Transport
  expected: 'allow' | 'deny'
  outcome: Outcome
  /** Why, when it was not a plain allow or deny. */
  detail?: string
  ok: boolean
}
type Check = {
  collection: string
  field: string
  doc: string
  actor: Actor
  transport: Transport
  expected: 'visible' | 'hidden'
  observed: 'visible' | 'hidden' | `error: ${string}`
  ok: boolean
}

const config = await configPromise
const slugs = config.collections.map((c) => c.slug)
const TRANSPORTS: Transport[] = ['rest', 'graphql']

let payload: Payload
let world: World
const cells: Cell[] = []
const checks: Check[] = []
/** Mutation name → its `data` argument's input type. */
const inputTypes = new Map<string, string>()

beforeAll(async () => {
  payload = await getTestPayload()
  // Every denied GraphQL call is logged as an error by Payload: thousands of lines otherwise.
  payload.logger.level = 'fatal'
  world = await buildWorld(payload)
  const schema = await graphql(`
    {
      __type(name: "Mutation") {
        fields {
          name
          args {
            name
            type {
              name
              ofType {
                name
              }
            }
          }
        }
      }
    }
  `)
  for (const field of schema.body.data.__type.fields as {
    name: string
    args: { name: string; type: { name: string | null; ofType: { name: string } | null } }[]
  }[]) {
    const data = field.args.find((a) => a.name === 'data')
    if (data) inputTypes.set(field.name, data.type.name ?? data.type.ofType!.name)
  }
})

afterAll(async () => {
  await world?.cleanup()
  await report()
})

const graphQLNames = (slug: string) => {
  const collection = config.collections.find((c) => c.slug === slug)!
  const custom: { singularName?: string } =
    typeof collection.graphQL === 'object' ? collection.graphQL : {}
  const fromSlug = formatNames(slug)
  return {
    singular: custom.singularName ? toWords(custom.singularName, true) : fromSlug.singular,
  }
}

function restOutcome(res: ApiResponse, rule: Rule, readId?: string): Outcome {
  // A read is allowed when it answers the document itself (not, say, an empty 200).
  if (readId !== undefined && res.status === 200) return res.body?.id === readId ? 'allow' : 'deny'
  if (res.status >= 200 && res.status < 300) return 'allow'
  if ([401, 403, 404].includes(res.status)) return 'deny'
  // No such route (Payload answers 501 for a collection without REST endpoints).
  if (rule.noApi && res.status === 501) return 'deny'
  if (res.status === 400 || res.status === 409) return 'invalid'
  return `error: ${res.status}`
}

function graphqlOutcome(res: ApiResponse, field: string, rule: Rule): Outcome {
  const error = res.body?.errors?.[0] as
    { message: string; extensions?: { statusCode?: number; name?: string } } | undefined
  if (error) {
    const status = error.extensions?.statusCode
    if (status === 401 || status === 403 || status === 404) return 'deny'
    if (/not allowed|not found|unauthorized/i.test(error.message)) return 'deny'
    if (rule.noApi && /Cannot query field|Unknown type/.test(error.message)) return 'deny'
    if (status === 400 || /MissingFile|invalid/i.test(`${error.extensions?.name} ${error.message}`))
      return 'invalid'
    return `error: ${error.message.slice(0, 160)}`
  }
  if (res.status !== 200) return `error: ${res.status}`
  return res.body?.data?.[field] ? 'allow' : 'deny'
}

type Attempt = { outcome: Outcome; id?: string; detail?: string }

async function perform(
  slug: string,
  rule: Rule,
  operation: Operation,
  transport: Transport,
  actor: Actor,
  target: { id?: string; key?: unknown; body?: unknown },
): Promise<Attempt> {
  const token = world.token(actor)
  const { singular } = graphQLNames(slug)
  if (transport === 'rest') {
    const ref = rule.restByKey?.includes(operation) ? String(target.key) : target.id
    const res =
      operation === 'create'
        ? await api('POST', `/api/${slug}?depth=0`, { token, body: target.body })
        : operation === 'read'
          ? await api('GET', `/api/${slug}/${ref}?depth=0`, { token })
          : operation === 'update'
            ? await api('PATCH', `/api/${slug}/${ref}?depth=0`, { token, body: {} })
            : await api('DELETE', `/api/${slug}/${ref}`, { token })
    const outcome = restOutcome(res, rule, operation === 'read' ? target.id : undefined)
    return {
      outcome,
      id: res.body?.doc?.id,
      detail:
        outcome === 'allow' || outcome === 'deny'
          ? undefined
          : JSON.stringify(res.body).slice(0, 300),
    }
  }
  const name = {
    create: `create${singular}`,
    read: singular,
    update: `update${singular}`,
    delete: `delete${singular}`,
  }[operation]
  const input = inputTypes.get(name)
  // A collection with GraphQL disabled has no such operation.
  if (rule.noApi && (operation === 'create' || operation === 'update') && !input) {
    return { outcome: 'deny', detail: `no ${name} mutation` }
  }
  const query =
    operation === 'create'
      ? `mutation($data: ${input}!) { ${name}(data: $data) { id } }`
      : operation === 'read'
        ? `query($id: String!) { ${name}(id: $id) { id } }`
        : operation === 'update'
          ? `mutation($id: String!, $data: ${input}!) { ${name}(id: $id, data: $data) { id } }`
          : `mutation($id: String!) { ${name}(id: $id) { id } }`
  const variables =
    operation === 'create'
      ? { data: target.body instanceof FormData ? {} : target.body }
      : operation === 'update'
        ? { id: target.id, data: {} }
        : { id: target.id }
  const res = await graphql(query, variables, { token })
  const outcome = graphqlOutcome(res, name, rule)
  return {
    outcome,
    id: res.body?.data?.[name]?.id,
    detail: res.body?.errors?.[0]?.message,
  }
}

const expectedOf = (rule: Rule, operation: Operation, actor: Actor) =>
  rule.noApi || !rule[operation].includes(actor) ? 'deny' : 'allow'

function record(
  slug: string,
  rule: Rule,
  operation: Operation,
  transport: Transport,
  actor: Actor,
  { outcome, detail }: Attempt,
) {
  const expected = expectedOf(rule, operation, actor)
  const ok =
    outcome === expected ||
    (expected === 'allow' &&
      outcome === 'invalid' &&
      operation === 'create' &&
      Boolean(rule.createStopsAtValidation?.includes(transport)))
  cells.push({ collection: slug, actor, operation, transport, expected, outcome, detail, ok })
}

async function runOperation(slug: string, rule: Rule, operation: Operation, transport: Transport) {
  const doc = world.docs[slug]!
  if (operation === 'read' || operation === 'update') {
    await Promise.all(
      ACTORS.map(async (actor) => {
        const attempt = await perform(slug, rule, operation, transport, actor, doc)
        record(slug, rule, operation, transport, actor, attempt)
      }),
    )
  } else if (operation === 'create') {
    await Promise.all(
      ACTORS.map(async (actor, n) => {
        const body = await world.createBody(slug, actor, n)
        const attempt = await perform(slug, rule, 'create', transport, actor, { body })
        if (attempt.id) world.created.push({ collection: slug, id: attempt.id })
        record(slug, rule, 'create', transport, actor, attempt)
      }),
    )
  } else {
    // Each allowed actor deletes a document of its own; the denied ones share one, replaced if a
    // hole lets it go.
    const allowed = ACTORS.filter((a) => expectedOf(rule, 'delete', a) === 'allow')
    const denied = ACTORS.filter((a) => expectedOf(rule, 'delete', a) === 'deny')
    await Promise.all(
      allowed.map(async (actor) => {
        const target = await world.fresh(slug)
        record(
          slug,
          rule,
          'delete',
          transport,
          actor,
          await perform(slug, rule, 'delete', transport, actor, target),
        )
      }),
    )
    let target = await world.fresh(slug)
    for (const actor of denied) {
      const attempt = await perform(slug, rule, 'delete', transport, actor, target)
      record(slug, rule, 'delete', transport, actor, attempt)
      if (attempt.outcome === 'allow') target = await world.fresh(slug)
    }
  }
}

/** The values at `path` (looking into arrays): visible when any is present. */
function valuesAt(value: unknown, segments: string[]): unknown[] {
  if (Array.isArray(value)) return value.flatMap((v) => valuesAt(v, segments))
  if (!segments.length) return [value]
  if (!value || typeof value !== 'object') return []
  return valuesAt((value as Record<string, unknown>)[segments[0]!], segments.slice(1))
}
const present = (values: unknown[]) => values.some((v) => v !== undefined && v !== null)

/** `a.b.c` → `a { b { c } }`. */
function selection(segments: string[]): string {
  const [head, ...rest] = segments
  return rest.length ? `${head} { ${selection(rest)} }` : head!
}

/** The top-level fields of a GraphQL object type (hidden fields such as `hash` are not there). */
const typeFields = new Map<string, Promise<Set<string>>>()
const fieldsOfType = (name: string) => {
  if (!typeFields.has(name)) {
    typeFields.set(
      name,
      graphql(
        `
          query ($name: String!) {
            __type(name: $name) {
              fields {
                name
              }
            }
          }
        `,
        { name },
      ).then(
        (res) =>
          new Set(((res.body.data.__type?.fields ?? []) as { name: string }[]).map((f) => f.name)),
      ),
    )
  }
  return typeFields.get(name)!
}

/**
 * Who sees each secret field: per actor and document one REST read and one GraphQL query asking
 * for every secret of that document (a field GraphQL does not have is hidden by construction).
 */
async function runSecrets(slug: string, rule: Rule) {
  const { singular } = graphQLNames(slug)
  const inSchema = await fieldsOfType(singular)
  const byDoc = new Map<string, NonNullable<Rule['secrets']>>()
  for (const secret of rule.secrets ?? []) {
    const key = secret.doc ?? ''
    byDoc.set(key, [...(byDoc.get(key) ?? []), secret])
  }
  await Promise.all(
    [...byDoc].flatMap(([docKey, secrets]) => {
      const doc = docKey ? world.extra[docKey]! : world.docs[slug]!
      const asked = secrets.filter((s) => inSchema.has(s.field.split('.')[0]!))
      const query = `query($id: String!) { ${singular}(id: $id) { id ${asked
        .map((s) => selection(s.field.split('.')))
        .join(' ')} } }`
      return ACTORS.map(async (actor) => {
        const token = world.token(actor)
        const [rest, gql] = await Promise.all([
          api('GET', `/api/${slug}/${doc.id}?depth=0`, { token }),
          graphql(query, { id: doc.id }, { token }),
        ])
        const message: string = gql.body?.errors?.[0]?.message ?? ''
        const gqlData = gql.body?.data?.[singular]
        for (const secret of secrets) {
          const segments = secret.field.split('.')
          const observed: Record<Transport, Check['observed']> = {
            rest:
              rest.status === 200
                ? present(valuesAt(rest.body, segments))
                  ? 'visible'
                  : 'hidden'
                : [401, 403, 404].includes(rest.status)
                  ? 'hidden'
                  : `error: ${rest.status}`,
            graphql:
              gqlData && present(valuesAt(gqlData, segments))
                ? 'visible'
                : !message || /not allowed|not found/i.test(message)
                  ? 'hidden'
                  : `error: ${message.slice(0, 120)}`,
          }
          const expected = secret.who.includes(actor) ? 'visible' : 'hidden'
          for (const transport of TRANSPORTS) {
            checks.push({
              collection: slug,
              field: secret.field,
              doc: docKey || slug,
              actor,
              transport,
              expected,
              observed: observed[transport],
              ok: observed[transport] === expected,
            })
          }
        }
      })
    }),
  )
}

const SYMBOL: Record<Operation, string> = { create: 'C', read: 'R', update: 'U', delete: 'D' }

async function report() {
  const mismatches = [...cells.filter((c) => !c.ok), ...checks.filter((c) => !c.ok)]
  const width = Math.max(...slugs.map((s) => s.length))
  const lines = [
    `${'collection'.padEnd(width)}  ${ACTORS.map((a) => a.slice(0, 9).padEnd(9)).join(' ')}`,
  ]
  for (const slug of slugs) {
    const row = ACTORS.map((actor) =>
      OPERATIONS.map((operation) => {
        const mine = cells.filter(
          (c) => c.collection === slug && c.actor === actor && c.operation === operation,
        )
        if (!mine.length) return ' '
        if (mine.some((c) => !c.ok)) return '!'
        return mine[0]!.expected === 'allow' ? SYMBOL[operation] : '·'
      }).join(''),
    )
    lines.push(`${slug.padEnd(width)}  ${row.map((r) => r.padEnd(9)).join(' ')}`)
  }
  const secretLines = [...new Set(checks.map((c) => `${c.doc}|${c.collection}|${c.field}`))].map(
    (key) => {
      const [doc, collection, field] = key.split('|')
      const mine = checks.filter(
        (c) => c.doc === doc && c.collection === collection && c.field === field,
      )
      const seenBy = ACTORS.filter((a) =>
        mine.some((c) => c.actor === a && c.observed === 'visible'),
      )
      const bad = mine.some((c) => !c.ok) ? '  ! differs from the rule' : ''
      return `  ${collection}.${field}${doc !== collection ? ` (${doc})` : ''}: ${seenBy.join(', ') || 'nobody'}${bad}`
    },
  )
  console.log(
    [
      'Access matrix (C R U D allowed, · denied, ! differs from the declared rule; REST and GraphQL):',
      ...lines,
      'Secret fields, seen by:',
      ...secretLines,
      `${cells.length} cells, ${checks.length} secret checks, ${mismatches.length} mismatches`,
    ].join('\n'),
  )
  const out = path.resolve(process.cwd(), 'test-results/access-matrix.json')
  await mkdir(path.dirname(out), { recursive: true })
  await writeFile(
    out,
    JSON.stringify({ actors: ACTORS, operations: OPERATIONS, cells, checks, mismatches }, null, 2),
  )
}

// Collections run side by side (vitest's maxConcurrency, 5): each touches its own documents, and
// updates send no changes.
describe.concurrent('access matrix', () => {
  it('declares a rule for exactly the collections of the config', () => {
    expect(Object.keys(rules).sort()).toEqual([...slugs].sort())
  })

  for (const slug of slugs) {
    it(`${slug}: every cell and secret as declared`, async () => {
      const rule = rules[slug]
      expect(rule, `no access rule declared for "${slug}" in tests/access/matrix.ts`).toBeDefined()
      // REST, GraphQL and the secret reads side by side: updates send no changes and deletes
      // take documents of their own, so nothing one does changes what another sees.
      await Promise.all([
        ...TRANSPORTS.map(async (transport) => {
          for (const operation of OPERATIONS) await runOperation(slug, rule!, operation, transport)
        }),
        runSecrets(slug, rule!),
      ])
      const differing = [
        ...cells.filter((c) => c.collection === slug && !c.ok),
        ...checks.filter((c) => c.collection === slug && !c.ok),
      ]
      expect(differing).toEqual([])
      // Hundreds of requests each, five collections at once: on a busy 2-core machine the largest
      // (users, courses, lessons) take over a minute, so more than the suite's default.
    }, 180_000)
  }
})

import { postgresAdapter } from '@payloadcms/db-postgres'
import { readdirSync } from 'node:fs'
import { buildConfig, type Endpoint, type Payload, type SanitizedConfig } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { SIGNUP_ROLES } from '../../src/lib/constants'
import { buildOpenAPIDocument, type OpenAPIDocument } from '../../src/openapi/document'
import { api, errorMessage } from '../helpers/http'
import { OpenAPIValidator } from '../helpers/openapiValidation'
import { getTestPayload } from '../helpers/payload'

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const

/** Payload's `:id` and `:id(<regex>)` → OpenAPI's `{id}`. */
const template = (path: string) => path.replace(/:(\w+)(\([^)]*\))?/g, '{$1}')
const key = (method: string, path: string) => `${method.toUpperCase()} ${path}`

type BuiltIns = { endpoints: Set<Endpoint>; collections: Set<string> }

/**
 * Payload's own endpoints: those it adds to a bare config whose one collection has auth and
 * uploads and whose one global is plain (the very endpoint objects it adds to ours), and all
 * endpoints of the collections Payload brings itself (payload-preferences, ...).
 */
async function payloadBuiltIns(): Promise<BuiltIns> {
  const bare = await buildConfig({
    secret: 'openapi-probe',
    collections: [{ slug: 'probe', auth: true, upload: true, fields: [] }],
    globals: [{ slug: 'probe-global', fields: [] }],
    db: postgresAdapter({ pool: { connectionString: 'postgres://probe' } }),
  })
  return {
    endpoints: new Set([
      ...bare.endpoints,
      ...bare.collections.flatMap((c) => c.endpoints || []),
      ...bare.globals.flatMap((g) => g.endpoints || []),
    ]),
    collections: new Set(
      bare.collections.map((c): string => c.slug).filter((slug) => slug !== 'probe'),
    ),
  }
}

const isEndpoint = (value: unknown): value is Endpoint =>
  !!value &&
  typeof value === 'object' &&
  typeof (value as Endpoint).handler === 'function' &&
  typeof (value as Endpoint).path === 'string'

/** Every endpoint object that a module under src/endpoints exports, alone or in an array. */
async function endpointModules(): Promise<Endpoint[]> {
  const dir = new URL('../../src/endpoints/', import.meta.url)
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('.ts'),
  )
  const found = new Set<Endpoint>()
  for (const file of files) {
    const exports: Record<string, unknown> = await import(new URL(file, dir).href)
    for (const value of Object.values(exports)) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (isEndpoint(item)) found.add(item)
      }
    }
  }
  return [...found]
}

const hasOperation = (endpoint: Endpoint) => Boolean(endpoint.custom?.openapi)

/** Added by Payload's Next route handlers on the first request (the admin's Open Graph image). */
const NEXT_ADAPTER_ENDPOINTS = new Set(['GET /og'])

/** Every custom endpoint registered in the loaded config, as `METHOD /openapi/{path}`. */
function registeredEndpoints(config: SanitizedConfig, builtIns: BuiltIns) {
  const ours = (endpoints: Endpoint[] | false | undefined) =>
    (endpoints || []).filter((e) => !builtIns.endpoints.has(e))
  const root = ours(config.endpoints).filter(
    (e) => !NEXT_ADAPTER_ENDPOINTS.has(key(e.method, e.path)),
  )
  return [
    ...root.map((e) => ({ endpoint: e, key: key(e.method, template(e.path)) })),
    ...config.collections
      .filter((c) => !builtIns.collections.has(c.slug))
      .flatMap((c) =>
        ours(c.endpoints).map((e) => ({
          endpoint: e,
          key: key(e.method, `/${c.slug}${template(e.path)}`),
        })),
      ),
    ...config.globals.flatMap((g) =>
      ours(g.endpoints).map((e) => ({
        endpoint: e,
        key: key(e.method, `/globals/${g.slug}${template(e.path)}`),
      })),
    ),
  ]
}

const documentedOperations = (doc: OpenAPIDocument) =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({
      path,
      method,
      key: key(method, path),
      op: item[method]!,
    })),
  )

/** Every `$ref` in the document, with where it was found. */
function refs(value: unknown, at = '#', found: { ref: string; at: string }[] = []) {
  if (Array.isArray(value)) value.forEach((item, i) => refs(item, `${at}/${i}`, found))
  else if (value && typeof value === 'object') {
    for (const [name, child] of Object.entries(value)) {
      if (name === '$ref' && typeof child === 'string') found.push({ ref: child, at })
      else refs(child, `${at}/${name}`, found)
    }
  }
  return found
}

/** A local JSON pointer (`#/components/schemas/User`) in the document, or undefined. */
function resolve(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>(
      (node, part) =>
        node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined,
      doc,
    )
}

let payload: Payload
let doc: OpenAPIDocument

beforeAll(async () => {
  payload = await getTestPayload()
  doc = buildOpenAPIDocument(payload.config)
})

describe('GET /api/openapi.json', () => {
  it('serves the OpenAPI 3.1 document to anyone', async () => {
    const res = await api('GET', '/api/openapi.json')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('application/json')
    expect(res.body.openapi).toBe('3.1.0')
    expect(res.body.info).toMatchObject({ title: 'The Ready Lab API', version: '0.1.0' })
    expect(res.body.servers[0].url).toMatch(/\/api$/)
    expect(res.body).toEqual(JSON.parse(JSON.stringify(doc)))
  })

  it('declares the JWT header and the session cookie', () => {
    expect(doc.components.securitySchemes.JWT).toMatchObject({
      type: 'apiKey',
      in: 'header',
      name: 'Authorization',
      description: 'JWT <token>',
    })
    expect(doc.components.securitySchemes.cookie).toMatchObject({
      type: 'apiKey',
      in: 'cookie',
      name: 'payload-token',
    })
  })
})

describe('completeness', () => {
  let builtIns: BuiltIns
  let registered: ReturnType<typeof registeredEndpoints>

  beforeAll(async () => {
    builtIns = await payloadBuiltIns()
    registered = registeredEndpoints(payload.config, builtIns)
  })

  it("tells Payload's own endpoints from ours", () => {
    const keys = registered.map((r) => r.key)
    // Payload's: auth, uploads, CRUD, versions, preferences.
    for (const theirs of [
      'POST /users/login',
      'GET /users/me',
      'GET /courses',
      // GET /courses/{id} is ours: it wraps Payload's read with the catalog cache.
      'PATCH /courses/{id}',
      'DELETE /courses/{id}',
      'GET /access',
    ]) {
      expect(keys).not.toContain(theirs)
    }
    expect(keys.some((k) => k.includes('/payload-'))).toBe(false)
    for (const theirs of builtIns.endpoints) expect(hasOperation(theirs)).toBe(false)
  })

  it('registers exactly the endpoints that src/endpoints exports', async () => {
    const modules = await endpointModules()
    const found = new Set(registered.map((r) => r.endpoint))
    const unregistered = modules.filter((e) => !found.has(e))
    expect(
      unregistered.map((e) => key(e.method, e.path)),
      "add these to their collection's `endpoints` or to the config's root `endpoints`",
    ).toEqual([])
    const fromModules = new Set(modules)
    const elsewhere = registered.filter((r) => !fromModules.has(r.endpoint)).map((r) => r.key)
    expect(elsewhere, 'custom endpoints live in src/endpoints').toEqual([])
  })

  it('each method and path is registered once', () => {
    const keys = registered.map((r) => r.key)
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([])
  })

  it('documents every registered custom endpoint', () => {
    const withoutOperation = registered.filter((r) => !hasOperation(r.endpoint)).map((r) => r.key)
    expect(withoutOperation, 'describe these in `custom.openapi` on the endpoint').toEqual([])
    const documented = new Set(documentedOperations(doc).map((o) => o.key))
    const undocumented = registered.map((r) => r.key).filter((k) => !documented.has(k))
    expect(undocumented).toEqual([])
  })

  it('documents nothing that is not registered', () => {
    const keys = new Set(registered.map((r) => r.key))
    const unregistered = documentedOperations(doc)
      .map((o) => o.key)
      .filter((k) => !keys.has(k))
    expect(unregistered).toEqual([])
  })
})

describe('validity', () => {
  it('declares every path parameter of each path template, and only those', () => {
    for (const { path, key: at, op } of documentedOperations(doc)) {
      const inTemplate = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
      const declared = (op.parameters ?? []).filter((p) => p.in === 'path')
      expect(declared.map((p) => p.name).sort(), at).toEqual(inTemplate)
      for (const p of declared) expect(p.required, `${at} {${p.name}}`).toBe(true)
    }
  })

  it('gives every operation a 2xx answer, a summary, a known tag and a unique operationId', () => {
    const tags = new Set(doc.tags.map((t) => t.name))
    const schemes = new Set(Object.keys(doc.components.securitySchemes))
    const ids = new Set<string>()
    for (const { key: at, op } of documentedOperations(doc)) {
      expect(
        Object.keys(op.responses).some((status) => /^2\d\d$/.test(status)),
        at,
      ).toBe(true)
      expect(op.summary, at).toBeTruthy()
      expect(op.tags.length, at).toBeGreaterThan(0)
      for (const tag of op.tags) expect(tags.has(tag), `${at} tag ${tag}`).toBe(true)
      for (const requirement of op.security) {
        for (const scheme of Object.keys(requirement)) expect(schemes.has(scheme), at).toBe(true)
      }
      expect(ids.has(op.operationId), `${at} ${op.operationId}`).toBe(false)
      ids.add(op.operationId)
      for (const [status, response] of Object.entries(op.responses)) {
        expect(response.description, `${at} ${status}`).toBeTruthy()
        if (Number(status) >= 400) expect(response.content, `${at} ${status}`).toBeDefined()
      }
    }
  })

  it('resolves every $ref', () => {
    const found = refs(doc)
    expect(found.length).toBeGreaterThan(0)
    const broken = found.filter(({ ref }) => resolve(doc, ref) === undefined)
    expect(broken).toEqual([])
  })
})

describe('the document matches the handlers', () => {
  const body = (path: string, method: (typeof METHODS)[number]) =>
    doc.paths[path][method]!.requestBody!.content['application/json'].schema

  it('describes request bodies with the schemas the handlers validate with', async () => {
    const signup = body('/auth/signup', 'post')
    expect(signup.required).toEqual(['email', 'password', 'fullName'])
    expect((signup.properties as Record<string, { enum?: string[] }>).role.enum).toEqual([
      ...SIGNUP_ROLES,
    ])
    const res = await api('POST', '/api/auth/signup', { body: { password: 'x' } })
    expect(res.status).toBe(400)
    expect(errorMessage(res)).toMatch(/email/)

    const lesson = body('/courses/{id}/lessons', 'post')
    expect(lesson.required).toEqual(['title', 'lessonType'])
    expect(lesson.additionalProperties).toBe(false)
  })

  it('marks a body optional exactly when an empty one is accepted', () => {
    const required = (path: string, method: (typeof METHODS)[number]) =>
      doc.paths[path][method]!.requestBody!.required
    expect(required('/courses/{id}', 'put')).toBe(false)
    expect(required('/courses/{id}/lessons/{lessonId}/complete', 'post')).toBe(false)
    expect(required('/educators/{id}/profile', 'put')).toBe(true)
    expect(required('/live/schedule', 'post')).toBe(true)
  })

  it('answers anonymous callers only with statuses it lists, and never a 2xx behind a login', async () => {
    const id = '00000000-0000-4000-8000-000000000000'
    const unlisted: string[] = []
    const openedUp: string[] = []
    let unauthorized = 0
    for (const { path, method, key: at, op } of documentedOperations(doc)) {
      const url = `/api${path.replace(/\{\w+\}/g, id)}`
      const verb = method.toUpperCase() as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
      const { status } = await api(verb, url, { body: method === 'get' ? undefined : {} })
      if (!op.responses[status]) unlisted.push(`${at} → ${status}`)
      const needsLogin = op.security.length > 0 && op.security.every((r) => Object.keys(r).length)
      if (needsLogin && status < 300) openedUp.push(`${at} → ${status}`)
      if (status === 401) unauthorized++
    }
    expect(unlisted).toEqual([])
    expect(openedUp).toEqual([])
    expect(unauthorized).toBeGreaterThan(20)
  })
})

describe('answers are checked against the document (tests/helpers/openapiValidation.ts)', () => {
  const user = { id: '00000000-0000-4000-8000-000000000000', role: 'educator' }
  const login = (body: unknown) => () =>
    new OpenAPIValidator(doc).check('POST', '/api/auth/login', 200, 'application/json', body)

  it('passes an answer that matches, including a null in an optional select', () => {
    const matching = { user: { ...user, educatorProfile: { subscriptionPlan: null } } }
    expect(login({ ...matching, token: 't', exp: 1 })).not.toThrow()
  })

  it('throws on drift, naming the path, the status and what differs', () => {
    expect(
      login({ user: { ...user, studentProfile: { _uuid: user.id } }, token: 't', exp: 1 }),
    ).toThrow(/POST \/auth\/login → 200[\s\S]*_uuid/)
    expect(login({ user: { ...user, updatedAt: null }, token: 't', exp: 1 })).toThrow(/updatedAt/)
    expect(login({ user, token: 't' })).toThrow(/exp/)
  })

  it("leaves Payload's own routes and undocumented statuses alone", () => {
    const validator = new OpenAPIValidator(doc)
    expect(() =>
      validator.check('GET', '/api/posts/count', 200, 'application/json', { totalDocs: 1 }),
    ).not.toThrow()
    expect(() =>
      validator.check('POST', '/api/auth/login', 418, 'application/json', { anything: true }),
    ).not.toThrow()
  })
})

import { configToJSONSchema, type Endpoint, type SanitizedConfig } from 'payload'

import { MAX_JSON_BYTES } from '../lib/http'
import {
  TAGS,
  type Access,
  type ErrorStatus,
  type Method,
  type Operation,
  type Success,
} from './operation'
import { errorSchema, toJSONSchema, type JSONSchema } from './schema'

export type Parameter = {
  name: string
  in: 'path' | 'query' | 'header'
  required: boolean
  description?: string
  schema: JSONSchema
}

type MediaTypes = Record<string, { schema: JSONSchema }>

export type OperationObject = {
  operationId: string
  summary: string
  description?: string
  tags: string[]
  security: Record<string, string[]>[]
  parameters?: Parameter[]
  requestBody?: { required: boolean; description?: string; content: MediaTypes }
  responses: Record<
    string,
    {
      description: string
      headers?: Record<string, { description: string; schema: JSONSchema }>
      content?: MediaTypes
    }
  >
}

export type PathItem = Partial<Record<Method, OperationObject>>

export type OpenAPIDocument = {
  openapi: '3.1.0'
  info: { title: string; version: string; description: string }
  servers: { url: string }[]
  tags: { name: string; description: string }[]
  paths: Record<string, PathItem>
  components: {
    securitySchemes: Record<string, JSONSchema>
    schemas: Record<string, JSONSchema>
  }
}

const DESCRIPTION = `The custom endpoints of The Ready Lab. Payload's own REST routes
(\`/api/<collection>\`, e.g. \`GET /api/courses?where=...\`) and GraphQL (\`POST /api/graphql\`) work
too, under the same access rules, and are not described here.

Log in with \`POST /api/auth/login\`, then send \`Authorization: JWT <token>\` or the HTTP-only
session cookie. Errors use Payload's shape \`{ "errors": [{ "message": "..." }] }\`: 400 bad input
(the message names the field), 401 not logged in, 403 not allowed, 404 unknown id, 409 conflict,
413 too large, 429 rate limited; 402 a paid course, 503 a service (Mux) not configured.`

const SECURITY: Record<Access, Record<string, string[]>[]> = {
  public: [],
  signature: [],
  // `{}` first: the operation also works without credentials.
  optional: [{}, { JWT: [] }, { cookie: [] }],
  user: [{ JWT: [] }, { cookie: [] }],
}

/** What `{id}` means after each path segment. */
const PATH_PARAMETER: Record<string, string> = {
  users: 'User id',
  students: "The student's user id",
  educators: "The educator's user id",
  institutions: "The institution's user id",
  courses: 'Course id',
  lessons: 'Lesson id, a lesson of that course',
  enrollments: "The enrolled student's user id",
  certifications: 'Certificate id',
  cohorts: 'Cohort id, a cohort of that institution',
  live: 'Live session id',
  polls: 'Poll id, a poll of that session',
  communities: 'Community id',
  posts: 'Post id',
  comments: 'Comment id',
  reviews: 'Review id, a review of that course',
  payments: 'Purchase id',
  recommendations: "The student's user id",
  'course-suggestions': "The educator's user id",
  'student-insights': 'Course id',
  'quiz-attempts': 'Quiz attempt id',
}

function pathParameters(path: string): Parameter[] {
  const segments = path.split('/')
  return segments.flatMap((segment, i): Parameter[] => {
    const name = /^\{(\w+)\}$/.exec(segment)?.[1]
    if (!name) return []
    if (name === 'code') {
      return [
        {
          name,
          in: 'path',
          required: true,
          description: 'Verification code, `XXXX-XXXX-XXXX` (case and dashes do not matter)',
          schema: { type: 'string' },
        },
      ]
    }
    if (name === 'token') {
      return [
        {
          name,
          in: 'path',
          required: true,
          description: 'The token from the invitation link',
          schema: { type: 'string' },
        },
      ]
    }
    if (name === 'key') {
      return [
        {
          name,
          in: 'path',
          required: true,
          description: 'Key name, as in the issuer profile',
          schema: { type: 'string' },
        },
      ]
    }
    const description = PATH_PARAMETER[segments[i - 1]]
    if (!description) throw new Error(`openapi: describe {${name}} after /${segments[i - 1]}/`)
    return [
      { name, in: 'path', required: true, description, schema: { type: 'string', format: 'uuid' } },
    ]
  })
}

function queryParameters(op: Operation): Parameter[] {
  if (!op.query) return []
  const json = toJSONSchema(op.query, 'input')
  const required = (json.required as string[] | undefined) ?? []
  return Object.entries(json.properties as Record<string, JSONSchema>).map(([name, schema]) => {
    const { description, ...rest } = schema
    return {
      name,
      in: 'query',
      required: required.includes(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    }
  })
}

function requestBody(op: Operation): OperationObject['requestBody'] {
  if (op.rawBody) {
    const { mediaType, schema, description } = op.rawBody
    return {
      required: true,
      ...(description ? { description } : {}),
      content: { [mediaType]: { schema } },
    }
  }
  if (!op.body) return undefined
  return {
    // An empty body reads as `{}`: the body is optional exactly when `{}` passes the schema.
    required: !op.body.safeParse({}).success,
    content: { 'application/json': { schema: toJSONSchema(op.body, 'input') } },
  }
}

/** The errors every operation of its kind can answer with; `op.errors` adds and rewords. */
function errorResponses(
  path: string,
  op: Operation,
): Partial<Record<ErrorStatus, string | Success>> {
  const errors: Partial<Record<ErrorStatus, string | Success>> = {}
  if (op.body || op.query || op.rawBody) errors[400] = 'Invalid input; the message names the field'
  if (op.access === 'user') errors[401] = 'Not logged in'
  if (path.includes('{')) errors[404] = 'Unknown id (or one the caller may not see)'
  if (op.body) errors[413] = `JSON body over ${MAX_JSON_BYTES} bytes`
  return { ...errors, ...op.errors }
}

const ERROR_BODY = { $ref: '#/components/schemas/Error' }

function response(answer: Success): OperationObject['responses'][string] {
  const { description, schema, mediaType = 'application/json', headers } = answer
  return {
    description,
    ...(headers
      ? {
          headers: Object.fromEntries(
            Object.entries(headers).map(([name, text]) => [
              name,
              { description: text, schema: { type: 'string' } },
            ]),
          ),
        }
      : {}),
    ...(schema ? { content: { [mediaType]: { schema: toJSONSchema(schema, 'output') } } } : {}),
  }
}

function responses(path: string, op: Operation): OperationObject['responses'] {
  const out: OperationObject['responses'] = {}
  for (const [status, answer] of Object.entries(op.responses)) out[status] = response(answer)
  for (const [status, answer] of Object.entries(errorResponses(path, op))) {
    out[status] = response(
      typeof answer === 'string' ? { description: answer, schema: ERROR_BODY } : answer,
    )
  }
  return out
}

const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1)

/** `post /courses/{id}/enroll` → `postCoursesByIdEnroll`. */
const operationId = (method: Method, path: string) =>
  method +
  path
    .split(/[/.-]/)
    .filter(Boolean)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1]
      return name ? `By${capitalize(name)}` : capitalize(part)
    })
    .join('')

function operationObject(method: Method, path: string, op: Operation): OperationObject {
  const headers: Parameter[] = (op.headers ?? []).map((h) => ({
    name: h.name,
    in: 'header',
    required: h.required ?? false,
    description: h.description,
    schema: { type: 'string' },
  }))
  const parameters = [...pathParameters(path), ...queryParameters(op), ...headers]
  const body = requestBody(op)
  return {
    operationId: operationId(method, path),
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: [...op.tags],
    security: SECURITY[op.access],
    ...(parameters.length ? { parameters } : {}),
    ...(body ? { requestBody: body } : {}),
    responses: responses(path, op),
  }
}

const METHODS: readonly string[] = ['get', 'post', 'put', 'patch', 'delete'] satisfies Method[]
const isMethod = (method: string): method is Method => METHODS.includes(method)

/** Payload's `:id` and `:id(<regex>)` → OpenAPI's `{id}`. */
const pathTemplate = (path: string) => path.replace(/:(\w+)(\([^)]*\))?/g, '{$1}')

/**
 * The operations on the endpoints of the config (`custom.openapi`), with the method and the path
 * below /api where Payload serves each: collection and global endpoints under their slug.
 * Payload's own endpoints carry no operation; the completeness test makes sure ours all do.
 */
function documentedRoutes(config: SanitizedConfig) {
  const mounted = (prefix: string, endpoints: Endpoint[] | false | undefined) =>
    (endpoints || []).flatMap((endpoint) => {
      const op = (endpoint.custom as { openapi?: Operation } | undefined)?.openapi
      if (!op) return []
      const { method } = endpoint
      const path = prefix + pathTemplate(endpoint.path)
      if (!isMethod(method)) throw new Error(`openapi: cannot describe ${method} ${path}`)
      return [{ method, path, op }]
    })
  return [
    ...config.collections.flatMap((c) => mounted(`/${c.slug}`, c.endpoints)),
    ...config.globals.flatMap((g) => mounted(`/globals/${g.slug}`, g.endpoints)),
    ...mounted('', config.endpoints),
  ]
}

const DEFINITION = '#/definitions/'

/** Every `$ref` string below `value`. */
function refsIn(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => refsIn(item, found))
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') found.add(child)
      else refsIn(child, found)
    }
  }
  return found
}

function mapRefs<T>(value: T, rename: (ref: string) => string): T {
  if (Array.isArray(value)) return value.map((item) => mapRefs(item, rename)) as T
  if (!value || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [
      key,
      key === '$ref' && typeof child === 'string' ? rename(child) : mapRefs(child, rename),
    ]),
  ) as T
}

/**
 * Payload's schemas are written for its TypeScript generator: they carry hints (`tsType`), and an
 * optional select says `type: ['string', 'null']` with an `enum` that lacks null, which JSON
 * Schema reads as "never null". Here they become plain JSON Schema that the answers match.
 */
function asJSONSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asJSONSchema)
  if (!value || typeof value !== 'object') return value
  const schema: JSONSchema = Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'tsType')
      .map(([key, child]) => [key, asJSONSchema(child)]),
  )
  const { type, enum: values } = schema
  if (Array.isArray(type) && type.includes('null') && Array.isArray(values)) {
    if (!values.includes(null)) schema.enum = [...values, null]
  }
  return schema
}

/**
 * The documents the operations return, as Payload describes them (configToJSONSchema, the source
 * of payload-types.ts): the referenced collections and what they reference in turn. Fields that
 * Payload never returns (hidden, such as password hashes) are left out; only `id` is required,
 * since field access, `select` and populate depth decide what a given answer carries.
 */
function documentSchemas(config: SanitizedConfig, wanted: string[]) {
  const definitions = configToJSONSchema(config, 'text').definitions as Record<string, JSONSchema>
  const names = new Map<string, string>()
  const schemas: Record<string, JSONSchema> = {}
  const queue = [...wanted]
  while (queue.length) {
    const key = queue.shift()!
    if (names.has(key)) continue
    const definition = definitions[key]
    if (!definition) throw new Error(`openapi: Payload has no schema for "${key}"`)
    const title = typeof definition.title === 'string' ? definition.title.replace(/\W/g, '') : ''
    names.set(key, title && title !== 'Error' ? title : key)
    const collection = config.collections.find((c) => c.slug === key)
    let schema = definition
    if (collection) {
      const hidden = new Set(
        collection.flattenedFields.filter((f) => 'hidden' in f && f.hidden).map((f) => f.name),
      )
      if (collection.auth) hidden.add('password')
      const { additionalProperties: _closed, required: _required, ...rest } = definition
      schema = {
        ...rest,
        description:
          `A \`${key}\` document. Relationships are ids, or documents when the endpoint ` +
          'populates them; field access and the endpoint decide which fields are present.',
        properties: Object.fromEntries(
          Object.entries(definition.properties as Record<string, JSONSchema>).filter(
            ([name]) => !hidden.has(name),
          ),
        ),
        required: ['id'],
      }
    }
    schemas[key] = asJSONSchema(schema) as JSONSchema
    for (const ref of refsIn(schema)) {
      if (ref.startsWith(DEFINITION)) queue.push(ref.slice(DEFINITION.length))
    }
  }
  const rename = (ref: string) =>
    ref.startsWith(DEFINITION)
      ? `#/components/schemas/${names.get(ref.slice(DEFINITION.length))}`
      : ref
  return {
    rename,
    schemas: Object.fromEntries(
      Object.entries(schemas).map(([key, schema]) => [names.get(key)!, mapRefs(schema, rename)]),
    ),
  }
}

/** The OpenAPI 3.1 document of the custom endpoints, from their `custom.openapi`. */
export function buildOpenAPIDocument(config: SanitizedConfig): OpenAPIDocument {
  const paths: Record<string, PathItem> = {}
  for (const { method, path, op } of documentedRoutes(config)) {
    const item = (paths[path] ??= {})
    if (item[method]) throw new Error(`openapi: ${method} ${path} is described twice`)
    item[method] = operationObject(method, path, op)
  }
  const wanted = [...refsIn(paths)]
    .filter((ref) => ref.startsWith(DEFINITION))
    .map((ref) => ref.slice(DEFINITION.length))
  const { rename, schemas } = documentSchemas(config, wanted)
  const publicUrl = (process.env.PUBLIC_URL ?? '').replace(/\/+$/, '')
  return {
    openapi: '3.1.0',
    info: { title: 'The Ready Lab API', version: '0.1.0', description: DESCRIPTION },
    servers: [{ url: `${publicUrl}${config.routes.api}` }],
    tags: TAGS.map((tag) => ({ ...tag })),
    paths: mapRefs(paths, rename),
    components: {
      securitySchemes: {
        JWT: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'JWT <token>' },
        cookie: {
          type: 'apiKey',
          in: 'cookie',
          name: `${config.cookiePrefix}-token`,
          description: 'The HTTP-only session cookie set by /auth/login and /auth/signup',
        },
      },
      schemas: { Error: errorSchema, ...schemas },
    },
  }
}

const built = new WeakMap<SanitizedConfig, OpenAPIDocument>()

/** The document for a running Payload, built once. */
export function openAPIDocument(config: SanitizedConfig): OpenAPIDocument {
  let document = built.get(config)
  if (!document) {
    document = buildOpenAPIDocument(config)
    built.set(config, document)
  }
  return document
}

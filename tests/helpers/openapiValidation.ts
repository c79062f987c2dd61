import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020'
import addFormats from 'ajv-formats'
import type { SanitizedConfig } from 'payload'

import { openAPIDocument, type OpenAPIDocument } from '../../src/openapi/document'

const DOCUMENT_ID = 'https://readylab.test/openapi.json'
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const

/** Payload's own routes below a collection, which a documented `/{id}` must not be taken for. */
const PAYLOAD_ROUTES = ['count', 'versions', 'access', 'init', 'me', 'login', 'logout', 'unlock']
const PARAMETER = `(?!(?:${PAYLOAD_ROUTES.join('|')})(?:/|$))[^/]+`

type Route = { method: string; template: string; pattern: RegExp; literals: number }

const pointer = (...parts: string[]) =>
  '#/' + parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')

/**
 * Checks answers against the OpenAPI document: each JSON body whose method, path and status the
 * document lists must match that response's schema. The document is added to ajv whole, so its
 * `#/components/schemas/...` references resolve as they do for a client.
 */
export class OpenAPIValidator {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true })
  private readonly routes: Route[]
  private readonly compiled = new Map<string, ValidateFunction | null>()

  constructor(readonly document: OpenAPIDocument) {
    addFormats(this.ajv)
    this.ajv.addSchema(document as unknown as object, DOCUMENT_ID)
    this.routes = Object.entries(document.paths)
      .flatMap(([template, item]) =>
        METHODS.filter((m) => item[m]).map((method) => ({
          method,
          template,
          pattern: new RegExp(
            '^' +
              template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{\w+\\?\}/g, PARAMETER) +
              '/?$',
          ),
          literals: template.split('/').filter((s) => s && !s.startsWith('{')).length,
        })),
      )
      // `/courses/explore` before `/courses/{id}`.
      .sort((a, b) => b.literals - a.literals)
  }

  /** The documented operation serving `method path` (path below /api, without the query). */
  route(method: string, path: string): Route | undefined {
    const m = method.toLowerCase()
    return this.routes.find((r) => r.method === m && r.pattern.test(path))
  }

  private validator(route: Route, status: number, mediaType: string) {
    const key = `${route.method} ${route.template} ${status} ${mediaType}`
    if (!this.compiled.has(key)) {
      const response =
        this.document.paths[route.template][route.method as (typeof METHODS)[number]]!.responses[
          status
        ]
      const schema = response?.content?.[mediaType]?.schema
      this.compiled.set(
        key,
        schema
          ? this.ajv.compile({
              $ref:
                DOCUMENT_ID +
                pointer(
                  'paths',
                  route.template,
                  route.method,
                  'responses',
                  String(status),
                  'content',
                  mediaType,
                  'schema',
                ),
            })
          : null,
      )
    }
    return this.compiled.get(key)!
  }

  /** Throws when a documented answer does not match its schema; undocumented ones pass. */
  check(method: string, url: string, status: number, contentType: string, body: unknown) {
    const path = new URL(url, 'http://localhost').pathname.replace(/^\/api(?=\/)/, '')
    const route = this.route(method, path)
    if (!route || !contentType.includes('json')) return
    const validate = this.validator(route, status, 'application/json')
    if (!validate || validate(body)) return
    const errors = (validate.errors ?? [])
      .slice(0, 10)
      .map((e) => `  ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`)
      .join('\n')
    throw new Error(
      `OpenAPI drift: ${method.toUpperCase()} ${path} → ${status} does not match ` +
        `${route.method.toUpperCase()} ${route.template} ${status}:\n${errors}\n` +
        `body: ${JSON.stringify(body).slice(0, 2000)}`,
    )
  }
}

let validator: Promise<OpenAPIValidator> | undefined

/** One validator per test file, on the config the route handlers run. */
export function openAPIValidator(config: SanitizedConfig | Promise<SanitizedConfig>) {
  validator ??= Promise.resolve(config).then((c) => new OpenAPIValidator(openAPIDocument(c)))
  return validator
}

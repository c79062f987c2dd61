import http from 'node:http'
import type { AddressInfo } from 'node:net'

export type LrsRequest = {
  method: string
  path: string
  query: Record<string, string>
  headers: http.IncomingHttpHeaders
  body: any
  status: number
}

type Statement = Record<string, any>

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const IRI = /^https?:\/\/[^\s/?#]+[^\s]*$/i
// xAPI 1.0.3 timestamps: ISO 8601 with a time zone.
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/
// ISO 8601 durations as xAPI allows them (no weeks mixed with other units).
const DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$|^P\d+W$/
const LANGUAGE_MAP = (value: unknown) =>
  Boolean(value) &&
  typeof value === 'object' &&
  !Array.isArray(value) &&
  Object.entries(value as object).every(
    ([tag, text]) => /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/i.test(tag) && typeof text === 'string',
  )

/** Why a statement is not valid xAPI 1.0.3 (as far as this LMS uses it), or null. */
export function statementProblem(s: Statement): string | null {
  if (!s || typeof s !== 'object' || Array.isArray(s)) return 'statement is not an object'
  const allowed = ['id', 'actor', 'verb', 'object', 'result', 'context', 'timestamp', 'version']
  const extra = Object.keys(s).filter((k) => !allowed.includes(k))
  if (extra.length)
    return `unexpected properties ${extra.join(', ')} (authority/stored are the LRS's)`
  if (!UUID.test(s.id ?? '')) return `id ${JSON.stringify(s.id)} is not a UUID`
  const actor = s.actor
  if (actor?.objectType !== undefined && actor.objectType !== 'Agent')
    return 'actor.objectType is not Agent'
  const ifis = ['mbox', 'mbox_sha1sum', 'openid', 'account'].filter((k) => actor?.[k] !== undefined)
  if (ifis.length !== 1)
    return `actor must have exactly one identifier, has ${ifis.join(', ') || 'none'}`
  if (!actor.account || !IRI.test(actor.account.homePage ?? ''))
    return 'actor.account.homePage is not an IRL'
  if (typeof actor.account.name !== 'string' || !actor.account.name)
    return 'actor.account.name is missing'
  if (!IRI.test(s.verb?.id ?? '')) return `verb.id ${JSON.stringify(s.verb?.id)} is not an IRI`
  if (!LANGUAGE_MAP(s.verb.display) || !Object.keys(s.verb.display).length)
    return 'verb.display is not a language map'
  const object = s.object
  if (object?.objectType !== undefined && object.objectType !== 'Activity')
    return 'object is not an Activity'
  if (!IRI.test(object?.id ?? '')) return `object.id ${JSON.stringify(object?.id)} is not an IRI`
  const definitionProblem = (where: string, definition: any) => {
    if (definition === undefined) return null
    if (definition.type !== undefined && !IRI.test(definition.type))
      return `${where}.definition.type is not an IRI`
    if (definition.name !== undefined && !LANGUAGE_MAP(definition.name))
      return `${where}.definition.name is not a language map`
    return null
  }
  const objectDefinition = definitionProblem('object', object.definition)
  if (objectDefinition) return objectDefinition
  if (!TIMESTAMP.test(s.timestamp ?? '') || Number.isNaN(Date.parse(s.timestamp)))
    return `timestamp ${JSON.stringify(s.timestamp)} is not ISO 8601 with a time zone`
  const result = s.result
  if (result !== undefined) {
    const score = result.score
    if (score !== undefined) {
      if (typeof score.scaled === 'number' && (score.scaled < -1 || score.scaled > 1))
        return `result.score.scaled ${score.scaled} is outside [-1, 1]`
      if (typeof score.min === 'number' && typeof score.max === 'number' && score.min > score.max)
        return 'result.score.min is above max'
      if (typeof score.raw === 'number' && (score.raw < score.min || score.raw > score.max))
        return `result.score.raw ${score.raw} is outside [min, max]`
    }
    for (const key of ['success', 'completion'])
      if (result[key] !== undefined && typeof result[key] !== 'boolean')
        return `result.${key} is not a boolean`
    if (result.duration !== undefined && !DURATION.test(result.duration))
      return `result.duration ${JSON.stringify(result.duration)} is not an ISO 8601 duration`
  }
  const context = s.context
  if (context !== undefined) {
    if (context.platform !== undefined && typeof context.platform !== 'string')
      return 'context.platform is not a string'
    for (const [kind, list] of Object.entries(context.contextActivities ?? {})) {
      if (!['parent', 'grouping', 'category', 'other'].includes(kind))
        return `context.contextActivities.${kind} is not a context type`
      for (const activity of Array.isArray(list) ? list : [list]) {
        if (!IRI.test((activity as any)?.id ?? ''))
          return `context.contextActivities.${kind} has an id that is not an IRI`
        const problem = definitionProblem(
          `context.contextActivities.${kind}`,
          (activity as any).definition,
        )
        if (problem) return problem
      }
    }
  }
  return null
}

/**
 * The part of a statement that xAPI's statement comparison looks at: without the LRS's own
 * properties and the activity definitions, timestamps as instants.
 */
function comparable(s: Statement): string {
  const strip = (activity: any) => activity && { ...activity, definition: undefined }
  const activities = s.context?.contextActivities
  const copy = {
    ...s,
    authority: undefined,
    stored: undefined,
    version: undefined,
    timestamp: s.timestamp ? Date.parse(s.timestamp) : undefined,
    object: strip(s.object),
    context: s.context && {
      ...s.context,
      contextActivities:
        activities &&
        Object.fromEntries(
          Object.entries(activities).map(([k, v]) => [k, (Array.isArray(v) ? v : [v]).map(strip)]),
        ),
    },
  }
  const canonical = (value: any): any =>
    Array.isArray(value)
      ? value.map(canonical)
      : value && typeof value === 'object'
        ? Object.fromEntries(
            Object.keys(value)
              .filter((k) => value[k] !== undefined)
              .sort()
              .map((k) => [k, canonical(value[k])]),
          )
        : value
  return JSON.stringify(canonical(copy))
}

/**
 * A loopback learning record store: POST /statements (a statement or an array) and
 * PUT /statements?statementId=, as xAPI 1.0.3 describes them. It requires the version header and
 * Basic auth (401), rejects invalid statements with the reason (400), stores each id once (an
 * identical repeat is accepted without a second copy, a different one under a stored id is a 409
 * for the whole batch) and can fail the next request on purpose.
 */
export async function startFakeLrs({
  username = 'lrs-key',
  password = 'lrs-secret',
}: { username?: string; password?: string } = {}) {
  const statements = new Map<string, Statement>()
  const requests: LrsRequest[] = []
  const failures: { status: number; afterStoring: boolean }[] = []
  const expectedAuth = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`

  const store = (batch: Statement[]) => {
    const ids = new Set<string>()
    for (const s of batch) {
      const problem = statementProblem(s)
      if (problem) return { status: 400, body: { error: `statement ${s?.id ?? '?'}: ${problem}` } }
      if (ids.has(s.id)) return { status: 400, body: { error: `id ${s.id} twice in one batch` } }
      ids.add(s.id)
      const existing = statements.get(s.id)
      if (existing && comparable(existing) !== comparable(s))
        return { status: 409, body: { error: `statement ${s.id} exists with other content` } }
    }
    // All or nothing: nothing is stored unless every statement is acceptable.
    for (const s of batch) if (!statements.has(s.id)) statements.set(s.id, s)
    return null
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://lrs.test')
      const text = Buffer.concat(chunks).toString()
      let body: any = null
      const record: LrsRequest = {
        method: req.method ?? '',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body: null,
        status: 0,
      }
      requests.push(record)
      const send = (status: number, payload?: unknown) => {
        record.status = status
        res.writeHead(status, {
          'X-Experience-API-Version': '1.0.3',
          ...(payload === undefined ? {} : { 'Content-Type': 'application/json' }),
        })
        res.end(payload === undefined ? undefined : JSON.stringify(payload))
      }
      try {
        body = text ? JSON.parse(text) : null
      } catch {
        return send(400, { error: 'body is not JSON' })
      }
      record.body = body
      if (req.headers['x-experience-api-version'] !== '1.0.3')
        return send(400, { error: 'X-Experience-API-Version 1.0.3 required' })
      if (req.headers.authorization !== expectedAuth) return send(401, { error: 'unauthorized' })
      const failure = failures.shift()
      if (failure && !failure.afterStoring)
        return send(failure.status, { error: 'failing on purpose' })
      if (!url.pathname.endsWith('/statements')) return send(404, { error: 'no such resource' })
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json'))
        return send(400, { error: 'Content-Type application/json required' })

      let answer: { status: number; body?: unknown }
      if (req.method === 'POST') {
        const batch = Array.isArray(body) ? body : [body]
        if (!batch.length) return send(400, { error: 'empty batch' })
        answer = store(batch) ?? { status: 200, body: batch.map((s) => s.id) }
      } else if (req.method === 'PUT') {
        const id = url.searchParams.get('statementId')
        if (!id || !UUID.test(id)) return send(400, { error: 'statementId required' })
        if (body?.id !== undefined && body.id !== id)
          return send(400, { error: 'statementId does not match the statement id' })
        answer = store([{ ...body, id }]) ?? { status: 204 }
      } else {
        return send(405, { error: 'method not allowed' })
      }
      // The LRS did its work but the answer says otherwise (e.g. lost at a proxy).
      if (failure) return send(failure.status, { error: 'failing on purpose, after storing' })
      send(answer.status, answer.body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/xapi`,
    username,
    password,
    statements,
    requests,
    /** The next request answers `status`; with afterStoring, once its statements are stored. */
    failNext(status: number, { afterStoring = false } = {}) {
      failures.push({ status, afterStoring })
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

export type FakeLrs = Awaited<ReturnType<typeof startFakeLrs>>

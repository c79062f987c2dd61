import type { AfterErrorHook } from 'payload'

// Postgres "data exception" codes a client can trigger with a malformed filter or id
// (e.g. ?where[id][equals]=abc, a date that is not a date, a number out of range).
const DATA_EXCEPTIONS: Record<string, string> = {
  '22P02': 'a value in the request has the wrong format (check ids, numbers and booleans)',
  '22007': 'a date in the request is not a valid date',
  '22008': 'a date in the request is out of range',
  '22003': 'a number in the request is out of range',
  '2201W': 'limit must be a positive number',
  '2201X': 'page must be a positive number',
  // A NUL (U+0000) in a text, e.g. ?q=%00: Postgres text and jsonb cannot hold it.
  '22021':
    'text in the request contains a NUL character (U+0000), which cannot be stored or searched',
  '22P05':
    'text in the request contains a NUL character (U+0000), which cannot be stored or searched',
}

const pgCode = (error: unknown): string | undefined => {
  for (
    let e = error as { code?: unknown; cause?: unknown } | undefined;
    e;
    e = e.cause as typeof e
  ) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code
  }
  return undefined
}

/**
 * Client mistakes that reach Payload's own routes as raw errors become 400s in Payload's error
 * shape instead of 500s: a body that is not JSON, and filters Postgres cannot read.
 */
export const clientErrorsAreBadRequests: AfterErrorHook = ({ error, result }) => {
  if (result && 'errors' in result && (error as { status?: number }).status) return
  if (error instanceof SyntaxError && /JSON/i.test(error.message)) {
    return { status: 400, response: { errors: [{ message: 'Request body is not valid JSON' }] } }
  }
  const code = pgCode(error)
  if (code && DATA_EXCEPTIONS[code]) {
    return {
      status: 400,
      response: { errors: [{ message: `Bad request: ${DATA_EXCEPTIONS[code]}` }] },
    }
  }
}

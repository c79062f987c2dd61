/** Text safe inside HTML content and double- or single-quoted attributes. */
export const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  )

/** Whether the caller is a browser asking for a page (HTML preferred over JSON). */
export function wantsHtml(req: { headers: Headers }) {
  const accept = req.headers.get('accept') ?? ''
  const html = accept.indexOf('text/html')
  const json = accept.indexOf('application/json')
  return html >= 0 && (json < 0 || html < json)
}

const BASE_STYLE =
  'body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;background:#f4f5f7;color:#1f2937;margin:0;padding:2rem}' +
  'main{margin:0 auto;background:#fff;border-radius:12px;padding:2rem;box-shadow:0 1px 3px rgba(0,0,0,.1)}'

/**
 * A small self-contained page the API answers browsers with (certificate verification, invitation
 * links): inline styles only, nothing loaded from elsewhere, never cached. `body` is HTML the
 * caller has escaped; `formAction` allows the page's own form to post back.
 */
export function htmlPage({
  title,
  body,
  status,
  lang = 'en',
  style = '',
  maxWidth = '40rem',
  formAction = false,
  headers = {},
}: {
  title: string
  body: string
  status: number
  /** The page's language (`<html lang>`). */
  lang?: string
  style?: string
  maxWidth?: string
  formAction?: boolean
  headers?: Record<string, string>
}) {
  return new Response(
    `<!doctype html>
<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — The Ready Lab</title>
<style>
${BASE_STYLE}main{max-width:${maxWidth}}
${style}
</style></head><body><main>${body}</main></body></html>`,
    {
      status,
      headers: {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': `default-src 'none'; style-src 'unsafe-inline';${formAction ? " form-action 'self';" : ''} frame-ancestors 'none'`,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'no-store',
        ...headers,
      },
    },
  )
}

import type { PayloadRequest } from 'payload'

import { isUUID } from '../../lib/http'
import { normalizeVerificationCode } from '../../lib/verificationCode'

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  )

/** Whether the caller is a browser asking for a page (HTML preferred over JSON). */
export function wantsHtml(req: PayloadRequest) {
  const accept = req.headers.get('accept') ?? ''
  const html = accept.indexOf('text/html')
  const json = accept.indexOf('application/json')
  return html >= 0 && (json < 0 || html < json)
}

const page = (title: string, body: string, status: number) =>
  new Response(
    `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} — The Ready Lab</title>
<style>
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;background:#f4f5f7;color:#1f2937;margin:0;padding:2rem}
main{max-width:40rem;margin:0 auto;background:#fff;border-radius:12px;padding:2rem;box-shadow:0 1px 3px rgba(0,0,0,.1)}
.status{display:inline-block;padding:.25rem .75rem;border-radius:999px;font-weight:600}
.valid{background:#dcfce7;color:#166534}.revoked,.unknown{background:#fee2e2;color:#991b1b}
dt{color:#6b7280;font-size:.85rem;margin-top:1rem}dd{margin:0;font-size:1.1rem}a{color:#2563eb}
</style></head><body><main>${body}</main></body></html>`,
    {
      status,
      headers: {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy':
          "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'no-store',
      },
    },
  )

/**
 * The page a person reaches from a certificate's QR code: who, what, taught by whom, when, and
 * whether it stands — with the Open Badge for download. Machines get the JSON at the same URL.
 */
export async function verificationPage(req: PayloadRequest, id: unknown, code: unknown) {
  const normalized = typeof code === 'string' ? normalizeVerificationCode(code) : null
  const { docs } =
    isUUID(id) && normalized
      ? await req.payload.find({
          collection: 'certifications',
          where: { and: [{ id: { equals: id } }, { verificationCode: { equals: normalized } }] },
          limit: 1,
          depth: 0,
          select: {
            studentName: true,
            courseTitle: true,
            educatorName: true,
            issuedAt: true,
            revokedAt: true,
            verificationCode: true,
          },
          overrideAccess: true, // public verification: only what the printed certificate shows
          req,
        })
      : { docs: [] }
  const certificate = docs[0]
  if (!certificate) {
    return page(
      'Certificate not found',
      `<h1>Certificate not found</h1><p><span class="status unknown">Not valid</span></p>
<p>No certificate matches this link. Check the code printed on the certificate.</p>`,
      404,
    )
  }
  const date = (iso: string) =>
    new Date(iso).toLocaleDateString('en', {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      timeZone: 'UTC',
    })
  const status = certificate.revokedAt
    ? `<span class="status revoked">Revoked on ${escape(date(certificate.revokedAt))}</span>`
    : '<span class="status valid">Valid</span>'
  const badge = `/api/certifications/${certificate.id}/badge`
  return page(
    `${certificate.courseTitle} — ${certificate.studentName}`,
    `<h1>Certificate of completion</h1><p>${status}</p>
<dl>
<dt>Awarded to</dt><dd>${escape(certificate.studentName)}</dd>
<dt>Course</dt><dd>${escape(certificate.courseTitle)}</dd>
${certificate.educatorName ? `<dt>Taught by</dt><dd>${escape(certificate.educatorName)}</dd>` : ''}
<dt>Issued</dt><dd>${escape(date(certificate.issuedAt))}</dd>
<dt>Verification code</dt><dd>${escape(certificate.verificationCode)}</dd>
</dl>
<p><a href="${escape(badge)}" download="certificate-${escape(certificate.verificationCode)}.json">Download the Open Badge (JSON-LD)</a></p>`,
    200,
  )
}

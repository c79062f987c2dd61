import type { PayloadRequest } from 'payload'

import { isUUID } from '../../lib/http'
import { escapeHtml, htmlPage } from '../../lib/html'
import { normalizeVerificationCode } from '../../lib/verificationCode'

const page = (title: string, body: string, status: number) =>
  htmlPage({
    title,
    body,
    status,
    style:
      '.status{display:inline-block;padding:.25rem .75rem;border-radius:999px;font-weight:600}\n' +
      '.valid{background:#dcfce7;color:#166534}.revoked,.unknown{background:#fee2e2;color:#991b1b}\n' +
      'dt{color:#6b7280;font-size:.85rem;margin-top:1rem}dd{margin:0;font-size:1.1rem}a{color:#2563eb}',
  })

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
    ? `<span class="status revoked">Revoked on ${escapeHtml(date(certificate.revokedAt))}</span>`
    : '<span class="status valid">Valid</span>'
  const badge = `/api/certifications/${certificate.id}/badge`
  return page(
    `${certificate.courseTitle} — ${certificate.studentName}`,
    `<h1>Certificate of completion</h1><p>${status}</p>
<dl>
<dt>Awarded to</dt><dd>${escapeHtml(certificate.studentName)}</dd>
<dt>Course</dt><dd>${escapeHtml(certificate.courseTitle)}</dd>
${certificate.educatorName ? `<dt>Taught by</dt><dd>${escapeHtml(certificate.educatorName)}</dd>` : ''}
<dt>Issued</dt><dd>${escapeHtml(date(certificate.issuedAt))}</dd>
<dt>Verification code</dt><dd>${escapeHtml(certificate.verificationCode)}</dd>
</dl>
<p><a href="${escapeHtml(badge)}" download="certificate-${escapeHtml(certificate.verificationCode)}.json">Download the Open Badge (JSON-LD)</a></p>`,
    200,
  )
}

import { describe, expect, it } from 'vitest'

import { certificateEmail } from '../../src/services/certificates/email'

describe('the "certificate ready" email', () => {
  it("shows the holder's name and the course title as written, never as markup", () => {
    const { subject, html } = certificateEmail({
      studentName: '<img src=x onerror=alert(1)> Zoë',
      courseTitle: 'Pitch & "Perfect" <b>now</b>',
      verificationCode: 'ABCD-EFGH-JKMN',
      qrCodeUrl: 'https://lab.example/api/certifications/1/verify/ABCD-EFGH-JKMN?a=1&b=2',
    })
    expect(html).not.toContain('<img')
    expect(html).not.toContain('<b>now')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; Zoë')
    expect(html).toContain('Pitch &amp; &quot;Perfect&quot; &lt;b&gt;now&lt;/b&gt;')
    expect(html).toContain(
      'href="https://lab.example/api/certifications/1/verify/ABCD-EFGH-JKMN?a=1&amp;b=2"',
    )
    // The subject is plain text: mail clients do not render it as HTML.
    expect(subject).toBe('Your certificate for Pitch & "Perfect" <b>now</b> is ready')
  })
})

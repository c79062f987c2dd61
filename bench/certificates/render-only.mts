import { renderCertificatePdf } from '../../src/services/pdf'
import { writeFileSync } from 'node:fs'
const c = { studentName: 'Zoë Müller-Łukasz', courseTitle: 'Pitch Perfect: Raising Your First Round', educatorName: 'Maya Okafor', issuedAt: new Date(), verificationCode: 'ABCD-EFGH-JKMN', verifyUrl: 'http://localhost:3000/api/certifications/0b1c/verify/ABCD-EFGH-JKMN' }
writeFileSync('/tmp/cert.pdf', await renderCertificatePdf(c))
const n = 100; const t = performance.now()
for (let i = 0; i < n; i++) await renderCertificatePdf({ ...c, verificationCode: 'X' + i })
const ms = (performance.now() - t) / n
console.log(ms.toFixed(1), 'ms per pdf', (1000 / ms).toFixed(1), 'per s')

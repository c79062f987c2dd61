import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { PayloadRequest } from 'payload'

import { idOf } from '../../lib/ids'
import type { Certification } from '../../payload-types'
import { renderCertificatePdf } from './pdf'
import { verifyUrl } from './verify'

/** The stored PDF, re-rendered from the certificate's data if the file is gone. */
export async function certificatePdf(req: PayloadRequest, certificate: Certification) {
  const fileId = idOf(certificate.pdf)
  if (fileId) {
    const file = await req.payload.findByID({
      collection: 'certificate-files',
      id: fileId,
      depth: 0,
      disableErrors: true,
      req,
    })
    const dir = req.payload.collections['certificate-files'].config.upload.staticDir
    if (file?.filename) {
      const bytes = await readFile(path.join(dir!, file.filename)).catch(() => null)
      if (bytes) return bytes
    }
  }
  return renderCertificatePdf({
    studentName: certificate.studentName,
    courseTitle: certificate.courseTitle,
    educatorName: certificate.educatorName,
    issuedAt: new Date(certificate.issuedAt),
    verificationCode: certificate.verificationCode,
    verifyUrl: verifyUrl(certificate.id, certificate.verificationCode),
  })
}

import type { PayloadRequest } from 'payload'

import { idOf } from '../../lib/ids'
import { readStoredFile } from '../../lib/storage'
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
    if (file?.filename) {
      // Storage unreachable: the same certificate is rendered again from its data.
      const bytes = await readStoredFile(req.payload, 'certificate-files', file.filename).catch(
        (err) => {
          req.payload.logger.warn({ err }, 'certificate PDF unreadable in storage; re-rendering')
          return null
        },
      )
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

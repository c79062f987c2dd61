import { gzipSync } from 'node:zlib'

import type { Certification } from '../../payload-types'
import { publicUrl } from '../email'
import { CREDENTIALS_V2 } from './contexts'
import { issuerUrl } from './issuer'
import { signCredential } from './sign'

/** The spec's minimum list size (16 KiB), so a list tells nothing by its length. */
const LIST_BITS = 131072
/** Each certificate has a list of its own; its one status is the list's first bit. */
const STATUS_INDEX = 0

export const statusListUrl = (certificateId: string) =>
  `${publicUrl()}/api/certifications/${certificateId}/badge/status`

/** The `credentialStatus` of a badge: a BitstringStatusListEntry for revocation. */
export const statusEntry = (certificateId: string) => ({
  id: `${statusListUrl(certificateId)}#${STATUS_INDEX}`,
  type: 'BitstringStatusListEntry',
  statusPurpose: 'revocation',
  statusListIndex: String(STATUS_INDEX),
  statusListCredential: statusListUrl(certificateId),
})

/** GZIP-compressed bitstring, base64url with the multibase prefix `u`; bit 0 is the leftmost. */
export function encodeStatusList(setBits: number[]) {
  const bytes = Buffer.alloc(LIST_BITS / 8)
  for (const bit of setBits) bytes[bit >> 3] |= 0x80 >> (bit & 7)
  return `u${gzipSync(bytes).toString('base64url')}`
}

/** A signed BitstringStatusListCredential: the bit is set once the certificate is revoked. */
export function statusListCredential(certificate: Certification) {
  const url = statusListUrl(certificate.id)
  return signCredential({
    '@context': [CREDENTIALS_V2],
    id: url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: issuerUrl(),
    validFrom: certificate.issuedAt,
    credentialSubject: {
      id: `${url}#list`,
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
      encodedList: encodeStatusList(certificate.revokedAt ? [STATUS_INDEX] : []),
    },
  })
}

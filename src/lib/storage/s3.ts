import {
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3'

export type S3Settings = {
  bucket: string
  region: string
  endpoint?: string
  forcePathStyle: boolean
  credentials?: { accessKeyId: string; secretAccessKey: string }
}

/** The bucket from S3_* (src/config/environment.ts), or null: files stay on local disk. */
export function s3Settings(
  env: Record<string, string | undefined> = process.env,
): S3Settings | null {
  const bucket = env.S3_BUCKET?.trim()
  if (!bucket) return null
  const accessKeyId = env.S3_ACCESS_KEY_ID?.trim()
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY?.trim()
  return {
    bucket,
    region: env.S3_REGION?.trim() || 'us-east-1',
    endpoint: env.S3_ENDPOINT?.trim() || undefined,
    forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true',
    // Without a key pair the SDK's own chain applies (instance role, AWS_* variables).
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
  }
}

export type StoredObject = {
  body: ReadableStream<Uint8Array>
  contentType?: string
  contentLength?: number
  contentRange?: string
  etag?: string
  lastModified?: Date
}

/** One bucket: put, get (optionally a byte range or only if changed), delete. */
export class Bucket {
  private readonly client: S3Client

  constructor(readonly settings: S3Settings) {
    this.client = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: settings.forcePathStyle,
      credentials: settings.credentials,
    })
  }

  async put(key: string, body: Buffer, contentType: string) {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.settings.bucket,
        Key: key,
        Body: body,
        ContentType: contentType,
        ContentLength: body.length,
      }),
    )
  }

  /**
   * The object, or null when it does not exist; 'not-modified' when `ifNoneMatch` is its ETag.
   * A bad range throws S3's InvalidRange (status 416).
   */
  async get(
    key: string,
    { range, ifNoneMatch }: { range?: string; ifNoneMatch?: string } = {},
  ): Promise<StoredObject | null | 'not-modified'> {
    try {
      const out = await this.client.send(
        new GetObjectCommand({
          Bucket: this.settings.bucket,
          Key: key,
          Range: range,
          IfNoneMatch: ifNoneMatch,
        }),
      )
      if (!out.Body) return null
      return {
        body: out.Body.transformToWebStream() as ReadableStream<Uint8Array>,
        contentType: out.ContentType,
        contentLength: out.ContentLength,
        contentRange: out.ContentRange,
        etag: out.ETag,
        lastModified: out.LastModified,
      }
    } catch (err) {
      const status = statusOf(err)
      if (status === 404) return null
      if (status === 304) return 'not-modified'
      throw err
    }
  }

  async bytes(key: string): Promise<Buffer | null> {
    const object = await this.get(key)
    if (!object || object === 'not-modified') return null
    return Buffer.from(await new Response(object.body).arrayBuffer())
  }

  /** One DeleteObject a key (an upload has a handful): deleting a missing key succeeds. */
  async remove(keys: string[]) {
    await Promise.all(
      keys.map((Key) =>
        this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key })),
      ),
    )
  }

  destroy() {
    this.client.destroy()
  }
}

/** The HTTP status of an S3 error (NoSuchKey 404, NotModified 304, InvalidRange 416), if any. */
export const statusOf = (err: unknown) =>
  err instanceof S3ServiceException ? err.$metadata.httpStatusCode : undefined

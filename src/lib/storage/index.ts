import { readFile } from 'node:fs/promises'
import path from 'node:path'
import {
  headersWithCors,
  type CollectionAfterDeleteHook,
  type CollectionBeforeChangeHook,
  type CollectionConfig,
  type Payload,
  type PayloadRequest,
} from 'payload'

import { afterCommit } from '../afterCommit'
import { Bucket, s3Settings, statusOf } from './s3'

/**
 * Where uploaded files live: local disk (each upload collection's `staticDir`, Payload's default),
 * or one S3-compatible bucket when S3_BUCKET is set, so that every app instance and worker reads
 * what any of them wrote. Objects are keyed `<collection>/<filename>`, image sizes included.
 * Downloads still go through Payload's file route (GET /api/<collection>/file/<filename>), which
 * checks the collection's read access before the handler below streams the object.
 */

let shared: Bucket | null | undefined

/** The process's bucket, or null: local disk. */
export function fileBucket(): Bucket | null {
  if (shared === undefined) {
    const settings = s3Settings()
    shared = settings ? new Bucket(settings) : null
  }
  return shared
}

export const objectKey = (collection: string, filename: string) => `${collection}/${filename}`

type FileDoc = {
  filename?: string | null
  sizes?: Record<string, { filename?: string | null } | null | undefined> | null
}

const filenamesOf = (doc: FileDoc | undefined) =>
  [doc?.filename, ...Object.values(doc?.sizes ?? {}).map((size) => size?.filename)].filter(
    (name): name is string => Boolean(name),
  )

/**
 * The bytes of a stored file (null when missing), wherever it is stored: for services that serve
 * a file themselves (certificate downloads).
 */
export async function readStoredFile(
  payload: Payload,
  collection: 'certificate-files' | 'media',
  filename: string,
): Promise<Buffer | null> {
  const bucket = fileBucket()
  if (bucket) return bucket.bytes(objectKey(collection, filename))
  const dir = payload.collections[collection].config.upload.staticDir
  if (!dir) return null
  return readFile(path.join(dir, path.basename(filename))).catch(() => null)
}

/**
 * Uploads the incoming file and its generated sizes before the document is written, so a reader
 * that sees the committed row finds its objects. Files the document no longer names (replaced by
 * an update) are deleted after the commit; a rolled-back write leaves only unreferenced objects.
 */
const uploadToBucket =
  (bucket: Bucket): CollectionBeforeChangeHook =>
  async ({ collection, data, originalDoc, req }) => {
    const file = req.file
    if (!file || !data.filename) return data
    const mimeType = String(data.mimeType || file.mimetype)
    const main =
      file.tempFilePath && !file.data?.length ? await readFile(file.tempFilePath) : file.data
    const uploads = [{ filename: String(data.filename), body: main, mimeType }]
    for (const [name, size] of Object.entries((data as FileDoc).sizes ?? {})) {
      const body = req.payloadUploadSizes?.[name]
      if (size?.filename && body) uploads.push({ filename: size.filename, body, mimeType })
    }
    await Promise.all(
      uploads.map((upload) =>
        bucket.put(objectKey(collection.slug, upload.filename), upload.body, upload.mimeType),
      ),
    )
    const kept = new Set(uploads.map((upload) => upload.filename))
    const replaced = filenamesOf(originalDoc).filter((name) => !kept.has(name))
    if (replaced.length) {
      await afterCommit(req, () =>
        bucket.remove(replaced.map((name) => objectKey(collection.slug, name))),
      )
    }
    return data
  }

const deleteFromBucket =
  (bucket: Bucket): CollectionAfterDeleteHook =>
  async ({ collection, doc, req }) => {
    const keys = filenamesOf(doc).map((name) => objectKey(collection.slug, name))
    await afterCommit(req, () => bucket.remove(keys))
    return doc
  }

const errorResponse = (req: PayloadRequest, status: number, message: string) =>
  Response.json(
    { errors: [{ message }] },
    { status, headers: headersWithCors({ headers: new Headers(), req }) },
  )

/** Streams the object behind GET /api/<collection>/file/<filename> (after Payload's access check). */
const downloadFromBucket =
  (bucket: Bucket) =>
  async (req: PayloadRequest, { params }: { params: { collection: string; filename: string } }) => {
    const key = objectKey(params.collection, path.basename(params.filename))
    let object: Awaited<ReturnType<Bucket['get']>>
    try {
      object = await bucket.get(key, {
        range: req.headers.get('range') ?? undefined,
        ifNoneMatch: req.headers.get('if-none-match') ?? undefined,
      })
    } catch (err) {
      if (statusOf(err) === 416) return errorResponse(req, 416, 'Range not satisfiable')
      throw err
    }
    if (!object) return errorResponse(req, 404, 'Not Found')
    const headers = headersWithCors({ headers: new Headers(), req })
    headers.set('Accept-Ranges', 'bytes')
    if (object === 'not-modified') {
      headers.set('ETag', req.headers.get('if-none-match')!)
      return new Response(null, { status: 304, headers })
    }
    if (object.contentType) headers.set('Content-Type', object.contentType)
    if (object.contentLength !== undefined)
      headers.set('Content-Length', String(object.contentLength))
    if (object.etag) headers.set('ETag', object.etag)
    if (object.lastModified) headers.set('Last-Modified', object.lastModified.toUTCString())
    if (object.contentRange) headers.set('Content-Range', object.contentRange)
    return new Response(object.body, { status: object.contentRange ? 206 : 200, headers })
  }

/**
 * An upload collection stored in the bucket when one is configured (unchanged otherwise): no local
 * copy, objects written and deleted by its hooks, downloads served from the bucket.
 */
export function withFileStorage(collection: CollectionConfig): CollectionConfig {
  const bucket = fileBucket()
  if (!bucket || !collection.upload) return collection
  const upload = collection.upload === true ? {} : collection.upload
  return {
    ...collection,
    upload: {
      ...upload,
      disableLocalStorage: true,
      handlers: [...(upload.handlers ?? []), downloadFromBucket(bucket)],
    },
    hooks: {
      ...collection.hooks,
      beforeChange: [...(collection.hooks?.beforeChange ?? []), uploadToBucket(bucket)],
      afterDelete: [...(collection.hooks?.afterDelete ?? []), deleteFromBucket(bucket)],
    },
  }
}

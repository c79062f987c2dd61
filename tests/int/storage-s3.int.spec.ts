import { existsSync } from 'node:fs'
import path from 'node:path'
import { Queue } from 'bullmq'
import type { Payload } from 'payload'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Certification } from '../../src/payload-types'
import { startFakeS3, type FakeS3 } from '../fakes/s3'
import { courseForFaults, isolatedPayload, isolatedRedisUrl } from '../helpers/faults'
import { until } from '../helpers/wait'

// Uploads go to a loopback S3 server through the real AWS SDK. Its own database and Redis database:
// other suites' processes (no S3 configured) must not run this suite's certificate jobs.
let s3: FakeS3
let payload: Payload
let redisUrl: string
let queue: Queue
let http: typeof import('../helpers/http')
let users: typeof import('../helpers/users')
let student: import('../helpers/users').TestUser
let otherStudent: import('../helpers/users').TestUser
let admin: import('../helpers/users').TestUser
let stopWorkers: () => Promise<void> = async () => {}
const mediaDir = () => process.env.MEDIA_DIR!

beforeAll(async () => {
  s3 = await startFakeS3()
  Object.assign(process.env, s3.env)
  redisUrl = isolatedRedisUrl(12)
  // This process is the app and a worker: its relay hands jobs to BullMQ, its workers run them.
  process.env.REDIS_URL = redisUrl
  ;({ payload } = await isolatedPayload('storage_s3'))
  queue = new Queue('certificates', { connection: { url: redisUrl } })
  await queue.obliterate({ force: true })
  const { startWorkers } = await import('../../src/jobs/worker')
  const running = startWorkers(payload, { redisUrl })
  stopWorkers = running.close
  http = await import('../helpers/http')
  users = await import('../helpers/users')
  ;[student, otherStudent, admin] = await Promise.all([
    users.createUser(payload, 'student', { fullName: 'Storage Student' }),
    users.createUser(payload, 'student', { fullName: 'Other Student' }),
    users.createUser(payload, 'admin', { fullName: 'Storage Admin' }),
  ])
}, 180_000)

afterAll(async () => {
  await stopWorkers()
  await queue?.obliterate({ force: true }).catch(() => {})
  await queue?.close()
  await payload?.destroy()
  await s3?.stop()
  for (const name of Object.keys(s3?.env ?? {})) delete process.env[name]
  delete process.env.REDIS_URL
})

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#2a6' } })
    .png()
    .toBuffer()

async function uploadImage(token: string) {
  const form = new FormData()
  form.append(
    'file',
    new File([new Uint8Array(await png(800, 500))], 'photo.png', { type: 'image/png' }),
  )
  form.append('_payload', JSON.stringify({ alt: 'in the bucket' }))
  const res = await http.api('POST', '/api/media', { token, body: form })
  expect(res.status).toBe(201)
  return res.body.doc as {
    id: string
    filename: string
    url: string
    filesize: number
    sizes: Record<string, { filename: string; url: string }>
  }
}

const fileNames = (doc: { filename: string; sizes: Record<string, { filename: string }> }) => [
  doc.filename,
  ...Object.values(doc.sizes).map((size) => size.filename),
]

describe('media in S3', () => {
  it('an upload and its image sizes land in the bucket, not on disk', async () => {
    const doc = await uploadImage(student.token)
    const names = fileNames(doc)
    expect(names).toHaveLength(3) // the image, its thumbnail and its card
    for (const name of names) {
      expect(await s3.bytes(`media/${name}`)).not.toBeNull()
      expect(existsSync(path.join(mediaDir(), name))).toBe(false)
    }
    // The stored image is the resized one Payload describes (filesize), not the raw upload.
    expect((await s3.bytes(`media/${doc.filename}`))!.length).toBe(doc.filesize)
  })

  it('downloads through the API return the same bytes, with ranges and ETags', async () => {
    const doc = await uploadImage(student.token)
    expect(doc.url).toBe(`/api/media/file/${doc.filename}`)
    const stored = (await s3.bytes(`media/${doc.filename}`))!

    const res = await http.apiRaw('GET', doc.url)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/png')
    expect(res.headers.get('content-length')).toBe(String(stored.length))
    expect(Buffer.from(await res.arrayBuffer()).equals(stored)).toBe(true)

    const etag = res.headers.get('etag')
    expect(etag).toBeTruthy()
    const again = await http.apiRaw('GET', doc.url, { headers: { 'If-None-Match': etag! } })
    expect(again.status).toBe(304)

    const part = await http.apiRaw('GET', doc.url, { headers: { Range: 'bytes=0-15' } })
    expect(part.status).toBe(206)
    expect(part.headers.get('content-range')).toBe(`bytes 0-15/${stored.length}`)
    expect(Buffer.from(await part.arrayBuffer()).equals(stored.subarray(0, 16))).toBe(true)

    const thumbnail = await http.apiRaw('GET', doc.sizes.thumbnail.url)
    expect(thumbnail.status).toBe(200)
    const thumbnailBytes = Buffer.from(await thumbnail.arrayBuffer())
    expect(thumbnailBytes.equals((await s3.bytes(`media/${doc.sizes.thumbnail.filename}`))!)).toBe(
      true,
    )
    expect((await sharp(thumbnailBytes).metadata()).width).toBe(256)

    expect((await http.apiRaw('GET', '/api/media/file/no-such-file.png')).status).toBe(404)
  })

  it('delete removes every object of the upload; only its owner (or an admin) may delete', async () => {
    const doc = await uploadImage(student.token)
    const names = fileNames(doc)
    const denied = await http.api('DELETE', `/api/media/${doc.id}`, { token: otherStudent.token })
    expect(denied.status).toBe(403)
    for (const name of names) expect(await s3.bytes(`media/${name}`)).not.toBeNull()

    const deleted = await http.api('DELETE', `/api/media/${doc.id}`, { token: student.token })
    expect(deleted.status).toBe(200)
    for (const name of names) expect(await s3.bytes(`media/${name}`)).toBeNull()
    expect((await http.apiRaw('GET', doc.url)).status).toBe(404)
  })
})

describe('certificate PDFs in S3', () => {
  it('a certificate issued by the worker is stored in the bucket and downloadable, under the same rules', async () => {
    const courseId = await courseForFaults(payload, 'Storage course')
    const holder = await users.createUser(payload, 'student', { fullName: 'Certificate Holder' })
    const token = holder.token
    const { id: enrollmentId } = await payload.create({
      collection: 'enrollments',
      data: {
        student: holder.user.id,
        course: courseId,
        source: 'admin',
        enrolledAt: new Date().toISOString(),
      },
    })
    await payload.update({
      collection: 'enrollments',
      id: enrollmentId,
      data: { completedAt: new Date().toISOString(), progressPercentage: 100 },
    })
    let certificate: Certification | undefined
    await until(
      async () => {
        const { docs } = await payload.find({
          collection: 'certifications',
          where: { enrollment: { equals: enrollmentId } },
          depth: 0,
        })
        certificate = docs[0]
        return Boolean(certificate?.pdf)
      },
      { what: 'the certificate and its PDF', timeoutMs: 60_000 },
    )
    const file = await payload.findByID({
      collection: 'certificate-files',
      id: String(certificate!.pdf),
    })
    const key = `certificate-files/${file.filename}`
    const stored = (await s3.bytes(key))!
    expect(stored).not.toBeNull()
    expect(existsSync(path.join(mediaDir(), 'certificates', file.filename!))).toBe(false)
    expect(stored.subarray(0, 5).toString()).toBe('%PDF-')

    // The holder's download is the stored PDF itself (not a re-rendering).
    const download = `/api/certifications/${certificate!.id}/download`
    const res = await http.apiRaw('POST', download, { token })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(Buffer.from(await res.arrayBuffer()).equals(stored)).toBe(true)
    expect((await http.api('POST', download, { token: otherStudent.token })).status).toBe(403)

    // Payload's file route keeps the collection's rule: admins only.
    const direct = `/api/certificate-files/file/${file.filename}`
    expect((await http.apiRaw('GET', direct)).status).toBe(403)
    expect((await http.apiRaw('GET', direct, { token })).status).toBe(403)
    const asAdmin = await http.apiRaw('GET', direct, { token: admin.token })
    expect(asAdmin.status).toBe(200)
    expect(Buffer.from(await asAdmin.arrayBuffer()).equals(stored)).toBe(true)

    // Revoked: the holder's download answers 410 though the object is still there.
    const revoked = await http.api('POST', `/api/certifications/${certificate!.id}/revoke`, {
      token: admin.token,
      body: { reason: 'test' },
    })
    expect(revoked.status).toBe(200)
    expect((await http.api('POST', download, { token })).status).toBe(410)
  })
})

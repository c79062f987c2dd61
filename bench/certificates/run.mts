// npm run bench:certificates — certificates per second for one worker process:
//   1. PDF rendering alone (fonts parsed once, vector QR), 2. the whole certificate.issue job
//   (lock, read, insert, render, store the file, link it) and the email it queues, against a real
//   embedded Postgres.
// Usage: npm run bench:certificates [-- --count 200]
import { rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomUUID } from 'node:crypto'

import { startEmbeddedPostgres } from '../../scripts/lib/database.mjs'
import { migrateAndVerify } from '../../scripts/lib/run.mjs'

const countArg = process.argv.indexOf('--count')
const COUNT = countArg > 0 ? Number(process.argv[countArg + 1]) : 200

const pg = await startEmbeddedPostgres({
  dataDir: path.join(os.tmpdir(), `readylab-bench-pg-${process.pid}`),
  persistent: false,
  log: () => {},
})
process.env.DATABASE_URL = pg.url
process.env.MEDIA_DIR = path.join(os.tmpdir(), `readylab-bench-media-${process.pid}`)
process.env.PAYLOAD_LOG_LEVEL = 'warn'
process.env.EMAIL_LOG = 'false'
await migrateAndVerify(pg.url, { PAYLOAD_LOG_LEVEL: 'warn' })

const { getPayload, createLocalReq } = await import('payload')
const { default: config } = await import('../../src/payload.config')
const { renderCertificatePdf } = await import('../../src/services/certificates/pdf')
const { issueCertificate } = await import('../../src/services/certificates/issue')
const { execute, sql } = await import('../../src/lib/sql')
const { drainJobs } = await import('../../src/jobs/relay')
const payload = await getPayload({ config })

try {
  const sample = {
    studentName: 'Zoë Müller-Łukasz',
    courseTitle: 'Pitch Perfect: Raising Your First Round',
    educatorName: 'Maya Okafor',
    issuedAt: new Date(),
    verificationCode: 'ABCD-EFGH-JKMN',
    verifyUrl:
      'http://localhost:3000/api/certifications/8c7d0b5e-1f2a-4c3b-9d8e-7f6a5b4c3d2e/verify/ABCD-EFGH-JKMN',
  }
  await renderCertificatePdf(sample) // warm-up: parses the fonts once
  let start = performance.now()
  for (let i = 0; i < COUNT; i++)
    await renderCertificatePdf({ ...sample, verificationCode: `BNCH-${i}` })
  const renderPerSecond = (COUNT * 1000) / (performance.now() - start)

  // Fixtures straight into SQL: an educator, a course and COUNT students with completed enrollments.
  const req = await createLocalReq({}, payload)
  // The first account of an empty database becomes the admin.
  await payload.create({
    collection: 'users',
    data: {
      email: `bench-admin-${randomUUID()}@bench.local`,
      password: randomUUID(),
      fullName: 'Bench Admin',
      role: 'admin',
    },
  })
  const educator = await payload.create({
    collection: 'users',
    data: {
      email: `bench-${randomUUID()}@bench.local`,
      password: randomUUID(),
      fullName: 'Bench Educator',
      role: 'educator',
    },
  })
  const course = await payload.create({
    collection: 'courses',
    data: { title: 'Benchmark Course', courseType: 'microlearning', educator: educator.id },
  })
  const enrollmentIds: string[] = []
  for (let i = 0; i < COUNT; i++) {
    const [student] = await execute<{ id: string }>(
      req,
      sql`insert into users (email, full_name, role) values (${`bench-student-${i}-${randomUUID()}@bench.local`}, ${`Student Nº${i} Łukasz`}, 'student') returning id`,
    )
    const [enrollment] = await execute<{ id: string }>(
      req,
      sql`insert into enrollments (student_id, course_id, source, enrolled_at, completed_at, progress_percentage)
          values (${student.id}, ${course.id}, 'admin', now(), now(), 100) returning id`,
    )
    enrollmentIds.push(enrollment.id)
  }

  // As a worker runs them: WORKER_CONCURRENCY jobs at a time (src/jobs/worker.ts), the outbox relay
  // in the same process delivering each certificate's follow-up jobs. Most of a job is waiting on
  // Postgres and the file store, so its CPU share is reported beside the rate.
  const concurrency = Number(process.env.WORKER_CONCURRENCY || 4)
  const queue = [...enrollmentIds]
  start = performance.now()
  const cpuBefore = process.cpuUsage()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let id = queue.shift(); id; id = queue.shift()) await issueCertificate(payload, id)
    }),
  )
  // Each certificate's follow-up jobs (its email) are part of its cost: counted until they ran.
  await drainJobs(payload)
  const issueMs = performance.now() - start
  const cpu = process.cpuUsage(cpuBefore)
  const issuedPerSecond = (COUNT * 1000) / issueMs
  const cpuShare = (cpu.user + cpu.system) / 1000 / issueMs
  const [{ n }] = await execute<{ n: number }>(
    req,
    sql`select count(*)::int as n from certifications`,
  )
  if (n !== COUNT) throw new Error(`expected ${COUNT} certificates, found ${n}`)
  const [{ emailed }] = await execute<{ emailed: number }>(
    req,
    sql`select count(*)::int as emailed from certifications where emailed_at is not null`,
  )
  if (emailed !== COUNT) throw new Error(`expected ${COUNT} emails sent, found ${emailed}`)

  console.log(
    `cores: ${os.cpus().length} (${os.cpus()[0]?.model ?? 'unknown'}), node ${process.version}`,
  )
  console.log(
    `PDF render only:            ${renderPerSecond.toFixed(1)} PDFs/s (one core, ${COUNT} PDFs)`,
  )
  console.log(
    `certificate.issue job:      ${issuedPerSecond.toFixed(1)} certificates/s per worker (${concurrency} at a time, ${COUNT} issued and emailed; this process busy ${Math.round(cpuShare * 100)}% of one core)`,
  )
} catch (err) {
  console.error(err)
  process.exitCode = 1
} finally {
  // payload.destroy() and the pool's end can wait indefinitely on a client the run left checked
  // out; bounded, as in bench/access/generate.mts.
  const pool = (payload.db as unknown as { pool?: { end(): Promise<void> } }).pool
  for (const closing of [payload.destroy(), pool?.end()])
    await Promise.race([
      Promise.resolve(closing).catch(() => {}),
      new Promise((r) => setTimeout(r, 5000).unref()),
    ])
  await pg.stop()
  rmSync(process.env.MEDIA_DIR!, { recursive: true, force: true })
  process.exit()
}

import { randomUUID } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { getPayload, type Payload } from 'payload'
import { inject } from 'vitest'

import { createDatabaseIfMissing, projectRoot } from '../../scripts/lib/database.mjs'
import { applyMigrations } from '../../src/lib/migrations'

export type FaultRecord = {
  /** What was done to the system, e.g. "postgres stopped 2 s under load". */
  faults: string[]
  /** Writes (or deliveries, jobs) the app answered 2xx for. */
  acknowledged: number
  /** Of those, found afterwards where they belong. */
  stored: number
  /** acknowledged − stored: must be 0. */
  lost: number
  /** Anything else worth reading next to the numbers (answers during the outage, timings). */
  details?: Record<string, unknown>
}

const dir = path.join(projectRoot, 'test-results', 'faults')
const summaryFile = path.join(projectRoot, 'test-results', 'faults-summary.json')

const writeAtomically = (file: string, value: unknown) => {
  const temporary = `${file}.${process.pid}.tmp`
  writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`)
  renameSync(temporary, file)
}

/**
 * Records one fault scenario's outcome in test-results/faults-summary.json (one entry per
 * scenario). Each scenario writes its own file first and the summary is rebuilt from all of them,
 * so fault suites running in parallel processes never drop each other's entries.
 */
export function recordFaults(scenario: string, record: Omit<FaultRecord, 'lost'>) {
  mkdirSync(dir, { recursive: true })
  const entry: FaultRecord = { ...record, lost: record.acknowledged - record.stored }
  writeAtomically(path.join(dir, `${scenario.replace(/[^a-z0-9-]+/gi, '-')}.json`), {
    scenario,
    recordedAt: new Date().toISOString(),
    ...entry,
  })
  const scenarios = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')))
    .sort((a, b) => String(a.scenario).localeCompare(String(b.scenario)))
  writeAtomically(summaryFile, {
    scenarios,
    totals: {
      faults: scenarios.reduce((n, s) => n + s.faults.length, 0),
      acknowledged: scenarios.reduce((n, s) => n + s.acknowledged, 0),
      stored: scenarios.reduce((n, s) => n + s.stored, 0),
      lost: scenarios.reduce((n, s) => n + s.lost, 0),
    },
  })
  return entry
}

/**
 * The test Redis with a database of the suite's own (`db`), so other suites' relays and workers
 * never take its jobs. Numbers in use: 9 outbox, 11 faults-worker, 12 storage-s3, 13 scale-out.
 */
export function isolatedRedisUrl(db: number) {
  const url = new URL(inject('redisUrl'))
  url.pathname = `/${db}`
  return url.toString()
}

/**
 * Payload on a database of its own on the run's cluster, migrated the way `npm run worker` does:
 * fault suites stop Redis or kill workers, and the other suites' relays (every test process runs
 * one) must not take this suite's outbox rows. Set the environment first; the config reads it.
 */
export async function isolatedPayload(name: string) {
  const server = new URL(inject('databaseUrl'))
  const database = `readylab_test_${name}_${process.pid}_${Date.now()}`
  await createDatabaseIfMissing(server.toString(), database)
  server.pathname = `/${database}`
  const databaseUrl = server.toString()
  process.env.DATABASE_URL = databaseUrl
  const { default: config } = await import('../../src/payload.config')
  const payload = await getPayload({ config, disableOnInit: true })
  await applyMigrations(payload)
  await payload.config.onInit?.(payload)
  // The first account of a database is its admin.
  await payload.create({
    collection: 'users',
    data: {
      email: `placeholder-${name}@test.readylab`,
      password: randomUUID(),
      fullName: 'Placeholder',
      role: 'admin',
    },
    overrideAccess: true,
  })
  return { payload, databaseUrl }
}

/** An educator's course on an isolated database (Local API), for a fault suite's enrollments. */
export async function courseForFaults(payload: Payload, title: string) {
  const educator = await payload.create({
    collection: 'users',
    data: {
      email: `educator-${randomUUID()}@test.readylab`,
      password: randomUUID(),
      fullName: `${title} educator`,
      role: 'educator',
    },
  })
  const course = await payload.create({
    collection: 'courses',
    data: { title, courseType: 'microlearning', educator: educator.id },
  })
  return course.id
}

/** A new student enrolled in the course (Local API): the enrollment's id. */
export async function enrollmentForFaults(payload: Payload, courseId: string) {
  const student = await payload.create({
    collection: 'users',
    data: {
      email: `student-${randomUUID()}@test.readylab`,
      password: randomUUID(),
      fullName: 'Faults student',
      role: 'student',
    },
  })
  const enrollment = await payload.create({
    collection: 'enrollments',
    data: {
      student: student.id,
      course: courseId,
      source: 'admin',
      enrolledAt: new Date().toISOString(),
    },
  })
  return enrollment.id
}

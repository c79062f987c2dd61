import { inject } from 'vitest'

// Runs in each test worker before a test file is imported: point the app at the worker's database.
// Each worker has its own (a copy of the migrated one), and its files run one after another: every
// process relays any outbox row of its database, so with one shared database a job queued by one
// file ran in another file's process, against that file's fake Stripe or Mux (or none), and a
// drain waited for other files' retries.
const worker = Number(process.env.VITEST_POOL_ID || 1)
const databases = inject('workerDatabaseUrls')
process.env.DATABASE_URL = databases[(worker - 1) % databases.length]
// Redis database N for worker N (caches and rate limits keyed by ids of its own database);
// isolatedRedisUrl in tests/helpers/faults.ts hands out 9 and up.
const redis = new URL(inject('redisUrl'))
redis.pathname = `/${worker}`
process.env.TEST_REDIS_URL = redis.toString()
process.env.EMAIL_LOG = 'false'
// Emails from every test process in one file (a test may start app servers or workers of its own).
process.env.EMAIL_CAPTURE_FILE = inject('emailCaptureFile')
process.env.PAYLOAD_LOG_LEVEL ??= 'error'
delete process.env.REDIS_URL
// Scheduled jobs are started by the tests that need them, not by every Payload instance.
process.env.SCHEDULES = 'false'
// As if one reverse proxy appended each test request's (made-up, distinct) address.
process.env.TRUST_PROXY_HOPS = '1'
// Uploaded test images go to a throwaway directory, not the project's media/ folder.
process.env.MEDIA_DIR ??= inject('mediaDir')

import { inject } from 'vitest'

// Runs in each test worker before a test file is imported: point the app at the run's database.
process.env.DATABASE_URL = inject('databaseUrl')
process.env.TEST_REDIS_URL = inject('redisUrl')
process.env.EMAIL_LOG = 'false'
// Emails from every test process in one file: a job may run in another file's process.
process.env.EMAIL_CAPTURE_FILE = inject('emailCaptureFile')
process.env.PAYLOAD_LOG_LEVEL ??= 'error'
delete process.env.REDIS_URL
// Scheduled jobs are started by the tests that need them, not by every Payload instance.
process.env.SCHEDULES = 'false'
// As if one reverse proxy appended each test request's (made-up, distinct) address.
process.env.TRUST_PROXY_HOPS = '1'
// Uploaded test images go to a throwaway directory, not the project's media/ folder.
process.env.MEDIA_DIR ??= inject('mediaDir')

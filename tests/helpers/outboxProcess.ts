// Another app process for tests/int/outbox.int.spec.ts, on the database and Redis in its env:
//   complete <enrollmentId>  commits a course completion (run with OUTBOX_RELAY=false), prints
//                            "committed" and waits to be killed;
//   relay                    starts like the app (onInit starts the relay), relays every pending
//                            row, and exits.
import { getPayload } from 'payload'

import { drainJobs } from '../../src/jobs/relay'
import config from '../../src/payload.config'

const [mode, enrollmentId] = process.argv.slice(2)
const payload = await getPayload({ config })

if (mode === 'complete') {
  await payload.update({
    collection: 'enrollments',
    id: enrollmentId,
    data: { completedAt: new Date().toISOString(), progressPercentage: 100 },
  })
  console.log('committed')
  setInterval(() => {}, 60_000)
} else {
  await drainJobs(payload)
  await payload.destroy()
  process.exit(0)
}

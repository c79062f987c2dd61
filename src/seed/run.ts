// `npm run seed` (and `npm run dev` on an empty database): loads the demo data and prints the logins.
import { getPayload } from 'payload'

import { drainJobs } from '../jobs/relay'
import config from '../payload.config'
import { demoLoginsText, seed } from './index'

const payload = await getPayload({ config })
try {
  await seed(payload)
  // Certificates of demo completions are issued by jobs: let them finish before exiting.
  await drainJobs(payload)
  console.log(`[seed] demo data ready\n${demoLoginsText()}`)
} finally {
  await payload.destroy()
}
process.exit(0)

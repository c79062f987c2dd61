// `npm run analytics:rollup [-- --from YYYY-MM-DD]`: rolls up closed days (a backfill with --from).
import { getPayload } from 'payload'

import config from '../../payload.config'
import { rollUp } from './rollup'

const args = process.argv.slice(2)
const at = args.indexOf('--from')
const from = at >= 0 ? args[at + 1] : undefined
if (at >= 0 && !/^\d{4}-\d{2}-\d{2}$/.test(from ?? '')) {
  console.error('usage: npm run analytics:rollup -- [--from YYYY-MM-DD]')
  process.exit(2)
}
const payload = await getPayload({ config })
try {
  const result = await rollUp(payload, { from })
  console.log(
    result.days
      ? `[analytics] rolled up ${result.days} day(s): ${result.from} … ${result.through}`
      : '[analytics] nothing to roll up (every closed day is done)',
  )
} finally {
  await payload.destroy()
}
process.exit(0)

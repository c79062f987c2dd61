// `npm run env:docs`: writes .env.example and the README's table of variables from
// src/config/environment.ts (tests/unit/environment.spec.ts fails when they drift).
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { renderEnvExample, renderEnvTable } from '../src/config/environment'
import { projectRoot } from './lib/database.mjs'

export const README_MARKERS = ['<!-- env-table:start -->', '<!-- env-table:end -->'] as const

writeFileSync(path.join(projectRoot, '.env.example'), renderEnvExample())
const readmePath = path.join(projectRoot, 'README.md')
const readme = readFileSync(readmePath, 'utf8')
const [start, end] = README_MARKERS
const from = readme.indexOf(start)
const to = readme.indexOf(end)
if (from < 0 || to < from) throw new Error(`README.md lacks the ${start} … ${end} markers`)
writeFileSync(
  readmePath,
  `${readme.slice(0, from + start.length)}\n${renderEnvTable()}\n${readme.slice(to)}`,
)
console.log('wrote .env.example and the README table of variables')

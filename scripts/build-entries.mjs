// `npm run build` (after `next build`): compiles the worker and the migration runner to dist/*.mjs,
// so production starts them with plain node — no tsx, no --conditions=development. Our source is
// bundled; packages stay in node_modules, resolved at run time as Next resolves them.
import { build } from 'esbuild'
import path from 'node:path'

import { projectRoot } from './lib/database.mjs'

await build({
  absWorkingDir: projectRoot,
  entryPoints: {
    'run-worker': 'src/jobs/run-worker.ts',
    'run-migrations': 'src/run-migrations.ts',
  },
  outdir: path.join(projectRoot, 'dist'),
  outExtension: { '.js': '.mjs' },
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'info',
})

import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'

import { projectRoot } from '../../scripts/lib/database.mjs'

/**
 * A TypeScript entry point of this repository as its own process (tsx, development conditions,
 * this process's environment plus `env`). `ready` resolves with the first match of `readyWhen` in
 * its output and rejects, with that output, if it exits first.
 */
export function startScript(
  script: string,
  env: Record<string, string>,
  readyWhen: RegExp,
): { child: ChildProcess; ready: Promise<RegExpMatchArray> } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, script)], {
    cwd: projectRoot,
    env: {
      ...process.env,
      NODE_OPTIONS: '--no-deprecation --conditions=development',
      PAYLOAD_LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stderr!.on('data', (chunk) => (output += chunk))
  const ready = new Promise<RegExpMatchArray>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk
      const match = output.match(readyWhen)
      if (match) resolve(match)
    })
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}):\n${output}`)))
  })
  return { child, ready }
}

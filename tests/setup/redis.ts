import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { Redis } from 'ioredis'

import { freePort } from '../../scripts/lib/database.mjs'
import { until } from '../helpers/wait'

async function ping(url: string) {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  })
  client.on('error', () => {})
  try {
    await client.connect()
    return (await client.ping()) === 'PONG'
  } catch {
    return false
  } finally {
    client.disconnect()
  }
}

/** A real Redis for the tests: TEST_REDIS_URL/REDIS_URL when reachable, else a redis-server we start. */
export async function startTestRedis(): Promise<{ url: string; stop: () => Promise<void> }> {
  const existing = process.env.TEST_REDIS_URL || process.env.REDIS_URL
  if (existing && (await ping(existing))) return { url: existing, stop: async () => {} }
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    throw new Error(
      'redis-server is not installed: run `apt-get install -y redis-server` (.ci/run does this)',
    )
  }
  const port: number = await freePort()
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  )
  const url = `redis://127.0.0.1:${port}`
  await until(() => ping(url), { timeoutMs: 5_000, what: `redis-server to start on port ${port}` })
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM')
    },
  }
}

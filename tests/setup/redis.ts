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
  const server = await startRedisServer()
  return { url: server.url, stop: server.stop }
}

/**
 * A redis-server of our own on a free port. halt() stops it (SIGTERM, nothing persisted: an outage
 * that loses what Redis held) and resume() starts it again on the same port.
 */
export async function startRedisServer() {
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    throw new Error(
      'redis-server is not installed: run `apt-get install -y redis-server` (.ci/run does this)',
    )
  }
  const port: number = await freePort()
  const url = `redis://127.0.0.1:${port}`
  let child: ChildProcess | undefined
  const resume = async () => {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    )
    await until(() => ping(url), {
      timeoutMs: 5_000,
      what: `redis-server to start on port ${port}`,
    })
  }
  const halt = async () => {
    const running = child
    child = undefined
    if (!running || running.exitCode !== null) return
    await new Promise((resolve) => {
      running.once('exit', resolve)
      running.kill('SIGTERM')
    })
  }
  await resume()
  return { url, stop: halt, halt, resume }
}

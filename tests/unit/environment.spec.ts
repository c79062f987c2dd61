import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

import {
  ConfigurationError,
  platformVariables,
  renderEnvExample,
  renderEnvTable,
  validateEnvironment,
  variables,
} from '../../src/config/environment'

const root = path.resolve(__dirname, '../..')
const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://app:pw@db.internal:5432/readylab',
  PAYLOAD_SECRET: 'x'.repeat(40),
  PUBLIC_URL: 'https://learn.example.org',
}

const failure = (env: Record<string, string>, options?: { production?: boolean }) => {
  try {
    validateEnvironment(env, options)
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigurationError)
    return err as ConfigurationError
  }
  throw new Error('expected a configuration error')
}

describe('environment validation', () => {
  it('development needs nothing; empty values count as unset', () => {
    expect(() => validateEnvironment({}, { production: false })).not.toThrow()
    expect(() =>
      validateEnvironment(
        { DATABASE_URL: '', REDIS_URL: ' ', SMTP_PORT: '' },
        { production: false },
      ),
    ).not.toThrow()
  })

  it('production names each missing required variable', () => {
    expect(() => validateEnvironment(production)).not.toThrow()
    for (const name of ['DATABASE_URL', 'PAYLOAD_SECRET', 'PUBLIC_URL']) {
      const err = failure({ ...production, [name]: '' })
      expect(err.variable).toBe(name)
      expect(err.message).toMatch(new RegExp(`^${name} is required in production`))
    }
  })

  it.each([
    ['PAYLOAD_SECRET', 'too-short', /at least 32 characters/],
    ['DATABASE_URL', 'mysql://db/readylab', /postgres:\/\//],
    ['PUBLIC_URL', 'learn.example.org', /http:\/\/ or https:\/\//],
    ['REDIS_URL', 'localhost:6379', /redis:\/\//],
    ['PORT', '80a', /whole number/],
    ['DATABASE_POOL_MAX', '0', /at least 1/],
    ['SMTP_SECURE', 'yes', /true or false/],
    ['STRIPE_SECRET_KEY', 'pk_live_abc', /sk_/],
    ['STRIPE_WEBHOOK_SECRET', 'secret', /whsec_/],
    ['STRIPE_RECONCILE_CRON', 'every 15 minutes', /cron expression/],
    ['MUX_PLAYBACK_TOKEN_TTL', 'two hours', /duration/],
    ['EMAIL_FROM_ADDRESS', 'not-an-address', /email/],
    ['CORS_ORIGINS', 'https://a.example.org,b.example.org', /origins/],
    ['PAYLOAD_LOG_LEVEL', 'loud', /.+/],
  ])('a malformed %s stops the start, named', (name, value, message) => {
    const err = failure({ ...production, [name]: value })
    expect(err.variable).toBe(name)
    expect(err.message.startsWith(`${name} `)).toBe(true)
    expect(err.message).toMatch(message)
    expect(err.message.split('\n')).toHaveLength(1)
  })

  it('shows a malformed ordinary value, never a secret one', () => {
    expect(failure({ ...production, PORT: 'eighty' }).message).toContain('"eighty"')
    const secretValue = 'sk_live_but_this_is_a_publishable_key'.replace('sk_', 'pk_')
    expect(failure({ ...production, STRIPE_SECRET_KEY: secretValue }).message).not.toContain(
      secretValue,
    )
    expect(failure({ ...production, PAYLOAD_SECRET: 'hunter2' }).message).not.toContain('hunter2')
  })

  it('accepts the values .env.example shows', () => {
    const example = Object.fromEntries(
      readFileSync(path.join(root, '.env.example'), 'utf8')
        .split('\n')
        .filter((line) => /^[A-Z0-9_]+=/.test(line))
        .map((line) => line.split(/=(.*)/s).slice(0, 2)),
    )
    expect(() => validateEnvironment({ ...example, ...production })).not.toThrow()
  })
})

describe('documentation generated from the schema', () => {
  it('.env.example is what `npm run env:docs` writes', () => {
    expect(readFileSync(path.join(root, '.env.example'), 'utf8')).toBe(renderEnvExample())
  })

  it("the README's table is what `npm run env:docs` writes", () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8')
    const table = readme.slice(
      readme.indexOf('<!-- env-table:start -->') + '<!-- env-table:start -->'.length,
      readme.indexOf('<!-- env-table:end -->'),
    )
    expect(table.trim()).toBe(renderEnvTable())
  })

  it('the code reads no variable the schema does not declare', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const full = path.join(dir, name)
        if (statSync(full).isDirectory()) return files(full)
        return /\.(ts|tsx|mjs|mts)$/.test(name) && !name.endsWith('payload-types.ts') ? [full] : []
      })
    const read = new Map<string, string>()
    for (const file of [...files(path.join(root, 'src')), ...files(path.join(root, 'scripts'))]) {
      const source = readFileSync(file, 'utf8')
      for (const match of source.matchAll(/process\.env\.([A-Z][A-Z0-9_]*)/g))
        read.set(match[1], path.relative(root, file))
      // Names built at run time, e.g. process.env[`STRIPE_PRICE_${kind}`] or envNumber('RATE_LIMIT_…').
      for (const match of source.matchAll(/envNumber\('([A-Z][A-Z0-9_]*)'/g))
        read.set(match[1], path.relative(root, file))
    }
    expect(read.size).toBeGreaterThan(40)
    const undeclared = [...read].filter(
      ([name]) => !(name in variables) && !platformVariables.includes(name),
    )
    expect(undeclared).toEqual([])
  })
})

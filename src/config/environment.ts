// Every environment variable the app and the worker read, declared once: its check, its default and
// what it is for. `validateEnvironment` runs when a process starts (app, worker, migrations) and stops
// it with one line naming the variable; `.env.example` and the README's table are generated from
// this list (`npm run env:docs`) and a unit test fails when they drift from it.
import { validate as validCron } from 'node-cron'
import { z } from 'zod'

import { parseSigningSeed } from '../services/badges/keys'

type Requirement = 'production'

export type Variable = {
  description: string
  schema: z.ZodType<unknown>
  /** The value `.env.example` shows (the default, or a placeholder). */
  example?: string
  required?: Requirement
  /** Whether a value may be shown in logs and error messages. */
  secret?: boolean
}

type Section = { title: string; note?: string; variables: Record<string, Variable> }

const text = z.string().min(1)
const url = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol)
      } catch {
        return false
      }
    },
    `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
  )
const httpUrl = url(['http:', 'https:'])
const postgresUrl = url(['postgres:', 'postgresql:'])
const integer = (min = 0) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .refine((v) => Number(v) >= min, `must be at least ${min}`)
/** A comma-separated list of values that each satisfy `item`. */
const listOf = (item: z.ZodType, message: string) =>
  z
    .string()
    .refine((v) => v.split(',').every((entry) => item.safeParse(entry.trim()).success), message)
const flag = z.enum(['true', 'false'], { error: 'must be true or false' })
const cron = z.string().refine((v) => validCron(v), 'must be a cron expression (e.g. */15 * * * *)')
const duration = z.string().regex(/^\d+(ms|s|m|h|d)$/, 'must be a duration such as 90s, 2h or 1d')
const email = z.email({ error: 'must be an email address' })
const stripePrice = (what: string, note = ''): Variable => ({
  description: `Price id of ${what}.${note}`,
  schema: z.string().regex(/^price_/, 'must be a Stripe price id (price_…)'),
})

export const sections: Section[] = [
  {
    title: 'Core',
    variables: {
      DATABASE_URL: {
        description:
          'Postgres connection string. Required in production; unset in development = embedded Postgres (real Postgres 15 binaries from npm).',
        schema: postgresUrl,
        required: 'production',
        secret: true,
      },
      DATABASE_READ_REPLICA_URLS: {
        description:
          'Comma-separated connection strings of read replicas: reads outside a transaction go to them, writes and reads shortly after a write to DATABASE_URL.',
        schema: listOf(postgresUrl, 'must be comma-separated postgres:// URLs'),
        secret: true,
      },
      DATABASE_POOL_MAX: {
        description: 'Max connections per app instance.',
        schema: integer(1),
        example: '10',
      },
      SESSION_CACHE: {
        description:
          'Authenticated users are kept in memory and dropped on any committed change to them or their sessions, heard through LISTEN/NOTIFY on one direct connection per process. Set to false when DATABASE_URL is a pooler that does not deliver notifications (PgBouncer in transaction mode).',
        schema: flag,
        example: 'true',
      },
      PAYLOAD_SECRET: {
        description:
          'Signs JWTs and cookies. Required in production (at least 32 characters); not needed to build.',
        schema: z.string().min(32, 'must be at least 32 characters (use a long random string)'),
        required: 'production',
        secret: true,
      },
      PUBLIC_URL: {
        description:
          'Public base URL of the app (links in emails, certificate QR codes, badges). Required in production; in development without it, the origin each request was made to (jobs: http://localhost:$PORT).',
        schema: httpUrl,
        example: 'http://localhost:3000',
        required: 'production',
      },
      PORT: {
        description: 'Port for `npm run dev` / `npm start`.',
        schema: integer(1),
        example: '3000',
      },
      SHUTDOWN_TIMEOUT_MS: {
        description:
          'On SIGTERM, `npm start` stops accepting connections and waits this long for requests in flight.',
        schema: integer(0),
        example: '25000',
      },
      CORS_ORIGINS: {
        description:
          'Comma-separated frontend origins allowed for CORS/CSRF (cookie auth from another origin).',
        schema: listOf(httpUrl, 'must be comma-separated http(s) origins'),
      },
      PAYLOAD_LOG_LEVEL: {
        description: 'Log level: trace | debug | info | warn | error | fatal (default info).',
        schema: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']),
      },
      MEDIA_DIR: {
        description:
          'Where uploaded images and certificate PDFs are stored (local disk; default ./media).',
        schema: text,
      },
    },
  },
  {
    title: 'File storage (S3-compatible)',
    note: 'Unset S3_BUCKET = uploaded images and certificate PDFs are stored on local disk (MEDIA_DIR). Several app instances need S3 (or one shared disk).',
    variables: {
      S3_BUCKET: {
        description:
          'Bucket that holds media and certificate files (under media/ and certificate-files/).',
        schema: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name'),
      },
      S3_REGION: {
        description: 'Region of the bucket.',
        schema: text,
        example: 'us-east-1',
      },
      S3_ENDPOINT: {
        description:
          'Endpoint of an S3-compatible service (MinIO, R2, a loopback fake in tests). Unset = AWS S3.',
        schema: httpUrl,
      },
      S3_ACCESS_KEY_ID: {
        description:
          'Access key id. Unset = the AWS SDK default chain (instance role, AWS_* variables).',
        schema: text,
      },
      S3_SECRET_ACCESS_KEY: { description: 'Secret access key.', schema: text, secret: true },
      S3_FORCE_PATH_STYLE: {
        description:
          'Path-style URLs (bucket in the path), as MinIO and most S3-compatible services need.',
        schema: flag,
        example: 'false',
      },
    },
  },
  {
    title: 'Redis (rate limits shared across instances; BullMQ queues)',
    variables: {
      REDIS_URL: {
        description:
          'Unset = in-memory rate limits and the in-process job runner. Set = jobs run in `npm run worker` processes.',
        schema: url(['redis:', 'rediss:']),
        secret: true,
      },
    },
  },
  {
    title: 'Rate limits (requests per window per client IP)',
    variables: {
      RATE_LIMIT_AUTH_MAX: {
        description: 'Logins, signups and password resets a minute.',
        schema: integer(1),
        example: '20',
      },
      RATE_LIMIT_INQUIRY_MAX: {
        description: 'Institution inquiries per 10 minutes.',
        schema: integer(1),
        example: '5',
      },
    },
  },
  {
    title: 'Email',
    variables: {
      SMTP_HOST: {
        description: 'Unset SMTP_HOST = emails are logged to the console.',
        schema: text,
      },
      SMTP_PORT: { description: 'SMTP port.', schema: integer(1), example: '587' },
      SMTP_SECURE: {
        description: 'TLS from the first byte (port 465).',
        schema: flag,
        example: 'false',
      },
      SMTP_USER: { description: 'SMTP user.', schema: text },
      SMTP_PASS: { description: 'SMTP password.', schema: text, secret: true },
      EMAIL_FROM_ADDRESS: {
        description: 'Sender address.',
        schema: email,
        example: 'no-reply@thereadylab.local',
      },
      EMAIL_FROM_NAME: { description: 'Sender name.', schema: text, example: 'The Ready Lab' },
      EMAIL_LOG: {
        description: 'Without SMTP_HOST, false stops printing emails to the console.',
        schema: flag,
        example: 'true',
      },
      INVITATION_EXPIRY_DAYS: {
        description:
          'Days an invitation link (a student added to a cohort by email without an account) stays valid.',
        schema: integer(1),
        example: '7',
      },
      EMAIL_CAPTURE_FILE: {
        description:
          'Without SMTP_HOST, also append every email as a JSON line to this file (to read what was sent; the tests share one across processes). Never in production.',
        schema: z.string().min(1),
        example: '/tmp/readylab-emails.jsonl',
      },
    },
  },
  {
    title: 'Demo data',
    variables: {
      DEMO_PASSWORD: {
        description: 'Password of the seeded demo accounts (npm run dev / npm run seed).',
        schema: z.string().min(8, 'must be at least 8 characters'),
        example: 'readylab-demo-2026',
        secret: true,
      },
    },
  },
  {
    title: 'Jobs',
    variables: {
      JOB_BACKOFF_MS: {
        description: 'Base retry delay in ms (doubles per attempt, capped at 60 s).',
        schema: integer(1),
        example: '1000',
      },
      WORKER_CONCURRENCY: {
        description: 'Jobs a worker process runs at once per queue.',
        schema: integer(1),
        example: '4',
      },
      WORKER_LOCK_MS: {
        description:
          "How long (ms) a worker holds a job without renewing its lock; a killed worker's jobs run again after about twice this.",
        schema: integer(1000),
        example: '30000',
      },
      OUTBOX_POLL_MS: {
        description:
          'How often (ms) a relay also polls the outbox; commits wake it at once through LISTEN/NOTIFY.',
        schema: integer(10),
        example: '1000',
      },
      OUTBOX_RELAY: {
        description:
          'Set to false in a process that should not relay outbox rows to the jobs (another process must).',
        schema: flag,
        example: 'true',
      },
      SCHEDULES: {
        description:
          'Set to false in a process that should not run recurring jobs (another process must).',
        schema: flag,
        example: 'true',
      },
    },
  },
  {
    title: 'Course reviews',
    variables: {
      REVIEW_MIN_PROGRESS: {
        description:
          'Share of a course (percent of its lessons) a student must have completed to review it.',
        schema: integer(0).refine((v) => Number(v) <= 100, 'must be at most 100'),
        example: '50',
      },
    },
  },
  {
    title: 'Certificates',
    variables: {
      LINKEDIN_ORGANIZATION_ID: {
        description: 'LinkedIn add-to-profile: organization id (preferred).',
        schema: z.string().regex(/^\d+$/, 'must be the numeric LinkedIn organization id'),
      },
      LINKEDIN_ORGANIZATION_NAME: {
        description: 'LinkedIn add-to-profile: display name when no organization id is set.',
        schema: text,
        example: 'The Ready Lab',
      },
      BADGE_SIGNING_KEY: {
        description:
          'Ed25519 key that signs Open Badges (a Multikey secret `z…` or the 32-byte seed in base64). Unset = derived from PAYLOAD_SECRET (rotating that secret then changes the key).',
        schema: z.string().refine((value) => {
          try {
            parseSigningSeed(value)
            return true
          } catch {
            return false
          }
        }, 'must be an Ed25519 secret key: a Multikey (z…) or the 32-byte seed in base64'),
        secret: true,
      },
      CERTIFICATE_FONT_DIR: {
        description:
          'Directory holding DejaVuSans.ttf / DejaVuSans-Bold.ttf (default: the dejavu-fonts-ttf package).',
        schema: text,
      },
      RATE_LIMIT_VERIFY_MAX: {
        description: 'Public verification requests per minute per client IP.',
        schema: integer(1),
        example: '60',
      },
      RATE_LIMIT_POSTING_MAX: {
        description: 'Posts, comments and chat messages per minute per client IP.',
        schema: integer(1),
        example: '30',
      },
    },
  },
  {
    title: 'Mux (video and live)',
    note: 'Unset = those endpoints answer 503; the rest works.',
    variables: {
      MUX_TOKEN_ID: { description: 'API access token id.', schema: text },
      MUX_TOKEN_SECRET: { description: 'API access token secret.', schema: text, secret: true },
      MUX_WEBHOOK_SECRET: {
        description:
          'Signing secret of the webhook configured in the Mux dashboard (POST /api/webhooks/mux).',
        schema: text,
        secret: true,
      },
      MUX_SIGNING_KEY_ID: {
        description: 'Signed playback: signing key id. Unset = public playback ids.',
        schema: text,
      },
      MUX_SIGNING_KEY: {
        description: 'Signed playback: the base64 private key.',
        schema: z.string().regex(/^[A-Za-z0-9+/=\s]+$/, 'must be base64'),
        secret: true,
      },
      MUX_PLAYBACK_TOKEN_TTL: {
        description: 'Lifetime of playback tokens.',
        schema: duration,
        example: '2h',
      },
      MUX_CORS_ORIGIN: {
        description: 'Origin allowed to PUT to direct-upload URLs (defaults to PUBLIC_URL).',
        schema: httpUrl,
      },
      MUX_BASE_URL: {
        description: 'API base URL override (tests point the SDK at a local fake).',
        schema: httpUrl,
      },
    },
  },
  {
    title: 'Stripe (payments)',
    note: 'Unset = payment endpoints answer 503; the rest works.',
    variables: {
      STRIPE_SECRET_KEY: {
        description: 'Secret API key (sk_test_... for test mode).',
        schema: z.string().regex(/^(sk|rk)_/, 'must be a Stripe secret key (sk_… or rk_…)'),
        secret: true,
      },
      STRIPE_WEBHOOK_SECRET: {
        description:
          'Signing secret of the webhook endpoint (POST /api/webhooks/stripe), or the one `stripe listen` prints.',
        schema: z.string().regex(/^whsec_/, 'must be a webhook signing secret (whsec_…)'),
        secret: true,
      },
      STRIPE_API_BASE: {
        description:
          'API base URL override (tests point the SDK at a loopback fake), e.g. http://127.0.0.1:12111',
        schema: httpUrl,
      },
      STRIPE_MAX_NETWORK_RETRIES: {
        description: 'Network retries of the Stripe SDK (idempotent by key).',
        schema: integer(0),
        example: '2',
      },
      STRIPE_PRICE_BASIC: stripePrice(
        'the basic educator plan',
        ' Unset = a monthly price created on first use.',
      ),
      STRIPE_PRICE_PRO: stripePrice('the pro educator plan'),
      STRIPE_PRICE_ENTERPRISE: stripePrice('the enterprise educator plan'),
      STRIPE_PRICE_SEAT: stripePrice('an institution seat'),
      PAYOUT_MINIMUM_CENTS: {
        description: 'Smallest educator withdrawal, in cents.',
        schema: integer(1),
        example: '1000',
      },
      STRIPE_RECONCILE_CRON: {
        description: 'When missed Stripe events are reconciled (cron syntax).',
        schema: cron,
        example: '*/15 * * * *',
      },
    },
  },
  {
    title: 'Analytics',
    variables: {
      ANALYTICS_RETENTION_DAYS: {
        description:
          'Days of raw analytics events kept (0 = forever). Daily rollups are kept regardless.',
        schema: integer(0),
        example: '365',
      },
      ANALYTICS_ROLLUP_CRON: {
        description:
          'When closed days are rolled up and retention is enforced (cron syntax, UTC days).',
        schema: cron,
        example: '15 0 * * *',
      },
    },
  },
  {
    title: 'xAPI (learning record store)',
    note: 'Unset XAPI_ENDPOINT = nothing is forwarded.',
    variables: {
      XAPI_ENDPOINT: {
        description:
          "The LRS's xAPI endpoint; statements are POSTed to <endpoint>/statements (xAPI 1.0.3).",
        schema: httpUrl,
      },
      XAPI_USERNAME: { description: 'Basic auth key of the LRS.', schema: text },
      XAPI_PASSWORD: { description: 'Basic auth secret of the LRS.', schema: text, secret: true },
      XAPI_CRON: {
        description: 'When unforwarded analytics events are sent (cron syntax).',
        schema: cron,
        example: '* * * * *',
      },
    },
  },
  {
    title: 'AI (OpenAI)',
    note: 'Unset key = every AI endpoint answers from the local ranking.',
    variables: {
      OPENAI_API_KEY: { description: 'API key.', schema: text, secret: true },
      OPENAI_BASE_URL: {
        description:
          "Another endpoint (the SDK's own variable; tests point it at a loopback fake).",
        schema: httpUrl,
      },
      OPENAI_MODEL: { description: 'Chat model.', schema: text, example: 'gpt-4o-mini' },
      AI_TIMEOUT_MS: {
        description:
          "The model's time budget per call; slower answers fall back to the local ranking.",
        schema: integer(1),
        example: '4000',
      },
      AI_CACHE_TTL_MS: {
        description:
          "How long a student's recommendations are cached (recomputed sooner when what they depend on changes).",
        schema: integer(0),
        example: '21600000',
      },
      AI_PRECOMPUTE_CRON: {
        description: 'When recommendations of recently active students are precomputed.',
        schema: cron,
        example: '*/30 * * * *',
      },
      AI_PRECOMPUTE: {
        description: 'false turns the precomputation off.',
        schema: flag,
        example: 'true',
      },
      RATE_LIMIT_AI_MAX: {
        description: 'AI calls a minute per user.',
        schema: integer(1),
        example: '30',
      },
    },
  },
  {
    title: 'Reverse proxy',
    variables: {
      TRUST_PROXY_HOPS: {
        description:
          'How many reverse proxies in front of the app append to X-Forwarded-For (rate limits key on the client they saw). 0 = the header is not trusted and every client shares one rate-limit bucket: set it behind a proxy.',
        schema: integer(0),
        example: '0',
      },
    },
  },
]

export const variables: Record<string, Variable> = Object.assign(
  {},
  ...sections.map((s) => s.variables),
)

/**
 * Read by the platform, not by us: Node, Next and the tools set them. Listed so the drift test knows
 * every `process.env` name in the code.
 */
export const platformVariables = [
  'NODE_ENV',
  'NEXT_PHASE',
  'NODE_OPTIONS',
  'PATH',
  'HOME',
  // Development and test only: where the embedded cluster lives, regenerate types on save.
  'READYLAB_DATA_DIR',
  'PAYLOAD_AUTOGENERATE_TYPES',
]

export class ConfigurationError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message)
    this.name = 'ConfigurationError'
  }
}

/**
 * Checks every declared variable (empty = unset) and throws a ConfigurationError naming the first
 * one that is missing or malformed. Production needs its `required` ones.
 */
export function validateEnvironment(
  env: Record<string, string | undefined> = process.env,
  { production = env.NODE_ENV === 'production' } = {},
): void {
  for (const [name, variable] of Object.entries(variables)) {
    const value = env[name]?.trim()
    if (!value) {
      if (production && variable.required === 'production')
        throw new ConfigurationError(
          name,
          `${name} is required in production: ${variable.description}`,
        )
      continue
    }
    const result = variable.schema.safeParse(value)
    if (!result.success) {
      const shown = variable.secret ? '' : ` (got "${value.slice(0, 80)}")`
      throw new ConfigurationError(name, `${name} ${result.error.issues[0].message}${shown}`)
    }
  }
}

/** For process entry points: a bad configuration ends the process with one line naming the variable. */
export function validateEnvironmentOrExit(processName: string): void {
  try {
    validateEnvironment()
  } catch (err) {
    if (!(err instanceof ConfigurationError)) throw err
    console.error(`[${processName}] configuration error: ${err.message}`)
    process.exit(1)
  }
}

const wrap = (text: string, width = 100) => {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line && `${line} ${word}`.length > width - 2) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  return [...lines, line].map((l) => `# ${l}`)
}

/** The `.env.example` file, from the list above. */
export function renderEnvExample(): string {
  const out = [
    '# Generated from src/config/environment.ts by `npm run env:docs`; edit that file, not this one.',
    '# Every variable is optional for `npm run dev`: with none set, the app starts an embedded Postgres',
    '# in .data/postgres, runs jobs in-process, logs emails to the console, and disables Stripe/Mux/OpenAI.',
    '# Production (NODE_ENV=production) requires DATABASE_URL, PAYLOAD_SECRET and PUBLIC_URL.',
  ]
  for (const section of sections) {
    out.push('', `# --- ${section.title} ---`)
    if (section.note) out.push(...wrap(section.note))
    for (const [name, variable] of Object.entries(section.variables)) {
      out.push(...wrap(variable.description), `${name}=${variable.example ?? ''}`)
    }
  }
  return `${out.join('\n')}\n`
}

/** The README's table of variables (between its env-table markers). */
export function renderEnvTable(): string {
  const rows = sections.flatMap((section) =>
    Object.entries(section.variables).map(([name, variable]) => {
      const note = section.note ? ` ${section.note}` : ''
      const first = Object.keys(section.variables)[0] === name
      return `| \`${name}\` | ${variable.required === 'production' ? 'production' : ''} | ${variable.example ? `\`${variable.example}\`` : ''} | ${variable.description.replaceAll('|', '\\|')}${first ? note : ''} |`
    }),
  )
  return ['| variable | required | default | what it is for |', '|---|---|---|---|', ...rows].join(
    '\n',
  )
}

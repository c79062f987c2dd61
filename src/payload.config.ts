import { postgresAdapter } from '@payloadcms/db-postgres'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { en } from '@payloadcms/translations/languages/en'
import { es } from '@payloadcms/translations/languages/es'
import { buildConfig, defaultLoggerOptions } from 'payload'
import sharp from 'sharp'

import { dashboard } from './admin/dashboard'
import { customTranslations } from './admin/i18n'
import { withNavigation } from './admin/navigation'
import { withEditLockInTransaction } from './hooks/editLockInTransaction'
import { CertificateFiles } from './collections/CertificateFiles'
import { Certifications } from './collections/Certifications'
import { CohortEnrollments } from './collections/CohortEnrollments'
import { Cohorts } from './collections/Cohorts'
import { Comments } from './collections/Comments'
import { Communities } from './collections/Communities'
import { CommunityMembers } from './collections/CommunityMembers'
import { Courses } from './collections/Courses'
import { CourseReviews } from './collections/CourseReviews'
import { Enrollments } from './collections/Enrollments'
import { InstitutionInquiries } from './collections/InstitutionInquiries'
import { JobFailures } from './collections/JobFailures'
import { Outbox } from './collections/Outbox'
import { LiveChatMessages } from './collections/Live/LiveChatMessages'
import { LiveParticipants } from './collections/Live/LiveParticipants'
import { LivePolls, LivePollVotes } from './collections/Live/LivePolls'
import { LiveStreams } from './collections/Live/LiveStreams'
import { LessonProgress } from './collections/LessonProgress'
import { Lessons } from './collections/Lessons'
import { Media } from './collections/Media'
import { Posts } from './collections/Posts'
import { QuestionBanks } from './collections/QuestionBanks'
import { Quizzes } from './collections/Quizzes'
import { QuizAttempts } from './collections/QuizAttempts'
import { Reactions } from './collections/Reactions'
import { Users } from './collections/Users'
import { UserInvitations } from './collections/UserInvitations'
import { VideoAssets } from './collections/VideoAssets'
import { WebhookEvents } from './collections/WebhookEvents'
import { EducatorSubscriptions } from './collections/EducatorSubscriptions'
import { Invoices } from './collections/Invoices'
import { Licenses } from './collections/Licenses'
import { Payouts } from './collections/Payouts'
import { PlatformFees } from './collections/PlatformFees'
import { Purchases } from './collections/Purchases'
import { AnalyticsDaily } from './collections/AnalyticsDaily'
import { AnalyticsEvents } from './collections/AnalyticsEvents'
import { authEndpoints } from './endpoints/auth'
import { invitationEndpoints } from './endpoints/auth/invitations'
import { cohortEndpoints } from './endpoints/cohorts'
import { DEVELOPMENT_SECRET } from './lib/constants'
import { certificateRootEndpoints } from './endpoints/certifications'
import { badgeEndpoints } from './endpoints/badges'
import { studentLearningEndpoints } from './endpoints/courses/students'
import { educatorEndpoints, institutionEndpoints, studentEndpoints } from './endpoints/onboarding'
import { openAPIEndpoint } from './endpoints/openapi'
import { healthEndpoints } from './endpoints/health'
import { liveEndpoints } from './endpoints/live'
import { muxWebhookEndpoint } from './endpoints/webhooks/mux'
import { stripeWebhookEndpoint } from './endpoints/webhooks/stripe'
import { paymentEndpoints } from './endpoints/payments'
import { analyticsEndpoints } from './endpoints/analytics'
import { aiEndpoints } from './endpoints/ai'
import { startRelay } from './jobs/relay'
import { listenForUserChanges } from './collections/Users/sessionCache'
import { startSchedules } from './jobs/schedules'
import { clientErrorsAreBadRequests } from './hooks/clientErrors'
import { databaseOutageIsUnavailable } from './hooks/databaseOutage'
import { accessQuery } from './graphql/access'
import { AuditLog } from './collections/AuditLog'
import { guardBuiltInCollections } from './collections/Internal'
import { validateEnvironment } from './config/environment'
import { logContext } from './lib/requestContext'
import { withCheckedCommits } from './lib/checkedCommits'
import { withListCap } from './lib/pagination'
import { cookieOrigins, corsOrigins } from './lib/origins'
import { emailAdapter } from './services/email'
import { resilientPg } from './lib/pgPool'
import { withFileStorage } from './lib/storage'

// Credentials that must never reach a log line, wherever a logged object carries them.
const redactedLogPaths = [
  '*.authorization',
  '*.cookie',
  '*.password',
  '*.token',
  '*.secret',
  '*.headers.authorization',
  '*.headers.cookie',
]

const filename = fileURLToPath(import.meta.url)
const dirname = path.dirname(filename)

// `next build` loads this config too: the environment (production needs PAYLOAD_SECRET,
// DATABASE_URL, PUBLIC_URL) is checked when a server or worker starts, not when the image is built.
if (process.env.NEXT_PHASE !== 'phase-production-build') validateEnvironment()
const secret = process.env.PAYLOAD_SECRET
const production = process.env.NODE_ENV === 'production'
const replicaUrls = (value?: string) => {
  const urls = (value ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean)
  return urls.length ? urls : undefined
}

export default buildConfig({
  admin: {
    user: Users.slug,
    importMap: { baseDir: path.resolve(dirname) },
    meta: {
      title: 'The Ready Lab',
      titleSuffix: '— The Ready Lab',
      description: 'Courses, cohorts and certificates: the admin of The Ready Lab.',
      // Our own files under public/ (same origin: the CSP's img-src 'self').
      icons: [{ rel: 'icon', type: 'image/svg+xml', url: '/favicon.svg' }],
      defaultOGImageType: 'off',
      openGraph: {
        siteName: 'The Ready Lab',
        title: 'The Ready Lab',
        description: 'Courses, cohorts and certificates.',
        images: [{ url: '/og-image.png', width: 1200, height: 630, alt: 'The Ready Lab' }],
      },
    },
    // The profile image or initials; Payload's default asks gravatar.com for every admin user.
    avatar: { Component: '/components/admin/Avatar#Avatar' },
    components: {
      // The admin follows the signed-in user's language (src/components/admin/LanguageSync.tsx);
      // Payload's own widgets get the accessible names they lack (UpstreamA11y.tsx).
      providers: [
        '/components/admin/LanguageSync#LanguageSync',
        '/components/admin/UpstreamA11y#UpstreamA11y',
      ],
      graphics: {
        Logo: '/components/admin/brand/Logo#Logo',
        Icon: '/components/admin/brand/Icon#Icon',
      },
    },
    // Each role's first screen: its numbers, then the collection cards (src/admin/dashboard.ts).
    dashboard,
  },
  // Every list is capped for non-admin clients (src/lib/pagination.ts); the admin's navigation
  // groups collections and shows each role its own (src/admin/navigation.ts).
  collections: withNavigation(
    [
      Users,
      UserInvitations,
      Media,
      Courses,
      CourseReviews,
      Lessons,
      QuestionBanks,
      Quizzes,
      QuizAttempts,
      Enrollments,
      LessonProgress,
      Cohorts,
      CohortEnrollments,
      VideoAssets,
      LiveStreams,
      LiveParticipants,
      LiveChatMessages,
      LivePolls,
      LivePollVotes,
      WebhookEvents,
      Certifications,
      CertificateFiles,
      Communities,
      CommunityMembers,
      Posts,
      Comments,
      Reactions,
      InstitutionInquiries,
      Purchases,
      EducatorSubscriptions,
      Payouts,
      PlatformFees,
      Licenses,
      Invoices,
      AnalyticsEvents,
      AnalyticsDaily,
      JobFailures,
      Outbox,
      AuditLog,
    ]
      .map(withListCap)
      .map(withEditLockInTransaction)
      // Uploads in S3-compatible storage when S3_BUCKET is set (src/lib/storage).
      .map(withFileStorage),
  ),
  // Root endpoints; collection endpoints are declared in each collection's config.
  endpoints: [
    ...authEndpoints,
    ...invitationEndpoints,
    ...cohortEndpoints,
    ...studentEndpoints,
    ...studentLearningEndpoints,
    ...educatorEndpoints,
    ...institutionEndpoints,
    ...certificateRootEndpoints,
    ...badgeEndpoints,
    ...liveEndpoints,
    ...paymentEndpoints,
    ...analyticsEndpoints,
    ...aiEndpoints,
    muxWebhookEndpoint,
    stripeWebhookEndpoint,
    openAPIEndpoint,
    ...healthEndpoints,
  ],
  // The admin in English and Spanish: Payload's translations, ours (src/admin/i18n.ts), and the
  // user's `language` through Payload's language cookie (collections/Users/hooks/languageCookie.ts).
  i18n: {
    supportedLanguages: { en, es },
    fallbackLanguage: 'en',
    translations: customTranslations,
  },
  editor: lexicalEditor(),
  email: emailAdapter,
  // Only the embedded default gets a development secret; production refuses to start without one.
  secret: secret || DEVELOPMENT_SECRET,
  serverURL: process.env.PUBLIC_URL || '',
  cors: corsOrigins(),
  csrf: cookieOrigins(),
  typescript: {
    outputFile: path.resolve(dirname, 'payload-types.ts'),
    autoGenerate: process.env.PAYLOAD_AUTOGENERATE_TYPES === 'true',
  },
  graphQL: {
    disablePlaygroundInProduction: true,
    // Payload's Access query answered an error for any permission the caller lacks (src/graphql/access.ts).
    queries: (_graphQL, { Query }) => ({ Access: accessQuery(Query.fields.Access) }),
  },
  upload: { limits: { fileSize: 5 * 1024 * 1024 } },
  // Commits are checked: Payload's adapter acknowledges a COMMIT that failed (src/lib/checkedCommits.ts).
  db: withCheckedCommits(
    postgresAdapter({
      // Survives a Postgres restart without restarting the app (src/lib/pgPool.ts).
      pg: resilientPg,
      pool: {
        connectionString: process.env.DATABASE_URL || '',
        max: Number(process.env.DATABASE_POOL_MAX || 10),
      },
      idType: 'uuid',
      // Reads outside a transaction (and not just after a write) go to the replicas when set.
      readReplicas: replicaUrls(process.env.DATABASE_READ_REPLICA_URLS),
      // Schema changes only through committed migrations (npm run migrate:create / migrate).
      push: false,
      migrationDir: path.resolve(dirname, 'migrations'),
      // No prodMigrations: Payload would run them in every process at once, without a lock.
      // `npm start` applies them under an advisory lock first (src/lib/migrations.ts).
    }),
  ),
  sharp,
  hooks: { afterError: [clientErrorsAreBadRequests, databaseOutageIsUnavailable] },
  onInit: async (payload) => {
    // Every app and worker process relays committed outbox rows (SKIP LOCKED shares the work).
    if (process.env.OUTBOX_RELAY !== 'false') startRelay(payload)
    // Authenticated users are cached while this process hears about their changes.
    if (process.env.SESSION_CACHE !== 'false') listenForUserChanges(payload)
    // Recurring jobs (Stripe reconciliation); each slot is queued once across instances.
    if (process.env.SCHEDULES !== 'false') startSchedules(payload)
  },
  telemetry: false,
  // Client mistakes (4xx) are routine; keep the error log for real failures.
  loggingLevels: {
    APIError: 'info',
    AuthenticationError: 'info',
    Forbidden: 'info',
    LockedAuth: 'info',
    NotFound: 'info',
    ValidationError: 'info',
  },
  logger: {
    options: {
      level: process.env.PAYLOAD_LOG_LEVEL || 'info',
      // Every line written while handling a request or a job names them (src/lib/requestContext.ts).
      mixin: logContext,
      redact: { paths: redactedLogPaths, censor: '[redacted]' },
    },
    // One JSON object per line in production, for log collectors; readable lines in development.
    ...(production ? {} : { destination: defaultLoggerOptions }),
  },
}).then(guardBuiltInCollections)

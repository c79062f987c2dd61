/**
 * The DECLARED access rules (docs/DESIGN.md §3): for every collection of the built config, who may
 * create, read, update and delete its world document (tests/access/world.ts), and who may see each
 * secret field on it. tests/int/access-matrix.int.spec.ts performs every cell over REST and GraphQL
 * and fails on any difference — and on any collection without a rule here.
 */

export const ACTORS = [
  'anonymous',
  'student',
  'enrolledStudent',
  'educator',
  'otherEducator',
  'institution',
  'otherInstitution',
  'admin',
] as const
export type Actor = (typeof ACTORS)[number]

export const OPERATIONS = ['create', 'read', 'update', 'delete'] as const
export type Operation = (typeof OPERATIONS)[number]

type Who = readonly Actor[]

export type Secret = {
  /** Path in the document; array items are looked into (`questions.correctAnswer`). */
  field: string
  who: Who
  /** Another world document than the collection's own (World.extra). */
  doc?: string
}

export type Rule = Record<Operation, Who> & {
  secrets?: Secret[]
  /**
   * Allowed creates that cannot succeed and stop after access, at validation: GraphQL cannot carry
   * an upload's file; a table whose every row exists already refuses a duplicate.
   */
  createStopsAtValidation?: readonly ('rest' | 'graphql')[]
  /** Operations whose REST route takes the document's `key`, not its id (Payload's preferences). */
  restByKey?: readonly Operation[]
  /** No REST route or GraphQL operation at all: every cell is denied. */
  noApi?: boolean
  note?: string
}

const nobody: Who = []
const admin: Who = ['admin']
const everyone: Who = ACTORS
const signedIn: Who = ACTORS.filter((a) => a !== 'anonymous')
const educators: Who = ['educator', 'otherEducator', 'admin']
/** Roles that may use the admin panel (users.access.admin). */
const panelRoles: Who = ['educator', 'otherEducator', 'institution', 'otherInstitution', 'admin']
/** Who reads a student's learning record: the student, the course's educator, their cohort's institution, admins. */
const learnerRecord: Who = ['enrolledStudent', 'educator', 'institution', 'admin']
/** Who takes part in a course-only live session. */
const liveSession: Who = ['enrolledStudent', 'educator', 'admin']

/** Only the course's educator and admins see an answer key (src/fields/quizQuestion.ts). */
const courseStaff: Who = ['educator', 'admin']
/** Every answer-key field of a question (ANSWER_KEY_FIELDS), under `path`. */
const answerKeys = (path: string): Secret[] =>
  [
    'correctAnswer',
    'correctAnswers',
    'correctBoolean',
    'acceptedAnswers',
    'numericAnswer',
    'tolerance',
    'correctOrder',
    'correctMatches',
    'optionFeedback',
    'explanation',
  ].map((key) => ({ field: `${path}.${key}`, who: courseStaff }))

/** Server-written records only admins look at. */
const adminReadOnly = { create: nobody, read: admin, update: nobody, delete: nobody }

export const rules: Record<string, Rule> = {
  users: {
    create: admin,
    read: everyone,
    update: ['enrolledStudent', 'admin'],
    // A fresh user is the target of delete; deleting yourself is covered in users.int.
    delete: admin,
    secrets: [
      { field: 'email', who: ['enrolledStudent', 'admin'] },
      { field: 'stripeCustomerId', who: admin },
      { field: 'resetPasswordToken', who: nobody },
      { field: 'hash', who: nobody },
      { field: 'salt', who: nobody },
      { field: 'studentProfile.interests', who: ['enrolledStudent', 'admin'] },
      { field: 'email', who: ['educator', 'admin'], doc: 'educatorUser' },
      { field: 'educatorProfile.stripeConnectId', who: admin, doc: 'educatorUser' },
    ],
  },
  media: {
    create: signedIn,
    read: everyone,
    update: ['educator', 'admin'],
    delete: ['educator', 'admin'],
    createStopsAtValidation: ['graphql'],
  },
  courses: {
    create: educators,
    read: everyone,
    update: ['educator', 'admin'],
    delete: ['educator', 'admin'],
  },
  lessons: {
    create: ['educator', 'admin'],
    read: everyone,
    update: ['educator', 'admin'],
    delete: ['educator', 'admin'],
    secrets: [{ field: 'content', who: ['enrolledStudent', 'educator', 'admin'] }],
  },
  quizzes: {
    create: courseStaff,
    read: courseStaff,
    update: courseStaff,
    delete: courseStaff,
    // The world quiz has a question of every type.
    secrets: answerKeys('questions'),
  },
  'question-banks': {
    // The course's pool of questions: its educator and admins only (students get drawn questions
    // through their attempt, without keys).
    create: courseStaff,
    read: courseStaff,
    update: courseStaff,
    delete: courseStaff,
    secrets: answerKeys('questions'),
  },
  'quiz-attempts': {
    create: nobody,
    read: learnerRecord,
    update: nobody,
    delete: admin,
    // The attempt's question snapshot carries the keys; its points per question give away a
    // true/false key. The student and their institution read the attempt, not these.
    secrets: [
      { field: 'questions', who: courseStaff },
      { field: 'results', who: courseStaff },
    ],
  },
  enrollments: { create: admin, read: learnerRecord, update: admin, delete: admin },
  'lesson-progress': { create: nobody, read: learnerRecord, update: nobody, delete: admin },
  cohorts: {
    create: ['institution', 'otherInstitution', 'admin'],
    read: ['institution', 'admin'],
    update: ['institution', 'admin'],
    delete: ['institution', 'admin'],
  },
  'cohort-enrollments': {
    create: ['institution', 'admin'],
    read: ['enrolledStudent', 'institution', 'admin'],
    update: ['institution', 'admin'],
    delete: ['institution', 'admin'],
  },
  'video-assets': {
    create: nobody,
    read: ['educator', 'admin'],
    update: nobody,
    delete: ['educator', 'admin'],
    secrets: [{ field: 'playbackId', who: ['educator', 'admin'] }],
  },
  'live-streams': {
    create: nobody,
    read: liveSession,
    update: ['educator', 'admin'],
    delete: ['educator', 'admin'],
    secrets: [
      { field: 'streamKey', who: ['educator', 'admin'] },
      { field: 'playbackId', who: liveSession },
    ],
  },
  'live-participants': {
    create: nobody,
    read: liveSession,
    update: nobody,
    delete: admin,
  },
  'live-chat-messages': { create: nobody, read: liveSession, update: nobody, delete: admin },
  'live-polls': { create: nobody, read: liveSession, update: ['educator', 'admin'], delete: admin },
  'live-poll-votes': {
    create: nobody,
    read: ['enrolledStudent', 'admin'],
    update: nobody,
    delete: admin,
  },
  'webhook-events': { create: nobody, read: admin, update: nobody, delete: admin },
  certifications: { create: nobody, read: learnerRecord, update: admin, delete: admin },
  'certificate-files': {
    create: nobody,
    read: admin,
    update: nobody,
    delete: admin,
  },
  'course-reviews': {
    // Written through POST /api/courses/:id/reviews (enrolment and progress checked): the
    // collection create is admins'. The world review is hidden by a moderator.
    create: admin,
    read: ['enrolledStudent', 'educator', 'admin'],
    update: ['enrolledStudent', 'admin'],
    delete: ['enrolledStudent', 'admin'],
    // A visible review of a published course: everyone reads it.
    secrets: [{ field: 'rating', who: everyone, doc: 'visibleReview' }],
  },
  communities: {
    create: educators,
    read: everyone,
    update: ['educator', 'admin'],
    delete: admin,
  },
  'community-members': {
    // The member, the community's moderators, admins.
    create: admin,
    read: ['enrolledStudent', 'educator', 'admin'],
    update: admin,
    delete: ['enrolledStudent', 'educator', 'admin'],
  },
  posts: {
    create: ['enrolledStudent', 'educator', 'admin'],
    read: everyone,
    update: ['enrolledStudent', 'educator', 'admin'],
    delete: ['enrolledStudent', 'educator', 'admin'],
  },
  comments: {
    create: ['enrolledStudent', 'educator', 'admin'],
    read: everyone,
    update: ['enrolledStudent', 'admin'],
    delete: ['enrolledStudent', 'educator', 'admin'],
  },
  reactions: {
    create: admin,
    read: ['enrolledStudent', 'admin'],
    update: nobody,
    delete: ['enrolledStudent', 'admin'],
  },
  'institution-inquiries': { create: admin, read: admin, update: admin, delete: admin },
  purchases: {
    create: nobody,
    read: ['enrolledStudent', 'educator', 'admin'],
    update: nobody,
    delete: nobody,
    secrets: [
      { field: 'stripeCheckoutSessionId', who: admin },
      { field: 'stripePaymentIntentId', who: admin },
      { field: 'stripeChargeId', who: admin },
    ],
  },
  'educator-subscriptions': {
    create: nobody,
    read: ['educator', 'admin'],
    update: nobody,
    delete: nobody,
    secrets: [{ field: 'stripeSubscriptionId', who: admin }],
  },
  payouts: {
    create: nobody,
    read: ['educator', 'admin'],
    update: nobody,
    delete: nobody,
    secrets: [{ field: 'stripeTransferId', who: admin }],
  },
  'platform-fees': {
    create: admin,
    read: everyone,
    update: admin,
    delete: nobody,
    createStopsAtValidation: ['rest', 'graphql'],
  },
  licenses: {
    create: nobody,
    read: ['institution', 'admin'],
    update: nobody,
    delete: nobody,
    secrets: [{ field: 'stripeSubscriptionId', who: admin }],
  },
  invoices: {
    create: nobody,
    read: ['institution', 'admin'],
    update: nobody,
    delete: nobody,
    secrets: [
      { field: 'stripeInvoiceId', who: admin },
      { field: 'stripeSubscriptionId', who: admin },
    ],
  },
  'analytics-events': adminReadOnly,
  'analytics-daily': adminReadOnly,
  'job-failures': { create: nobody, read: admin, update: admin, delete: admin },
  outbox: adminReadOnly,
  'user-invitations': {
    ...adminReadOnly,
    secrets: [
      { field: 'tokenHash', who: nobody },
      { field: 'tokenNonce', who: nobody },
    ],
  },
  'audit-log': adminReadOnly,
  'payload-kv': { create: nobody, read: nobody, update: nobody, delete: nobody },
  'payload-locked-documents': {
    create: panelRoles,
    read: panelRoles,
    update: panelRoles,
    delete: panelRoles,
    note: 'edit locks belong to the admin panel: students have no use for them',
  },
  'payload-preferences': {
    // Each user's own preferences; the world one is the educator's.
    restByKey: ['read', 'delete'],
    create: signedIn,
    read: ['educator'],
    update: ['educator'],
    delete: ['educator'],
  },
  'payload-migrations': {
    create: nobody,
    read: nobody,
    update: nobody,
    delete: nobody,
    noApi: true,
  },
}

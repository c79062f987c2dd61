import { randomUUID } from 'node:crypto'
import type { CollectionSlug, Payload } from 'payload'
import PDFDocument from 'pdfkit'
import sharp from 'sharp'

import { createUser, type TestUser } from '../helpers/users'
import type { Actor } from './matrix'

/**
 * The access matrix's fixture world, made through the Local API: one of each actor and one
 * document per collection owned by the right people — a published course by `educator` with
 * `enrolledStudent` enrolled, a cohort of `institution` holding that student, a community by the
 * educator with a post, comment and reaction by the student, a course-only live stream with a poll
 * and vote, a purchase, the money records of the educator and the institution, and the server's own
 * bookkeeping rows. Every secret field the matrix checks carries a value here.
 */

type Doc = { id: string } & Record<string, unknown>
type Data = Record<string, unknown>

export type World = {
  payload: Payload
  users: Record<Exclude<Actor, 'anonymous'>, TestUser>
  token: (actor: Actor) => string | undefined
  /** The world document of each collection (the one read, updated and checked for secrets). */
  docs: Partial<Record<string, Doc>>
  /** Extra documents a secret rule may point at (e.g. the educator's own user record). */
  extra: Record<string, Doc>
  /** A new document like the world's one, for a destructive cell. */
  fresh: (slug: string) => Promise<Doc>
  /** A body for POST /api/<slug> (and GraphQL create) as `actor`; valid for the actors allowed. */
  createBody: (slug: string, actor: Actor, n: number) => Promise<Data | FormData>
  /** Everything created (world, fresh, cells): removed by cleanup(). */
  created: { collection: string; id: string }[]
  cleanup: () => Promise<void>
}

const short = () => randomUUID().slice(0, 8)
const now = () => new Date().toISOString()
const inAnHour = () => new Date(Date.now() + 3600_000).toISOString()

/** A tiny real PNG and PDF for the upload collections. */
const uploads = async () => {
  const png = await sharp({
    create: { width: 2, height: 2, channels: 3, background: '#336699' },
  })
    .png()
    .toBuffer()
  const doc = new PDFDocument()
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise((resolve) => doc.on('end', resolve))
  doc.text('matrix')
  doc.end()
  await done
  return { PNG: png, PDF: Buffer.concat(chunks) }
}

export async function buildWorld(payload: Payload): Promise<World> {
  const { PNG, PDF } = await uploads()
  const created: World['created'] = []
  const make = async (
    collection: string,
    data: Data,
    file?: { data: Buffer; name: string },
    user?: TestUser,
  ) => {
    const doc = (await payload
      .create({
        collection: collection as CollectionSlug,
        data: data as never,
        overrideAccess: true,
        depth: 0,
        user: user?.user,
        ...(file
          ? {
              file: {
                data: file.data,
                name: file.name,
                size: file.data.length,
                mimetype: file.name.endsWith('.pdf') ? 'application/pdf' : 'image/png',
              },
            }
          : {}),
      })
      .catch((error: Error) => {
        throw new Error(`world: creating ${collection}: ${error.message}`, { cause: error })
      })) as unknown as Doc
    created.push({ collection, id: doc.id })
    return doc
  }

  const [student, enrolledStudent, educator, otherEducator, institution, otherInstitution, admin] =
    await Promise.all([
      createUser(payload, 'student', { fullName: 'Matrix Student' }),
      createUser(payload, 'student', { fullName: 'Matrix Enrolled Student' }),
      createUser(payload, 'educator', { fullName: 'Matrix Educator' }),
      createUser(payload, 'educator', { fullName: 'Matrix Other Educator' }),
      createUser(payload, 'institution', { fullName: 'Matrix Institution' }),
      createUser(payload, 'institution', { fullName: 'Matrix Other Institution' }),
      createUser(payload, 'admin', { fullName: 'Matrix Admin' }),
    ])
  const users = {
    student,
    enrolledStudent,
    educator,
    otherEducator,
    institution,
    otherInstitution,
    admin,
  }
  for (const u of Object.values(users)) created.push({ collection: 'users', id: u.user.id })
  const id = (actor: keyof typeof users) => users[actor].user.id

  // Secrets on the people: a Stripe customer, a Connect account, a pending reset token.
  await payload.db.updateOne({
    collection: 'users',
    id: id('enrolledStudent'),
    data: {
      stripeCustomerId: `cus_${short()}`,
      resetPasswordToken: `reset-${short()}`,
    },
  })
  await payload.update({
    collection: 'users',
    id: id('enrolledStudent'),
    data: { studentProfile: { interests: ['funding'] } },
    overrideAccess: true,
  })
  await payload.db.updateOne({
    collection: 'users',
    id: id('educator'),
    data: { educatorProfile: { stripeConnectId: `acct_${short()}` } },
  })

  const newCourse = async () => {
    const course = await make('courses', {
      title: `Matrix course ${short()}`,
      courseType: 'microlearning',
      educator: id('educator'),
      price: 0,
    })
    return course
  }
  const course = await newCourse()
  const lesson = await make('lessons', {
    course: course.id,
    title: 'Matrix reading',
    lessonType: 'reading',
    orderIndex: 0,
    content: {
      root: {
        type: 'root',
        version: 1,
        direction: null,
        format: '',
        indent: 0,
        children: [
          {
            type: 'paragraph',
            version: 1,
            direction: null,
            format: '',
            indent: 0,
            textFormat: 0,
            children: [
              {
                type: 'text',
                version: 1,
                text: 'course-only text',
                detail: 0,
                format: 0,
                mode: 'normal',
                style: '',
              },
            ],
          },
        ],
      },
    },
  })
  const newQuizLesson = (courseId = course.id as string) =>
    make('lessons', {
      course: courseId,
      title: `Matrix quiz lesson ${short()}`,
      lessonType: 'quiz',
      orderIndex: 1,
    })
  // One question of every type, so every answer-key field carries a value.
  const questions = [
    {
      type: 'single',
      question: 'Which?',
      options: ['a', 'b'],
      correctAnswer: 1,
      optionFeedback: ['not a', 'yes b'],
      explanation: 'b it is',
    },
    { type: 'multiple', question: 'Which ones?', options: ['a', 'b', 'c'], correctAnswers: [0, 2] },
    { type: 'true_false', question: 'True?', correctBoolean: false },
    { type: 'short_answer', question: 'Say it', acceptedAnswers: ['it'] },
    { type: 'short_answer', question: 'How many?', numericAnswer: 3, tolerance: 0.5 },
    { type: 'ordering', question: 'Order', options: ['x', 'y'], correctOrder: [1, 0] },
    {
      type: 'matching',
      question: 'Match',
      options: ['p', 'q'],
      matches: ['1', '2'],
      correctMatches: [1, 0],
    },
    { type: 'essay', question: 'Discuss' },
  ]
  const quizLesson = await newQuizLesson()
  const quiz = await make('quizzes', { lesson: quizLesson.id, questions })
  // Banks and reviews go on courses of their own: their cells then never wait on the world
  // course's lock, which lesson cells take.
  const bankCourse = await newCourse()
  const newBank = (courseId = bankCourse.id as string) =>
    make('question-banks', { title: `Matrix bank ${short()}`, course: courseId, questions })
  const bank = await newBank()
  await payload.update({
    collection: 'courses',
    id: course.id,
    data: { _status: 'published' } as never,
    overrideAccess: true,
  })
  const asset = await make('video-assets', {
    owner: id('educator'),
    status: 'ready',
    lesson: lesson.id,
    muxAssetId: `asset-${short()}`,
    playbackId: `pb-${short()}`,
  })

  const enrollIn = (courseId: string, student = id('enrolledStudent')) =>
    make('enrollments', { student, course: courseId, source: 'free', enrolledAt: now() })
  const enrollment = await enrollIn(course.id)
  const progress = await make('lesson-progress', {
    enrollment: enrollment.id,
    lesson: lesson.id,
    student: id('enrolledStudent'),
    course: course.id,
    completed: true,
  })
  const newAttempt = async () =>
    make('quiz-attempts', {
      quiz: quiz.id,
      student: id('enrolledStudent'),
      enrollment: enrollment.id,
      course: course.id,
      status: 'graded',
      score: 100,
      passed: true,
      attemptNumber: Math.floor(Math.random() * 1e6) + 1,
      answers: [1],
      // The attempt's snapshot of its questions, keys included, and the points per question.
      questions: quiz.questions,
      results: questions.map(() => ({ questionId: null, points: 1, earned: 1, correct: true })),
    })
  const attempt = await newAttempt()

  const newCohort = () =>
    make('cohorts', { name: `Matrix cohort ${short()}`, institution: id('institution') })
  // The world cohort takes the course: its institution reads the learning records of it.
  const cohort = await make('cohorts', {
    name: `Matrix cohort ${short()}`,
    institution: id('institution'),
    courses: [course.id],
  })
  const cohortEnrollment = await make('cohort-enrollments', {
    cohort: cohort.id,
    student: id('enrolledStudent'),
  })

  const newCertificate = (courseId = course.id as string) =>
    make('certifications', {
      student: id('enrolledStudent'),
      course: courseId,
      verificationCode: `MX-${short()}`,
      issuedAt: now(),
      studentName: 'Matrix Enrolled Student',
      courseTitle: 'Matrix course',
    })
  const certificate = await newCertificate()

  // One review per (course, student): a fresh one goes on a course of its own.
  const newReview = async (courseId?: string) =>
    make('course-reviews', {
      course: courseId ?? (await newCourse()).id,
      student: id('enrolledStudent'),
      rating: 2,
      text: 'Matrix review',
      hidden: true,
    })
  const reviewedCourse = await newCourse()
  await make('lessons', {
    course: reviewedCourse.id,
    title: 'Matrix reviewed reading',
    lessonType: 'reading',
    orderIndex: 0,
  })
  await payload.update({
    collection: 'courses',
    id: reviewedCourse.id,
    data: { _status: 'published' } as never,
    overrideAccess: true,
  })
  // Hidden by a moderator: only its author, the course's educator and admins still read it.
  const hiddenReview = await newReview(reviewedCourse.id)
  // A visible review of the published course, by another student: everyone reads it.
  const visibleReview = await make('course-reviews', {
    course: reviewedCourse.id,
    student: id('student'),
    rating: 5,
    text: 'Matrix visible review',
  })

  const newCommunity = () =>
    payload
      .create({
        collection: 'communities',
        data: {
          name: `Matrix community ${short()}`,
          topic: 'funding',
          visibility: 'public',
        } as never,
        overrideAccess: false,
        user: educator.user,
        depth: 0,
      })
      .then((doc) => {
        created.push({ collection: 'communities', id: doc.id })
        return doc as unknown as Doc
      })
  const community = await newCommunity()
  const joinCommunity = (communityId: string, user = id('enrolledStudent')) =>
    make('community-members', { community: communityId, user, role: 'member', joinedAt: now() })
  const membership = await joinCommunity(community.id)
  const newPost = () =>
    make('posts', {
      community: community.id,
      author: id('enrolledStudent'),
      content: `Matrix post ${short()}`,
      type: 'discussion',
    })
  const post = await newPost()
  const newComment = () =>
    make('comments', { post: post.id, author: id('enrolledStudent'), content: 'Matrix comment' })
  const comment = await newComment()
  const newReaction = async (user = id('enrolledStudent')) =>
    make('reactions', { user, post: (await newPost()).id, type: 'like' })
  const reaction = await make('reactions', {
    user: id('enrolledStudent'),
    post: post.id,
    type: 'like',
  })

  const newStream = () =>
    make('live-streams', {
      title: `Matrix live ${short()}`,
      educator: id('educator'),
      course: course.id,
      scheduledAt: inAnHour(),
      status: 'scheduled',
      muxLiveStreamId: `ls-${short()}`,
      streamKey: `sk-${short()}`,
      playbackId: `lpb-${short()}`,
    })
  const stream = await newStream()
  const participant = await make('live-participants', {
    liveStream: stream.id,
    user: id('enrolledStudent'),
    joinedAt: now(),
  })
  const newChat = () =>
    make('live-chat-messages', {
      liveStream: stream.id,
      user: id('enrolledStudent'),
      message: 'Matrix hello',
    })
  const chat = await newChat()
  const newPoll = () =>
    make('live-polls', { liveStream: stream.id, question: 'Matrix poll?', options: ['yes', 'no'] })
  const poll = await newPoll()
  const newVote = async () =>
    make('live-poll-votes', {
      poll: (await newPoll()).id,
      user: id('enrolledStudent'),
      optionIndex: 0,
    })
  const vote = await make('live-poll-votes', {
    poll: poll.id,
    user: id('enrolledStudent'),
    optionIndex: 0,
  })

  const stripeIds = () => ({
    stripeCheckoutSessionId: `cs_${short()}`,
    stripePaymentIntentId: `pi_${short()}`,
    stripeChargeId: `ch_${short()}`,
  })
  const newPurchase = () =>
    make('purchases', {
      student: id('enrolledStudent'),
      educator: id('educator'),
      course: course.id,
      status: 'completed',
      amount: 1000,
      currency: 'usd',
      feePercentage: 10,
      platformFee: 100,
      netAmount: 900,
      ...stripeIds(),
    })
  const purchase = await newPurchase()
  const newSubscription = () =>
    make('educator-subscriptions', {
      educator: id('educator'),
      plan: 'pro',
      status: 'active',
      stripeSubscriptionId: `sub_${short()}`,
    })
  const subscription = await newSubscription()
  const newPayout = () =>
    make('payouts', {
      educator: id('educator'),
      amount: 900,
      platformFee: 0,
      netAmount: 900,
      currency: 'usd',
      status: 'paid',
      stripeTransferId: `tr_${short()}`,
    })
  const payout = await newPayout()
  const newLicense = () =>
    make('licenses', {
      institution: id('institution'),
      seats: 5,
      status: 'active',
      stripeSubscriptionId: `sub_${short()}`,
    })
  const license = await newLicense()
  const newInvoice = () =>
    make('invoices', {
      customer: id('institution'),
      status: 'paid',
      amountDue: 500,
      amountPaid: 500,
      currency: 'usd',
      stripeInvoiceId: `in_${short()}`,
      stripeSubscriptionId: `sub_${short()}`,
    })
  const invoice = await newInvoice()
  // Locked by the educator in the admin panel; no other cell touches it (an update releases a lock).
  const lockedCourse = await newCourse()
  const fee = (
    await payload.find({
      collection: 'platform-fees',
      where: { plan: { equals: 'basic' } },
      limit: 1,
      depth: 0,
      overrideAccess: true,
    })
  ).docs[0] as unknown as Doc

  const factories: Record<string, () => Promise<Doc>> = {
    users: () =>
      make('users', {
        email: `matrix-fresh-${short()}@test.readylab`,
        password: 'correct-horse-battery',
        fullName: 'Matrix Fresh',
        role: 'student',
      }),
    media: () =>
      make(
        'media',
        { alt: 'matrix', owner: id('educator') },
        { data: PNG, name: `m-${short()}.png` },
      ),
    courses: newCourse,
    lessons: () =>
      make('lessons', {
        course: course.id,
        title: 'Matrix extra',
        lessonType: 'reading',
        orderIndex: 5,
      }),
    quizzes: async () => make('quizzes', { lesson: (await newQuizLesson()).id, questions }),
    'question-banks': async () => newBank((await newCourse()).id),
    'quiz-attempts': newAttempt,
    enrollments: async () => enrollIn((await newCourse()).id),
    'lesson-progress': async () =>
      make('lesson-progress', {
        enrollment: enrollment.id,
        lesson: (await newQuizLesson()).id,
        student: id('enrolledStudent'),
        course: course.id,
      }),
    cohorts: newCohort,
    'cohort-enrollments': async () =>
      make('cohort-enrollments', {
        cohort: (await newCohort()).id,
        student: id('enrolledStudent'),
      }),
    'video-assets': () =>
      make('video-assets', { owner: id('educator'), status: 'ready', playbackId: `pb-${short()}` }),
    'live-streams': newStream,
    'live-participants': async () =>
      make('live-participants', {
        liveStream: (await newStream()).id,
        user: id('enrolledStudent'),
        joinedAt: now(),
      }),
    'live-chat-messages': newChat,
    'live-polls': newPoll,
    'live-poll-votes': newVote,
    'webhook-events': () =>
      make('webhook-events', {
        provider: 'stripe',
        eventId: `evt_${short()}`,
        type: 'matrix.test',
      }),
    certifications: async () => newCertificate((await newCourse()).id),
    'course-reviews': () => newReview(),
    'certificate-files': () =>
      make('certificate-files', {}, { data: PDF, name: `c-${short()}.pdf` }),
    communities: newCommunity,
    'community-members': async () => joinCommunity((await newCommunity()).id),
    posts: newPost,
    comments: newComment,
    reactions: () => newReaction(),
    'institution-inquiries': () =>
      make('institution-inquiries', {
        organizationName: 'Matrix Org',
        contactName: 'Matrix Contact',
        email: `inquiry-${short()}@test.readylab`,
      }),
    purchases: newPurchase,
    // Nobody deletes fees: the denied attempts aim at the seeded row.
    'platform-fees': async () => fee,
    'educator-subscriptions': newSubscription,
    payouts: newPayout,
    licenses: newLicense,
    invoices: newInvoice,
    'analytics-events': () =>
      make('analytics-events', {
        eventType: 'course_view',
        user: id('enrolledStudent'),
        course: course.id,
      }),
    'analytics-daily': () =>
      make('analytics-daily', {
        key: `matrix-${short()}`,
        day: now().slice(0, 10),
        kind: 'marker',
      }),
    'job-failures': () => make('job-failures', { jobName: 'matrix', queue: 'matrix' }),
    'user-invitations': () =>
      make('user-invitations', {
        email: `matrix-${short()}@test.readylab`,
        user: id('student'),
        tokenHash: `matrix-${short()}-${short()}`,
        tokenNonce: 'matrix',
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      }),
    outbox: () =>
      make('outbox', {
        job: 'matrix',
        key: `matrix-${short()}`,
        data: {},
        status: 'sent',
        attempts: 1,
      }),
    'audit-log': () =>
      make('audit-log', {
        action: 'user.deleted',
        summary: 'matrix',
        entityCollection: 'users',
        entityId: id('student'),
      }),
    'payload-kv': () => make('payload-kv', { key: `matrix-${short()}`, data: { a: 1 } }),
    'payload-locked-documents': () =>
      make('payload-locked-documents', {
        document: { relationTo: 'courses', value: lockedCourse.id },
        user: { relationTo: 'users', value: id('educator') },
      }),
    'payload-preferences': () =>
      make(
        'payload-preferences',
        {
          key: `matrix-${short()}`,
          value: { columns: [] },
        },
        undefined,
        educator,
      ),
    'payload-migrations': () =>
      make('payload-migrations', { name: `matrix-${short()}`, batch: -1 }),
  }

  const docs: World['docs'] = {
    users: enrolledStudent.user as unknown as Doc,
    courses: course,
    lessons: lesson,
    quizzes: quiz,
    'question-banks': bank,
    'quiz-attempts': attempt,
    enrollments: enrollment,
    'lesson-progress': progress,
    cohorts: cohort,
    'cohort-enrollments': cohortEnrollment,
    'video-assets': asset,
    'live-streams': stream,
    'live-participants': participant,
    'live-chat-messages': chat,
    'live-polls': poll,
    'live-poll-votes': vote,
    certifications: certificate,
    'course-reviews': hiddenReview,
    communities: community,
    'community-members': membership,
    posts: post,
    comments: comment,
    reactions: reaction,
    purchases: purchase,
    'educator-subscriptions': subscription,
    payouts: payout,
    licenses: license,
    invoices: invoice,
    'platform-fees': fee,
  }
  // The rest: bookkeeping rows with no owner among the actors.
  for (const slug of Object.keys(factories)) {
    if (!docs[slug]) docs[slug] = await factories[slug]!()
  }
  const extra = { educatorUser: educator.user as unknown as Doc, visibleReview }

  const text = (n: number) => `Matrix ${n} ${short()}`
  const createBodies: Record<
    string,
    (actor: Actor, n: number) => Promise<Data | FormData> | Data | FormData
  > = {
    users: () => ({
      email: `matrix-${short()}@test.readylab`,
      password: 'correct-horse-battery',
      fullName: 'Matrix Created',
      role: 'student',
    }),
    media: () => {
      const form = new FormData()
      form.append(
        'file',
        new Blob([new Uint8Array(PNG)], { type: 'image/png' }),
        `m-${short()}.png`,
      )
      form.append('_payload', JSON.stringify({ alt: 'matrix upload' }))
      return form
    },
    courses: (_actor, n) => ({
      title: text(n),
      courseType: 'microlearning',
      educator: id('educator'),
    }),
    lessons: (_a, n) => ({
      course: course.id,
      title: text(n),
      lessonType: 'reading',
      orderIndex: 10 + n,
    }),
    quizzes: async () => ({ lesson: (await newQuizLesson()).id, questions }),
    'question-banks': (_a, n) => ({ title: text(n), course: bankCourse.id, questions }),
    'quiz-attempts': () => ({
      quiz: quiz.id,
      student: id('enrolledStudent'),
      enrollment: enrollment.id,
      course: course.id,
      status: 'graded',
      score: 1,
      passed: false,
      attemptNumber: 99,
      answers: [0],
    }),
    enrollments: async () => ({
      student: id('enrolledStudent'),
      course: (await newCourse()).id,
      source: 'admin',
      enrolledAt: now(),
    }),
    'lesson-progress': () => ({
      enrollment: enrollment.id,
      lesson: lesson.id,
      student: id('enrolledStudent'),
      course: course.id,
    }),
    cohorts: (_a, n) => ({ name: text(n), institution: id('institution') }),
    // A cohort of its own per body: (cohort, student) is unique.
    'cohort-enrollments': async () => ({
      cohort: (await newCohort()).id,
      student: id('student'),
    }),
    'video-assets': () => ({ owner: id('educator'), status: 'waiting' }),
    'live-streams': (_a, n) => ({
      title: text(n),
      educator: id('educator'),
      scheduledAt: inAnHour(),
      status: 'scheduled',
    }),
    'live-participants': () => ({ liveStream: stream.id, user: id('student'), joinedAt: now() }),
    'live-chat-messages': () => ({
      liveStream: stream.id,
      user: id('enrolledStudent'),
      message: 'x',
    }),
    'live-polls': () => ({ liveStream: stream.id, question: 'x?', options: ['a', 'b'] }),
    'live-poll-votes': () => ({ poll: poll.id, user: id('student'), optionIndex: 0 }),
    'webhook-events': () => ({ provider: 'stripe', eventId: `evt_${short()}`, type: 'x' }),
    certifications: () => ({
      student: id('student'),
      verificationCode: `MX-${short()}`,
      issuedAt: now(),
      studentName: 'x',
      courseTitle: 'x',
    }),
    // A course of its own per body: (course, student) is unique.
    'course-reviews': async () => ({
      course: (await newCourse()).id,
      student: id('student'),
      rating: 4,
    }),
    'certificate-files': () => {
      const form = new FormData()
      form.append(
        'file',
        new Blob([new Uint8Array(PDF)], { type: 'application/pdf' }),
        `c-${short()}.pdf`,
      )
      return form
    },
    communities: (_a, n) => ({ name: text(n), topic: 'funding', visibility: 'public' }),
    'community-members': async () => ({
      community: (await newCommunity()).id,
      user: id('student'),
      role: 'member',
      joinedAt: now(),
    }),
    posts: (_a, n) => ({ community: community.id, content: text(n), type: 'discussion' }),
    comments: (_a, n) => ({ post: post.id, content: text(n) }),
    reactions: async () => {
      const target = await newPost()
      return {
        user: id('enrolledStudent'),
        post: target.id,
        targetKey: `post:${target.id}`,
        type: 'celebrate',
      }
    },
    'institution-inquiries': () => ({
      organizationName: 'Matrix Org',
      contactName: 'Matrix',
      email: `inq-${short()}@test.readylab`,
    }),
    purchases: () => ({
      student: id('student'),
      course: course.id,
      status: 'completed',
      amount: 1,
      currency: 'usd',
      feePercentage: 0,
      platformFee: 0,
      netAmount: 1,
    }),
    'educator-subscriptions': () => ({
      educator: id('educator'),
      plan: 'enterprise',
      status: 'active',
    }),
    payouts: () => ({
      educator: id('educator'),
      amount: 1,
      platformFee: 0,
      netAmount: 1,
      currency: 'usd',
      status: 'paid',
    }),
    // Every plan exists already (unique): an allowed create reaches the unique check.
    'platform-fees': () => ({ plan: 'basic', feePercentage: 10 }),
    licenses: () => ({ institution: id('institution'), seats: 1, status: 'active' }),
    invoices: () => ({
      customer: id('institution'),
      status: 'paid',
      amountDue: 1,
      amountPaid: 1,
      currency: 'usd',
    }),
    'analytics-events': () => ({ eventType: 'course_view' }),
    'analytics-daily': () => ({
      key: `matrix-${short()}`,
      day: now().slice(0, 10),
      kind: 'marker',
    }),
    'job-failures': () => ({ jobName: 'x', queue: 'x' }),
    'user-invitations': () => ({
      email: `x-${short()}@test.readylab`,
      user: id('student'),
      tokenHash: `x-${short()}`,
      tokenNonce: 'x',
      expiresAt: now(),
    }),
    outbox: () => ({ job: 'x', key: `x-${short()}`, data: {}, status: 'pending', attempts: 0 }),
    'audit-log': () => ({
      action: 'user_deleted',
      summary: 'x',
      entityCollection: 'users',
      entityId: id('student'),
    }),
    'payload-kv': () => ({ key: `x-${short()}`, data: {} }),
    'payload-locked-documents': (actor) => ({
      document: { relationTo: 'courses', value: course.id },
      user: { relationTo: 'users', value: actor === 'anonymous' ? id('student') : id(actor) },
    }),
    'payload-preferences': () => ({ key: `matrix-${short()}`, value: { a: 1 } }),
    'payload-migrations': () => ({ name: 'x', batch: -1 }),
  }

  return {
    payload,
    users,
    token: (actor) => (actor === 'anonymous' ? undefined : users[actor].token),
    docs,
    extra,
    fresh: async (slug) => {
      const factory = factories[slug]
      if (!factory) throw new Error(`no fresh-document factory for ${slug}`)
      return factory()
    },
    createBody: async (slug, actor, n) => {
      const body = createBodies[slug]
      if (!body) throw new Error(`no create body for ${slug}`)
      return body(actor, n)
    },
    created,
    cleanup: async () => {
      // Newest first: dependents before what they hang off.
      for (const { collection, id } of [...created].reverse()) {
        await payload
          .delete({ collection: collection as CollectionSlug, id, overrideAccess: true })
          .catch(() => {})
      }
    },
  }
}

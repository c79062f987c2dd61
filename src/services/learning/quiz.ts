import { randomInt } from 'node:crypto'
import type { Payload, PayloadRequest } from 'payload'

import { canManageCourse } from '../../access/courses'
import { enqueue } from '../../jobs/enqueue'
import { idOf } from '../../lib/ids'
import { badRequest, conflict, forbidden, notFound } from '../../lib/errors'
import { escapeHtml } from '../../lib/html'
import { requireUser, withTransaction } from '../../lib/http'
import { lockEnrollment } from '../../lib/locks'
import { findById } from '../../lib/lookup'
import type { Course, Lesson, Quiz, QuizAttempt } from '../../payload-types'
import { canSeeAsStaff } from './courses'
import { attemptsLeft, nextAttempt, quizRules, type QuizRules } from './grading'
import { lockLearning, openEnrollment, ownEnrollment, recordLessonCompletion } from './progress'
import {
  applyGrades,
  gradeSubmission,
  mayShowAnswers,
  pointsOf,
  publicQuestion,
  type Question,
  type QuestionResult,
  reviewOf,
  scoreOf,
  type Scoring,
  shuffled,
  typeOf,
  withOptionOrder,
} from './questions'

export async function quizOfLesson(req: PayloadRequest, lesson: Lesson): Promise<Quiz> {
  const { docs } = await req.payload.find({
    collection: 'quizzes',
    where: { lesson: { equals: lesson.id } },
    limit: 1,
    depth: 0,
    // Grading needs the answer key, which students may not read; callers strip it.
    overrideAccess: true,
    req,
  })
  if (!docs[0]) throw notFound('This lesson has no quiz')
  return docs[0]
}

/** The quiz as a student sees it: questions and options, never the answer key. */
export const publicQuestions = (quiz: Quiz) =>
  ((quiz.questions ?? []) as Question[]).map((q, index) => {
    const { type, options, matches } = publicQuestion(q)
    // Single-choice questions keep the original shape; other types say what they are.
    return {
      index,
      question: q.question,
      options: options ?? [],
      ...(type === 'single' ? {} : { type, ...(matches ? { matches } : {}) }),
    }
  })

async function attemptsOf(req: PayloadRequest, quizId: string, enrollmentId: string) {
  return req.payload.find({
    collection: 'quiz-attempts',
    where: { and: [{ quiz: { equals: quizId } }, { enrollment: { equals: enrollmentId } }] },
    sort: 'attemptNumber',
    depth: 0,
    pagination: false,
    overrideAccess: false,
    user: req.user,
    req,
  })
}

/** GET .../lessons/:lessonId/quiz */
export async function quizForCaller(req: PayloadRequest, course: Course, lesson: Lesson) {
  const quiz = await quizOfLesson(req, lesson)
  const base = {
    id: quiz.id,
    lesson: lesson.id,
    ...quizRules(quiz),
    questions: publicQuestions(quiz),
    drawnQuestions: (quiz.draws ?? []).reduce((n, d) => n + d.count, 0),
    timeLimitSeconds: quiz.timeLimitSeconds ?? null,
    showAnswers: quiz.showAnswers ?? 'never',
    startRequired: needsStart(quiz),
  }
  if (canSeeAsStaff(req, course))
    return { ...base, attemptsUsed: 0, attemptsLeft: attemptsLeft(base, 0), passed: false }
  const enrollment = await openEnrollment(req, course, lesson, 'quiz')
  const attempts = await attemptsOf(req, quiz.id, enrollment.id)
  return {
    ...base,
    attemptsUsed: attempts.docs.length,
    attemptsLeft: attemptsLeft(base, attempts.docs.length),
    passed: attempts.docs.some((a) => a.passed),
    bestScore: attempts.docs.reduce((best, a) => Math.max(best, a.score ?? 0), 0),
  }
}

type AttemptDoc = QuizAttempt

/** Late submissions within this many milliseconds of the deadline still count (network delay). */
export const DEADLINE_GRACE_MS = 2_000

/** The attempts a student has used (open, pending and graded) — counted under the enrollment lock. */
const attemptsUsed = async (req: PayloadRequest, quizId: string, enrollmentId: string) =>
  (
    await req.payload.count({
      collection: 'quiz-attempts',
      where: { and: [{ quiz: { equals: quizId } }, { enrollment: { equals: enrollmentId } }] },
      // Counted under the enrollment lock: the attempt limit is a server rule.
      overrideAccess: true,
      req,
    })
  ).totalDocs

/** Whether the quiz must be started first (questions drawn, or a clock running). */
export const needsStart = (quiz: Pick<Quiz, 'draws' | 'timeLimitSeconds'>) =>
  Boolean(quiz.draws?.length || quiz.timeLimitSeconds)

const expired = (attempt: Pick<AttemptDoc, 'deadline'>, now = Date.now()) =>
  Boolean(attempt.deadline) && now > Date.parse(attempt.deadline!) + DEADLINE_GRACE_MS

const randomSeed = () => randomInt(0, 2 ** 32)

/** The questions of a new attempt: the quiz's own, then each draw, shuffled when the quiz says. */
async function drawQuestions(req: PayloadRequest, quiz: Quiz): Promise<Question[]> {
  const picked: Question[] = [...((quiz.questions ?? []) as Question[])]
  for (const draw of quiz.draws ?? []) {
    const bank = await findById(req, 'question-banks', idOf(draw.bank))
    const seen = new Set(picked.map((q) => q.id))
    const pool = ((bank?.questions ?? []) as (Question & { tags?: string[] | null })[]).filter(
      (q) => !seen.has(q.id) && (!draw.tag || (q.tags ?? []).includes(draw.tag)),
    )
    picked.push(
      ...shuffled(pool, randomSeed())
        .slice(0, draw.count)
        .map(({ tags: _tags, ...q }) => q),
    )
  }
  const ordered = quiz.shuffle ? shuffled(picked, randomSeed()) : picked
  return ordered.map((q) => {
    const type = typeOf(q)
    const count = q.options?.length ?? 0
    const indexes = [...Array(count).keys()]
    // An ordering question's items always come mixed: shown as authored they could be the answer.
    const mix = quiz.shuffle || type === 'ordering' || type === 'matching'
    const order = mix && type !== 'true_false' ? shuffled(indexes, randomSeed()) : indexes
    const matchOrder =
      type === 'matching'
        ? shuffled([...Array(q.matches?.length ?? 0).keys()], randomSeed())
        : undefined
    return withOptionOrder(q, order, matchOrder)
  })
}

/** What start and submit say about an attempt the student may see: never a key. */
const attemptView = (attempt: AttemptDoc, questions: Question[]) => ({
  attemptId: attempt.id,
  attemptNumber: attempt.attemptNumber,
  questions: questions.map(publicQuestion),
  deadline: attempt.deadline ?? null,
})

/** Gives an expired open attempt what it had: nothing answered, score 0. */
async function closeExpired(req: PayloadRequest, attempt: AttemptDoc, rules: QuizRules) {
  const questions = (attempt.questions ?? []) as Question[]
  const results = questions.map((q) => ({
    questionId: q.id ?? null,
    points: pointsOf(q),
    earned: 0,
    correct: false,
  }))
  await req.payload.update({
    collection: 'quiz-attempts',
    id: attempt.id,
    data: {
      status: 'graded',
      score: 0,
      passed: rules.passingScore <= 0,
      results,
      answers: [],
      submittedAt: attempt.deadline,
      gradedAt: new Date().toISOString(),
    },
    // Attempts are written only by the server.
    overrideAccess: true,
    req,
  })
}

/**
 * POST .../quiz/start — a new attempt with its questions drawn and option order fixed (201), or
 * the caller's open attempt again (200, `resumed`): restarting never redraws. An open attempt whose
 * time is up is closed with what it had (nothing) before a new one starts.
 */
export async function startQuiz(req: PayloadRequest, course: Course, lesson: Lesson) {
  const enrollment = await openEnrollment(req, course, lesson, 'quiz')
  const quiz = await quizOfLesson(req, lesson)
  const rules = quizRules(quiz)
  return withTransaction(req, async () => {
    await lockLearning(req, {
      courseId: course.id,
      enrollmentId: enrollment.id,
      lessonId: lesson.id,
    })
    const { docs: open } = await req.payload.find({
      collection: 'quiz-attempts',
      where: {
        and: [
          { quiz: { equals: quiz.id } },
          { enrollment: { equals: enrollment.id } },
          { status: { equals: 'open' } },
        ],
      },
      depth: 0,
      limit: 1,
      // The stored questions (with their keys) are read here and shown without them.
      overrideAccess: true,
      req,
    })
    const used = await attemptsUsed(req, quiz.id, enrollment.id)
    if (open[0] && !expired(open[0])) {
      return {
        status: 200,
        body: {
          ...attemptView(open[0], (open[0].questions ?? []) as Question[]),
          attemptsLeft: attemptsLeft(rules, used),
          resumed: true,
        },
      }
    }
    if (open[0]) await closeExpired(req, open[0], rules)
    const { attemptNumber, attemptsLeft: left } = nextAttempt(rules, 0, used)
    const questions = await drawQuestions(req, quiz)
    const deadline = quiz.timeLimitSeconds
      ? new Date(Date.now() + quiz.timeLimitSeconds * 1000).toISOString()
      : null
    const attempt = await req.payload.create({
      collection: 'quiz-attempts',
      data: {
        quiz: quiz.id,
        student: idOf(enrollment.student)!,
        enrollment: enrollment.id,
        course: course.id,
        status: 'open',
        passed: false,
        attemptNumber,
        questions,
        deadline,
      },
      depth: 0,
      // Attempts are written only by the server (closed to API writes).
      overrideAccess: true,
      req,
    })
    return {
      status: 201,
      body: { ...attemptView(attempt, questions), attemptsLeft: left, resumed: false },
    }
  })
}

/** The review of a graded attempt, when the quiz's `showAnswers` allows it now. */
function reviewFor(
  quiz: Pick<Quiz, 'showAnswers'>,
  attempt: { status: string; passed: boolean; answers: unknown[] },
  questions: Question[],
  results: QuestionResult[],
  left: number,
) {
  if (attempt.status !== 'graded') return undefined
  if (!mayShowAnswers(quiz.showAnswers, { passed: attempt.passed, attemptsLeft: left })) {
    return undefined
  }
  return questions.map((q, i) => reviewOf(q, attempt.answers[i], results[i]))
}

/**
 * POST .../quiz/submit — graded on the server. With `attemptId`, answers that started attempt
 * (409 once submitted or after its deadline); without, a one-step attempt at a quiz that draws no
 * questions and has no time limit. Submissions for one enrollment are serialized on its row, so two
 * requests at the same instant cannot both take the last attempt or submit one attempt twice.
 */
export async function submitQuiz(
  req: PayloadRequest,
  course: Course,
  lesson: Lesson,
  { answers, attemptId }: { answers: unknown[]; attemptId?: string },
) {
  // Same answer as completing a drip-locked lesson early: not allowed yet.
  const enrollment = await openEnrollment(req, course, lesson, 'quiz')
  const quiz = await quizOfLesson(req, lesson)
  const rules = quizRules(quiz)
  const scoring = (quiz.scoring ?? 'all_or_nothing') as Scoring
  if (!attemptId && needsStart(quiz)) {
    throw badRequest('attemptId: this quiz is started first (POST .../quiz/start)')
  }
  // A one-step attempt is graded before any lock: a malformed answer costs nothing.
  const oneStep = attemptId
    ? null
    : {
        questions: (quiz.questions ?? []) as Question[],
        ...gradeSubmission((quiz.questions ?? []) as Question[], answers, scoring),
      }
  return withTransaction(req, async () => {
    await lockLearning(req, {
      courseId: course.id,
      enrollmentId: enrollment.id,
      lessonId: lesson.id,
    })
    // The quiz may have been deleted while this request waited for the locks.
    const current = await req.payload.count({
      collection: 'quizzes',
      where: { id: { equals: quiz.id } },
      // Students cannot read quizzes; this only asks whether it still exists.
      overrideAccess: true,
      req,
    })
    if (!current.totalDocs) throw notFound('This lesson has no quiz')
    const used = await attemptsUsed(req, quiz.id, enrollment.id)
    const now = new Date().toISOString()
    let attempt: AttemptDoc
    let questions: Question[]
    let results: QuestionResult[]
    let score: number | null
    let left: number
    if (oneStep) {
      const next = nextAttempt(rules, oneStep.score ?? 0, used)
      ;({ questions, results, score } = oneStep)
      left = next.attemptsLeft
      attempt = await req.payload.create({
        collection: 'quiz-attempts',
        data: {
          quiz: quiz.id,
          student: idOf(enrollment.student)!,
          enrollment: enrollment.id,
          course: course.id,
          status: score === null ? 'pending' : 'graded',
          score,
          passed: score !== null && score >= rules.passingScore,
          answers,
          attemptNumber: next.attemptNumber,
          questions,
          results,
          submittedAt: now,
          gradedAt: score === null ? null : now,
        },
        depth: 0,
        // Attempts are graded and written only by the server (closed to API writes).
        overrideAccess: true,
        req,
      })
    } else {
      const started = await findById(req, 'quiz-attempts', attemptId)
      if (
        !started ||
        idOf(started.enrollment) !== enrollment.id ||
        idOf(started.quiz) !== quiz.id
      ) {
        throw notFound('attemptId: no such attempt at this quiz')
      }
      if (started.status !== 'open') throw conflict('This attempt is already submitted')
      if (expired(started)) throw conflict('The time for this attempt is up')
      questions = (started.questions ?? []) as Question[]
      ;({ results, score } = gradeSubmission(questions, answers, scoring))
      left = attemptsLeft(rules, used)
      attempt = await req.payload.update({
        collection: 'quiz-attempts',
        id: started.id,
        data: {
          status: score === null ? 'pending' : 'graded',
          score,
          passed: score !== null && score >= rules.passingScore,
          answers,
          results,
          submittedAt: now,
          gradedAt: score === null ? null : now,
        },
        depth: 0,
        // Attempts are graded and written only by the server.
        overrideAccess: true,
        req,
      })
    }
    const passed = Boolean(attempt.passed)
    let courseCompleted = Boolean(enrollment.completedAt)
    if (passed) {
      const current = await req.payload.findByID({
        collection: 'enrollments',
        id: enrollment.id,
        depth: 0,
        // The caller's own enrollment, read again under its lock.
        overrideAccess: true,
        req,
      })
      courseCompleted = (await recordLessonCompletion(req, current, lesson)).courseCompleted
    }
    const review = reviewFor(
      quiz,
      { status: attempt.status, passed, answers },
      questions,
      results,
      left,
    )
    return {
      id: attempt.id,
      status: attempt.status,
      score,
      passed,
      passingScore: rules.passingScore,
      attemptNumber: attempt.attemptNumber,
      attemptsLeft: left,
      courseCompleted,
      ...(review ? { review } : {}),
    }
  })
}

/** The outbox key (and job id) of an attempt's "graded" email. */
export const gradedEmailJobKey = (attemptId: string) => `quiz-graded-${attemptId}`

/**
 * POST /api/quiz-attempts/:id/grade — the course's educator (or an admin) gives points to the
 * essay questions of a pending attempt. Once every essay has points the attempt is graded: score
 * and pass recomputed, the lesson completed on a pass, and the student emailed (outbox job).
 */
export async function gradeAttempt(
  req: PayloadRequest,
  attemptId: unknown,
  grades: { questionId: string; points: number }[],
) {
  requireUser(req)
  const found = await findById(req, 'quiz-attempts', attemptId)
  if (!found) throw notFound('No such quiz attempt')
  if (!(await canManageCourse(req, idOf(found.course)))) {
    throw forbidden("Only the course's educator or an admin grades its quizzes")
  }
  return withTransaction(req, async () => {
    if (
      !(await lockEnrollment(req, {
        courseId: idOf(found.course)!,
        enrollmentId: idOf(found.enrollment)!,
      }))
    ) {
      throw notFound('No such quiz attempt')
    }
    const attempt = await findById(req, 'quiz-attempts', found.id)
    if (!attempt) throw notFound('No such quiz attempt')
    if (attempt.status !== 'pending') throw conflict('This attempt is not awaiting grading')
    const quiz = await findById(req, 'quizzes', idOf(attempt.quiz))
    if (!quiz) throw notFound('No such quiz attempt')
    const rules = quizRules(quiz)
    const questions = (attempt.questions ?? []) as Question[]
    const results = applyGrades(questions, (attempt.results ?? []) as QuestionResult[], grades)
    const score = scoreOf(results)
    const passed = score !== null && score >= rules.passingScore
    const now = new Date().toISOString()
    const updated = await req.payload.update({
      collection: 'quiz-attempts',
      id: attempt.id,
      data: {
        results,
        score,
        passed,
        ...(score === null
          ? {}
          : { status: 'graded' as const, gradedAt: now, gradedBy: req.user!.id }),
      },
      depth: 0,
      // Attempts are written only by the server; the caller's right was checked above.
      overrideAccess: true,
      req,
    })
    if (updated.status === 'graded') {
      if (passed) {
        const enrollment = await findById(req, 'enrollments', idOf(attempt.enrollment))
        const lesson = await findById(req, 'lessons', idOf(quiz.lesson))
        if (enrollment && lesson) await recordLessonCompletion(req, enrollment, lesson)
      }
      await enqueue(
        req,
        'quiz.graded-email',
        { attemptId: attempt.id },
        {
          key: gradedEmailJobKey(attempt.id),
        },
      )
    }
    return {
      id: updated.id,
      status: updated.status,
      score: updated.score ?? null,
      passed: Boolean(updated.passed),
      results,
    }
  })
}

/** The "your quiz is graded" message, sent once (notifiedAt marks it sent). */
export async function emailGradedAttempt(payload: Payload, attemptId: string) {
  const attempt = await payload.findByID({
    collection: 'quiz-attempts',
    id: attemptId,
    depth: 0,
    disableErrors: true,
  })
  if (!attempt || attempt.notifiedAt || attempt.status !== 'graded') return false
  const student = await payload.findByID({
    collection: 'users',
    id: idOf(attempt.student)!,
    depth: 0,
    disableErrors: true,
  })
  const course = await payload.findByID({
    collection: 'courses',
    id: idOf(attempt.course)!,
    depth: 0,
    draft: true,
    disableErrors: true,
    select: { title: true },
  })
  if (!student?.email) return false
  const title = escapeHtml(course?.title ?? 'your course')
  await payload.sendEmail({
    to: student.email,
    subject: `Your quiz in ${course?.title ?? 'your course'} is graded`,
    html: `<p>Your attempt ${attempt.attemptNumber} at the quiz in <strong>${title}</strong> is graded:
${attempt.score}% — ${attempt.passed ? 'passed' : 'not passed'}.</p>`,
  })
  await payload.update({
    collection: 'quiz-attempts',
    id: attempt.id,
    data: { notifiedAt: new Date().toISOString() },
  })
  return true
}

/** GET .../quiz/results — a student's own attempts; the educator and admins see everyone's. */
export async function quizResults(
  req: PayloadRequest,
  course: Course,
  lesson: Lesson,
  { page, limit }: { page: number; limit: number },
) {
  const quiz = await quizOfLesson(req, lesson)
  const staff = canSeeAsStaff(req, course)
  const enrollment = staff ? null : await ownEnrollment(req, course)
  const result = await req.payload.find({
    collection: 'quiz-attempts',
    where: enrollment
      ? { and: [{ quiz: { equals: quiz.id } }, { enrollment: { equals: enrollment.id } }] }
      : { quiz: { equals: quiz.id } },
    sort: staff ? '-createdAt' : 'attemptNumber',
    page,
    limit,
    depth: staff ? 1 : 0,
    populate: { users: { fullName: true } },
    select: {
      student: true,
      score: true,
      passed: true,
      answers: true,
      attemptNumber: true,
      status: true,
      deadline: true,
      submittedAt: true,
      createdAt: true,
    },
    overrideAccess: false,
    user: req.user,
    req,
  })
  return {
    ...result,
    ...quizRules(quiz),
    passed: staff ? undefined : result.docs.some((a) => a.passed),
  }
}

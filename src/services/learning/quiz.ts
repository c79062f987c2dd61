import type { PayloadRequest } from 'payload'

import { idOf } from '../../lib/ids'
import { notFound } from '../../lib/errors'
import { withTransaction } from '../../lib/http'
import type { Course, Lesson, Quiz } from '../../payload-types'
import { canSeeAsStaff } from './courses'
import { attemptsLeft, gradeAnswers, nextAttempt, quizRules } from './grading'
import { lockLearning, openEnrollment, ownEnrollment, recordLessonCompletion } from './progress'

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
  quiz.questions.map((q, index) => ({ index, question: q.question, options: q.options ?? [] }))

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
    bestScore: attempts.docs.reduce((best, a) => Math.max(best, a.score), 0),
  }
}

/**
 * POST .../quiz/submit — graded on the server. Submissions for one enrollment are serialized on
 * its row, so two requests at the same instant cannot both take the last attempt.
 */
export async function submitQuiz(
  req: PayloadRequest,
  course: Course,
  lesson: Lesson,
  answers: number[],
) {
  // Same answer as completing a drip-locked lesson early: not allowed yet.
  const enrollment = await openEnrollment(req, course, lesson, 'quiz')
  const quiz = await quizOfLesson(req, lesson)
  const score = gradeAnswers(quiz.questions, answers)
  const rules = quizRules(quiz)
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
    const { totalDocs: used } = await req.payload.count({
      collection: 'quiz-attempts',
      where: { and: [{ quiz: { equals: quiz.id } }, { enrollment: { equals: enrollment.id } }] },
      // Counted under the enrollment lock: the attempt limit is a server rule.
      overrideAccess: true,
      req,
    })
    const { attemptNumber, passed, attemptsLeft } = nextAttempt(rules, score, used)
    const attempt = await req.payload.create({
      collection: 'quiz-attempts',
      data: {
        quiz: quiz.id,
        student: idOf(enrollment.student)!,
        enrollment: enrollment.id,
        course: course.id,
        score,
        passed,
        answers,
        attemptNumber,
      },
      depth: 0,
      // Attempts are graded and written only by the server (closed to API writes).
      overrideAccess: true,
      req,
    })
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
    return {
      id: attempt.id,
      score,
      passed,
      passingScore: rules.passingScore,
      attemptNumber: attempt.attemptNumber,
      attemptsLeft,
      courseCompleted,
    }
  })
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

import { createLocalReq, type Payload } from 'payload'

import type { Course, Lesson, User } from '../payload-types'
import { textToRichText } from '../lib/richText'
import { enrollStudent } from '../services/learning/enrollment'
import { completeLesson, learnerLesson } from '../services/learning/progress'
import { quizOfLesson, submitQuiz } from '../services/learning/quiz'
import { fullMarksAnswer, type Question } from '../services/learning/questions'

type DemoQuestion = Question
type DemoCourse = Pick<Course, 'title' | 'courseType' | 'teachingStyles' | 'tags'> & {
  slug: string
  educator: string
  price?: number
  summary: string
  lessons: { title: string; lessonType: Lesson['lessonType']; text?: string; duration?: number }[]
  quiz: DemoQuestion[]
}

const quizOn = (topic: string): DemoQuestion[] => [
  {
    question: `Which of these best describes the first step in ${topic}?`,
    options: ['Define the goal and audience', 'Spend the budget', 'Skip the research'],
    correctAnswer: 0,
  },
  {
    question: `How often should you revisit your ${topic} plan?`,
    options: ['Never', 'Every quarter, with real data', 'Only when something breaks'],
    correctAnswer: 1,
  },
  {
    question: 'What makes a metric useful?',
    options: [
      'It is easy to inflate',
      'It changes a decision you will make',
      'It sounds impressive',
    ],
    correctAnswer: 1,
  },
]

/** The first course's quiz shows the other question types too. */
const mixedQuizOn = (topic: string): DemoQuestion[] => [
  ...quizOn(topic),
  {
    type: 'multiple',
    question: 'Which of these belong in a one-page plan?',
    options: ['A goal', 'An audience', 'Your favourite colour', 'One metric'],
    correctAnswers: [0, 1, 3],
    optionFeedback: ['', '', 'Nice, but it changes no decision.', ''],
  },
  {
    type: 'true_false',
    question: 'A plan you never measure is still a plan worth keeping.',
    correctBoolean: false,
  },
  {
    type: 'short_answer',
    question: 'In one word: what do you measure progress against?',
    acceptedAnswers: ['goal', 'goals', 'target'],
  },
  {
    type: 'ordering',
    question: 'Put the steps in order.',
    options: ['Define the goal', 'Research the audience', 'Ship', 'Measure'],
    correctOrder: [0, 1, 2, 3],
  },
]

const standardLessons = (topic: string): DemoCourse['lessons'] => [
  {
    title: `Why ${topic} matters`,
    lessonType: 'reading',
    duration: 420,
    text: `${topic} is a skill you can learn.\n\nThis lesson walks through the core ideas with examples from founders who have done it.`,
  },
  { title: `${topic} in practice (video)`, lessonType: 'video', duration: 900 },
  {
    title: 'Worksheet: your plan',
    lessonType: 'reading',
    duration: 600,
    text: 'Write down your goal, your audience and the one metric that tells you it is working.',
  },
  { title: 'Check your understanding', lessonType: 'quiz', duration: 300 },
]

export const DEMO_COURSES: DemoCourse[] = [
  {
    title: 'Pitch Perfect: Raising Your First Round',
    slug: 'pitch-perfect-raising-your-first-round',
    educator: 'maya.educator@thereadylab.dev',
    courseType: 'deep_learning',
    teachingStyles: ['visual', 'kinesthetic'],
    tags: ['funding'],
    summary: 'From deck to term sheet: build a fundable story and run a tight raise.',
    lessons: standardLessons('fundraising'),
    quiz: mixedQuizOn('fundraising'),
  },
  {
    title: 'Brand in a Weekend',
    slug: 'brand-in-a-weekend',
    educator: 'maya.educator@thereadylab.dev',
    courseType: 'microlearning',
    teachingStyles: ['visual'],
    tags: ['branding'],
    summary: 'Name, voice and visual identity for a new business in two focused days.',
    lessons: standardLessons('branding').slice(0, 1).concat(standardLessons('branding').slice(3)),
    quiz: quizOn('branding'),
  },
  {
    title: 'Investor Updates That Get Answers',
    slug: 'investor-updates-that-get-answers',
    educator: 'maya.educator@thereadylab.dev',
    courseType: 'microlearning',
    teachingStyles: ['auditory'],
    tags: ['funding', 'finance'],
    summary: 'A monthly update template investors actually read.',
    lessons: standardLessons('investor relations'),
    quiz: quizOn('investor relations'),
  },
  {
    title: 'AI for Small Business Operations',
    slug: 'ai-for-small-business-operations',
    educator: 'diego.educator@thereadylab.dev',
    courseType: 'deep_learning',
    teachingStyles: ['visual', 'auditory'],
    tags: ['ai', 'operations'],
    summary: 'Put AI assistants to work on support, bookkeeping and scheduling — safely.',
    lessons: standardLessons('AI operations'),
    quiz: quizOn('AI operations'),
  },
  {
    title: 'Prompting 101',
    slug: 'prompting-101',
    educator: 'diego.educator@thereadylab.dev',
    courseType: 'microlearning',
    teachingStyles: ['kinesthetic'],
    tags: ['ai'],
    summary: 'Write prompts that get useful, checkable answers.',
    lessons: standardLessons('prompting'),
    quiz: quizOn('prompting'),
  },
  {
    title: 'The Fundraising Data Room Kit',
    slug: 'the-fundraising-data-room-kit',
    educator: 'maya.educator@thereadylab.dev',
    courseType: 'digital_product',
    teachingStyles: ['visual'],
    tags: ['funding', 'legal'],
    price: 4900,
    summary: 'Templates and checklists for a diligence-ready data room.',
    lessons: standardLessons('data rooms'),
    quiz: quizOn('data rooms'),
  },
  {
    title: 'Automate Your Marketing with AI',
    slug: 'automate-your-marketing-with-ai',
    educator: 'diego.educator@thereadylab.dev',
    courseType: 'deep_learning',
    teachingStyles: ['visual', 'kinesthetic'],
    tags: ['ai', 'marketing'],
    price: 9900,
    summary: 'Campaigns, content and analytics pipelines you can run on your own.',
    lessons: standardLessons('marketing automation'),
    quiz: quizOn('marketing automation'),
  },
]

async function seedCourse(payload: Payload, demo: DemoCourse, users: Map<string, User>) {
  const existing = await payload.find({
    collection: 'courses',
    where: { slug: { equals: demo.slug } },
    limit: 1,
    depth: 0,
  })
  if (existing.docs[0]) return existing.docs[0]
  const course = await payload.create({
    collection: 'courses',
    data: {
      title: demo.title,
      slug: demo.slug,
      educator: users.get(demo.educator)!.id,
      courseType: demo.courseType,
      teachingStyles: demo.teachingStyles,
      tags: demo.tags,
      price: demo.price ?? 0,
      currency: 'usd',
      description: textToRichText(demo.summary),
      _status: 'draft',
    },
  })
  for (const [orderIndex, lesson] of demo.lessons.entries()) {
    const created = await payload.create({
      collection: 'lessons',
      data: {
        course: course.id,
        title: lesson.title,
        lessonType: lesson.lessonType,
        orderIndex,
        duration: lesson.duration,
        isFreePreview: orderIndex === 0,
        content: lesson.text ? textToRichText(lesson.text) : undefined,
      },
    })
    if (lesson.lessonType === 'quiz') {
      await payload.create({
        collection: 'quizzes',
        data: { lesson: created.id, passingScore: 70, maxAttempts: 3, questions: demo.quiz },
      })
    }
  }
  return payload.update({ collection: 'courses', id: course.id, data: { _status: 'published' } })
}

/** Has a student finish the first `count` lessons (passing any quiz among them). */
async function progressThrough(payload: Payload, student: User, course: Course, count: number) {
  const req = await createLocalReq({ user: { ...student, collection: 'users' } }, payload)
  const lessons = await payload.find({
    collection: 'lessons',
    where: { course: { equals: course.id } },
    sort: 'orderIndex',
    depth: 0,
    pagination: false,
  })
  for (const lesson of lessons.docs.slice(0, count)) {
    if (lesson.lessonType === 'quiz') {
      const quiz = await quizOfLesson(req, lesson)
      const answers = (quiz.questions ?? []).map((q) => fullMarksAnswer(q as Question))
      const attempts = await payload.count({
        collection: 'quiz-attempts',
        where: { and: [{ quiz: { equals: quiz.id } }, { student: { equals: student.id } }] },
      })
      if (!attempts.totalDocs) await submitQuiz(req, course, lesson, { answers })
    } else {
      await completeLesson(req, await learnerLesson(req, course.id, lesson.id))
    }
  }
}

export async function seedCourses(payload: Payload, users: Map<string, User>) {
  const courses = new Map<string, Course>()
  for (const demo of DEMO_COURSES) courses.set(demo.slug, await seedCourse(payload, demo, users))
  const bySlug = (slug: string) => courses.get(slug)!
  const user = (email: string) => users.get(email)!

  const institution = user('northside.institution@thereadylab.dev')
  const cohortName = 'Spring 2027 Founders Cohort'
  const found = await payload.find({
    collection: 'cohorts',
    where: { name: { equals: cohortName } },
    limit: 1,
  })
  const cohort =
    found.docs[0] ??
    (await payload.create({
      collection: 'cohorts',
      data: {
        name: cohortName,
        institution: institution.id,
        description: 'Twelve weeks from idea to first customers, with weekly live sessions.',
        startDate: '2027-03-01T00:00:00.000Z',
        endDate: '2027-05-24T00:00:00.000Z',
        courses: [
          bySlug('pitch-perfect-raising-your-first-round').id,
          bySlug('ai-for-small-business-operations').id,
        ],
        educators: [
          user('maya.educator@thereadylab.dev').id,
          user('diego.educator@thereadylab.dev').id,
        ],
      },
    }))
  for (const handle of ['zoe', 'sam', 'amara']) {
    const student = user(`${handle}.student@thereadylab.dev`)
    const member = await payload.count({
      collection: 'cohort-enrollments',
      where: { and: [{ cohort: { equals: cohort.id } }, { student: { equals: student.id } }] },
    })
    if (!member.totalDocs) {
      await payload.create({
        collection: 'cohort-enrollments',
        data: {
          cohort: cohort.id,
          student: student.id,
          educator: user('maya.educator@thereadylab.dev').id,
        },
      })
    }
  }

  // Students at various points: one finished course, some in progress, some just started.
  const plan: [string, string, number][] = [
    ['li', 'brand-in-a-weekend', 99],
    ['li', 'prompting-101', 2],
    ['lucia', 'prompting-101', 1],
    ['zoe', 'pitch-perfect-raising-your-first-round', 2],
    ['sam', 'ai-for-small-business-operations', 1],
    ['amara', 'investor-updates-that-get-answers', 0],
  ]
  const req = await createLocalReq({}, payload)
  for (const [handle, slug, lessons] of plan) {
    const student = user(`${handle}.student@thereadylab.dev`)
    await enrollStudent(req, { courseId: bySlug(slug).id, studentId: student.id, source: 'free' })
    await progressThrough(payload, student, bySlug(slug), lessons)
  }
  return courses
}

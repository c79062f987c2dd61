import { describe, expect, it } from 'vitest'

import {
  isoDuration,
  statementFor,
  statementIdFor,
  uuidv5,
  type AnalyticsEventRow,
} from '../../src/services/analytics/xapi'
import { statementProblem } from '../fakes/lrs'

const BASE = 'https://lab.example.edu'
const USER = '11111111-1111-4111-8111-111111111111'
const COURSE = '22222222-2222-4222-8222-222222222222'
const LESSON = '33333333-3333-4333-8333-333333333333'
const QUIZ = '44444444-4444-4444-8444-444444444444'
const AT = '2026-12-05T09:30:00.000Z'

let n = 0
const event = (eventType: string, over: Partial<AnalyticsEventRow> = {}): AnalyticsEventRow => ({
  id: `aaaaaaaa-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  user: USER,
  course: COURSE,
  eventType,
  eventData: {},
  createdAt: AT,
  ...over,
})
const map = (e: AnalyticsEventRow, names: Record<string, string> = {}) =>
  statementFor(e, { baseUrl: `${BASE}/`, names })

const verb = (name: string) => ({
  id: `http://adlnet.gov/expapi/verbs/${name}`,
  display: { 'en-US': name },
})
const courseActivity = {
  objectType: 'Activity',
  id: `${BASE}/courses/${COURSE}`,
  definition: { type: 'http://adlnet.gov/expapi/activities/course' },
}

describe('uuidv5', () => {
  it('matches the RFC 4122 / reference vectors', () => {
    // DNS namespace: uuid v5 of "www.example.com" (as the uuid package and Python's uuid5 compute it).
    expect(uuidv5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    )
    // URL namespace.
    expect(uuidv5('http://example.com/', '6ba7b811-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '0a300ee9-f9e4-5697-a51a-efc7fafaba67',
    )
  })

  it('gives a statement id that is a version 5 UUID, the same for the same event only', () => {
    const id = statementIdFor('5b0e8a0c-1111-4111-8111-000000000001')
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(statementIdFor('5b0e8a0c-1111-4111-8111-000000000001')).toBe(id)
    expect(statementIdFor('5b0e8a0c-1111-4111-8111-000000000002')).not.toBe(id)
  })
})

describe('isoDuration', () => {
  it.each([
    [0, 'PT0S'],
    [45, 'PT45S'],
    [60, 'PT1M'],
    [3725, 'PT1H2M5S'],
    [7200, 'PT2H'],
    [1.5, 'PT1.5S'],
    [-3, 'PT0S'],
  ])('%s seconds is %s', (seconds, expected) => expect(isoDuration(seconds)).toBe(expected))
})

describe('statementFor', () => {
  it('enroll: the account on PUBLIC_URL registered for the course, at the event time', () => {
    const e = event('enroll', { eventData: { source: 'direct' } })
    expect(map(e, { [COURSE]: 'Grant Writing 101' })).toEqual({
      id: statementIdFor(e.id),
      actor: { objectType: 'Agent', account: { homePage: BASE, name: USER } },
      verb: verb('registered'),
      object: {
        ...courseActivity,
        definition: { ...courseActivity.definition, name: { 'en-US': 'Grant Writing 101' } },
      },
      context: { platform: 'The Ready Lab' },
      timestamp: AT,
    })
  })

  it('never carries an email or anything but the user id about the person', () => {
    const statement = map(event('enroll', { user: { id: USER, email: 'x@y.z' } as never }))!
    expect(statement.actor).toEqual({
      objectType: 'Agent',
      account: { homePage: BASE, name: USER },
    })
    expect(JSON.stringify(statement)).not.toContain('@')
  })

  it('lesson_complete: completed the lesson, in the course, with the time spent as a duration', () => {
    const statement = map(
      event('lesson_complete', {
        eventData: { lessonId: LESSON, timeSpent: 3725, firstCompletion: true },
      }),
      { [LESSON]: 'Budgets' },
    )!
    expect(statement.verb).toEqual(verb('completed'))
    expect(statement.object).toEqual({
      objectType: 'Activity',
      id: `${BASE}/courses/${COURSE}/lessons/${LESSON}`,
      definition: {
        type: 'http://adlnet.gov/expapi/activities/lesson',
        name: { 'en-US': 'Budgets' },
      },
    })
    expect(statement.result).toEqual({ completion: true, duration: 'PT1H2M5S' })
    expect(statement.context.contextActivities).toEqual({ parent: [courseActivity] })
  })

  it('quiz_submit: passed or failed the assessment with a scaled score', () => {
    const failed = map(
      event('quiz_submit', { eventData: { quizId: QUIZ, score: 33, passed: false } }),
    )!
    expect(failed.verb).toEqual(verb('failed'))
    expect(failed.object.id).toBe(`${BASE}/courses/${COURSE}/quizzes/${QUIZ}`)
    expect(failed.object.definition?.type).toBe('http://adlnet.gov/expapi/activities/assessment')
    expect(failed.result).toEqual({
      score: { scaled: 0.33, raw: 33, min: 0, max: 100 },
      success: false,
      completion: true,
    })
    const passed = map(
      event('quiz_submit', { eventData: { quizId: QUIZ, score: 100, passed: true } }),
    )!
    expect(passed.verb).toEqual(verb('passed'))
    expect(passed.result).toMatchObject({ score: { scaled: 1, raw: 100 }, success: true })
  })

  it('course_complete, course_view, certificate_issued', () => {
    expect(map(event('course_complete'))).toMatchObject({
      verb: verb('completed'),
      object: courseActivity,
      result: { completion: true },
    })
    expect(map(event('course_view'))).toMatchObject({
      verb: verb('experienced'),
      object: courseActivity,
    })
    expect(map(event('certificate_issued', { eventData: { certificateId: 'c-1' } }))).toMatchObject(
      {
        verb: {
          id: 'https://w3id.org/xapi/adl/verbs/satisfied',
          display: { 'en-US': 'satisfied' },
        },
        object: courseActivity,
        result: { success: true, completion: true },
        context: {
          contextActivities: {
            other: [{ objectType: 'Activity', id: `${BASE}/certificates/c-1` }],
          },
        },
      },
    )
  })

  it('posts are shared, comments commented on the post; live sessions attended', () => {
    expect(
      map(event('post_created', { course: null, eventData: { postId: 'p1', communityId: 'c1' } })),
    ).toMatchObject({
      verb: verb('shared'),
      object: { id: `${BASE}/posts/p1` },
      context: { contextActivities: { parent: [{ id: `${BASE}/communities/c1` }] } },
    })
    expect(map(event('comment_created', { eventData: { postId: 'p1' } }))).toMatchObject({
      verb: verb('commented'),
      object: {
        id: `${BASE}/posts/p1`,
        definition: { type: 'http://id.tincanapi.com/activitytype/discussion' },
      },
      context: { contextActivities: { grouping: [courseActivity] } },
    })
    expect(
      map(event('live_join', { course: null, eventData: { liveStreamId: 'l1' } }), {
        l1: 'Office hours',
      }),
    ).toMatchObject({
      verb: verb('attended'),
      object: {
        id: `${BASE}/live/l1`,
        definition: {
          type: 'http://adlnet.gov/expapi/activities/meeting',
          name: { 'en-US': 'Office hours' },
        },
      },
    })
  })

  it.each([
    ['an anonymous search', event('search', { user: null, course: null, eventData: { q: 'x' } })],
    ['a signed-in search', event('search', { course: null, eventData: { q: 'x' } })],
    ['a purchase', event('purchase_completed', { eventData: { amount: 1000 } })],
    ['a refund', event('purchase_refunded')],
    ['an event without a user', event('enroll', { user: null })],
    ['an enrollment in a deleted course', event('enroll', { course: null })],
    [
      'a lesson completion without its lesson',
      event('lesson_complete', { eventData: { timeSpent: 5 } }),
    ],
    ['a quiz without a score', event('quiz_submit', { eventData: { quizId: QUIZ } })],
    ['an unknown type', event('something_new')],
  ])('is null for %s', (_label, e) => expect(map(e)).toBeNull())

  it('defaults to PUBLIC_URL, then http://localhost:3000', () => {
    const saved = process.env.PUBLIC_URL
    try {
      delete process.env.PUBLIC_URL
      expect(statementFor(event('enroll'))!.actor.account.homePage).toBe('http://localhost:3000')
      process.env.PUBLIC_URL = 'https://lab.example.org/'
      expect(statementFor(event('enroll'))!.object.id).toBe(
        `https://lab.example.org/courses/${COURSE}`,
      )
    } finally {
      if (saved === undefined) delete process.env.PUBLIC_URL
      else process.env.PUBLIC_URL = saved
    }
  })

  it('produces statements the loopback LRS accepts, for every event type with meaning', () => {
    const all = [
      event('enroll'),
      event('course_view'),
      event('course_complete'),
      event('certificate_issued', { eventData: { certificateId: 'c' } }),
      event('lesson_complete', { eventData: { lessonId: LESSON, timeSpent: 0 } }),
      event('quiz_submit', { eventData: { quizId: QUIZ, score: 67, passed: false } }),
      event('post_created', { eventData: { postId: 'p', communityId: 'c' } }),
      event('comment_created', { eventData: { postId: 'p' } }),
      event('live_join', { eventData: { liveStreamId: 'l' } }),
    ].map((e) => map(e, { [COURSE]: 'Course' }))
    for (const statement of all) expect(statementProblem(statement!)).toBeNull()
  })
})

describe('the loopback LRS validation', () => {
  const good = map(event('quiz_submit', { eventData: { quizId: QUIZ, score: 50, passed: false } }))!
  it.each([
    ['an id that is not a UUID', { ...good, id: 'event-1' }, /is not a UUID/],
    [
      'an email actor',
      { ...good, actor: { mbox: 'mailto:a@b.c', account: good.actor.account } },
      /exactly one/,
    ],
    ['a verb without display', { ...good, verb: { id: good.verb.id } }, /verb.display/],
    ['a verb that is not an IRI', { ...good, verb: { ...good.verb, id: 'failed' } }, /verb.id/],
    ['a scaled score of 50', { ...good, result: { score: { scaled: 50 } } }, /outside \[-1, 1\]/],
    ['a duration in seconds', { ...good, result: { duration: 90 } }, /ISO 8601 duration/],
    ['a date without a zone', { ...good, timestamp: '2026-12-05T09:30:00' }, /timestamp/],
  ])('rejects %s', (_label, statement, reason) =>
    expect(statementProblem(statement as never)).toMatch(reason),
  )
})

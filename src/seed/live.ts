import type { Payload } from 'payload'

import type { Course, User } from '../payload-types'

/**
 * Two demo sessions that work without Mux credentials (no stream key until one is scheduled
 * through POST /api/live/schedule): a course office hour with a poll, and a public AMA.
 */
export async function seedLive(
  payload: Payload,
  users: Map<string, User>,
  courses: Map<string, Course>,
) {
  const maya = users.get('maya.educator@thereadylab.dev')!
  const diego = users.get('diego.educator@thereadylab.dev')!
  const tomorrow = new Date(Date.now() + 24 * 3600_000)
  const sessions = [
    {
      title: 'Office hours: your first pitch deck',
      description: 'Bring your deck; we review three live.',
      educator: maya.id,
      course: courses.get('pitch-perfect-raising-your-first-round')?.id,
      scheduledAt: tomorrow.toISOString(),
      maxParticipants: 50,
      poll: {
        question: 'Which slide do you struggle with most?',
        options: ['Problem', 'Traction', 'The ask'],
      },
    },
    {
      title: 'Ask me anything: AI for small teams',
      description: 'Open to everyone with an account.',
      educator: diego.id,
      scheduledAt: new Date(tomorrow.getTime() + 2 * 24 * 3600_000).toISOString(),
    },
  ]
  for (const { poll, ...session } of sessions) {
    const existing = await payload.find({
      collection: 'live-streams',
      where: { title: { equals: session.title } },
      limit: 1,
      depth: 0,
    })
    if (existing.docs[0]) continue
    const stream = await payload.create({
      collection: 'live-streams',
      data: { ...session, status: 'scheduled' },
    })
    if (poll) {
      await payload.create({
        collection: 'live-polls',
        data: {
          liveStream: stream.id,
          question: poll.question,
          options: poll.options,
          isActive: true,
        },
      })
    }
  }
}

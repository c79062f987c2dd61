import type { Endpoint } from 'payload'
import { z } from 'zod'

import { json, parseInput, readBody, requireUser } from '../../lib/http'
import { pagination, queryParams } from '../../lib/pagination'
import {
  attachRecording,
  createPoll,
  endLiveStream,
  joinLiveStream,
  leaveLiveStream,
  listChat,
  listParticipants,
  listPolls,
  ownedLiveStream,
  participatingStream,
  pollOfStream,
  pollResults,
  postChatMessage,
  scheduleLiveStream,
  setPollActive,
  startLiveStream,
  votePoll,
} from '../../services/live/live'

export const scheduleSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    description: z.string().max(5000).optional(),
    scheduledAt: z.iso.datetime({ offset: true }),
    courseId: z.uuid().optional(),
    maxParticipants: z.number().int().min(1).max(100_000).optional(),
  })
  .strict()

export const chatQuery = z.object({
  before: z.iso.datetime({ offset: true }).optional(),
  after: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})

export const chatMessage = z.object({ message: z.string().trim().min(1).max(1000) }).strict()
export const pollCreate = z
  .object({
    question: z.string().trim().min(1).max(500),
    options: z.array(z.string().trim().min(1).max(200)).min(2).max(10),
  })
  .strict()
export const pollUpdate = z.object({ isActive: z.boolean() }).strict()
export const pollVote = z.object({ optionIndex: z.number().int().min(0) }).strict()
export const recordingAttach = z.object({ lessonId: z.string() }).strict()

const id = (req: Parameters<Endpoint['handler']>[0]) => req.routeParams?.id

/** /api/live/* — scheduling and running live sessions. */
export const liveEndpoints: Endpoint[] = [
  {
    path: '/live/schedule',
    method: 'post',
    handler: async (req) => {
      requireUser(req)
      const input = await readBody(req, scheduleSchema)
      return json({ doc: await scheduleLiveStream(req, input) }, 201)
    },
  },
  {
    path: '/live/:id',
    method: 'get',
    handler: async (req) => {
      return json({ doc: await participatingStream(req, id(req)) })
    },
  },
  {
    path: '/live/:id/start',
    method: 'put',
    handler: async (req) =>
      json({ doc: await startLiveStream(req, await ownedLiveStream(req, id(req))) }),
  },
  {
    path: '/live/:id/end',
    method: 'put',
    handler: async (req) =>
      json({ doc: await endLiveStream(req, await ownedLiveStream(req, id(req))) }),
  },
  {
    path: '/live/:id/participants',
    method: 'get',
    handler: async (req) => {
      const stream = await ownedLiveStream(req, id(req))
      const active = queryParams(req).active !== 'false'
      const list = await listParticipants(req, stream, { ...pagination(req), active })
      return json({ ...list, participantCount: stream.participantCount ?? 0 })
    },
  },
  {
    path: '/live/:id/join',
    method: 'post',
    handler: async (req) =>
      json(await joinLiveStream(req, await participatingStream(req, id(req)))),
  },
  {
    path: '/live/:id/leave',
    method: 'post',
    handler: async (req) =>
      json(await leaveLiveStream(req, await participatingStream(req, id(req)))),
  },
  {
    path: '/live/:id/chat',
    method: 'post',
    handler: async (req) => {
      const stream = await participatingStream(req, id(req))
      const { message } = await readBody(req, chatMessage)
      return json({ doc: await postChatMessage(req, stream, message) }, 201)
    },
  },
  {
    path: '/live/:id/chat',
    method: 'get',
    handler: async (req) => {
      const stream = await participatingStream(req, id(req))
      return json(await listChat(req, stream, parseInput(chatQuery, queryParams(req))))
    },
  },
  {
    path: '/live/:id/polls',
    method: 'post',
    handler: async (req) => {
      const stream = await ownedLiveStream(req, id(req))
      const { question, options } = await readBody(req, pollCreate)
      const poll = await createPoll(req, stream, question, options)
      return json({ doc: await pollResults(req, poll.id) }, 201)
    },
  },
  {
    path: '/live/:id/polls',
    method: 'get',
    handler: async (req) => json(await listPolls(req, await participatingStream(req, id(req)))),
  },
  {
    path: '/live/:id/polls/:pollId',
    method: 'put',
    handler: async (req) => {
      const stream = await ownedLiveStream(req, id(req))
      const poll = await pollOfStream(req, stream, req.routeParams?.pollId)
      const { isActive } = await readBody(req, pollUpdate)
      await setPollActive(req, poll.id, isActive)
      return json({ doc: await pollResults(req, poll.id) })
    },
  },
  {
    path: '/live/:id/polls/:pollId/vote',
    method: 'post',
    handler: async (req) => {
      const stream = await participatingStream(req, id(req))
      const { optionIndex } = await readBody(req, pollVote)
      return json({ doc: await votePoll(req, stream, req.routeParams?.pollId, optionIndex) }, 201)
    },
  },
  {
    path: '/live/:id/recording/attach',
    method: 'post',
    handler: async (req) => {
      const stream = await ownedLiveStream(req, id(req))
      const { lessonId } = await readBody(req, recordingAttach)
      return json({ doc: await attachRecording(req, stream, lessonId) })
    },
  },
]

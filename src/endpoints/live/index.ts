import type { PayloadRequest } from 'payload'
import { z } from 'zod'

import { json, parseInput, readBody, requireUser } from '../../lib/http'
import { pagination, queryParams } from '../../lib/pagination'
import type { DocumentedEndpoint, Operation } from '../../openapi/operation'
import { collectionDoc, docOf, pageOf } from '../../openapi/schema'
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
import {
  chatMessage,
  chatQuery,
  participantsQuery,
  pollCreate,
  pollUpdate,
  pollVote,
  pollWithCounts,
  recordingAttach,
  scheduleSchema,
} from './schemas'

const id = (req: PayloadRequest) => req.routeParams?.id

const ownerOnly = "Not the session's educator or an admin"
const participantsOnly = "A course session, and not one of the course's enrolled students"
const streamDoc = { description: 'The session', schema: docOf('live-streams') }
const pollDoc = z.object({ doc: pollWithCounts })

const live = (
  op: Omit<Operation, 'tags' | 'access'> & Partial<Pick<Operation, 'access'>>,
): Operation => ({ tags: ['live'], access: 'user', ...op })

/** /api/live/* — scheduling and running live sessions. */
export const liveEndpoints: DocumentedEndpoint[] = [
  {
    path: '/live/schedule',
    method: 'post',
    custom: {
      openapi: live({
        summary: 'Schedule a live session',
        description:
          'Educators (for their own course, or without one) and admins. Creates the Mux live ' +
          'stream.',
        body: scheduleSchema,
        responses: { 201: streamDoc },
        errors: {
          403: 'Not an educator, or not their course',
          404: 'Unknown course',
          503: 'Mux is not configured on this server',
        },
      }),
    },
    handler: async (req) => {
      requireUser(req)
      const input = await readBody(req, scheduleSchema)
      return json({ doc: await scheduleLiveStream(req, input) }, 201)
    },
  },
  {
    path: '/live/:id',
    method: 'get',
    custom: {
      openapi: live({
        summary: 'A live session',
        description:
          'Participants: for a course session its enrolled students, its educator and admins; ' +
          'without a course anyone logged in. `streamKey` only for the owner and admins.',
        responses: { 200: streamDoc },
        errors: { 403: participantsOnly },
      }),
    },
    handler: async (req) => {
      return json({ doc: await participatingStream(req, id(req)) })
    },
  },
  {
    path: '/live/:id/start',
    method: 'put',
    custom: {
      openapi: live({
        summary: 'Go live',
        description: 'scheduled → live; starting a live session again changes nothing.',
        responses: { 200: streamDoc },
        errors: { 403: ownerOnly, 409: 'The session has ended' },
      }),
    },
    handler: async (req) =>
      json({ doc: await startLiveStream(req, await ownedLiveStream(req, id(req))) }),
  },
  {
    path: '/live/:id/end',
    method: 'put',
    custom: {
      openapi: live({
        summary: 'End the session',
        description: 'Tells Mux the broadcast is complete; everyone still in the session leaves.',
        responses: { 200: streamDoc },
        errors: { 403: ownerOnly },
      }),
    },
    handler: async (req) =>
      json({ doc: await endLiveStream(req, await ownedLiveStream(req, id(req))) }),
  },
  {
    path: '/live/:id/participants',
    method: 'get',
    custom: {
      openapi: live({
        summary: 'Who is in the session',
        description: 'The owner or an admin. `?active=false` lists everyone who came.',
        query: participantsQuery,
        responses: {
          200: {
            description: 'One page of participants',
            schema: pageOf(collectionDoc('live-participants')).extend({
              participantCount: z.number().int(),
            }),
          },
        },
        errors: { 403: ownerOnly },
      }),
    },
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
    custom: {
      openapi: live({
        summary: 'Join the session',
        description: 'Joining twice is a no-op; `maxParticipants` holds under concurrent joins.',
        responses: {
          200: {
            description: 'In the session',
            schema: z.object({
              joined: z.literal(true),
              alreadyJoined: z.boolean(),
              participantCount: z.number().int(),
            }),
          },
        },
        errors: { 403: participantsOnly, 409: 'The session is full or has ended' },
      }),
    },
    handler: async (req) =>
      json(await joinLiveStream(req, await participatingStream(req, id(req)))),
  },
  {
    path: '/live/:id/leave',
    method: 'post',
    custom: {
      openapi: live({
        summary: 'Leave the session',
        description: 'Idempotent.',
        responses: {
          200: {
            description: 'Left',
            schema: z.object({ left: z.literal(true), participantCount: z.number().int() }),
          },
        },
        errors: { 403: participantsOnly },
      }),
    },
    handler: async (req) =>
      json(await leaveLiveStream(req, await participatingStream(req, id(req)))),
  },
  {
    path: '/live/:id/chat',
    method: 'post',
    custom: {
      openapi: live({
        summary: 'Send a chat message',
        body: chatMessage,
        responses: { 201: { description: 'The message', schema: docOf('live-chat-messages') } },
        errors: {
          403: participantsOnly,
          409: 'The session has ended',
          429: 'Posting too fast',
        },
      }),
    },
    handler: async (req) => {
      const stream = await participatingStream(req, id(req))
      const { message } = await readBody(req, chatMessage)
      return json({ doc: await postChatMessage(req, stream, message) }, 201)
    },
  },
  {
    path: '/live/:id/chat',
    method: 'get',
    custom: {
      openapi: live({
        summary: 'Chat messages',
        description:
          'Newest first, paged back in time with `?before=`; `?after=` gives newer ones oldest ' +
          'first. `next` holds the parameter for the following page.',
        query: chatQuery,
        responses: {
          200: {
            description: 'Messages',
            schema: z.object({
              docs: z.array(collectionDoc('live-chat-messages')),
              hasMore: z.boolean(),
              next: z
                .union([z.object({ before: z.string() }), z.object({ after: z.string() })])
                .nullable(),
            }),
          },
        },
        errors: { 403: participantsOnly },
      }),
    },
    handler: async (req) => {
      const stream = await participatingStream(req, id(req))
      return json(await listChat(req, stream, parseInput(chatQuery, queryParams(req))))
    },
  },
  {
    path: '/live/:id/polls',
    method: 'post',
    custom: {
      openapi: live({
        summary: 'Open a poll',
        description: 'The owner or an admin.',
        body: pollCreate,
        responses: { 201: { description: 'The poll with its counts', schema: pollDoc } },
        errors: { 403: ownerOnly, 409: 'The session has ended' },
      }),
    },
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
    custom: {
      openapi: live({
        summary: "The session's polls with their counts",
        responses: {
          200: {
            description: 'Polls, newest first',
            schema: z.object({ docs: z.array(pollWithCounts) }),
          },
        },
        errors: { 403: participantsOnly },
      }),
    },
    handler: async (req) => json(await listPolls(req, await participatingStream(req, id(req)))),
  },
  {
    path: '/live/:id/polls/:pollId',
    method: 'put',
    custom: {
      openapi: live({
        summary: 'Open or close a poll',
        description: 'The owner or an admin.',
        body: pollUpdate,
        responses: { 200: { description: 'The poll', schema: pollDoc } },
        errors: { 403: ownerOnly },
      }),
    },
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
    custom: {
      openapi: live({
        summary: 'Vote in a poll',
        description: 'One vote per user per poll, while it is open.',
        body: pollVote,
        responses: { 201: { description: 'The poll with its counts', schema: pollDoc } },
        errors: {
          400: 'No such option',
          403: participantsOnly,
          409: 'The poll is closed, or the caller already voted',
        },
      }),
    },
    handler: async (req) => {
      const stream = await participatingStream(req, id(req))
      const { optionIndex } = await readBody(req, pollVote)
      return json({ doc: await votePoll(req, stream, req.routeParams?.pollId, optionIndex) }, 201)
    },
  },
  {
    path: '/live/:id/recording/attach',
    method: 'post',
    custom: {
      openapi: live({
        summary: "Make the recording a lesson's video",
        description: 'The owner or an admin, onto a lesson of their own course.',
        body: recordingAttach,
        responses: { 200: { description: 'The lesson', schema: docOf('lessons') } },
        errors: {
          403: 'Not the owner, or not their lesson',
          404: 'Unknown session or lesson',
          409: 'The session has no recording yet',
        },
      }),
    },
    handler: async (req) => {
      const stream = await ownedLiveStream(req, id(req))
      const { lessonId } = await readBody(req, recordingAttach)
      return json({ doc: await attachRecording(req, stream, lessonId) })
    },
  },
]

import { z } from 'zod'

import {
  chatMessage,
  chatQuery,
  pollCreate,
  pollUpdate,
  pollVote,
  recordingAttach,
  scheduleSchema,
} from '../../endpoints/live'
import { pageSchema } from '../../lib/pagination'
import type { Operation } from '../operation'
import { collectionDoc, docOf, pageOf } from '../schema'

const ownerOnly = "Not the session's educator or an admin"
const participantsOnly = "A course session, and not one of the course's enrolled students"

const pollResults = z.object({
  id: z.uuid(),
  question: z.string(),
  isActive: z.boolean().nullish(),
  options: z.array(
    z.object({ index: z.number().int(), label: z.string(), votes: z.number().int() }),
  ),
  totalVotes: z.number().int(),
  myVote: z.number().int().nullable().describe("The caller's option index, if they voted"),
})

const live = (
  op: Omit<Operation, 'tags' | 'access'> & Partial<Pick<Operation, 'access'>>,
): Operation => ({ tags: ['live'], access: 'user', ...op })

export const liveOperations: Operation[] = [
  live({
    method: 'post',
    path: '/live/schedule',
    summary: 'Schedule a live session',
    description:
      'Educators (for their own course, or without one) and admins. Creates the Mux live stream.',
    body: scheduleSchema,
    responses: { 201: { description: 'The session', schema: docOf('live-streams') } },
    errors: {
      403: 'Not an educator, or not their course',
      404: 'Unknown course',
      503: 'Mux is not configured on this server',
    },
  }),
  live({
    method: 'get',
    path: '/live/{id}',
    summary: 'A live session',
    description:
      'Participants: for a course session its enrolled students, its educator and admins; ' +
      'without a course anyone logged in. `streamKey` only for the owner and admins.',
    responses: { 200: { description: 'The session', schema: docOf('live-streams') } },
    errors: { 403: participantsOnly },
  }),
  live({
    method: 'put',
    path: '/live/{id}/start',
    summary: 'Go live',
    description: 'scheduled → live; starting a live session again changes nothing.',
    responses: { 200: { description: 'The session', schema: docOf('live-streams') } },
    errors: { 403: ownerOnly, 409: 'The session has ended' },
  }),
  live({
    method: 'put',
    path: '/live/{id}/end',
    summary: 'End the session',
    description: 'Tells Mux the broadcast is complete; everyone still in the session leaves.',
    responses: { 200: { description: 'The session', schema: docOf('live-streams') } },
    errors: { 403: ownerOnly },
  }),
  live({
    method: 'get',
    path: '/live/{id}/participants',
    summary: 'Who is in the session',
    description: 'The owner or an admin. `?active=false` lists everyone who came.',
    query: pageSchema.extend({
      active: z.enum(['true', 'false']).default('true').describe('`false`: include those who left'),
    }),
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
  live({
    method: 'post',
    path: '/live/{id}/join',
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
  live({
    method: 'post',
    path: '/live/{id}/leave',
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
  live({
    method: 'post',
    path: '/live/{id}/chat',
    summary: 'Send a chat message',
    body: chatMessage,
    responses: { 201: { description: 'The message', schema: docOf('live-chat-messages') } },
    errors: {
      403: participantsOnly,
      409: 'The session has ended',
      429: 'Posting too fast',
    },
  }),
  live({
    method: 'get',
    path: '/live/{id}/chat',
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
  live({
    method: 'post',
    path: '/live/{id}/polls',
    summary: 'Open a poll',
    description: 'The owner or an admin.',
    body: pollCreate,
    responses: {
      201: { description: 'The poll with its counts', schema: z.object({ doc: pollResults }) },
    },
    errors: { 403: ownerOnly, 409: 'The session has ended' },
  }),
  live({
    method: 'get',
    path: '/live/{id}/polls',
    summary: "The session's polls with their counts",
    responses: {
      200: { description: 'Polls, newest first', schema: z.object({ docs: z.array(pollResults) }) },
    },
    errors: { 403: participantsOnly },
  }),
  live({
    method: 'put',
    path: '/live/{id}/polls/{pollId}',
    summary: 'Open or close a poll',
    description: 'The owner or an admin.',
    body: pollUpdate,
    responses: { 200: { description: 'The poll', schema: z.object({ doc: pollResults }) } },
    errors: { 403: ownerOnly },
  }),
  live({
    method: 'post',
    path: '/live/{id}/polls/{pollId}/vote',
    summary: 'Vote in a poll',
    description: 'One vote per user per poll, while it is open.',
    body: pollVote,
    responses: {
      201: { description: 'The poll with its counts', schema: z.object({ doc: pollResults }) },
    },
    errors: {
      400: 'No such option',
      403: participantsOnly,
      409: 'The poll is closed, or the caller already voted',
    },
  }),
  live({
    method: 'post',
    path: '/live/{id}/recording/attach',
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
]

export const webhookOperations: Operation[] = [
  {
    method: 'post',
    path: '/webhooks/mux',
    tags: ['webhooks', 'video', 'live'],
    summary: 'Mux webhook',
    description:
      'Signed with `mux-signature` (HMAC-SHA256 of the raw body, 5-minute tolerance). Each event ' +
      'id applies once; statuses only move forward. A caption event for an asset not known yet ' +
      'answers 503 so Mux delivers it again later.',
    access: 'signature',
    headers: [{ name: 'mux-signature', description: '`t=<timestamp>,v1=<hmac>`', required: true }],
    rawBody: {
      mediaType: 'application/json',
      description: 'A Mux event, verified on the raw bytes',
      schema: {
        type: 'object',
        required: ['id', 'type', 'data'],
        properties: {
          id: { type: 'string' },
          type: { type: 'string', examples: ['video.asset.ready', 'video.live_stream.active'] },
          data: { type: 'object' },
        },
      },
    },
    responses: {
      200: {
        description: 'Received (`duplicate: true` for a redelivery, which changes nothing)',
        schema: z.object({
          received: z.literal(true),
          duplicate: z.boolean(),
          outcome: z.string().optional(),
        }),
      },
    },
    errors: {
      400: 'Missing, invalid or stale signature, or not a Mux event',
      503: 'Webhooks are not configured, or the event must be retried later',
    },
  },
]

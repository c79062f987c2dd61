import { and, count, eq, inArray, isNull, sql } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest, Where } from 'payload'

import { hasRole, isAdminUser } from '../../access'
import { idOf } from '../../lib/ids'
import { badRequest, conflict, forbidden, notFound } from '../../lib/errors'
import { isUUID, requireUser, withTransaction } from '../../lib/http'
import { findOr404 } from '../../lib/lookup'
import { lockAndRead, lockRow } from '../../lib/locks'
import { table, transactionDb } from '../../lib/sql'
import type { LiveStream } from '../../payload-types'
import { visibleCourse } from '../learning/courses'
import { muxClient, playbackPolicy, requireMux } from './mux'

const isOwner = (req: PayloadRequest, stream: LiveStream) =>
  Boolean(req.user && idOf(stream.educator) === req.user.id)

/**
 * The session as the caller may read it (liveSessionReaders decides; field access keeps the stream
 * key to its owner): 401 anonymous, 404 unknown, 403 with `denied` for a session they may not see.
 */
async function readableStream(req: PayloadRequest, id: unknown, denied: string) {
  requireUser(req)
  const stream = isUUID(id)
    ? await req.payload.findByID({
        collection: 'live-streams',
        id,
        depth: 0,
        disableErrors: true,
        overrideAccess: false,
        user: req.user,
        req,
      })
    : null
  if (stream) return stream
  // The API answers 403, not 404, for a session that exists: a trusted read tells them apart.
  await findOr404(req, 'live-streams', id, 'Live session')
  throw forbidden(denied)
}

/** Who takes part: see liveSessionReaders. */
export const participatingStream = (req: PayloadRequest, id: unknown) =>
  readableStream(req, id, "Only the course's enrolled students can take part in this session")

const OWNER_ONLY = 'Only the session educator or an admin can do this'

/** The educator who owns the session, or an admin (the collection's update rule). */
export async function ownedLiveStream(req: PayloadRequest, id: unknown) {
  const stream = await readableStream(req, id, OWNER_ONLY)
  if (!isAdminUser(req.user) && !isOwner(req, stream)) throw forbidden(OWNER_ONLY)
  return stream
}

export type ScheduleInput = {
  title: string
  description?: string
  scheduledAt: string
  courseId?: string
  maxParticipants?: number
}

/** POST /api/live/schedule — creates the Mux live stream and the session. */
export async function scheduleLiveStream(req: PayloadRequest, input: ScheduleInput) {
  const user = requireUser(req)
  if (!hasRole(user, 'educator', 'admin'))
    throw forbidden('Only educators can schedule live sessions')
  if (input.courseId) {
    const course = await visibleCourse(req, input.courseId)
    if (!isAdminUser(user) && idOf(course.educator) !== user.id) {
      throw forbidden('You can only schedule sessions for your own courses')
    }
  }
  const mux = requireMux()
  const policy = playbackPolicy()
  const live = await mux.video.liveStreams.create({
    playback_policies: [policy],
    new_asset_settings: { playback_policies: [policy] },
    latency_mode: 'low',
    reconnect_window: 60,
    passthrough: input.title.slice(0, 255),
  })
  return req.payload.create({
    collection: 'live-streams',
    data: {
      title: input.title,
      description: input.description,
      scheduledAt: input.scheduledAt,
      course: input.courseId,
      maxParticipants: input.maxParticipants,
      educator: user.id,
      status: 'scheduled',
      muxLiveStreamId: live.id,
      streamKey: live.stream_key,
      playbackId: live.playback_ids?.[0]?.id,
    },
    // Create is closed to the API: a session is born here, with its Mux stream.
    overrideAccess: true,
    req,
  })
}

/** PUT /api/live/:id/start — scheduled → live (idempotent while live). */
export async function startLiveStream(req: PayloadRequest, stream: LiveStream) {
  if (stream.status === 'ended') throw conflict('This session has already ended')
  if (stream.status === 'live') return stream
  return req.payload.update({
    collection: 'live-streams',
    id: stream.id,
    data: { status: 'live', startedAt: new Date().toISOString() },
    // Status and its times only move through start and end (closed fields).
    overrideAccess: true,
    req,
  })
}

/** PUT /api/live/:id/end — tells Mux the broadcast is complete (when configured) and ends it. */
export async function endLiveStream(req: PayloadRequest, stream: LiveStream) {
  if (stream.status === 'ended') return stream
  const mux = muxClient()
  if (mux && stream.muxLiveStreamId) await mux.video.liveStreams.complete(stream.muxLiveStreamId)
  const now = new Date().toISOString()
  return withTransaction(req, async () => {
    // The stream row first, as joins and leaves take it, then its participants.
    await lockRow(req, 'live-streams', stream.id)
    const { participants } = liveTables(req)
    const db = await transactionDb(req)
    await db
      .update(participants)
      .set({ leftAt: now })
      .where(and(eq(participants.liveStream, stream.id), isNull(participants.leftAt)))
    await recountParticipants(req, stream.id)
    return req.payload.update({
      collection: 'live-streams',
      id: stream.id,
      data: { status: 'ended', endedAt: now, startedAt: stream.startedAt ?? now },
      // Status and its times only move through start and end (closed fields).
      overrideAccess: true,
      req,
    })
  })
}

const liveTables = (req: PayloadRequest) => ({
  streams: table(req, 'live-streams', ['id', 'participantCount']),
  participants: table(req, 'live-participants', ['id', 'liveStream', 'user', 'leftAt']),
  votes: table(req, 'live-poll-votes', [
    'id',
    'poll',
    'user',
    'optionIndex',
    'updatedAt',
    'createdAt',
  ]),
})

/** participantCount = people in the session now, recomputed under the stream row's lock. */
async function recountParticipants(req: PayloadRequest, streamId: string) {
  const { streams, participants } = liveTables(req)
  const db = await transactionDb(req)
  const [row] = await db
    .update(streams)
    .set({
      participantCount: sql`(select count(*) from ${participants}
        where ${participants.liveStream} = ${streamId} and ${participants.leftAt} is null)`,
    })
    .where(eq(streams.id, streamId))
    .returning({ participantCount: streams.participantCount })
  return Number(row?.participantCount ?? 0)
}

/** The stream row's `write` lock (src/lib/locks.ts), with what a join checks under it. */
async function lockStream(req: PayloadRequest, streamId: string) {
  const [row] = await lockAndRead(req, 'live-streams', [streamId], 'write', [
    'status',
    'maxParticipants',
  ])
  return row as
    { status: LiveStream['status']; maxParticipants: LiveStream['maxParticipants'] } | undefined
}

/**
 * POST /api/live/:id/join — joins are serialized on the stream row, so the count is exact and
 * maxParticipants holds however many arrive at once. Joining twice is a no-op.
 */
export async function joinLiveStream(req: PayloadRequest, stream: LiveStream) {
  const userId = req.user!.id
  return withTransaction(req, async () => {
    const locked = await lockStream(req, stream.id)
    if (!locked) throw notFound('Live session not found')
    if (locked.status === 'ended') throw conflict('This session has ended')
    const { participants } = liveTables(req)
    const db = await transactionDb(req)
    const [existing] = await db
      .select({ id: participants.id, leftAt: participants.leftAt })
      .from(participants)
      .where(and(eq(participants.liveStream, stream.id), eq(participants.user, userId)))
    if (existing && !existing.leftAt) {
      return {
        joined: true,
        alreadyJoined: true,
        participantCount: await recountParticipants(req, stream.id),
      }
    }
    const [{ active }] = await db
      .select({ active: count() })
      .from(participants)
      .where(and(eq(participants.liveStream, stream.id), isNull(participants.leftAt)))
    if (locked.maxParticipants && active >= locked.maxParticipants) {
      throw conflict(`This session is full (${locked.maxParticipants} participants)`)
    }
    const now = new Date().toISOString()
    if (existing) {
      await req.payload.update({
        collection: 'live-participants',
        id: String(existing.id),
        data: { leftAt: null, joinedAt: now },
        // Participant rows are written only here, counted under the stream lock.
        overrideAccess: true,
        req,
      })
    } else {
      await req.payload.create({
        collection: 'live-participants',
        data: { liveStream: stream.id, user: userId, joinedAt: now },
        // Participant rows are written only here, counted under the stream lock.
        overrideAccess: true,
        req,
      })
    }
    return {
      joined: true,
      alreadyJoined: false,
      participantCount: await recountParticipants(req, stream.id),
    }
  })
}

/** POST /api/live/:id/leave — idempotent. */
export async function leaveLiveStream(req: PayloadRequest, stream: LiveStream) {
  return withTransaction(req, async () => {
    await lockRow(req, 'live-streams', stream.id)
    const { participants } = liveTables(req)
    const db = await transactionDb(req)
    await db
      .update(participants)
      .set({ leftAt: sql`now()` })
      .where(
        and(
          eq(participants.liveStream, stream.id),
          eq(participants.user, req.user!.id),
          isNull(participants.leftAt),
        ),
      )
    return { left: true, participantCount: await recountParticipants(req, stream.id) }
  })
}

export const listParticipants = (
  req: PayloadRequest,
  stream: LiveStream,
  { page, limit, active }: { page: number; limit: number; active: boolean },
) =>
  req.payload.find({
    collection: 'live-participants',
    where: {
      and: [
        { liveStream: { equals: stream.id } },
        ...(active ? [{ leftAt: { exists: false } }] : []),
      ],
    },
    sort: '-joinedAt',
    page,
    limit,
    depth: 1,
    populate: { users: { fullName: true, profileImage: true, role: true } },
    select: { user: true, joinedAt: true, leftAt: true },
    overrideAccess: false,
    user: req.user,
    req,
  })

export async function postChatMessage(req: PayloadRequest, stream: LiveStream, message: string) {
  if (stream.status === 'ended') throw conflict('This session has ended; chat is closed')
  return req.payload.create({
    collection: 'live-chat-messages',
    data: { liveStream: stream.id, user: req.user!.id, message },
    depth: 1,
    populate: { users: { fullName: true, profileImage: true } },
    // Chat is written only here: rate-limited, closed once the session ends.
    overrideAccess: true,
    req,
  })
}

/** GET /api/live/:id/chat — newest first, paged by time with ?before= (or oldest first with ?after=). */
export async function listChat(
  req: PayloadRequest,
  stream: LiveStream,
  { before, after, limit }: { before?: string; after?: string; limit: number },
) {
  const and: Where[] = [{ liveStream: { equals: stream.id } }]
  if (before) and.push({ createdAt: { less_than: before } })
  if (after) and.push({ createdAt: { greater_than: after } })
  const result = await req.payload.find({
    collection: 'live-chat-messages',
    where: { and },
    sort: after ? 'createdAt' : '-createdAt',
    limit,
    depth: 1,
    populate: { users: { fullName: true, profileImage: true } },
    overrideAccess: false,
    user: req.user,
    req,
  })
  const last = result.docs.at(-1)
  return {
    docs: result.docs,
    hasMore: result.hasNextPage,
    next: result.hasNextPage && last ? { [after ? 'after' : 'before']: last.createdAt } : null,
  }
}

export async function createPoll(
  req: PayloadRequest,
  stream: LiveStream,
  question: string,
  options: string[],
) {
  if (stream.status === 'ended') throw conflict('This session has ended')
  return req.payload.create({
    collection: 'live-polls',
    data: { liveStream: stream.id, question, options, isActive: true },
    // Create is closed to the API: polls are asked through POST /api/live/:id/polls.
    overrideAccess: true,
    req,
  })
}

export async function pollOfStream(req: PayloadRequest, stream: LiveStream, pollId: unknown) {
  const poll = await findOr404(req, 'live-polls', pollId, 'Poll', { asCaller: true })
  if (idOf(poll.liveStream) !== stream.id) throw notFound('Poll not found')
  return poll
}

export const setPollActive = (req: PayloadRequest, pollId: string, isActive: boolean) =>
  req.payload.update({
    collection: 'live-polls',
    id: pollId,
    data: { isActive },
    overrideAccess: false,
    user: req.user,
    req,
  })

/** One vote per user per poll (unique index; a second vote is a 409), only while the poll is open. */
export async function votePoll(
  req: PayloadRequest,
  stream: LiveStream,
  pollId: unknown,
  optionIndex: number,
) {
  const poll = await pollOfStream(req, stream, pollId)
  if (!poll.isActive) throw conflict('This poll is closed')
  if (optionIndex >= poll.options.length) {
    throw badRequest(`optionIndex: must be from 0 to ${poll.options.length - 1}`)
  }
  const { votes } = liveTables(req)
  const db = await transactionDb(req)
  const rows = await db
    .insert(votes)
    .values({
      poll: poll.id,
      user: req.user!.id,
      optionIndex,
      updatedAt: sql`now()`,
      createdAt: sql`now()`,
    })
    .onConflictDoNothing({ target: [votes.poll, votes.user] })
    .returning({ id: votes.id })
  if (!rows.length) throw conflict('You have already voted in this poll')
  return pollResults(req, poll.id)
}

type PollDoc = { id: string; question: string; isActive?: boolean | null; options: string[] }

/** Votes per option (and the caller's own vote) for several polls, in one grouped query. */
async function withResults(req: PayloadRequest, polls: PollDoc[]) {
  if (!polls.length) return []
  const ids = polls.map((p) => p.id)
  const userId = req.user?.id ?? null
  const { votes } = liveTables(req)
  const db = await transactionDb(req)
  const rows = await db
    .select({
      poll_id: sql<string>`${votes.poll}`,
      option_index: sql<number>`${votes.optionIndex}::int`,
      votes: count(),
      mine: sql<boolean>`bool_or(${votes.user} = ${userId})`,
    })
    .from(votes)
    .where(inArray(votes.poll, ids))
    .groupBy(votes.poll, votes.optionIndex)
  return polls.map((poll) => {
    const mine = rows.find((r) => r.poll_id === poll.id && r.mine)
    const options = poll.options.map((label, index) => ({
      index,
      label,
      votes: rows.find((r) => r.poll_id === poll.id && r.option_index === index)?.votes ?? 0,
    }))
    return {
      id: poll.id,
      question: poll.question,
      isActive: poll.isActive,
      options,
      totalVotes: options.reduce((sum, o) => sum + o.votes, 0),
      myVote: mine?.option_index ?? null,
    }
  })
}

export async function pollResults(req: PayloadRequest, pollId: string) {
  const poll = await req.payload.findByID({
    collection: 'live-polls',
    id: pollId,
    depth: 0,
    overrideAccess: false,
    user: req.user,
    req,
  })
  const [result] = await withResults(req, [poll])
  return result
}

export async function listPolls(req: PayloadRequest, stream: LiveStream) {
  const { docs } = await req.payload.find({
    collection: 'live-polls',
    where: { liveStream: { equals: stream.id } },
    sort: '-createdAt',
    pagination: false,
    depth: 0,
    overrideAccess: false,
    user: req.user,
    req,
  })
  return { docs: await withResults(req, docs) }
}

/** A finished session's recording becomes a lesson's video. */
export async function attachRecording(req: PayloadRequest, stream: LiveStream, lessonId: unknown) {
  const assetId = idOf(stream.recordingAsset)
  if (!assetId) throw conflict('This session has no recording yet')
  // A trusted read only to answer 404 for an unknown lesson; the Lessons update rule decides (403).
  const lesson = await findOr404(req, 'lessons', lessonId, 'Lesson')
  return withTransaction(req, async () => {
    const asset = await req.payload.findByID({
      collection: 'video-assets',
      id: assetId,
      depth: 0,
      overrideAccess: false,
      user: req.user,
      req,
    })
    const attached = await req.payload.update({
      collection: 'lessons',
      id: lesson.id,
      data: {
        videoAsset: assetId,
        ...(typeof asset.duration === 'number' ? { duration: Math.round(asset.duration) } : {}),
      },
      depth: 0,
      overrideAccess: false,
      user: req.user,
      req,
    })
    await req.payload.update({
      collection: 'video-assets',
      id: assetId,
      data: { lesson: lesson.id },
      // Video assets are closed to API writes (Mux webhooks fill them); the lesson rule decided.
      overrideAccess: true,
      req,
    })
    return attached
  })
}

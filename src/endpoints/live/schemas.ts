import { z } from 'zod'

import { pageSchema } from '../../lib/pagination'

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

/** `?active=false` lists everyone who came (the handler reads it from the query string). */
export const participantsQuery = pageSchema.extend({
  active: z.enum(['true', 'false']).default('true').describe('`false`: include those who left'),
})

// What the endpoints answer, for the OpenAPI document.

export const pollWithCounts = z.object({
  id: z.uuid(),
  question: z.string(),
  isActive: z.boolean().nullish(),
  options: z.array(
    z.object({ index: z.number().int(), label: z.string(), votes: z.number().int() }),
  ),
  totalVotes: z.number().int(),
  myVote: z.number().int().nullable().describe("The caller's option index, if they voted"),
})

import type { PayloadRequest } from 'payload'
import { z } from 'zod'

import { parseInput } from './http'

export const pageSchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
})

/** Query-string params as an object (last value wins). */
export const queryParams = (req: PayloadRequest) =>
  Object.fromEntries(new URL(req.url ?? 'http://localhost').searchParams.entries())

/** ?page=&limit= → 400 when not positive integers (limit ≤ 100). */
export const pagination = (req: PayloadRequest) =>
  parseInput(pageSchema, { page: queryParams(req).page, limit: queryParams(req).limit })

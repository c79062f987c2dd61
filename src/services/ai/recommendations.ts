import { createHash } from 'node:crypto'
import type { Payload, PayloadRequest } from 'payload'
import { createLocalReq } from 'payload'
import { z } from 'zod'

import { cache } from '../../lib/cache'
import { execute, sql } from '../../lib/sql'
import { recordEvent } from '../analytics/events'
import { loadCatalog, loadCoEnrollment, loadStudent, recommendationVersion } from './catalog'
import { askModel, openaiClient } from './openai'
import { indexCatalog, rankForStudent, type Scored } from './ranking'

export type Source = 'openai' | 'local'
export type Recommendation = { courseId: string; title: string; score: number; reason: string }
export type Recommendations = {
  recommendations: Recommendation[]
  source: Source
  generatedAt: string
}

/** How many local candidates the model may choose from (bounded prompts). */
export const CANDIDATES = 20
const cacheTtlMs = () => Number(process.env.AI_CACHE_TTL_MS || 6 * 3600_000)

const modelAnswer = z.object({
  recommendations: z.array(z.object({ courseId: z.string(), reason: z.string().max(300) })),
})

/**
 * Keeps only what we offered, once each, in the model's order, and fills up to `limit` from the
 * local ranking: the model can reorder and explain, never invent or repeat a course.
 */
export function mergeModelPicks(
  picks: { courseId: string; reason: string }[],
  local: Scored[],
  limit: number,
): Recommendation[] {
  const offered = new Map(local.map((s) => [s.courseId, s]))
  const out: Recommendation[] = []
  const seen = new Set<string>()
  for (const pick of picks) {
    const candidate = offered.get(pick.courseId)
    if (!candidate || seen.has(pick.courseId)) continue
    seen.add(pick.courseId)
    out.push({
      courseId: candidate.courseId,
      title: candidate.title,
      score: candidate.score,
      reason: pick.reason.trim() || candidate.reason,
    })
    if (out.length === limit) return out
  }
  for (const s of local) {
    if (out.length === limit) break
    if (seen.has(s.courseId)) continue
    out.push({ courseId: s.courseId, title: s.title, score: s.score, reason: s.reason })
  }
  return out
}

async function compute(
  req: PayloadRequest,
  studentId: string,
  limit: number,
): Promise<Recommendations> {
  const [catalog, co, student] = await Promise.all([
    loadCatalog(req),
    loadCoEnrollment(req),
    loadStudent(req, studentId),
  ])
  const index = indexCatalog(catalog)
  const local = rankForStudent(index, co, student, Math.max(limit, CANDIDATES))
  const generatedAt = new Date().toISOString()
  const localAnswer = (): Recommendations => ({
    recommendations: local.slice(0, limit).map(({ signals: _s, ...r }) => r),
    source: 'local',
    generatedAt,
  })
  if (!openaiClient() || !local.length) return localAnswer()
  // Pseudonymous: ids, titles, tags and interests only — no name, no email.
  const answer = await askModel(req.payload, {
    schema: modelAnswer,
    name: 'recommendations',
    system:
      'You recommend online courses to a learner. Choose and order up to ' +
      `${limit} courses ONLY from "candidates" (use their exact ids) and give a one-sentence reason ` +
      'addressed to the learner. Prefer courses that build on what they took and match their interests.',
    user: {
      learner: {
        interests: student.interests,
        taken: student.taken.map((id) => index.courses.get(id)?.title).filter(Boolean),
      },
      candidates: local.map((s) => ({
        id: s.courseId,
        title: s.title,
        tags: index.courses.get(s.courseId)?.tags ?? [],
        summary: index.courses.get(s.courseId)?.text.slice(0, 200) ?? '',
      })),
    },
  })
  if (!answer) return localAnswer()
  return {
    recommendations: mergeModelPicks(answer.recommendations, local, limit),
    source: 'openai',
    generatedAt,
  }
}

const cacheKey = async (req: PayloadRequest, studentId: string, limit: number) => {
  const version = createHash('sha1')
    .update(await recommendationVersion(req, studentId))
    .digest('hex')
    .slice(0, 16)
  return `ai:recommendations:${studentId}:${limit}:${openaiClient() ? 'ai' : 'local'}:${version}`
}

/**
 * GET /api/ai/recommendations/:userId — cached per student under a key that includes what
 * changes the answer (their enrollments, completions and interests, the published catalog), so
 * any of those changing computes afresh on the next call. Each answer is recorded
 * (recommendation_shown) to learn what gets opened or enrolled afterwards.
 */
export async function recommendationsFor(
  req: PayloadRequest,
  studentId: string,
  { limit, record = true }: { limit: number; record?: boolean },
): Promise<Recommendations> {
  const key = await cacheKey(req, studentId, limit)
  let result = await cache.get<Recommendations>(key)
  if (!result) {
    result = await compute(req, studentId, limit)
    await cache.set(key, result, cacheTtlMs())
  }
  if (record && result.recommendations.length) {
    await recordEvent(req, 'recommendation_shown', {
      user: studentId,
      data: { courseIds: result.recommendations.map((r) => r.courseId), source: result.source },
    })
  }
  return result
}

/** The scheduled precompute: students active in the last day get a warm cache. */
export async function precomputeRecommendations(payload: Payload, { limit = 10 } = {}) {
  const req = await createLocalReq({}, payload)
  const active = await execute<{ id: string }>(
    req,
    sql`select distinct e.user_id as id from analytics_events e join users u on u.id = e.user_id
        where u.role = 'student' and e.created_at >= now() - interval '1 day'
        limit 5000`,
  )
  for (const { id } of active) await recommendationsFor(req, id, { limit, record: false })
  return { students: active.length }
}

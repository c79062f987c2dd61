import type { PayloadRequest } from 'payload'
import { z } from 'zod'

import { TOPICS } from '../../lib/constants'
import { execute, sql } from '../../lib/sql'
import type { User } from '../../payload-types'
import { askModel, openaiClient } from './openai'
import { tokens } from './ranking'
import type { Source } from './recommendations'

export type Demand = { interestedStudents: number; searches: number; existingCourses: number }
export type Suggestion = { title: string; topic: string; rationale: string; demand: Demand }

const SEARCH_WINDOW_DAYS = 90
/** A search that found this few courses or fewer "found little". */
const FOUND_LITTLE = 2
const label = (topic: string) => (topic === 'ai' ? 'AI' : topic[0].toUpperCase() + topic.slice(1))

const TITLE_TEMPLATES = [
  (t: string) => `${t} for Founders: A Practical Playbook`,
  (t: string) => `${t} Essentials in Five Short Lessons`,
  (t: string) => `Hands-on ${t}: From Zero to a First Result`,
]

const modelSuggestions = z.object({
  suggestions: z.array(
    z.object({ topic: z.string(), title: z.string().max(120), rationale: z.string().max(400) }),
  ),
})

/**
 * Demand per topic: students interested in it, searches in the last 90 days that mention it and
 * found little, and the published courses that already cover it. Unmet searches that match no
 * topic come back as their own candidates (their words as the topic).
 */
async function demandByTopic(req: PayloadRequest) {
  const interested = await execute<{ topic: string; n: string }>(
    req,
    sql`select i.value as topic, count(distinct i.parent_id) as n
        from users_student_profile_interests i join users u on u.id = i.parent_id
        where u.role = 'student' group by i.value`,
  )
  const supply = await execute<{ topic: string; n: string }>(
    req,
    sql`select t.value as topic, count(*) as n from courses_tags t
        join courses c on c.id = t.parent_id where c._status = 'published' group by t.value`,
  )
  const since = new Date(Date.now() - SEARCH_WINDOW_DAYS * 86_400_000).toISOString()
  const searches = await execute<{ q: string; n: string }>(
    req,
    sql`select lower(trim(event_data->>'q')) as q, count(*) as n from analytics_events
        where event_type = 'search' and created_at >= ${since}
          and coalesce((event_data->>'results')::int, 0) <= ${FOUND_LITTLE}
        group by 1`,
  )
  const demand = new Map<string, Demand>(
    TOPICS.map((t) => [t, { interestedStudents: 0, searches: 0, existingCourses: 0 }]),
  )
  for (const r of interested)
    if (demand.has(r.topic)) demand.get(r.topic)!.interestedStudents = Number(r.n)
  for (const r of supply)
    if (demand.has(r.topic)) demand.get(r.topic)!.existingCourses = Number(r.n)
  const unmet = new Map<string, number>()
  for (const { q, n } of searches) {
    const words = new Set(tokens(q))
    const topic = TOPICS.find((t) => words.has(t) || q.includes(t))
    if (topic) demand.get(topic)!.searches += Number(n)
    else if (q) unmet.set(q, (unmet.get(q) ?? 0) + Number(n))
  }
  return { demand, unmet }
}

/** Demand over supply, favouring the educator's own expertise. */
const scoreOf = (d: Demand, expert: boolean) =>
  ((d.interestedStudents + 2 * d.searches) / (1 + d.existingCourses)) * (expert ? 1.5 : 1)

/**
 * GET /api/ai/course-suggestions/:educatorId — topics with demand and little supply, best first,
 * with the numbers behind each. The model (when configured) may only title and explain the topics
 * we computed; the demand figures are always ours.
 */
export async function courseSuggestions(
  req: PayloadRequest,
  educator: User,
  limit = 5,
): Promise<{ suggestions: Suggestion[]; source: Source }> {
  const { demand, unmet } = await demandByTopic(req)
  const expertise = new Set<string>(educator.educatorProfile?.expertiseTags ?? [])
  const ranked = [
    ...[...demand].map(([topic, d]) => ({ topic, d, score: scoreOf(d, expertise.has(topic)) })),
    ...[...unmet].map(([q, n]) => ({
      topic: q,
      d: { interestedStudents: 0, searches: n, existingCourses: 0 },
      score: scoreOf({ interestedStudents: 0, searches: n, existingCourses: 0 }, false),
    })),
  ]
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score || a.topic.localeCompare(b.topic))
    .slice(0, limit)
  const local: Suggestion[] = ranked.map(({ topic, d }, i) => ({
    topic,
    title: TITLE_TEMPLATES[i % TITLE_TEMPLATES.length](label(topic)),
    rationale:
      `${d.interestedStudents} student${d.interestedStudents === 1 ? ' is' : 's are'} interested, ` +
      `${d.searches} recent search${d.searches === 1 ? '' : 'es'} found little, and ` +
      `${d.existingCourses} published course${d.existingCourses === 1 ? '' : 's'} cover${d.existingCourses === 1 ? 's' : ''} it` +
      (expertise.has(topic) ? '; it is one of your areas of expertise.' : '.'),
    demand: d,
  }))
  if (!openaiClient() || !local.length) return { suggestions: local, source: 'local' }
  const answer = await askModel(req.payload, {
    schema: modelSuggestions,
    name: 'course_suggestions',
    system:
      'Suggest a course title and a two-sentence rationale for each topic given, for an educator ' +
      'on a learning platform. Use only the topics given, with the exact topic strings; base the ' +
      'rationale on the demand numbers.',
    user: {
      expertise: [...expertise],
      topics: local.map((s) => ({ topic: s.topic, demand: s.demand })),
    },
  })
  if (!answer) return { suggestions: local, source: 'local' }
  const byTopic = new Map(answer.suggestions.map((s) => [s.topic, s]))
  return {
    suggestions: local.map((s) => {
      const m = byTopic.get(s.topic)
      return m
        ? { ...s, title: m.title.trim() || s.title, rationale: m.rationale.trim() || s.rationale }
        : s
    }),
    source: 'openai',
  }
}

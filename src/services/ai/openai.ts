import OpenAI from 'openai'
import { zodResponseFormat } from 'openai/helpers/zod'
import type { Payload } from 'payload'
import type { z } from 'zod'

let cached: { key: string; base: string; client: OpenAI } | null = null

/**
 * The one OpenAI client: OPENAI_API_KEY, and OPENAI_BASE_URL when set (the SDK's own variable; a
 * loopback fake in tests). Null without a key: every AI endpoint then answers from the local
 * ranking.
 */
export function openaiClient(): OpenAI | null {
  const key = process.env.OPENAI_API_KEY
  if (!key) return null
  const base = process.env.OPENAI_BASE_URL ?? ''
  if (cached?.key === key && cached.base === base) return cached.client
  const client = new OpenAI({
    apiKey: key,
    ...(base ? { baseURL: base } : {}),
    maxRetries: 0,
    timeout: aiTimeoutMs(),
  })
  cached = { key, base, client }
  return client
}

export const aiModel = () => process.env.OPENAI_MODEL || 'gpt-4o-mini'
export const aiTimeoutMs = () => Number(process.env.AI_TIMEOUT_MS || 4000)

/**
 * Asks the model for JSON matching `schema` (structured outputs, parsed and validated with zod).
 * Null when there is no key, the time budget runs out, the API fails or the answer does not
 * validate: callers then answer locally and say so in `source`.
 */
export async function askModel<S extends z.ZodType>(
  payload: Payload,
  { schema, name, system, user }: { schema: S; name: string; system: string; user: unknown },
): Promise<z.infer<S> | null> {
  const client = openaiClient()
  if (!client) return null
  const budget = new AbortController()
  const timer = setTimeout(() => budget.abort(), aiTimeoutMs())
  try {
    const completion = await client.chat.completions.parse(
      {
        model: aiModel(),
        temperature: 0.2,
        messages: [
          { role: 'system', content: system },
          { role: 'user', content: JSON.stringify(user) },
        ],
        response_format: zodResponseFormat(schema, name),
      },
      { signal: budget.signal },
    )
    const parsed = completion.choices[0]?.message?.parsed
    return (parsed ?? null) as z.infer<S> | null
  } catch (err) {
    payload.logger.warn({ err: (err as Error).message, name }, 'AI call failed; answering locally')
    return null
  } finally {
    clearTimeout(timer)
  }
}

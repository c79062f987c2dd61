import http from 'node:http'
import type { AddressInfo } from 'node:net'

export type ChatRequest = {
  model: string
  messages: { role: string; content: string }[]
  response_format?: {
    type: string
    json_schema?: { name: string; schema: unknown; strict?: boolean }
  }
}

/** What the fake answers for a request: the JSON object the model "wrote". */
export type Responder = (request: ChatRequest) => unknown

/**
 * A loopback stand-in for OpenAI's Chat Completions API, enough for the real `openai` SDK
 * (OPENAI_BASE_URL = `${url}/v1`): structured-output answers from a responder the test sets,
 * with optional delay and failures. Records every request (to check what was sent).
 */
export async function startFakeOpenAI({ apiKey }: { apiKey: string }) {
  const requests: ChatRequest[] = []
  let responder: Responder = () => ({})
  let delayMs = 0
  let failures: number[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', async () => {
      const send = (status: number, body: unknown) => {
        if (res.destroyed) return
        res.writeHead(status, { 'Content-Type': 'application/json' })
        res.end(JSON.stringify(body))
      }
      if (req.headers.authorization !== `Bearer ${apiKey}`) {
        return send(401, {
          error: { message: 'Incorrect API key provided', type: 'invalid_request_error' },
        })
      }
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        return send(404, { error: { message: `Unknown route ${req.method} ${req.url}` } })
      }
      const body = JSON.parse(Buffer.concat(chunks).toString()) as ChatRequest
      requests.push(body)
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs))
      const failure = failures.shift()
      if (failure)
        return send(failure, {
          error: { message: 'The server had an error', type: 'server_error' },
        })
      if (body.response_format?.type !== 'json_schema') {
        return send(400, { error: { message: 'this fake only answers structured outputs' } })
      }
      send(200, {
        id: `chatcmpl-${requests.length}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: body.model,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: JSON.stringify(responder(body)), refusal: null },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
      })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    respond(fn: Responder) {
      responder = fn
    },
    delay(ms: number) {
      delayMs = ms
    },
    failNext(status = 500, times = 1) {
      failures = Array(times).fill(status)
    },
    /** The JSON the app sent as the user message of a request. */
    userMessage(request: ChatRequest) {
      return JSON.parse(request.messages.find((m) => m.role === 'user')?.content ?? '{}')
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export type FakeOpenAI = Awaited<ReturnType<typeof startFakeOpenAI>>

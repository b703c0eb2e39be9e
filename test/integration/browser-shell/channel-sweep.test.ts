/**
 * Every channel of the IPC contract through the browser shell's socket, as a compromised page
 * sends it: seeded mutants of a valid request (wrong types, stray and prototype keys, ill-formed
 * text, huge strings and lists, deep nesting, impossible numbers), and the same call as a binary
 * frame, whole or with a broken byte. Each call gets one answer under its id; a refusal names what
 * was not done in one bounded sentence that repeats none of the page's text raw, its handler
 * never runs, and each refusal costs one bounded log line. The socket runs over a plain HTTP
 * server with an app that records what reached it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { AppApi } from '../../../src/main/core/app-api'
import { CALL_NOT_DONE } from '../../../src/shared/ipc/call-phrases'
import { invokeChannels, invokeContract, type InvokeChannel } from '../../../src/shared/ipc/contract'
import { IPC_SOCKET_PATH, SECRET_PARAM } from '../../../src/shared/ipc/shell-socket'
import { listenIpcSocket } from '../../support/ipc-socket-host'
import { jsonText, mutants } from '../../support/mutation-fuzz'
import { recordingLog } from '../../support/recording-log'
import { VALID_REQUESTS } from '../../support/valid-ipc-requests'

const SECRET = 'this-run-secret'
const SEED = 0x5eed
/** A run of the mutants' huge text no refusal or log line may repeat. */
const HUGE_TEXT = 'x'.repeat(200)

interface Answer {
  readonly ok: boolean
  readonly error?: { readonly code: string; readonly message: string }
}

const log = recordingLog()
/** What reached the app, by channel: the only way a call changes anything. */
const applied: Array<readonly [string, unknown]> = []
let close: () => Promise<void>
let ws: WebSocket
const answers = new Map<number, (answer: Answer) => void>()
let nextId = 0

beforeAll(async () => {
  const api = new Proxy(
    {},
    { get: (_target, channel) => (request: unknown) => void applied.push([String(channel), request]) },
  ) as AppApi
  const host = await listenIpcSocket(api, SECRET, log)
  const origin = host.origin
  close = host.close
  ws = new WebSocket(`${origin.replace('http', 'ws')}${IPC_SOCKET_PATH}?${SECRET_PARAM}=${SECRET}`, {
    headers: { origin },
  })
  ws.on('message', (data) => {
    const { id, result } = JSON.parse(String(data)) as { id: number; result: Answer }
    answers.get(id)?.(result)
    answers.delete(id)
  })
  await new Promise((resolve) => ws.once('open', resolve))
})

afterAll(async () => {
  ws.close()
  await close()
})

/** Sends `text` (a binary frame when a Buffer) as call `id` and resolves with its answer. */
function send(id: number, text: string | Buffer): Promise<Answer> {
  return new Promise((resolve) => {
    answers.set(id, resolve)
    ws.send(text, { binary: Buffer.isBuffer(text) })
  })
}

function call(channel: InvokeChannel, requestText: string | undefined): Promise<Answer> {
  const id = ++nextId
  const request = requestText === undefined ? '' : `,"request":${requestText}`
  return send(id, `{"id":${id},"channel":${JSON.stringify(channel)}${request}}`)
}

/** The refusal's sentence, checked for what any refusal must be. */
function expectToldSentence(answer: Answer, channel: InvokeChannel, context: string): void {
  expect(answer.ok, context).toBe(false)
  const message = answer.error?.message ?? ''
  expect(message.startsWith(`${CALL_NOT_DONE[channel]}: `), `${context}: ${message}`).toBe(true)
  expect(message, context).not.toContain(channel)
  expect(message.length, context).toBeLessThan(600)
  expect(message.isWellFormed(), context).toBe(true)
  expect(message, context).not.toMatch(/[\p{Cc}\p{Cf}]/u)
  expect(message, context).not.toContain(HUGE_TEXT)
}

function expectLogBounded(): void {
  for (const line of log.lines) {
    expect(line.length).toBeLessThan(1_000)
    expect(line).not.toContain(HUGE_TEXT)
    expect(line).not.toMatch(/[\n\r\u2028\u2029\u202a-\u202e\u2066-\u2069]/)
  }
}

describe('every channel over the browser shell’s socket', () => {
  it.each(invokeChannels.map((channel, n) => [channel, n] as const))(
    '%s: hands its app only what its schema holds, refuses the rest in words, and answers the next good call',
    async (channel, n) => {
      const sample = VALID_REQUESTS[channel]
      const good = jsonText(sample)
      for (const mutant of mutants(sample, { seed: SEED + n, count: 60 })) {
        const text = jsonText(mutant.value)
        // Nested past what JSON.stringify can write: bad-frames.test.ts sends such text by hand.
        if (text === undefined && mutant.value !== undefined) continue
        const context = `${channel}, ${mutant.what}`
        applied.length = 0
        const answer = await call(channel, text)
        if (answer.ok) {
          // A focus report reaches the app only when it changes the focus.
          if (channel !== 'app.reportFocus') expect(applied, context).toHaveLength(1)
          for (const [, request] of applied)
            expect(invokeContract[channel].request.safeParse(request).success, context).toBe(true)
        } else {
          expect(applied, context).toEqual([])
          expect(answer.error?.code, context).toBe('invalid_payload')
          expectToldSentence(answer, channel, context)
        }
        expect((await call(channel, good)).ok, `${context}, then a good call`).toBe(true)
      }
      expectLogBounded()
    },
  )

  it.each(invokeChannels)(
    '%s: a binary frame is answered as its text, and one with a broken byte refused in words',
    async (channel) => {
      const request = jsonText(VALID_REQUESTS[channel])
      const whole = (id: number): string =>
        `{"id":${id},"channel":"${channel}"${request === undefined ? '' : `,"request":${request}`}}`
      const first = ++nextId
      expect((await send(first, Buffer.from(whole(first)))).ok).toBe(true)
      const broken = ++nextId
      // A lone continuation byte in a text of the call: no UTF-8 decoder reads it as it was sent.
      const bytes = Buffer.from(whole(broken).replace('{', '{"pad":"?",'))
      bytes[bytes.indexOf('?')] = 0x80
      applied.length = 0
      const answer = await send(broken, bytes)
      expect(applied).toEqual([])
      expect(answer.error?.code).toBe('invalid_payload')
      expectToldSentence(answer, channel, 'a broken byte')
      expect(answer.error?.message).toMatch(/UTF-8/)
    },
  )
})

it('refuses a call of the contract under an id that is not a whole number, saying what was not done', async () => {
  applied.length = 0
  const answer = await send(
    1.5,
    JSON.stringify({ id: 1.5, channel: 'messages.send', request: VALID_REQUESTS['messages.send'] }),
  )
  expect(applied).toEqual([])
  expectToldSentence(answer, 'messages.send', 'a fractional id')
  expect(log.lines.at(-1)).toContain('malformed IPC message for messages.send')
})

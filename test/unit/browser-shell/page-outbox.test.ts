/**
 * A page that stops reading cannot make the shell hold its pushes without end: past the bound a
 * push closes the page's socket with a code that says why, and a page that reads is never closed.
 * A real `ws` server and client on loopback, so the bytes wait where they would in the shell.
 */
import type { AddressInfo } from 'node:net'
import { afterEach, expect, it } from 'vitest'
import WebSocket, { WebSocketServer } from 'ws'
import { pageOutbox, type OutboxLimits } from '../../../src/browser-shell/page-outbox'
import { FELL_BEHIND_CLOSE } from '../../../src/shared/ipc/shell-socket'
import type { Logger } from '../../../src/shared/logger'

const LIMITS: OutboxLimits = { pauseAt: 64 * 1024, closeAt: 256 * 1024, callsInFlight: 4 }
const PUSH = JSON.stringify({ event: 'cache.changed', payload: 'x'.repeat(32 * 1024) })
/** Far more than a loopback socket's buffers hold, so a page that does not read must fall behind. */
const MOST_PUSHES = 4_000

let server: WebSocketServer | undefined
afterEach(async () => {
  for (const client of server?.clients ?? []) client.terminate()
  await new Promise((resolve) => server?.close(resolve))
})

/** A server side socket and the client that opened it. */
async function connectedPair(): Promise<{ shellSide: WebSocket; page: WebSocket }> {
  server = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  await new Promise((resolve) => server!.once('listening', resolve))
  const shellSide = new Promise<WebSocket>((resolve) => server!.once('connection', resolve))
  const page = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/`)
  await new Promise((resolve) => page.once('open', resolve))
  return { shellSide: await shellSide, page }
}

function warnings(): { log: Logger; lines: string[]; heard(text: string): Promise<void> } {
  const lines: string[] = []
  const waiting: Array<[string, () => void]> = []
  return {
    lines,
    log: {
      info: () => {},
      error: () => {},
      warn: (message) => {
        lines.push(message)
        for (const [text, resolve] of waiting) if (message.includes(text)) resolve()
      },
    },
    heard: (text) => new Promise((resolve) => waiting.push([text, resolve])),
  }
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

it('closes a page that stops reading its pushes, with a code and a reason, and says so once', async () => {
  const { shellSide, page } = await connectedPair()
  const { log, lines } = warnings()
  const outbox = pageOutbox(shellSide, log, LIMITS)
  page.pause()
  let pushes = 0
  // A turn between pushes lets the bytes the system takes leave the outbox, as in the shell.
  while (shellSide.readyState === WebSocket.OPEN && pushes < MOST_PUSHES) {
    outbox.push(PUSH)
    pushes++
    await nextTurn()
  }
  expect(shellSide.readyState).toBe(WebSocket.CLOSING)
  outbox.push(PUSH)
  expect(lines.filter((line) => line.includes('fell behind'))).toHaveLength(1)
  // It sent no call: the pause of its calls on the way is said as what it is.
  expect(lines.filter((line) => line.includes('stopped reading calls'))).toEqual([
    expect.stringContaining('does not read what the shell sends it'),
  ])

  // Once the page reads again it gets what was sent, then the close and why.
  const closed = new Promise<[number, string]>((resolve) =>
    page.once('close', (code, reason) => resolve([code, String(reason)])),
  )
  page.resume()
  expect(await closed).toEqual([FELL_BEHIND_CLOSE.code, FELL_BEHIND_CLOSE.reason])
}, 20_000)

it('never closes a page that reads its pushes', async () => {
  const { shellSide, page } = await connectedPair()
  const { log, lines } = warnings()
  const outbox = pageOutbox(shellSide, log, LIMITS)
  let received = 0
  const all = new Promise<void>((resolve) =>
    page.on('message', () => {
      if (++received === 200) resolve()
    }),
  )
  for (let i = 0; i < 200; i++) {
    outbox.push(PUSH)
    await nextTurn()
  }
  await all
  expect(shellSide.readyState).toBe(WebSocket.OPEN)
  expect(lines).toEqual([])
})

it('stops reading calls while too many wait for their answers, and reads again once half are answered', async () => {
  const { shellSide, page } = await connectedPair()
  const { log, lines } = warnings()
  const outbox = pageOutbox(shellSide, log, LIMITS)
  const settles: Array<(text: string) => void> = []
  const answer = (): void => outbox.take(() => new Promise<string>((resolve) => settles.push(resolve)))

  for (let i = 0; i < LIMITS.callsInFlight - 1; i++) answer()
  expect(shellSide.isPaused).toBe(false)
  answer()
  expect(shellSide.isPaused).toBe(true)
  expect(lines).toEqual([expect.stringContaining('faster than they are answered')])

  const heard: string[] = []
  const allHeard = new Promise<void>((resolve) =>
    page.on('message', (data) => {
      heard.push(String(data))
      if (heard.length === LIMITS.callsInFlight) resolve()
    }),
  )
  settles[0]!('{"id":1}')
  await nextTurn()
  expect(shellSide.isPaused).toBe(true)
  settles[1]!('{"id":2}')
  await nextTurn()
  expect(shellSide.isPaused).toBe(false)
  settles[2]!('{"id":3}')
  settles[3]!('{"id":4}')
  await allHeard
  expect(heard).toEqual(['{"id":1}', '{"id":2}', '{"id":3}', '{"id":4}'])
})

it('counts what it sends already settled in bytes only: many of them are not calls sent too fast', async () => {
  const { shellSide, page } = await connectedPair()
  const { log, lines } = warnings()
  const outbox = pageOutbox(shellSide, log, LIMITS)
  const count = LIMITS.callsInFlight * 4
  let received = 0
  const all = new Promise<void>((resolve) =>
    page.on('message', () => {
      if (++received === count) resolve()
    }),
  )
  for (let i = 0; i < count; i++) outbox.send(`{"id":${i}}`)
  expect(shellSide.isPaused).toBe(false)
  await all
  expect(lines).toEqual([])
})

it('stops reading nothing for what was kept, but the page’s own answers find that much less room', async () => {
  const { shellSide, page } = await connectedPair()
  const { log, lines } = warnings()
  const outbox = pageOutbox(shellSide, log, LIMITS)
  page.pause()
  outbox.send(JSON.stringify({ id: 1, result: 'x'.repeat(LIMITS.pauseAt) }))
  expect(shellSide.isPaused).toBe(false)
  expect(lines).toEqual([])
  outbox.take(async () => '{"id":2}')
  // The answer goes out in the next microtask, before the system has taken the kept bytes.
  await Promise.resolve()
  expect(shellSide.isPaused).toBe(true)
  expect(lines).toEqual([expect.stringContaining('does not read what the shell sends it')])
})

it('starts the calls read past the bound only as earlier ones are answered, in the order sent, and the rest when the page leaves', async () => {
  const { shellSide } = await connectedPair()
  const outbox = pageOutbox(shellSide, warnings().log, LIMITS)
  const started: number[] = []
  const settles: Array<(text: string) => void> = []
  // A socket's one read hands over every frame in it, the ones past the bound too.
  for (let id = 1; id <= LIMITS.callsInFlight * 3; id++)
    outbox.take(() => {
      started.push(id)
      return new Promise<string>((resolve) => settles.push(resolve))
    })
  expect(started).toEqual([1, 2, 3, 4])
  settles[0]!('{"id":1}')
  settles[1]!('{"id":2}')
  await nextTurn()
  expect(started).toEqual([1, 2, 3, 4, 5, 6])
  // The socket closed: what still waits starts now, each answered as a call whose page left.
  outbox.flush()
  expect(started).toEqual(Array.from({ length: LIMITS.callsInFlight * 3 }, (_, i) => i + 1))
})

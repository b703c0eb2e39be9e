/**
 * A page that sends a flood of calls in one write (a loop, or a compromised page) has them read
 * by the shell together, but their work starts one at a time, each in a turn of the event loop of
 * its own: another page's call starts after one or two of the flood's, not after all of them, and
 * the shell's other work goes on between them. The IPC socket runs on its own over a plain HTTP
 * server, with an app that records which page's call started when.
 */
import type { Socket } from 'node:net'
import { afterEach, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { AppApi } from '../../../src/main/core/app-api'
import { MOST_PAGES } from '../../../src/browser-shell/ipc-socket-server'
import { IPC_SOCKET_PATH, PAGE_PARAM, SECRET_PARAM } from '../../../src/shared/ipc/shell-socket'
import { CALL_SLICE_MS } from '../../../src/main/core/ipc/call-turns'
import { holdThread } from '../../support/hold-thread'
import { listenIpcSocket, rawIpcPage } from '../../support/ipc-socket-host'
import { MOST_CALLS_IN_FLIGHT } from '../../../src/main/core/ipc/calls-in-flight'

const SECRET = 'this-run-secret'
const quiet = { info: () => {}, warn: () => {}, error: () => {} }
const closers: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

/**
 * A shell whose every call records its channel (a focus report, its request) as it starts and
 * answers once it has held the thread for a slice, as a read over a long History does.
 */
async function recordingShell(
  started: string[],
  warnings: string[] = [],
  /** Each read of the History waits for this, as one over a slow disk would; `held` hears each start. */
  slowHistory?: { readonly until: Promise<void>; held(): void },
): Promise<string> {
  const api = new Proxy(
    {},
    {
      get: (_target, channel) => (request: unknown) => {
        started.push(channel === 'app.reportFocus' ? JSON.stringify(request) : String(channel))
        if (slowHistory !== undefined && channel === 'sessions.history') {
          slowHistory.held()
          return slowHistory.until
        }
        holdThread(CALL_SLICE_MS)
      },
    },
  ) as AppApi
  const host = await listenIpcSocket(api, SECRET, {
    ...quiet,
    warn: (line: string) => void warnings.push(line),
  })
  closers.push(host.close)
  return host.origin
}

/** An open page socket and a count of the answers it heard. */
async function openPage(origin: string): Promise<{ ws: WebSocket; answered(count: number): Promise<void> }> {
  const ws = new WebSocket(`${origin.replace('http', 'ws')}${IPC_SOCKET_PATH}?${SECRET_PARAM}=${SECRET}`, {
    headers: { origin },
  })
  let heard = 0
  let more = (): void => {}
  ws.on('message', () => {
    heard++
    more()
  })
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  return {
    ws,
    async answered(count) {
      while (heard < count) await new Promise<void>((resolve) => (more = resolve))
    },
  }
}

it('starts another page’s call after one or two of a flood sent in one write, not after the flood', async () => {
  const started: string[] = []
  const origin = await recordingShell(started)
  const flooding = await openPage(origin)
  const window = await openPage(origin)
  // Below the bound at which the shell stops reading the page, so every call is read at once.
  const FLOOD = MOST_CALLS_IN_FLIGHT - 4
  // Corked, so the frames leave as one write and the shell reads them together.
  const socket = (flooding.ws as unknown as { _socket: Socket })._socket
  socket.cork()
  for (let id = 1; id <= FLOOD; id++)
    flooding.ws.send(JSON.stringify({ id, channel: 'sessions.history', request: { limit: 50 } }))
  socket.uncork()
  window.ws.send(JSON.stringify({ id: 1, channel: 'app.getTime' }))
  await Promise.all([flooding.answered(FLOOD), window.answered(1)])
  expect(started.filter((channel) => channel === 'sessions.history')).toHaveLength(FLOOD)
  // Before the flood's tenth: the window's frame is read while the flood's first calls run.
  expect(started.indexOf('app.getTime')).toBeLessThan(10)
})

it('does not start the calls a page left waiting when its connection closed (its focus neither), and says so once', async () => {
  const started: string[] = []
  const warnings: string[] = []
  const origin = await recordingShell(started, warnings)
  const page = await openPage(origin)
  const socket = (page.ws as unknown as { _socket: Socket })._socket
  const closed = new Promise((resolve) => socket.once('close', resolve))
  const FLOOD = MOST_CALLS_IN_FLIGHT - 4
  socket.cork()
  for (let id = 1; id <= FLOOD; id++)
    page.ws.send(JSON.stringify({ id, channel: 'sessions.history', request: { limit: 50 } }))
  // A focus reported last would otherwise hold the window as looked at for a page that is gone.
  page.ws.send(
    JSON.stringify({
      id: FLOOD + 1,
      channel: 'app.reportFocus',
      request: { surface: 'window', focused: true },
    }),
  )
  socket.uncork()
  socket.end()
  await closed
  // Another page is then served at once, not after the rest of a flood no one waits for.
  const later = await openPage(origin)
  later.ws.send(JSON.stringify({ id: 1, channel: 'app.getTime' }))
  await later.answered(1)
  const reads = started.filter((channel) => channel === 'sessions.history').length
  expect(reads).toBeLessThan(FLOOD / 2)
  expect(started.filter((channel) => channel.includes('"focused":true'))).toEqual([])
  expect(warnings.filter((line) => line.includes('did not start'))).toEqual([
    `Browser shell did not start ${FLOOD + 1 - reads} calls of a page whose connection closed before their turn came; the page is told if it reconnects.`,
  ])
})

it('tells a page that returns which of its calls were not started, so it may send them again, and the others as done', async () => {
  const started: string[] = []
  const origin = await recordingShell(started)
  const url = `${origin.replace('http', 'ws')}${IPC_SOCKET_PATH}?${SECRET_PARAM}=${SECRET}&${PAGE_PARAM}=${'b'.repeat(32)}`
  const first = new WebSocket(url, { headers: { origin } })
  await new Promise((resolve) => first.once('message', resolve))
  const socket = (first as unknown as { _socket: Socket })._socket
  const closed = new Promise((resolve) => socket.once('close', resolve))
  const FLOOD = MOST_CALLS_IN_FLIGHT - 4
  socket.cork()
  for (let id = 1; id <= FLOOD; id++)
    first.send(JSON.stringify({ id, channel: 'sessions.history', request: { limit: 50 } }))
  socket.uncork()
  socket.end()
  await closed

  const again = new WebSocket(url, { headers: { origin } })
  type Answer = { id: number; result: { ok: boolean; error?: { code: string; message: string } } }
  const heard: Array<{ known: number[] } | Answer> = []
  // The list of calls the shell still knows, then one answer for each of them.
  await new Promise<void>((resolve) =>
    again.on('message', (data) => {
      heard.push(JSON.parse(String(data)) as (typeof heard)[number])
      const [known] = heard as [{ known: number[] }]
      if (heard.length === known.known.length + 1) resolve()
    }),
  )
  const answers = heard.slice(1) as Answer[]
  again.close()
  const reads = started.filter((channel) => channel === 'sessions.history').length
  const notStarted = answers.filter(({ result }) => !result.ok)
  // Each call not started is named and said to be undone; none that ran is said so.
  expect(notStarted.length).toBeGreaterThan(0)
  expect(notStarted).toHaveLength(FLOOD - reads)
  for (const { result } of notStarted)
    expect(result.error).toEqual({
      code: 'transport_failed',
      message:
        'Your past sessions were not loaded: the window lost its connection to Standby before it started. Try again.',
    })
  expect(answers.filter(({ result }) => result.ok).length).toBeLessThanOrEqual(reads)
})

it('starts no more of a page’s calls than the bound while they wait, even sent in one write, and answers them all later', async () => {
  const started: string[] = []
  let release = (): void => {}
  const until = new Promise<void>((resolve) => (release = resolve))
  let atBound = (): void => {}
  const bound = new Promise<void>((resolve) => (atBound = resolve))
  const origin = await recordingShell(started, [], {
    until,
    held: () => {
      if (started.length === MOST_CALLS_IN_FLIGHT) atBound()
    },
  })
  const flooding = await openPage(origin)
  const FLOOD = MOST_CALLS_IN_FLIGHT * 4
  const socket = (flooding.ws as unknown as { _socket: Socket })._socket
  socket.cork()
  for (let id = 1; id <= FLOOD; id++)
    flooding.ws.send(JSON.stringify({ id, channel: 'sessions.history', request: { limit: 50 } }))
  socket.uncork()
  await bound
  // Another page's call is started in the next turns: by its answer, any flood call read past
  // the bound would have started too.
  const window = await openPage(origin)
  window.ws.send(JSON.stringify({ id: 1, channel: 'app.getTime' }))
  await window.answered(1)
  expect(started.filter((channel) => channel === 'sessions.history')).toHaveLength(MOST_CALLS_IN_FLIGHT)
  release()
  await flooding.answered(FLOOD)
  expect(started.filter((channel) => channel === 'sessions.history')).toHaveLength(FLOOD)
})

/** A client frame as a page sends it: masked, with a key of zeros, so its payload reads as is. */
function pageFrame(opcode: number, payload: Buffer): Buffer {
  const length =
    payload.length < 126 ? [0x80 | payload.length] : [0xfe, payload.length >> 8, payload.length & 0xff]
  return Buffer.concat([Buffer.from([0x80 | opcode, ...length, 0, 0, 0, 0]), payload])
}

it('carries out nothing a page sends after the shell closed it for too many pages, as it reads on to end the connection', async () => {
  const started: string[] = []
  const warnings: string[] = []
  const origin = await recordingShell(started, warnings)
  // A page that goes on sending once it is closed, and answers the close only at the end.
  const stuck = rawIpcPage(origin, SECRET, true)
  let received = Buffer.alloc(0)
  let opened = (): void => {}
  let closedByShell = (): void => {}
  const open = new Promise<void>((resolve) => (opened = resolve))
  const closeFrame = new Promise<void>((resolve) => (closedByShell = resolve))
  stuck.on('data', (chunk: Buffer) => {
    received = Buffer.concat([received, chunk])
    const head = received.indexOf('\r\n\r\n')
    if (head >= 0) opened()
    if (head >= 0 && received.subarray(head + 4).includes(0x88)) closedByShell()
  })
  const gone = new Promise((resolve) => stuck.once('close', resolve))
  await open
  const pages = []
  for (let i = 0; i < MOST_PAGES; i++) pages.push(await openPage(origin))
  await closeFrame
  const SENT = 20
  for (let id = 1; id <= SENT; id++)
    stuck.write(pageFrame(0x1, Buffer.from(JSON.stringify({ id, channel: 'sessions.history', request: {} }))))
  // Its close last: the shell reads every call before it.
  stuck.end(pageFrame(0x8, Buffer.from([0x03, 0xe8])))
  await gone
  expect(started.filter((channel) => channel === 'sessions.history')).toEqual([])
  expect(warnings.filter((line) => line.includes('did not start'))).toEqual([])
  for (const page of pages) page.ws.close()
})

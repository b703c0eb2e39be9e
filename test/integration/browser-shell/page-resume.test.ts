/**
 * A page's socket drops while the shell carries out one of its calls (a message being sent): the
 * shell keeps the answer for that page, by the id it names itself with, and hands it over when the
 * same page connects again, first saying which of its calls it still knows. The IPC socket runs on
 * its own over a plain HTTP server, with an app whose one call the test settles.
 */
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { AppApi } from '../../../src/main/core/app-api'
import { IPC_SOCKET_PATH, PAGE_PARAM, SECRET_PARAM } from '../../../src/shared/ipc/shell-socket'
import { MOST_CALLS_IN_FLIGHT } from '../../../src/main/core/ipc/calls-in-flight'
import { MOST_KEPT_BYTES } from '../../../src/browser-shell/page-calls'
import { listenIpcSocket } from '../../support/ipc-socket-host'

const SECRET = 'this-run-secret'
/** What the shell logs when a page has too many calls waiting for their answers. */
const FLOOD_WARNING = 'sends calls faster than they are answered'
const PAGE_ID = 'a'.repeat(32)

/**
 * A shell whose `app.getInfo` calls wait until the test settles them; every other call answers at
 * once. Its warnings are kept, in order.
 */
async function shellWithHeldCall(): Promise<{
  origin: string
  /** Resolves once `count` calls of `app.getInfo` wait to be settled (one when not said). */
  called(count?: number): Promise<void>
  /** Settles every `app.getInfo` call waiting. */
  settle(value: unknown): void
  warnings: string[]
  /** Resolves once a warning containing `text` was logged. */
  warned(text: string): Promise<void>
  /** Resolves once the shell saw every page's socket close. */
  noPages(): Promise<void>
  close(): Promise<void>
}> {
  const held: Array<(value: unknown) => void> = []
  let heardCall: () => void = () => {}
  const api = new Proxy(
    {},
    {
      get: (_target, channel) =>
        channel === 'app.getInfo'
          ? () =>
              new Promise((resolve) => {
                held.push(resolve)
                heardCall()
              })
          : () => ({}),
    },
  ) as AppApi
  const warnings: string[] = []
  let heardWarning: () => void = () => {}
  const log = {
    info: () => {},
    warn: (message: string) => {
      warnings.push(message)
      heardWarning()
    },
    error: () => {},
  }
  const { origin, ipc, close } = await listenIpcSocket(api, SECRET, log)
  return {
    origin,
    async called(count = 1) {
      while (held.length < count) await new Promise<void>((resolve) => (heardCall = resolve))
    },
    settle: (value) => {
      for (const resolve of held.splice(0)) resolve(value)
    },
    warnings,
    async warned(text) {
      while (!warnings.some((line) => line.includes(text)))
        await new Promise<void>((resolve) => (heardWarning = resolve))
    },
    async noPages() {
      while (ipc.clients > 0) await new Promise((resolve) => setImmediate(resolve))
    },
    close,
  }
}

/** A socket of page `pageId` (of no page when empty) and the messages it heard, in order. */
async function openPage(origin: string, pageId: string) {
  const named = pageId === '' ? '' : `&${PAGE_PARAM}=${pageId}`
  const url = `${origin.replace('http', 'ws')}${IPC_SOCKET_PATH}?${SECRET_PARAM}=${SECRET}${named}`
  const ws = new WebSocket(url, { headers: { origin } })
  const heard: unknown[] = []
  let more: () => void = () => {}
  ws.on('message', (data) => {
    heard.push(JSON.parse(String(data)))
    more()
  })
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  /** Resolves with the messages heard once there are `count` of them. */
  const messages = async (count: number): Promise<unknown[]> => {
    while (heard.length < count) await new Promise<void>((resolve) => (more = resolve))
    return heard.slice(0, count)
  }
  const closed = (): Promise<void> => {
    ws.terminate()
    return new Promise((resolve) => ws.once('close', () => resolve()))
  }
  return { ws, messages, closed }
}

/** A page's socket, as openPage gives it. */
type PageSocket = Awaited<ReturnType<typeof openPage>>

describe('calls that outlive their socket', () => {
  const closing: Array<() => Promise<void>> = []
  afterEach(async () => {
    for (const close of closing.splice(0)) await close()
  })

  /** A shell whose page `PAGE_ID` made the calls `ids` (held in the shell) and dropped its socket. */
  async function callThenDrop(...ids: number[]) {
    const shell = await shellWithHeldCall()
    closing.push(shell.close)
    const first = await openPage(shell.origin, PAGE_ID)
    expect(await first.messages(1)).toEqual([{ known: [] }])
    for (const id of ids) first.ws.send(JSON.stringify({ id, channel: 'app.getInfo' }))
    await shell.called(ids.length)
    await first.closed()
    return shell
  }

  it('hands the answer that settled while the page was away to the same page when it reconnects', async () => {
    const shell = await callThenDrop(7)
    // The shell hears of the drop before the call settles.
    await shell.noPages()
    shell.settle({ version: 'done' })

    const again = await openPage(shell.origin, PAGE_ID)
    expect(await again.messages(2)).toEqual([
      { known: [7] },
      { id: 7, result: { ok: true, value: { version: 'done' } } },
    ])
    again.ws.close()
  })

  it('names a call still running when the page reconnects, and answers it on the new socket', async () => {
    const shell = await callThenDrop(3)

    const again = await openPage(shell.origin, PAGE_ID)
    expect(await again.messages(1)).toEqual([{ known: [3] }])
    shell.settle({ version: 'late' })
    expect(await again.messages(2)).toEqual([
      { known: [3] },
      { id: 3, result: { ok: true, value: { version: 'late' } } },
    ])
    again.ws.close()
  })

  it('hands over many kept answers without taking the page for one that sends calls too fast', async () => {
    // As many calls as a page may have in flight without being held back, all still running.
    const ids = Array.from({ length: MOST_CALLS_IN_FLIGHT - 1 }, (_, i) => i + 1)
    const shell = await callThenDrop(...ids)
    await shell.noPages()
    shell.settle({ version: 'kept' })

    const again = await openPage(shell.origin, PAGE_ID)
    expect(await again.messages(1 + ids.length)).toEqual([
      { known: ids },
      ...ids.map((id) => ({ id, result: { ok: true, value: { version: 'kept' } } })),
    ])
    expect(shell.warnings).toEqual([])

    // A page that does send too many calls at once is still held back, and the log says so.
    for (const id of ids) again.ws.send(JSON.stringify({ id: 100 + id, channel: 'app.getInfo' }))
    again.ws.send(JSON.stringify({ id: 200, channel: 'app.getInfo' }))
    await shell.warned(FLOOD_WARNING)
    // Each call starts in its turn: settled once all have started.
    await shell.called(ids.length + 1)
    shell.settle({ version: 'late' })
    expect(await again.messages(2 + 2 * ids.length)).toHaveLength(2 + 2 * ids.length)
    again.ws.close()
  })

  it('hands over as many bytes as it keeps without taking the page for one that does not read', async () => {
    // Answers of one size, as many as fill what the shell keeps for a page exactly.
    const ids = Array.from({ length: 16 }, (_, i) => 10 + i)
    const size = MOST_KEPT_BYTES / ids.length
    const bare = JSON.stringify({ id: 10, result: { ok: true, value: { version: '' } } }).length
    const shell = await callThenDrop(...ids)
    await shell.noPages()
    shell.settle({ version: 'x'.repeat(size - bare) })

    const again = await openPage(shell.origin, PAGE_ID)
    const heard = await again.messages(1 + ids.length)
    expect(heard[0]).toEqual({ known: ids })
    expect(heard.slice(1).map((answer) => (answer as { id: number }).id)).toEqual(ids)
    expect(shell.warnings).toEqual([])
    again.ws.close()
  })

  it('gives another page nothing of the page that dropped', async () => {
    const shell = await callThenDrop(1)
    await shell.noPages()
    shell.settle({ version: 'mine' })

    const other = await openPage(shell.origin, 'b'.repeat(32))
    other.ws.send(JSON.stringify({ id: 1, channel: 'app.getTime' }))
    expect(await other.messages(2)).toEqual([{ known: [] }, { id: 1, result: { ok: true, value: {} } }])
    other.ws.close()
  })
})

describe('a call id reused while its call runs', () => {
  const closing: Array<() => Promise<void>> = []
  afterEach(async () => {
    for (const close of closing.splice(0)) await close()
  })

  /** What the shell says once the held call under `id` settles and a later call (id 99) answers. */
  async function answersAfter(shell: Awaited<ReturnType<typeof shellWithHeldCall>>, page: PageSocket) {
    shell.settle({ version: 'first' })
    page.ws.send(JSON.stringify({ id: 99, channel: 'app.getTime' }))
    const heard = await page.messages(3)
    page.ws.close()
    return heard
  }

  it('refuses the second call and sends one answer under the id, from the first call', async () => {
    const shell = await shellWithHeldCall()
    closing.push(shell.close)
    const page = await openPage(shell.origin, PAGE_ID)
    page.ws.send(JSON.stringify({ id: 5, channel: 'app.getInfo' }))
    await shell.called()
    page.ws.send(JSON.stringify({ id: 5, channel: 'app.getTime' }))
    await shell.warned('refused a call under id 5')
    expect(await answersAfter(shell, page)).toEqual([
      { known: [] },
      { id: 5, result: { ok: true, value: { version: 'first' } } },
      { id: 99, result: { ok: true, value: {} } },
    ])
  })

  it('refuses it on a socket that names no page too', async () => {
    const shell = await shellWithHeldCall()
    closing.push(shell.close)
    const page = await openPage(shell.origin, '')
    page.ws.send(JSON.stringify({ id: 5, channel: 'app.getInfo' }))
    await shell.called()
    page.ws.send(JSON.stringify({ id: 5, channel: 'app.getInfo' }))
    await shell.warned('refused a call under id 5')
    shell.settle({ version: 'first' })
    page.ws.send(JSON.stringify({ id: 99, channel: 'app.getTime' }))
    expect(await page.messages(2)).toEqual([
      { id: 5, result: { ok: true, value: { version: 'first' } } },
      { id: 99, result: { ok: true, value: {} } },
    ])
    page.ws.close()
  })

  it('refuses it on the socket the page reconnected on, where the first call is answered', async () => {
    const shell = await shellWithHeldCall()
    closing.push(shell.close)
    const first = await openPage(shell.origin, PAGE_ID)
    first.ws.send(JSON.stringify({ id: 3, channel: 'app.getInfo' }))
    await shell.called()
    await first.closed()
    const again = await openPage(shell.origin, PAGE_ID)
    expect(await again.messages(1)).toEqual([{ known: [3] }])
    again.ws.send(JSON.stringify({ id: 3, channel: 'app.getTime' }))
    await shell.warned('refused a call under id 3')
    expect(await answersAfter(shell, again)).toEqual([
      { known: [3] },
      { id: 3, result: { ok: true, value: { version: 'first' } } },
      { id: 99, result: { ok: true, value: {} } },
    ])
  })

  it('takes the id again once its call was answered', async () => {
    const shell = await shellWithHeldCall()
    closing.push(shell.close)
    const page = await openPage(shell.origin, PAGE_ID)
    page.ws.send(JSON.stringify({ id: 5, channel: 'app.getTime' }))
    await page.messages(2)
    page.ws.send(JSON.stringify({ id: 5, channel: 'app.getTime' }))
    expect(await page.messages(3)).toEqual([
      { known: [] },
      { id: 5, result: { ok: true, value: {} } },
      { id: 5, result: { ok: true, value: {} } },
    ])
    expect(shell.warnings).toEqual([])
    page.ws.close()
  })
})

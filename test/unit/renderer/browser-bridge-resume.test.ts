/**
 * A call in flight when the page's socket to the browser shell drops: the shell usually keeps
 * running and carries it out (a message sent), so the page waits to reconnect and hear whether the
 * shell still knows the call, instead of saying at once that it may or may not have been done.
 * A real `ws` server on loopback plays the shell; retries and the wait run when the test says.
 */
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket, { WebSocketServer } from 'ws'
import { webSocketTransport } from '../../../src/renderer/browser-bridge'
import { CALLS_WAIT_FOR_SHELL_MS } from '../../../src/renderer/pending-calls'
import { PAGE_PARAM, WRONG_KEY_CLOSE } from '../../../src/shared/ipc/shell-socket'

/** One socket the page opened: the page id it named, and what it sent. */
interface Arrival {
  readonly ws: WebSocket
  readonly pageId: string | null
}

/**
 * A shell that hands each socket to the test, which plays it: drops it, tells it what it knows,
 * answers it.
 */
async function playedShell(): Promise<{
  url: string
  next(): Promise<Arrival>
  firstCall(ws: WebSocket): Promise<{ id: number; channel: string }>
  close(): Promise<void>
}> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  await new Promise((resolve) => server.once('listening', resolve))
  const arrivals: Arrival[] = []
  let heard: () => void = () => {}
  server.on('connection', (ws, req) => {
    arrivals.push({ ws, pageId: new URL(req.url ?? '/', 'ws://x').searchParams.get(PAGE_PARAM) })
    heard()
  })
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/?secret=s`,
    async next() {
      while (arrivals.length === 0) await new Promise<void>((resolve) => (heard = resolve))
      return arrivals.shift()!
    },
    firstCall: (ws) =>
      new Promise((resolve) =>
        ws.once('message', (data) => resolve(JSON.parse(String(data)) as { id: number; channel: string })),
      ),
    close: () =>
      new Promise((resolve) => {
        for (const client of server.clients) client.terminate()
        server.close(() => resolve())
      }),
  }
}

/** A page over `url` whose retries and waits run only when the test calls them. */
function page(url: string) {
  const retries: Array<() => void> = []
  const started: Array<{ fail: () => void; ms: number }> = []
  let waited: () => void = () => {}
  let retried: () => void = () => {}
  const transport = webSocketTransport(url, {
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
    random: () => 0,
    schedule: (retry) => {
      retries.push(retry)
      retried()
    },
    waitForShell: (fail, ms) => {
      started.push({ fail, ms })
      waited()
    },
  })
  const waits = {
    started,
    /** The first wait for the shell, once the page started it. */
    async next() {
      while (started.length === 0) await new Promise<void>((resolve) => (waited = resolve))
      return started[0]!
    },
  }
  const retry = async (): Promise<void> => {
    while (retries.length === 0) await new Promise<void>((resolve) => (retried = resolve))
    retries.shift()!()
  }
  return { transport, retry, waits }
}

const MAY_OR_MAY_NOT = {
  ok: false,
  error: { code: 'unanswered', message: expect.stringMatching(/may or may not have been done/) },
}

describe('a call whose socket to the shell dropped', () => {
  const shells: Array<{ close(): Promise<void> }> = []
  afterEach(async () => {
    for (const shell of shells.splice(0)) await shell.close()
  })

  /** A page sends a message; the shell reads the call and its socket drops before any answer. */
  async function sendThenDrop() {
    const shell = await playedShell()
    shells.push(shell)
    const { transport, retry, waits } = page(shell.url)
    const sent = transport.invoke('messages.send', { requestId: 'r1', body: 'Hello' })
    const first = await shell.next()
    const call = await shell.firstCall(first.ws)
    first.ws.terminate()
    /** The page's next socket, once its retry opened it. */
    const reconnected = async (): Promise<Arrival> => {
      await retry()
      return shell.next()
    }
    return { sent, first, call, waits, reconnected }
  }

  it('is answered on the next socket when the shell still knows it, under the same page id', async () => {
    const { sent, first, call, reconnected } = await sendThenDrop()
    expect(call.channel).toBe('messages.send')
    const second = await reconnected()
    expect(first.pageId).toMatch(/^[0-9a-f]{32}$/)
    expect(second.pageId).toBe(first.pageId)
    second.ws.send(JSON.stringify({ known: [call.id] }))
    second.ws.send(JSON.stringify({ id: call.id, result: { ok: true, value: { sent: true } } }))
    expect(await sent).toEqual({ ok: true, value: { sent: true } })
  })

  it('says it may or may not have been done once the shell on the next socket does not name it', async () => {
    const { sent, waits, reconnected } = await sendThenDrop()
    const second = await reconnected()
    second.ws.send(JSON.stringify({ known: [] }))
    expect(await sent).toMatchObject(MAY_OR_MAY_NOT)
    // Told at once, not at the end of the wait.
    expect(waits.started).toHaveLength(1)
  })

  it('waits a bounded time for the shell to come back, then says it may or may not have been done', async () => {
    const { sent, waits } = await sendThenDrop()
    let settled = false
    void sent.then(() => (settled = true))
    const wait = await waits.next()
    expect(settled).toBe(false)
    expect(wait.ms).toBe(CALLS_WAIT_FOR_SHELL_MS)

    wait.fail()
    expect(await sent).toMatchObject(MAY_OR_MAY_NOT)
  })

  it('says at once it may or may not have been done when the shell came back as another run', async () => {
    const { sent, reconnected } = await sendThenDrop()
    const second = await reconnected()
    second.ws.close(WRONG_KEY_CLOSE.code, WRONG_KEY_CLOSE.reason)
    expect(await sent).toMatchObject(MAY_OR_MAY_NOT)
  })
})

/**
 * The page's transport to the browser shell: when the socket is lost it opens again by itself,
 * waiting longer after each failed attempt, and says so, so the page can read everything again.
 * A real `ws` server on loopback plays the shell; the retries run when the test says.
 */
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it, vi } from 'vitest'
import WebSocket, { WebSocketServer } from 'ws'
import { SHELL_RECONNECT, webSocketTransport } from '../../../src/renderer/browser-bridge'
import {
  FELL_BEHIND_CLOSE,
  MOST_CALL_BYTES,
  TOO_MANY_PAGES_CLOSE,
  WRONG_KEY_CLOSE,
} from '../../../src/shared/ipc/shell-socket'

/** A shell that answers every call with its channel name and can drop its pages. */
async function fakeShell(port = 0): Promise<WebSocketServer> {
  // The shell's own bound on a call: past it, the shell closes the page's socket.
  const server = new WebSocketServer({ host: '127.0.0.1', port, maxPayload: MOST_CALL_BYTES })
  server.on('connection', (ws) =>
    ws.on('message', (data) => {
      const { id, channel } = JSON.parse(String(data)) as { id: number; channel: string }
      ws.send(JSON.stringify({ id, result: { ok: true, value: channel } }))
    }),
  )
  await new Promise((resolve) => server.once('listening', resolve))
  return server
}

const closeServer = (server: WebSocketServer): Promise<void> => {
  for (const client of server.clients) client.terminate()
  return new Promise((resolve) => server.close(() => resolve()))
}

describe('the browser bridge', () => {
  const servers: WebSocketServer[] = []
  afterEach(async () => {
    for (const server of servers.splice(0)) await closeServer(server).catch(() => undefined)
  })

  it('passes over messages that are JSON but no object, and still hears the answer after them', async () => {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 })
    servers.push(server)
    await new Promise((resolve) => server.once('listening', resolve))
    server.on('connection', (ws) =>
      ws.on('message', (data) => {
        const { id } = JSON.parse(String(data)) as { id: number }
        for (const odd of ['null', '5', '"text"', 'true']) ws.send(odd)
        ws.send(JSON.stringify({ id, result: { ok: true, value: 'answered' } }))
      }),
    )
    const { port } = server.address() as AddressInfo
    const transport = webSocketTransport(`ws://127.0.0.1:${port}/`, {
      WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
      schedule: () => undefined,
    })
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    try {
      expect(await transport.invoke('app.getInfo', undefined)).toEqual({ ok: true, value: 'answered' })
      expect(warned).toHaveBeenCalledWith(expect.stringContaining('not an object; it was ignored'))
    } finally {
      warned.mockRestore()
    }
  })

  it('reconnects with growing waits while the shell is away, then says it reconnected', async () => {
    const first = await fakeShell()
    servers.push(first)
    const { port } = first.address() as AddressInfo
    const waits: number[] = []
    let retry: (() => void) | undefined
    let scheduled: () => void = () => {}
    const transport = webSocketTransport(`ws://127.0.0.1:${port}/`, {
      WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
      random: () => 0,
      schedule: (run, ms) => {
        waits.push(ms)
        retry = run
        scheduled()
      },
    })
    const nextRetry = (): Promise<void> => new Promise((resolve) => (scheduled = resolve))
    let reconnections = 0
    const reconnected = new Promise<void>((resolve) =>
      transport.onReconnected(() => {
        reconnections++
        resolve()
      }),
    )
    transport.subscribe('cache.changed', () => {})
    expect(await transport.invoke('app.getInfo', undefined as never)).toEqual({
      ok: true,
      value: 'app.getInfo',
    })

    // The shell goes away: each attempt fails and the next waits longer, up to the cap.
    let retried = nextRetry()
    await closeServer(first)
    await retried
    for (let attempt = 0; attempt < 6; attempt++) {
      retried = nextRetry()
      retry!()
      await retried
    }
    expect(waits).toEqual([250, 500, 1_000, 2_000, 4_000, SHELL_RECONNECT.capMs, SHELL_RECONNECT.capMs])
    // A call meanwhile fails at once (window.standby turns that into transport_failed).
    await expect(transport.invoke('app.getInfo', undefined as never)).rejects.toThrow('closed')

    // It comes back on the same port: the next attempt opens, and the page hears of it once.
    servers.push(await fakeShell(port))
    retry!()
    await reconnected
    expect(reconnections).toBe(1)
    expect(await transport.invoke('connection.getState', undefined as never)).toEqual({
      ok: true,
      value: 'connection.getState',
    })
  })
  it('refuses a call too large for the shell itself, keeping the socket and the calls on it', async () => {
    const shell = await fakeShell()
    servers.push(shell)
    const { port } = shell.address() as AddressInfo
    const retries: number[] = []
    const transport = webSocketTransport(`ws://127.0.0.1:${port}/`, {
      WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
      schedule: (_run, ms) => void retries.push(ms),
    })
    await transport.invoke('app.getInfo', undefined as never)
    // Each character of this one is three bytes on the wire: over the bound, though fewer characters.
    const body = '\u20ac'.repeat(MOST_CALL_BYTES / 3)
    const [refused, next] = await Promise.all([
      transport.invoke('messages.send', { requestId: 'r1', body }),
      transport.invoke('connection.getState', undefined as never),
    ])
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_payload',
        message: `Your message was not sent: what was sent is too large for Standby (over ${MOST_CALL_BYTES / 1_000_000} MB); make it shorter.`,
      },
    })
    expect(next).toEqual({ ok: true, value: 'connection.getState' })
    expect(retries).toEqual([])
  })

  it('says a call waiting for its answer when the socket closed may have been done, not that it failed', async () => {
    // A shell that reads the call (and may act on it) but drops the page before it answers.
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 })
    servers.push(server)
    server.on('connection', (ws) => ws.on('message', () => ws.terminate()))
    await new Promise((resolve) => server.once('listening', resolve))
    const { port } = server.address() as AddressInfo
    const transport = webSocketTransport(`ws://127.0.0.1:${port}/`, {
      WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
      schedule: () => {},
      // The shell does not come back while the call waits for it (browser-bridge-resume.test.ts).
      waitForShell: (fail) => fail(),
    })
    expect(await transport.invoke('messages.send', { requestId: 'r1', body: 'Hello' })).toMatchObject({
      ok: false,
      error: { code: 'unanswered', message: expect.stringMatching(/may or may not have been done/) },
    })
  })

  it('says a call made while the socket closes did not reach the shell, so trying again is safe', async () => {
    const shell = await fakeShell()
    servers.push(shell)
    const { port } = shell.address() as AddressInfo
    const sockets: WebSocket[] = []
    class Page extends WebSocket {
      constructor(url: string) {
        super(url)
        sockets.push(this)
      }
    }
    const transport = webSocketTransport(`ws://127.0.0.1:${port}/`, {
      WebSocket: Page as unknown as typeof globalThis.WebSocket,
      schedule: () => {},
    })
    await transport.invoke('app.getInfo', undefined as never)
    sockets[0]!.close()
    expect(await transport.invoke('messages.send', { requestId: 'r1', body: 'Hello' })).toMatchObject({
      ok: false,
      error: {
        code: 'transport_failed',
        message:
          'Your message was not sent: the window lost its connection to Standby. It reconnects by itself; then try again.',
      },
    })
  })

  it('waits to be looked at again after the shell closed it for too many pages, so tabs do not take turns', async () => {
    const shell = await fakeShell()
    servers.push(shell)
    let connections = 0
    shell.on('connection', () => connections++)
    const { port } = shell.address() as AddressInfo
    const retries: Array<() => void> = []
    let visible = false
    let shown: () => void = () => {}
    const transport = webSocketTransport(`ws://127.0.0.1:${port}/`, {
      WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
      schedule: (run) => void retries.push(run),
      shown: { visible: () => visible, onShown: (listener) => (shown = listener) },
    })
    const reconnected = new Promise<void>((resolve) => transport.onReconnected(resolve))
    transport.subscribe('cache.changed', () => {})
    await transport.invoke('app.getInfo', undefined as never)
    const closed = new Promise((resolve) => shell.clients.forEach((page) => page.once('close', resolve)))
    for (const page of shell.clients) page.close(TOO_MANY_PAGES_CLOSE.code, TOO_MANY_PAGES_CLOSE.reason)
    await closed
    // A tab in the background: its calls say why at once, and it opens no socket to close another.
    await expect(transport.invoke('app.getTime', undefined as never)).rejects.toThrow(/come back to it/)
    for (const retry of retries) retry()
    expect(connections).toBe(1)

    visible = true
    shown()
    await reconnected
    expect(connections).toBe(2)
    expect(await transport.invoke('app.getInfo', undefined as never)).toEqual({
      ok: true,
      value: 'app.getInfo',
    })
  })

  it('reconnects and says so after the shell closes it for falling behind on its pushes', async () => {
    const shell = await fakeShell()
    servers.push(shell)
    const { port } = shell.address() as AddressInfo
    let retry: (() => void) | undefined
    let scheduled: () => void = () => {}
    const transport = webSocketTransport(`ws://127.0.0.1:${port}/`, {
      WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
      random: () => 0,
      schedule: (run) => {
        retry = run
        scheduled()
      },
    })
    const reconnected = new Promise<void>((resolve) => transport.onReconnected(resolve))
    transport.subscribe('cache.changed', () => {})
    await transport.invoke('app.getInfo', undefined as never)

    const retrying = new Promise<void>((resolve) => (scheduled = resolve))
    for (const page of shell.clients) page.close(FELL_BEHIND_CLOSE.code, FELL_BEHIND_CLOSE.reason)
    await retrying
    retry!()
    // The page's stores read everything again on this word (start.tsx), so no push is lost.
    await reconnected
    expect(await transport.invoke('app.getInfo', undefined as never)).toEqual({
      ok: true,
      value: 'app.getInfo',
    })
  })

  it('stops and says so when the shell refuses the key the page holds (an earlier run’s), instead of knocking for ever', async () => {
    const shell = new WebSocketServer({ host: '127.0.0.1', port: 0 })
    servers.push(shell)
    await new Promise((resolve) => shell.once('listening', resolve))
    shell.on('connection', (ws) => ws.close(WRONG_KEY_CLOSE.code, WRONG_KEY_CLOSE.reason))
    const { port } = shell.address() as AddressInfo
    const retries: number[] = []
    const transport = webSocketTransport(`ws://127.0.0.1:${port}/`, {
      WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
      schedule: (_run, ms) => retries.push(ms),
    })
    const refused = new Promise<void>((resolve) => transport.onKeyRefused(resolve))
    transport.subscribe('cache.changed', () => {})
    await refused
    expect(retries).toEqual([])
    await expect(transport.invoke('app.getInfo', undefined as never)).rejects.toThrow(
      /earlier run|refused the key/,
    )
    expect(retries).toEqual([])
    // Whoever asks after the refusal hears it too.
    let heardLate = false
    transport.onKeyRefused(() => (heardLate = true))
    expect(heardLate).toBe(true)
  })
})

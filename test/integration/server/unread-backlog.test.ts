// A client that stops reading but keeps answering the heartbeat and asking for replays: the
// platform cuts its connection once what it holds unsent passes the bound, rather than queue
// every answer in memory for as long as the client keeps the connection; the expert's other
// connection, which reads, is untouched and still replays. Live events it does not read cut it the
// same way, in the middle of their send to the expert's room, and the reading connection gets each. A client that floods pings without
// reading the pongs is cut too (by ws, once a few dozen pongs wait), signed in or not.
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { PROTOCOL_VERSION, REPLAY_EVENT } from '../../../src/shared/protocol'
import { useCleanup } from '../../support/cleanup'
import { useTestPlatform } from '../../support/test-platform'

/** Far past what the kernel's socket buffers take on loopback before the platform must queue. */
const REPLAYS_ASKED = 1_000

/** A raw socket.io connection for `token`, resolved once welcomed; it then reads nothing more. */
async function nonReader(port: number, token: string): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`)
  await new Promise<void>((resolve, reject) => {
    ws.on('error', reject)
    ws.on('message', (data) => {
      const text = String(data)
      if (text.startsWith('0')) ws.send(`40${JSON.stringify({ token, protocolVersion: PROTOCOL_VERSION })}`)
      if (text.startsWith('42')) resolve()
    })
  })
  // What ws reads no longer leaves the kernel: the platform's writes back up to its own memory.
  ;(ws as unknown as { _socket: { pause(): void } })._socket.pause()
  return ws
}

describe('a client that stops reading what the platform sends', () => {
  const defer = useCleanup()
  const platform = useTestPlatform({
    rateLimit: { burst: REPLAYS_ASKED, perSecond: 1 },
    mostUnreadBytes: 512 * 1024,
  })

  it('has its connection cut, with one log line, while the expert’s reading connection goes on', async () => {
    const p = platform()
    const expert = p.addExpert()
    for (let i = 1; i <= 100; i++) p.inviteDirectly(expert.id, `Waiting invite ${i} ${'x'.repeat(80)}`)
    const reader = await p.connect(expert.token)
    const disconnects: string[] = []
    const errors: unknown[] = []
    const onError = (e: unknown) => errors.push(e)
    process.on('uncaughtException', onError)
    defer(() => void process.off('uncaughtException', onError))
    p.server.io.on('connection', (s) => {
      s.on('disconnect', (reason) => disconnects.push(reason))
      s.on('error', onError)
    })
    const ws = await nonReader(p.server.port, expert.token)
    const closed = new Promise<void>((resolve) => ws.on('close', () => resolve()))
    // It answers every ping without reading one: the heartbeat alone would keep it for good.
    const pong = setInterval(() => ws.send('3'), 1_000)
    defer(() => clearInterval(pong))
    // All in one write, as a busy machine delivers them: the platform reads them in one go.
    const network = (ws as unknown as { _socket: { cork(): void; uncork(): void } })._socket
    network.cork()
    for (let id = 1; id <= REPLAYS_ASKED; id++)
      ws.send(`42${id}${JSON.stringify([REPLAY_EVENT, { after: 0 }])}`)
    network.uncork()
    await closed

    const cut = p.logger.lines.filter((line) => line.includes('stopped reading'))
    expect(cut).toHaveLength(1)
    expect(cut[0]).toContain(expert.id)
    const page = (await reader.socket.emitWithAck(REPLAY_EVENT, { after: 0, limit: 5 })) as {
      ok: boolean
      result: { events: unknown[] }
    }
    expect(page).toMatchObject({ ok: true })
    expect(page.result.events).toHaveLength(5)
    // The cut, made inside the platform's own send, ends the socket once and throws nothing, and
    // the platform still takes new connections.
    expect(disconnects).toEqual(['server namespace disconnect'])
    expect(errors).toEqual([])
    expect((await p.connect(expert.token)).socket.connected).toBe(true)
  })

  it('has its connection cut by live events it does not read, while the expert’s reading connection gets each', async () => {
    const p = platform()
    const expert = p.addExpert()
    // First in the expert's room: it is cut in the middle of sending each event to the room.
    const ws = await nonReader(p.server.port, expert.token)
    defer(() => ws.terminate())
    const reader = await p.connect(expert.token)
    const cutLines = (): string[] =>
      p.logger.lines.filter((line) => line.includes('stopped reading') && line.includes(expert.id))
    // As many of the largest invites as it takes, whatever the kernel's buffers hold; the cut is
    // seen in the log, since a client that reads nothing never reads its connection's end either.
    const description = 'd'.repeat(20_000)
    let sent = 0
    while (cutLines().length === 0) {
      for (let i = 0; i < 20; i++) p.inviteDirectly(expert.id, `Live invite ${++sent}`, description)
      await new Promise((resolve) => setImmediate(resolve))
    }
    // A few more after the cut: the socket left the room, and the reader still gets each.
    for (let i = 0; i < 3; i++) p.inviteDirectly(expert.id, `Live invite ${++sent}`, description)
    expect(cutLines()).toHaveLength(1)
    await reader.waitForCount(sent)
    expect(reader.events.map((e) => e.type === 'invite.created' && e.payload.invite.request.title)).toEqual(
      Array.from({ length: sent }, (_, n) => `Live invite ${n + 1}`),
    )
  })

  it('has its connection cut when it floods pings without reading the pongs, signed in or not', async () => {
    const p = platform()
    const closedBecause = new Promise<string>((resolve) =>
      p.server.io.engine.once(
        'connection',
        (socket: { once(event: 'close', f: (r: string) => void): void }) => socket.once('close', resolve),
      ),
    )
    // Not signed in: a transport is open before its handshake says who it is.
    const ws = new WebSocket(`ws://127.0.0.1:${p.server.port}/socket.io/?EIO=4&transport=websocket`)
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject))
    ;(ws as unknown as { _socket: { pause(): void } })._socket.pause()
    let closed = false
    ws.on('close', () => (closed = true))
    // Each ping carries the most a control frame may, so each pong costs the platform the most; as
    // many as it takes, whatever the kernel's buffers hold.
    const ping = Buffer.alloc(125, 'p')
    while (!closed) {
      for (let i = 0; i < 1_000; i++) ws.ping(ping)
      await new Promise((resolve) => setImmediate(resolve))
    }
    // Cut, not ended by the heartbeat the client cannot answer while it reads nothing.
    expect(await closedBecause).toMatch(/^transport (close|error)$/)

    const expert = p.addExpert()
    expect((await p.connect(expert.token)).socket.connected).toBe(true)
  })
})

import type { IncomingMessage, ServerResponse } from 'node:http'
import { connect, type Socket } from 'node:net'
import { describe, expect, it } from 'vitest'
import { ManualClock } from '../../../../src/shared/clock'
import { HTTP_PATHS } from '../../../../src/shared/protocol'
import { useTestPlatform, type TestPlatform } from '../../../support/test-platform'

function openSilent(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket))
    socket.on('error', reject)
  })
}

/** A client that, like a broken or hostile one, never closes its side of the connection itself. */
function openHalfOpen(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true }, () => resolve(socket))
    socket.on('error', reject)
  })
}

const webSocketUpgrade = (path: string, host: string): string =>
  `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
  'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n'

/** Everything the platform sent, once it has ended its side (the client may keep its own open). */
function answered(socket: Socket): Promise<string> {
  let text = ''
  socket.setEncoding('utf8')
  socket.on('data', (chunk: string) => (text += chunk))
  return new Promise((resolve) => socket.once('end', () => resolve(text)))
}

/** How many connections the platform's server holds. */
function connectionsHeld(platform: TestPlatform): Promise<number> {
  return new Promise((resolve, reject) =>
    platform.server.io.httpServer.getConnections((error, count) => (error ? reject(error) : resolve(count))),
  )
}

/** The platform's HTTP requests, as its server takes them. */
function handledRequests(platform: TestPlatform): string[] {
  const handled: string[] = []
  platform.server.io.httpServer.on('request', (req: IncomingMessage) => void handled.push(req.url ?? ''))
  return handled
}

function closed(socket: Socket): Promise<string> {
  let text = ''
  socket.setEncoding('utf8')
  socket.on('data', (chunk: string) => (text += chunk))
  return new Promise((resolve) => socket.once('close', () => resolve(text)))
}

/**
 * An answered request on a new connection: the platform accepts connections in the order they
 * arrive, so once it answers, it has seen every connection opened before.
 */
async function platformCaughtUp(url: string): Promise<void> {
  expect((await fetch(`${url}${HTTP_PATHS.info}`, { headers: { connection: 'close' } })).status).toBe(200)
}

describe('connections that never send a byte', () => {
  const silenceClock = new ManualClock(0)
  const platform = useTestPlatform({ connections: { firstRequestMs: 5_000, clock: silenceClock } })

  it('are closed once the time for a first request has passed, and logged once', async () => {
    const sockets = await Promise.all(Array.from({ length: 20 }, () => openSilent(platform().server.port)))
    const ends = sockets.map(closed)
    await platformCaughtUp(platform().server.url)
    const expert = await platform().connect(platform().addExpert().token)
    silenceClock.advance(5_000)
    expect(await Promise.all(ends)).toEqual(sockets.map(() => ''))
    // One line for the address, not one per connection: silence must not flood the log.
    expect(platform().logger.lines.filter((l) => l.includes('no request within'))).toHaveLength(1)
    // A connection that spoke in time stays.
    expect(expert.socket.connected).toBe(true)
    expect(await expert.replay(0)).toMatchObject({ kind: 'events' })
  })
})

describe('connections from one address', () => {
  const platform = useTestPlatform({ connections: { perLoopbackAddress: 4 } })

  it('are capped: one over the cap gets 503 with a sentence, and the log says so once', async () => {
    const held = await Promise.all(Array.from({ length: 4 }, () => openSilent(platform().server.port)))
    const refused = await Promise.all(
      Array.from({ length: 3 }, async () => closed(await openSilent(platform().server.port))),
    )
    for (const answer of refused) {
      expect(answer).toMatch(/^HTTP\/1\.1 503/)
      expect(answer).toContain('Too many connections from your address (at most 4)')
    }
    expect(platform().logger.lines.filter((l) => l.includes('too many from one address'))).toHaveLength(1)
    for (const socket of held) socket.destroy()
  })
})

describe('a request whose body never finishes arriving', () => {
  const bodyClock = new ManualClock(0)
  const platform = useTestPlatform({ connections: { requestBodyMs: 30_000, clock: bodyClock } })

  it('has its connection closed once the time for the body has passed, and is logged once', async () => {
    const http = platform().server.io.httpServer
    const heads = new Promise<void>((resolve) => {
      let seen = 0
      const onRequest = (req: IncomingMessage): void => {
        if (req.url !== HTTP_PATHS.signIn || ++seen < 3) return
        http.off('request', onRequest)
        resolve()
      }
      http.on('request', onRequest)
    })
    const slow = await Promise.all(Array.from({ length: 3 }, () => openSilent(platform().server.port)))
    const ends = slow.map(closed)
    // A whole head promising a body, then one byte of it and nothing more.
    for (const socket of slow) {
      socket.write(
        `POST ${HTTP_PATHS.signIn} HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n` +
          'content-length: 1000\r\n\r\n{',
      )
    }
    await heads
    const expert = await platform().connect(platform().addExpert().token)
    bodyClock.advance(30_000)
    // Each is told why, since no answer had begun on it.
    for (const answer of await Promise.all(ends)) {
      expect(answer).toMatch(/^HTTP\/1\.1 408 /)
      expect(answer).toMatch(/"code":"invalid_payload".*did not all arrive/)
    }
    expect(platform().logger.lines.filter((l) => l.includes('request body did not arrive'))).toHaveLength(1)
    // Requests that were whole, and the socket.io connection one upgraded to, stay.
    expect(expert.socket.connected).toBe(true)
    expect(await expert.replay(0)).toMatchObject({ kind: 'events' })
    await platformCaughtUp(platform().server.url)
  })
})

describe('a platform shutting down', () => {
  // The guard's own limits never fire here: only the shutdown can end these connections.
  const platform = useTestPlatform({ connections: { clock: new ManualClock(0) } })

  it('does not wait for a request body half sent or a connection that never spoke, and ends both', async () => {
    const { port } = platform().server
    const halfSent = await openSilent(port)
    halfSent.write(
      `POST ${HTTP_PATHS.signIn} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
        'Content-Type: application/json\r\nContent-Length: 200\r\n\r\n{"email":',
    )
    const silent = await openSilent(port)
    const ends = [closed(halfSent), closed(silent)]
    await platformCaughtUp(platform().server.url)

    await platform().stopServer()

    expect(await Promise.all(ends)).toEqual(['', ''])
  })
})

describe('a connection over the cap from one address', () => {
  const platform = useTestPlatform({ connections: { perLoopbackAddress: 1 } })

  it('gets its 503 and is closed, and nothing it sent is handled', async () => {
    const handled = handledRequests(platform())
    const held = await openHalfOpen(platform().server.port)
    const refused = await openHalfOpen(platform().server.port)
    // It sends a request at once and keeps its side open.
    refused.write(`GET ${HTTP_PATHS.info}?on-a-refused-connection HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`)
    expect(await answered(refused)).toMatch(/^HTTP\/1\.1 503/)
    // The held connection's request is answered after anything sent before it.
    const answer = closed(held)
    held.end(`GET ${HTTP_PATHS.info} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`)
    expect(await answer).toMatch(/^HTTP\/1\.1 200/)
    expect(handled).toEqual([HTTP_PATHS.info])
  })
})

describe('a request that carries an Upgrade header but is no upgrade', () => {
  const bodyClock = new ManualClock(0)
  const platform = useTestPlatform({ connections: { requestBodyMs: 30_000, clock: bodyClock } })

  it('has its body timed like any request: trickled, it is cut off at the deadline', async () => {
    const heads = new Promise<void>((resolve) =>
      platform().server.io.httpServer.on('request', (req: IncomingMessage) => {
        if (req.headers.upgrade !== undefined) resolve()
      }),
    )
    const sneaky = await openSilent(platform().server.port)
    const ends = closed(sneaky)
    // Without "Connection: upgrade", Node hands this over as an ordinary request, body and all.
    sneaky.write(
      `POST ${HTTP_PATHS.signIn} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n` +
        'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{',
    )
    await heads
    bodyClock.advance(30_000)
    expect(await ends).toMatch(/^HTTP\/1\.1 408 /)
  })
})

describe('an upgrade refused for its address', () => {
  const platform = useTestPlatform()

  it('gets its answer and is closed, though the client keeps its side open', async () => {
    const serverSideClosed = new Promise((resolve) =>
      platform().server.io.httpServer.once('connection', (serverSide: Socket) =>
        serverSide.once('close', resolve),
      ),
    )
    const socket = await openHalfOpen(platform().server.port)
    const ends = answered(socket)
    socket.write(webSocketUpgrade('/socket.io/?EIO=4&transport=websocket', 'elsewhere.example'))
    expect(await ends).toMatch(/^HTTP\/1\.1 421/)
    await serverSideClosed
    expect(await connectionsHeld(platform())).toBe(0)
    socket.destroy()
  })
})

describe('a platform shutting down with upgrades left half open', () => {
  const platform = useTestPlatform({ connections: { clock: new ManualClock(0) } })

  it('does not wait for upgrades it refused or does not serve, from clients that keep their side open', async () => {
    const { port } = platform().server
    const misdirected = await openHalfOpen(port)
    const unserved = await openHalfOpen(port)
    const ends = [answered(misdirected), answered(unserved)]
    misdirected.write(webSocketUpgrade('/socket.io/?EIO=4&transport=websocket', 'elsewhere.example'))
    unserved.write(webSocketUpgrade('/not-socket-io', '127.0.0.1'))
    await platformCaughtUp(platform().server.url)

    await platform().stopServer()

    const [misdirectedAnswer, unservedAnswer] = await Promise.all(ends)
    expect(misdirectedAnswer).toMatch(/^HTTP\/1\.1 421/)
    expect(unservedAnswer).not.toMatch(/^HTTP\/1\.1 101/)
    misdirected.destroy()
    unserved.destroy()
  })
})

describe('a kept-alive connection after its first request', () => {
  const idleClock = new ManualClock(0)
  const platform = useTestPlatform({ connections: { firstRequestMs: 5_000, clock: idleClock } })

  it('is closed when its next head trickles in slower than a first one may', async () => {
    let serverSide: Socket | undefined
    const answeredFirst = new Promise<void>((resolve) =>
      platform().server.io.httpServer.once('request', (req: IncomingMessage, res: ServerResponse) => {
        serverSide = req.socket
        res.once('finish', () => resolve())
      }),
    )
    const socket = await openSilent(platform().server.port)
    const ended = closed(socket)
    socket.write(`GET ${HTTP_PATHS.info} HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n`)
    await answeredFirst
    // The next head, begun and never finished: Node's own timers would hold it a minute.
    const readSoFar = serverSide?.bytesRead ?? 0
    socket.write(`GET ${HTTP_PATHS.info} HTTP/1.1\r\nhost: 127.0.0.1\r\n`)
    // Read by the server's parser, which takes the bytes without a 'data' event to wait for.
    while ((serverSide?.bytesRead ?? 0) <= readSoFar) await new Promise((resolve) => setImmediate(resolve))
    idleClock.advance(5_000)
    // The first answer, then why the connection closes: the head it began did not arrive in time.
    const answers = await ended
    expect(answers).toMatch(/^HTTP\/1\.1 200/)
    expect(answers).toMatch(/HTTP\/1\.1 408 [^]*"code":"invalid_payload".*head/)
    expect(platform().logger.lines.filter((l) => l.includes('no request within'))).toHaveLength(1)
  })
})

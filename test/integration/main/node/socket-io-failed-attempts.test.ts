// An attempt to connect that the platform never lets in has failed: the expert reads why it
// failed and what to do, never that a connection was lost, and the log says the same in one line
// per way of failing (an attempt failing the same way every few seconds is not a line each time).
// Each server here is a real one on 127.0.0.1 that fails the attempt in one way.
import { createServer, type RequestListener } from 'node:http'
import { createServer as createTcpServer, type Socket as TcpSocket } from 'node:net'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { describe, expect, it } from 'vitest'
import type { Socket } from 'socket.io'
import { connectionStatus } from '../../../../src/main/core/connection/connection-status'
import type { LinkState } from '../../../../src/main/core/connection/link-deps'
import { startBannerServer } from '../../../support/banner-server'
import { FIXTURE_NOW } from '../../../support/fixtures'
import { startHostilePlatform } from '../../../support/hostile-platform'
import { socketLink } from '../../../support/socket-link'
import { useCleanup } from '../../../support/cleanup'
import { waitForLinkState } from '../../../support/link-states'

/** What the expert sees of `state` on a cold start. */
function shownAs(state: LinkState) {
  return connectionStatus({
    link: state,
    sync: { kind: 'idle' },
    signedIn: true,
    wasOnline: false,
    lastSyncedAt: null,
    now: FIXTURE_NOW,
  })
}

describe('a connection attempt that fails before the platform lets Standby in', () => {
  const defer = useCleanup()

  /** A started link to `url`; its first failed attempt's state, the link and its log. */
  async function firstFailure(url: string) {
    const { link, log, clock } = socketLink(url)
    defer(() => link.stop())
    link.start()
    const waiting = await waitForLinkState(link, (s) => s.kind === 'waiting')
    return { link, log, clock, waiting }
  }

  /** A socket.io platform whose gate does `atGate` to the first attempt instead of letting it in. */
  async function platformWhoseGate(atGate: (socket: Socket, next: (error?: Error) => void) => void) {
    const platform = await startHostilePlatform({})
    defer(() => platform.close())
    platform.io.use(atGate)
    return platform.url
  }

  /** The TCP socket under a socket.io server socket's WebSocket, to write bytes no library would. */
  function rawSocket(socket: Socket): Duplex {
    return (socket.conn.transport as unknown as { socket: { _socket: Duplex } }).socket._socket
  }

  /** A plain HTTP server answering every request (the WebSocket's upgrade among them) with `answer`. */
  async function httpServer(answer: RequestListener): Promise<string> {
    const http = createServer(answer)
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
    defer(() => new Promise<void>((resolve) => http.close(() => resolve())))
    defer(() => void http.closeAllConnections())
    return `http://127.0.0.1:${(http.address() as AddressInfo).port}`
  }

  /** Expect `waiting` to tell of a failed attempt matching `why`, and the log to say so once. */
  function expectFailedAttempt(
    { waiting, log }: Awaited<ReturnType<typeof firstFailure>>,
    why: RegExp,
  ): void {
    if (waiting.kind !== 'waiting') throw new Error(`not waiting: ${waiting.kind}`)
    expect(waiting.reason).toMatch(why)
    expect(shownAs(waiting)).toMatchObject({ status: 'offline', reason: waiting.reason })
    expect(JSON.stringify(waiting)).not.toMatch(/Connection lost/)
    expect(log.lines.filter((l) => l.startsWith('warn Could not connect to the platform: '))).toEqual([
      expect.stringMatching(why),
    ])
    expect(log.text()).not.toMatch(/Connection to the platform lost/)
  }

  it('closed by the platform (socket.io’s disconnect) before its acceptance: ended before the platform let Standby in', async () => {
    const url = await platformWhoseGate((socket) => void socket.conn.write('1'))
    expectFailedAttempt(
      await firstFailure(url),
      /The connection to .* ended before the platform let Standby in \(the platform closed the connection: io server disconnect\)\. If this goes on, check the platform address/,
    )
  })

  it('with an acceptance that names no connection: closed by Standby as an unreadable message, before the platform let it in', async () => {
    const url = await platformWhoseGate((socket) => void socket.conn.write('0{}'))
    expectFailedAttempt(
      await firstFailure(url),
      /Standby closed the connection to .* before the platform let it in \(the platform sent a message Standby could not read: parse error\)\. If this goes on/,
    )
  })

  it('sent a WebSocket frame no WebSocket may carry: a server that answered and broke the protocol, not one out of reach', async () => {
    // Opcode 3 is reserved: ws refuses the frame and ends the connection (WS_ERR_INVALID_OPCODE).
    const url = await platformWhoseGate((socket) => void rawSocket(socket).write(Buffer.from([0x83, 0x00])))
    const failure = await firstFailure(url)
    expectFailedAttempt(
      failure,
      /The server at \S+ sent a message Standby could not read\. If this goes on, tell the platform's support\./,
    )
    expect(failure.waiting.kind === 'waiting' && failure.waiting.reason).not.toMatch(
      /unreachable|your connection|WS_ERR/,
    )
    // The code is for whoever reads the log, which keeps it.
    expect(failure.log.text()).toMatch(/could not read\. .*\(WS_ERR_INVALID_OPCODE\)$/m)
    // socket.io then tells of the same connection's close: the window keeps saying why the attempt failed.
    expect(failure.link.state).toEqual(failure.waiting)
  })

  it('closed by the server right after the WebSocket opened: ended before the platform let Standby in', async () => {
    const url = await platformWhoseGate((socket) => void socket.conn.close())
    expectFailedAttempt(
      await firstFailure(url),
      /The connection to .* ended before the platform let Standby in \(the connection was closed.*transport close\)/,
    )
  })

  it('refused with a reason the platform gives: that reason, said as the platform’s refusal, logged', async () => {
    const url = await platformWhoseGate((_, next) =>
      next(
        Object.assign(new Error('busy'), {
          data: { code: 'busy', message: 'The platform is busy; try later.' },
        }),
      ),
    )
    expectFailedAttempt(
      await firstFailure(url),
      /The platform at \S+ refused the connection: The platform is busy; try later\. If this goes on, tell the platform's support\.$/,
    )
  })

  it.each([
    [
      '404 (no platform at that address)',
      404,
      /answered HTTP 404, not as a Standby platform.*sign in again with the right one/,
    ],
    [
      '502 (a proxy whose platform is down)',
      502,
      /answered HTTP 502.*The platform may be down or restarting/,
    ],
  ])('answered by a web server with %s: what it answered and what to do', async (_, status, why) => {
    const url = await httpServer((_, res) => res.writeHead(status).end('<html>No</html>'))
    expectFailedAttempt(await firstFailure(url), why)
  })

  it('sent on elsewhere (a platform moved to https behind a redirect): names the address to sign in with', async () => {
    const url = await httpServer((req, res) =>
      res.writeHead(301, { location: `https://platform.example${req.url ?? '/'}` }).end(),
    )
    expectFailedAttempt(
      await firstFailure(`${url}/standby`),
      /The server at \S+ sends Standby on to https:\/\/platform\.example\/standby \(HTTP 301\)\. If that is your platform’s address, sign out and sign in with it/,
    )
  })

  it('answered with a 300 or a 304 that names an address: not a platform, not sent on there', async () => {
    for (const status of [300, 304]) {
      const url = await httpServer((_req, res) =>
        res.writeHead(status, { location: 'https://elsewhere.example/' }).end(),
      )
      const failure = await firstFailure(url)
      expectFailedAttempt(failure, new RegExp(`answered HTTP ${status}, not as a Standby platform`))
      expect(JSON.stringify(failure.waiting), String(status)).not.toMatch(/elsewhere\.example/)
    }
  })

  it('sent back to the same address over and over (a redirect loop): says so, not that the address is wrong', async () => {
    const url = await httpServer((req, res) => res.writeHead(302, { location: req.url ?? '/' }).end())
    const failure = await firstFailure(url)
    expectFailedAttempt(
      failure,
      /The server at \S+ redirects Standby in a loop, back to the address it asked \(HTTP 302\)\. Something in front of the platform is set up wrongly: if this goes on, tell whoever runs the platform\./,
    )
  })

  it('answered by a server of another kind (not socket.io, not even HTTP): says so and to check the port', async () => {
    const ssh = await startBannerServer('SSH-2.0-OpenSSH_9.6\r\n')
    defer(() => ssh.close())
    expectFailedAttempt(
      await firstFailure(`http://127.0.0.1:${ssh.port}`),
      /The server at \S+ is another kind of server, not a web server\. Check the address and its port/,
    )
  })

  it('answered with a switch of protocols no WebSocket server makes, or a status below 100: not a platform, in words', async () => {
    for (const answer of [
      'HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\nconnection: Upgrade\r\nsec-websocket-accept: x\r\n\r\n',
      'HTTP/1.1 101 Switching Protocols\r\nupgrade: h2c\r\nconnection: Upgrade\r\n\r\n',
      'HTTP/1.1 099 Odd\r\ncontent-length: 0\r\n\r\n',
    ]) {
      const server = createTcpServer((socket) => socket.once('data', () => socket.end(answer)))
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      defer(() => new Promise<void>((resolve) => server.close(() => resolve())))
      const failure = await firstFailure(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)
      expectFailedAttempt(
        failure,
        /The server at \S+ (answered as no WebSocket server does|answered HTTP 99, not as a Standby platform)\. Check the address/,
      )
      expect(failure.waiting.kind === 'waiting' ? failure.waiting.reason : '').not.toMatch(
        /Invalid|Unexpected/,
      )
    }
  })

  it('at an https:// address where the server speaks plain http: says so and how to reach it', async () => {
    const url = await httpServer((_, res) => res.writeHead(404).end())
    expectFailedAttempt(
      await firstFailure(url.replace('http:', 'https:')),
      /The server at \S+ does not answer over https\..*reached with http:\/\//,
    )
  })

  it('accepted by a server that then never answers: given up at the connect timeout, logged once however often it happens', async () => {
    const held = new Set<TcpSocket>()
    let accepted: () => void = () => {}
    const tcp = createTcpServer((socket) => {
      held.add(socket)
      accepted()
    })
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve))
    defer(() => new Promise<void>((resolve) => tcp.close(() => resolve())))
    defer(() => held.forEach((socket) => socket.destroy()))
    const { link, log, clock } = socketLink(`http://127.0.0.1:${(tcp.address() as AddressInfo).port}`)
    defer(() => link.stop())
    for (let attempt = 1; attempt <= 2; attempt++) {
      const inside = new Promise<void>((resolve) => (accepted = resolve))
      if (attempt === 1) link.start()
      else if (link.state.kind === 'waiting') clock.advanceTo(link.state.nextAttemptAt)
      await inside
      clock.advance(5_000)
      await waitForLinkState(link, (s) => s.kind === 'waiting')
    }
    expectFailedAttempt(
      { link, log, clock, waiting: link.state },
      /did not answer the connection within 5 s\. If this goes on, check the platform address and your connection\./,
    )
  })
})

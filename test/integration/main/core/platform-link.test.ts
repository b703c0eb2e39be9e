import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Server } from 'socket.io'
import { WebSocketServer } from 'ws'
import { describe, expect, it } from 'vitest'
import { PlatformLink } from '../../../../src/main/core/connection/platform-link'
import { socketIoTransport } from '../../../../src/main/node/socket-io-transport'
import type { Power } from '../../../../src/main/core/ports/power'
import { ManualClock } from '../../../../src/shared/clock'
import { PROTOCOL_VERSION } from '../../../../src/shared/protocol'
import { startTestPlatform, type TestPlatform } from '../../../support/test-platform'
import { startBannerServer } from '../../../support/banner-server'
import { useCleanup } from '../../../support/cleanup'
import { waitForLinkState } from '../../../support/link-states'

const quietLog = { info: () => {}, warn: () => {}, error: () => {} }

function testPower(): Power & { resume(): void } {
  const listeners = new Set<() => void>()
  return {
    onSuspend: () => () => {},
    onResume: (l) => (listeners.add(l), () => listeners.delete(l)),
    onNetworkChange: () => () => {},
    onLock: () => () => {},
    onUnlock: () => () => {},
    systemIdleSeconds: () => null,
    screenLocked: () => null,
    resume: () => listeners.forEach((l) => l()),
  }
}

describe('PlatformLink', () => {
  const defer = useCleanup()

  async function setUp(): Promise<{
    platform: TestPlatform
    clock: ManualClock
    power: ReturnType<typeof testPower>
    link: PlatformLink
    expertId: string
  }> {
    const platform = await startTestPlatform()
    defer(() => platform.close())
    const { id, token } = platform.addExpert()
    const clock = new ManualClock(Date.UTC(2026, 0, 5, 9))
    const power = testPower()
    const link = new PlatformLink(platform.server.url, token, {
      transport: socketIoTransport,
      clock,
      power,
      log: quietLog,
      random: () => 0,
    })
    defer(() => link.stop())
    return { platform, clock, power, link, expertId: id }
  }

  it('connects, is welcomed, and delivers validated live events', async () => {
    const { platform, link, expertId } = await setUp()
    link.start()
    const connected = await waitForLinkState(link, (s) => s.kind === 'connected')
    expect(connected).toMatchObject({
      kind: 'connected',
      welcome: { expertId, protocolVersion: PROTOCOL_VERSION },
    })
    const received = new Promise((resolve) => link.events.add(resolve))
    platform.server.marketplace.createRequest({
      clientId: platform.addClient(),
      title: 'Live',
      kind: 'instant',
      direct: { expertId, via: 'dashboard' },
    })
    expect(await received).toMatchObject({ type: 'invite.created', id: 1 })
  })

  it('fails a command at once while offline and never sends it later', async () => {
    const { platform, clock, link, expertId } = await setUp()
    link.start()
    await waitForLinkState(link, (s) => s.kind === 'connected')
    platform.server.marketplace.createRequest({
      clientId: platform.addClient(),
      title: 'Offline accept',
      kind: 'instant',
      direct: { expertId, via: 'dashboard' },
    })
    const inviteId = platform.server.marketplace.db
      .prepare('SELECT id FROM invites WHERE expert_id = ?')
      .pluck()
      .get(expertId) as string
    await platform.stopServer()
    await waitForLinkState(link, (s) => s.kind === 'waiting')
    const outcome = await link.command('invite.accept', { inviteId, proposedTime: null })
    expect(outcome).toMatchObject({ ok: false, error: { code: 'offline' } })
    expect(!outcome.ok && outcome.error.message).toMatch(/nothing was sent/)

    await platform.startServer()
    clock.advance(10_000)
    await waitForLinkState(link, (s) => s.kind === 'connected')
    // A round-trip after reconnecting: had the accept been queued, it would have landed by now.
    await link.replay(0)
    expect(platform.server.marketplace.store.inviteRow(inviteId)?.state).toBe('open')
  })

  it('backs off from 1 s while the platform is down, and reconnects at once on resume', async () => {
    const { platform, clock, power, link } = await setUp()
    link.start()
    await waitForLinkState(link, (s) => s.kind === 'connected')
    await platform.stopServer()
    const first = await waitForLinkState(link, (s) => s.kind === 'waiting')
    expect(first).toMatchObject({ attempt: 1, nextAttemptAt: clock.now() + 1_000 })
    clock.advance(1_000)
    const second = await waitForLinkState(link, (s) => s.kind === 'waiting' && s.attempt === 2)
    expect(second).toMatchObject({ nextAttemptAt: clock.now() + 2_000 })

    await platform.startServer()
    const before = clock.now()
    power.resume()
    await waitForLinkState(link, (s) => s.kind === 'connected')
    expect(clock.now()).toBe(before)
  })

  it('stops retrying when the platform refuses the token', async () => {
    const { platform, clock } = await setUp()
    const link = new PlatformLink(platform.server.url, 'revoked-token', {
      transport: socketIoTransport,
      clock,
      power: testPower(),
      log: quietLog,
    })
    defer(() => link.stop())
    link.start()
    const refused = await waitForLinkState(link, (s) => s.kind === 'refused')
    expect(refused).toMatchObject({ kind: 'refused', code: 'unauthorized' })
    expect(clock.pendingTimers).toBe(0)
  })

  /** A started link over socket.io to whatever listens on a loopback port, stopped after the test. */
  function startedLinkTo(port: number): PlatformLink {
    const link = new PlatformLink(`http://127.0.0.1:${port}`, 't', {
      transport: socketIoTransport,
      clock: new ManualClock(0),
      power: testPower(),
      log: quietLog,
    })
    defer(() => link.stop())
    link.start()
    return link
  }

  it('reports a platform that speaks another protocol version, saying what to do', async () => {
    const http = createServer()
    const io = new Server(http)
    io.use((_socket, next) =>
      next(
        Object.assign(new Error('mismatch'), {
          data: {
            code: 'protocol_mismatch',
            message: 'mismatch',
            serverProtocolVersion: PROTOCOL_VERSION + 1,
          },
        }),
      ),
    )
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
    defer(() => new Promise<void>((resolve) => io.close(() => resolve())))
    const link = startedLinkTo((http.address() as AddressInfo).port)
    const refused = await waitForLinkState(link, (s) => s.kind === 'refused')
    expect(refused).toMatchObject({ code: 'protocol_mismatch' })
    expect(refused.kind === 'refused' && refused.message).toMatch(/update Standby/)
  })

  it('says a server that refused the connection without a refusal Standby reads did refuse it, not that it is unreachable', async () => {
    const http = createServer()
    const io = new Server(http)
    io.use((_socket, next) => next(new Error('Staff only')))
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
    defer(() => new Promise<void>((resolve) => io.close(() => resolve())))
    const link = startedLinkTo((http.address() as AddressInfo).port)
    const waiting = await waitForLinkState(link, (s) => s.kind === 'waiting')
    expect(waiting.kind === 'waiting' && waiting.reason).toMatch(
      /refused the connection \("Staff only"\) without a reason Standby can read.*check the platform address\.$/,
    )
    expect(waiting.kind === 'waiting' && waiting.reason).not.toMatch(/unreachable/)
  })

  it('says another kind of server answers at the address, not that the network is down', async () => {
    const ssh = await startBannerServer('SSH-2.0-OpenSSH_9.6\r\n')
    defer(() => ssh.close())
    const link = startedLinkTo(ssh.port)
    const waiting = await waitForLinkState(link, (s) => s.kind === 'waiting')
    expect(waiting.kind === 'waiting' && waiting.reason).toMatch(
      /^The server at \S+ is another kind of server, not a web server\. Check the address and its port: a Standby platform does not answer there\.$/,
    )
    expect(waiting.kind === 'waiting' && waiting.reason).not.toMatch(/unreachable/)
  })

  it('says a WebSocket service of another kind answers at the address, not that the platform is unreachable', async () => {
    const http = createServer()
    const sockets = new WebSocketServer({ server: http })
    sockets.on('connection', (ws) => ws.send('{"hello":"world"}'))
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
    defer(() => new Promise<void>((resolve) => sockets.close(() => http.close(() => resolve()))))
    const link = startedLinkTo((http.address() as AddressInfo).port)
    const waiting = await waitForLinkState(link, (s) => s.kind === 'waiting')
    const reason = waiting.kind === 'waiting' ? waiting.reason : ''
    expect(reason).toMatch(
      /^The server at \S+ speaks another protocol than a Standby platform\. Check the address and its port/,
    )
    expect(reason).not.toMatch(/unreachable|server error/)
  })

  it('says a gateway in front of the platform asked for a sign-in of its own, or refused this computer, not to check the address', async () => {
    for (const [status, says] of [
      [
        401,
        /asked for a sign-in of its own \(HTTP 401\).*\. A proxy or login gateway.*open the platform address in a browser/,
      ],
      [403, /refused this computer \(HTTP 403\).*\. A firewall or gateway.*ask whoever runs it/],
    ] as const) {
      const gateway = createServer((_req, res) =>
        res.writeHead(status, { 'content-type': 'text/html' }).end('<html>'),
      )
      await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve))
      defer(() => new Promise<void>((resolve) => gateway.close(() => resolve())))
      const link = startedLinkTo((gateway.address() as AddressInfo).port)
      const waiting = await waitForLinkState(link, (s) => s.kind === 'waiting')
      const reason = waiting.kind === 'waiting' ? waiting.reason : ''
      expect(reason).toMatch(says)
      expect(reason).not.toMatch(/unreachable|Check the address|sign in again/)
    }
  })

  it('says what answered instead of a platform, and what to do: a web page, a refused connection', async () => {
    const page = createServer((_req, res) =>
      res.writeHead(404, { 'content-type': 'text/html' }).end('<html>'),
    )
    await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve))
    defer(() => new Promise<void>((resolve) => page.close(() => resolve())))
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const closedPort = (closed.address() as AddressInfo).port
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    const reasons = await Promise.all(
      [(page.address() as AddressInfo).port, closedPort].map(async (port) => {
        const link = startedLinkTo(port)
        const waiting = await waitForLinkState(link, (s) => s.kind === 'waiting')
        return waiting.kind === 'waiting' ? waiting.reason : ''
      }),
    )
    expect(reasons[0]).toMatch(
      /^The server at \S+ answered HTTP 404, not as a Standby platform\. Check the address you signed in with/,
    )
    expect(reasons[0]).not.toMatch(/unreachable/)
    expect(reasons[1]).toMatch(/unreachable \(connection refused\). Check the address and your connection\.$/)
  })
})

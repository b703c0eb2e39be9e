import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Server } from 'socket.io'
import { describe, expect, it } from 'vitest'
import { defaultLinkTimings, stallLimitMs } from '../../../../src/main/core/connection/link-timings'
import { PlatformLink, type LinkState } from '../../../../src/main/core/connection/platform-link'
import { socketIoTransport } from '../../../../src/main/node/socket-io-transport'
import { createPowerHook } from '../../../../src/main/node/adapters/power-hook'
import { ManualClock } from '../../../../src/shared/clock'
import { startCoreFor, startOnlineCore, startTestCore } from '../../../support/test-core'
import { startTestPlatform } from '../../../support/test-platform'
import { useCleanup } from '../../../support/cleanup'

const quiet = { info: () => {}, warn: () => {}, error: () => {} }

describe('a platform that misbehaves', () => {
  const defer = useCleanup()

  /** A link over socket.io to `http`'s loopback port, on `clock`, stopped after the test (not started). */
  function socketLinkTo(http: ReturnType<typeof createServer>, clock: ManualClock): PlatformLink {
    const link = new PlatformLink(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, 't', {
      transport: socketIoTransport,
      clock,
      power: createPowerHook(),
      log: quiet,
      timings: { connectTimeoutMs: 5_000 },
    })
    defer(() => link.stop())
    return link
  }

  it('sending one event this version cannot read: the core skips it, says so in one line, and goes on', async () => {
    const platform = await startTestPlatform()
    defer(() => platform.close())
    const expert = platform.addExpert()
    platform.inviteDirectly(expert.id, 'Readable')
    const core = await startCoreFor(platform.server.url, expert)
    defer(() => core.close(true))
    await core.waitForState((s) => s.status === 'online')
    core.close()
    // A newer platform's event type, then an ordinary one after it.
    platform.server.marketplace.db
      .prepare('INSERT INTO events (expert_id, id, type, at, payload) VALUES (?, 2, ?, 0, ?)')
      .run(
        expert.id,
        'invite.teleported',
        JSON.stringify({ id: 2, type: 'invite.teleported', at: 0, payload: {} }),
      )
    await platform.stopServer()
    await platform.startServer()
    platform.inviteDirectly(expert.id, 'After')

    const again = await startCoreFor(platform.server.url, expert, {
      dir: core.dir,
    })
    defer(() => again.close(true))
    await again.waitForNotifications(2)
    await again.waitForState((s) => s.status === 'online')
    expect(again.runtime.cache.cursor()).toBe(3)
    expect(
      again.runtime.cache
        .openInvites(again.runtime.core.platformClock.now())
        .map((i) => i.request.title)
        .sort(),
    ).toEqual(['After', 'Readable'])
    expect(again.adapters.notifier.shown.map((n) => `${n.kind}: ${n.title}`)).toEqual([
      'notice: An update from the platform could not be read',
      'invite: Direct Client: After',
    ])
  })

  it('sending one unreadable event live: the core passes over it, says so once, and applies the next one live', async () => {
    const { platform, expert, core } = await startOnlineCore(defer)
    platform.inviteDirectly(expert.id, 'Before')
    await core.waitForNotifications(1)
    // Appended and published by the platform's own log, as any event is: one the app cannot read.
    const { events } = platform.server.marketplace
    const unreadable = events.transact(() =>
      events.append(expert.id, 'invite.created', { invite: { id: 'inv_x' } } as never),
    )
    await core.waitForNotifications(2)
    platform.inviteDirectly(expert.id, 'After')
    await core.waitForNotifications(3)
    expect(core.adapters.notifier.shown.map((n) => `${n.kind}: ${n.title}`)).toEqual([
      'invite: Direct Client: Before',
      'notice: An update from the platform could not be read',
      'invite: Direct Client: After',
    ])
    expect(core.runtime.core.connection.status).toBe('online')
    expect(core.runtime.cache.cursor()).toBe(unreadable.id + 1)
  })

  it('sending a snapshot with one entity this version cannot read: the rest of the snapshot is applied', async () => {
    const platform = await startTestPlatform()
    defer(() => platform.close())
    const expert = platform.addExpert()
    platform.inviteDirectly(expert.id, 'Readable one')
    const bad = platform.inviteDirectly(expert.id, 'Stored wrong')
    platform.inviteDirectly(expert.id, 'Readable two')
    // A link the app refuses to show (not http or https), as a platform with other rules might store.
    const attachment = {
      name: 'notes.txt',
      sizeBytes: 10,
      mimeType: 'text/plain',
      url: 'javascript:alert(1)',
    }
    platform.server.marketplace.db
      .prepare('UPDATE requests SET attachments = ? WHERE id = ?')
      .run(JSON.stringify([attachment]), bad.request.id)
    const core = await startCoreFor(platform.server.url, expert)
    defer(() => core.close(true))
    await core.waitForNotifications(3)
    await core.waitForState((s) => s.status === 'online')
    expect(
      core.runtime.cache
        .openInvites(core.runtime.core.platformClock.now())
        .map((i) => i.request.title)
        .sort(),
    ).toEqual(['Readable one', 'Readable two'])
    expect(core.adapters.notifier.shown.filter((n) => n.kind === 'notice')).toHaveLength(1)
  })

  it('refusing the token: the core stays signed out, with the reason, and forgets the token', async () => {
    const platform = await startTestPlatform()
    defer(() => platform.close())
    const expert = platform.addExpert()
    const core = await startTestCore({
      platformUrl: platform.server.url,
      token: 'revoked-token',
      expertId: expert.id,
    })
    defer(() => core.close(true))
    const state = await core.waitForState((s) => s.status === 'signed_out' && s.reason !== null)
    expect(state).toMatchObject({ status: 'signed_out', reason: expect.stringMatching(/sign in again/) })
    expect(core.runtime.core.connection).toEqual(state)
    expect(core.adapters.tray.current?.statusLine).toMatch(/^Signed out/)
    expect(await core.adapters.secrets.load()).toBeNull()
  })

  it('accepting the socket but never welcoming it: the link gives up on that attempt and retries', async () => {
    const http = createServer()
    const io = new Server(http)
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
    defer(() => new Promise<void>((resolve) => io.close(() => resolve())))
    // A clock that says when a timer is set: the link times the attempt as it starts, and times
    // it afresh for the welcome once the socket is up.
    let timersSet = 0
    let timerSet: () => void = () => {}
    const clock = new (class extends ManualClock {
      override setTimeout(callback: () => void, delayMs: number) {
        const handle = super.setTimeout(callback, delayMs)
        if (++timersSet === 2) timerSet()
        return handle
      }
    })(0)
    const link = socketLinkTo(http, clock)
    const armed = new Promise<void>((resolve) => (timerSet = resolve))
    link.start()
    await armed
    const waiting = new Promise<LinkState>((resolve) =>
      link.states.add((s) => s.kind === 'waiting' && resolve(s)),
    )
    clock.advance(5_000)
    expect(await waiting).toMatchObject({
      kind: 'waiting',
      reason: expect.stringMatching(/did not answer as a Standby platform/),
    })
  })

  it('opening the socket but never letting it in: the attempt ends within the connect timeout and is retried', async () => {
    const http = createServer()
    const io = new Server(http)
    // Another socket.io server's gate that never opens, or a proxy that stalls after the handshake.
    let knocked: () => void = () => {}
    const atTheGate = new Promise<void>((resolve) => (knocked = resolve))
    io.use(() => knocked())
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
    defer(() => new Promise<void>((resolve) => io.close(() => resolve())))
    const clock = new ManualClock(0)
    const link = socketLinkTo(http, clock)
    link.start()
    await atTheGate
    // Its handshake came: it answered, then went quiet for as long as an open link may.
    const stalled = stallLimitMs(defaultLinkTimings)
    clock.advance(stalled)
    expect(link.state).toMatchObject({
      kind: 'waiting',
      reason: expect.stringMatching(
        new RegExp(`began to answer the connection, then sent nothing more for ${stalled / 1000} s`),
      ),
    })
  })
})

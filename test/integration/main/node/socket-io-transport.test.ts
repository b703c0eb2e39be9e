// The live connection goes where the expert signed in: a platform served under a path (behind a
// proxy at https://host/standby) has its socket.io under that path too, not at the host's root.
// And it holds no message larger than the protocol allows: a platform sending one loses the
// connection, and the link waits its backoff before trying again. A platform that does so (or
// sends a packet socket.io cannot decode) after every welcome makes the link wait ever longer.
import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import { describe, expect, it } from 'vitest'
import { PlatformLink } from '../../../../src/main/core/connection/platform-link'
import { PACKET_RECEIVED_CHANNEL } from '../../../../src/main/node/packet-received-mark'
import { socketIoTransport } from '../../../../src/main/node/socket-io-transport'
import { ManualClock } from '../../../../src/shared/clock'
import { mostMessageBytes } from '../../../../src/shared/protocol/message-size'
import { startHostilePlatform } from '../../../support/hostile-platform'
import { startCoreWithPlatform, startOnlineCore } from '../../../support/test-core'
import { useCleanup } from '../../../support/cleanup'
import { waitForLinkState } from '../../../support/link-states'

const noPower = {
  onSuspend: () => () => {},
  onResume: () => () => {},
  onNetworkChange: () => () => {},
  onLock: () => () => {},
  onUnlock: () => () => {},
  systemIdleSeconds: () => null,
}

describe('the socket.io transport', () => {
  const defer = useCleanup()

  it('goes online with a platform served under a path, rather than retrying at the host’s root', async () => {
    const { core } = await startCoreWithPlatform(defer, { underPath: '/standby' })
    const state = await core.waitForState((s) => s.status !== 'connecting')
    expect(state).toMatchObject({ status: 'online' })
  })

  it('marks each packet from the platform for the core bench, before the core acts on it', async () => {
    const { platform, expert, core } = await startOnlineCore(defer)
    const seen: string[] = []
    const onPacket = (at: unknown): void => void seen.push(typeof at === 'number' ? 'packet' : 'not a time')
    subscribe(PACKET_RECEIVED_CHANNEL, onPacket)
    defer(() => void unsubscribe(PACKET_RECEIVED_CHANNEL, onPacket))
    defer(core.adapters.notifier.onShow(() => seen.push('shown')))
    platform.inviteDirectly(expert.id, 'Marked on arrival')
    await core.waitForNotifications(1)
    expect(seen.slice(-2)).toEqual(['packet', 'shown'])
  })

  it('ends a connection that carries a message over the protocol’s largest, says so, and backs off', async () => {
    const platform = await startHostilePlatform({})
    defer(() => platform.close())
    const clock = new ManualClock(Date.UTC(2026, 0, 5, 9))
    const warnings: string[] = []
    const link = new PlatformLink(platform.url, 't', {
      transport: socketIoTransport,
      clock,
      power: noPower,
      log: { info: () => {}, warn: (line) => warnings.push(line), error: () => {} },
      random: () => 0,
    })
    defer(() => link.stop())
    link.start()
    await waitForLinkState(link, (s) => s.kind === 'connected')
    platform.io.emit('platform-event', 'x'.repeat(mostMessageBytes()))
    const dropped = await waitForLinkState(link, (s) => s.kind === 'waiting')
    expect(dropped.kind === 'waiting' && dropped.nextAttemptAt).toBeGreaterThan(clock.now())
    const firstWait = dropped.kind === 'waiting' ? dropped.nextAttemptAt - clock.now() : 0
    expect(dropped.kind === 'waiting' && dropped.reason).toMatch(/larger than any Standby message/)
    expect(warnings.join('\n')).toMatch(/larger than any Standby message/)
    // Nothing more until the backoff has passed: no attempt at once.
    expect(platform.connections()).toBe(1)
    clock.advance(dropped.kind === 'waiting' ? dropped.nextAttemptAt - clock.now() : 0)
    await waitForLinkState(link, (s) => s.kind === 'connected')
    expect(platform.connections()).toBe(2)
    // The same again right after the welcome: the transport names it a violation, so the welcome
    // did not count as a success and the link waits longer than the first time.
    platform.io.emit('platform-event', 'x'.repeat(mostMessageBytes()))
    const again = await waitForLinkState(link, (s) => s.kind === 'waiting')
    expect(again.kind === 'waiting' && again.nextAttemptAt - clock.now()).toBeGreaterThan(firstWait)
  })

  it('backs off ever longer from a platform that sends a packet socket.io cannot decode after each welcome', async () => {
    const platform = await startHostilePlatform({})
    defer(() => platform.close())
    const clock = new ManualClock(Date.UTC(2026, 0, 5, 9))
    const link = new PlatformLink(platform.url, 't', {
      transport: socketIoTransport,
      clock,
      power: noPower,
      log: { info: () => {}, warn: () => {}, error: () => {} },
      random: () => 0,
    })
    defer(() => link.stop())
    link.start()
    const waits: number[] = []
    for (let i = 0; i < 3; i++) {
      await waitForLinkState(link, (s) => s.kind === 'connected')
      // An engine.io message whose socket.io packet type does not exist: the client ends the connection.
      for (const socket of platform.io.sockets.sockets.values()) socket.conn.write('9 not a socket.io packet')
      const waiting = await waitForLinkState(link, (s) => s.kind === 'waiting')
      if (waiting.kind !== 'waiting') throw new Error('not waiting')
      waits.push(waiting.nextAttemptAt - clock.now())
      clock.advance(waiting.nextAttemptAt - clock.now())
    }
    expect(waits[1]).toBeGreaterThan(waits[0] ?? 0)
    expect(waits[2]).toBeGreaterThan(waits[1] ?? 0)
  })
})

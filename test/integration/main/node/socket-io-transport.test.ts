// The live connection goes where the expert signed in: a platform served under a path (behind a
// proxy at https://host/standby) has its socket.io under that path too, not at the host's root.
// And it holds no message larger than the protocol allows: a platform sending one loses the
// connection, and the link waits its backoff before trying again.
import { describe, expect, it } from 'vitest'
import { PlatformLink, type LinkState } from '../../../../src/main/core/connection/platform-link'
import { socketIoTransport } from '../../../../src/main/node/socket-io-transport'
import { ManualClock } from '../../../../src/shared/clock'
import { mostMessageBytes } from '../../../../src/shared/protocol/message-size'
import { startHostilePlatform } from '../../../support/hostile-platform'
import { startCoreWithPlatform } from '../../../support/test-core'
import { useCleanup } from '../../../support/cleanup'

const noPower = {
  onSuspend: () => () => {},
  onResume: () => () => {},
  onNetworkChange: () => () => {},
  onLock: () => () => {},
  onUnlock: () => () => {},
  systemIdleSeconds: () => null,
}

function waitFor(link: PlatformLink, predicate: (s: LinkState) => boolean): Promise<LinkState> {
  if (predicate(link.state)) return Promise.resolve(link.state)
  return new Promise((resolve) => {
    const off = link.states.add((s) => {
      if (predicate(s)) {
        off()
        resolve(s)
      }
    })
  })
}

describe('the socket.io transport', () => {
  const defer = useCleanup()

  it('goes online with a platform served under a path, rather than retrying at the host’s root', async () => {
    const { core } = await startCoreWithPlatform(defer, { underPath: '/standby' })
    const state = await core.waitForState((s) => s.status !== 'connecting')
    expect(state).toMatchObject({ status: 'online' })
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
    await waitFor(link, (s) => s.kind === 'connected')
    platform.io.emit('platform-event', 'x'.repeat(mostMessageBytes()))
    const dropped = await waitFor(link, (s) => s.kind === 'waiting')
    expect(dropped.kind === 'waiting' && dropped.nextAttemptAt).toBeGreaterThan(clock.now())
    expect(dropped.kind === 'waiting' && dropped.reason).toMatch(/larger than any Standby message/)
    expect(warnings.join('\n')).toMatch(/larger than any Standby message/)
    // Nothing more until the backoff has passed: no attempt at once.
    expect(platform.connections()).toBe(1)
    clock.advance(dropped.kind === 'waiting' ? dropped.nextAttemptAt - clock.now() : 0)
    await waitFor(link, (s) => s.kind === 'connected')
    expect(platform.connections()).toBe(2)
  })
})

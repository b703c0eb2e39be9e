import { describe, expect, it } from 'vitest'
import { useCleanup } from '../../../support/cleanup'
import { FaultProxy } from '../../../support/fault-proxy'
import { startTestCore } from '../../../support/test-core'
import { startTestPlatform, type TestPlatform } from '../../../support/test-platform'

const PENDING = 10

/**
 * A heartbeat five times as quick as a real platform's over a link five times as fast as 500 B/s:
 * the same bytes cross within the pong's time. A page that takes longer to cross than that holds
 * the ping behind it and costs the connection.
 */
const HEARTBEAT = { pingInterval: 1_000, pingTimeout: 1_600 }
const RATE = 2_500

/** A platform whose heartbeat is `HEARTBEAT`: engine.io reads its options at every ping. */
function shortenHeartbeat(platform: TestPlatform): void {
  Object.assign(platform.server.io.engine.opts, HEARTBEAT)
}

describe('catching up over a link too slow for a full page within the heartbeat', () => {
  const defer = useCleanup()

  it('drains a backlog on one connection, without a drop per page', async () => {
    const platform = await startTestPlatform()
    defer(() => platform.close())
    shortenHeartbeat(platform)
    const expert = platform.addExpert()
    const proxy = await FaultProxy.start(platform.server.port)
    defer(() => proxy.close())
    // Pages aimed to cross in a quarter of the pong's time, as the app's own aim is to the real one.
    const timings = { pageCrossingMs: 400 }
    const options = { platformUrl: proxy.url, token: expert.token, expertId: expert.id, timings }
    const first = await startTestCore(options)
    defer(() => first.close(true))
    await first.waitForState((s) => s.status === 'online')
    first.close()

    // Long invites: the backlog is many times what crosses the link within the pong's time.
    for (let i = 1; i <= PENDING; i++)
      platform.inviteDirectly(
        expert.id,
        `Pending while away ${i}`,
        'A long account of the problem. '.repeat(30),
      )
    proxy.resetAll()
    proxy.trickle(RATE)
    const opened = proxy.opened

    const core = await startTestCore({ ...options, dir: first.dir })
    defer(() => core.close(true))
    await core.waitForNotifications(PENDING)
    await core.waitForState((s) => s.status === 'online')
    expect(core.runtime.cache.cursor()).toBe(platform.server.marketplace.events.latestId(expert.id))
    expect(new Set(core.adapters.notifier.shown.map((n) => n.title)).size).toBe(PENDING)
    // One connection carried the whole catch-up: no page cost it.
    expect(proxy.opened - opened).toBe(1)
  })
})

import { describe, expect, it } from 'vitest'
import { useCleanup } from '../../../support/cleanup'
import { FaultProxy } from '../../../support/fault-proxy'
import { startTestCore } from '../../../support/test-core'
import { startTestPlatform } from '../../../support/test-platform'

const PENDING = 100
const LIVE = 5

describe('catching up over a link whose every answer comes late', () => {
  const defer = useCleanup()

  it('shows every invite of a backlog and those sent meanwhile exactly once, with the app’s own timings', async () => {
    const platform = await startTestPlatform()
    defer(() => platform.close())
    const expert = platform.addExpert()
    const proxy = await FaultProxy.start(platform.server.port)
    defer(() => proxy.close())
    const options = { platformUrl: proxy.url, token: expert.token, expertId: expert.id }
    const first = await startTestCore(options)
    defer(() => first.close(true))
    await first.waitForState((s) => s.status === 'online')
    first.close()

    for (let i = 1; i <= PENDING; i++) platform.inviteDirectly(expert.id, `Pending while away ${i}`)
    proxy.resetAll()
    // A satellite link, or a congested mobile network: however little an answer carries.
    proxy.latency(2_500)
    const opened = proxy.opened

    const core = await startTestCore({ ...options, dir: first.dir })
    defer(() => core.close(true))
    // Invites sent while the catch-up is under way race its pages and its round-trip timing.
    await core.waitForNotifications(1)
    for (let i = 1; i <= LIVE; i++) platform.inviteDirectly(expert.id, `Sent during the catch-up ${i}`)
    await core.waitForNotifications(PENDING + LIVE)
    await core.waitForState((s) => s.status === 'online')
    expect(core.runtime.cache.cursor()).toBe(platform.server.marketplace.events.latestId(expert.id))
    const titles = core.adapters.notifier.shown.map((n) => n.title)
    expect(titles).toHaveLength(PENDING + LIVE)
    expect(new Set(titles).size).toBe(PENDING + LIVE)
    // One connection carried the whole catch-up: no page cost it.
    expect(proxy.opened - opened).toBe(1)
  }, 180_000)
})

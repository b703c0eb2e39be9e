import { describe, expect, it } from 'vitest'
import { useCleanup } from '../../../support/cleanup'
import { FaultProxy } from '../../../support/fault-proxy'
import { backUpPlatform, restorePlatform } from '../../../support/platform-backup'
import { awayBehindProxy } from '../../../support/away-behind-proxy'
import { startCoreFor, startTestCore } from '../../../support/test-core'
import { startTestPlatform } from '../../../support/test-platform'

const PENDING = 100
const LIVE = 5

describe('catching up over a link whose every answer comes late', () => {
  const defer = useCleanup()

  it('shows every invite of a backlog and those sent meanwhile exactly once, with the app’s own timings', async () => {
    const { platform, expert, proxy, again } = await awayBehindProxy(defer)

    for (let i = 1; i <= PENDING; i++) platform.inviteDirectly(expert.id, `Pending while away ${i}`)
    proxy.resetAll()
    // A satellite link, or a congested mobile network: however little an answer carries.
    proxy.latency(2_500)
    const opened = proxy.opened

    const core = await startTestCore(again)
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

  it('rebuilds the cache from a platform restored from a backup and grown meanwhile, showing each invite once', async () => {
    const platform = await startTestPlatform()
    defer(() => platform.close())
    const expert = platform.addExpert()
    const invite = (title: string): string => platform.inviteDirectly(expert.id, title).request.id
    for (let i = 1; i <= 5; i++) invite(`Before the backup ${i}`)
    const proxy = await FaultProxy.start(platform.server.port)
    defer(() => proxy.close())
    proxy.latency(2_500)
    const core = await startCoreFor(proxy.url, expert)
    defer(() => core.close(true))
    await core.waitForNotifications(5)

    await platform.stopServer()
    const backup = backUpPlatform(platform)
    await platform.startServer()
    const lost = Array.from({ length: 10 }, (_, i) => invite(`Lost with the restore ${i + 1}`))
    await core.waitForNotifications(15)

    // Restored, then grown past the app's cursor, while the app's catch-up runs over the late link.
    await platform.stopServer()
    restorePlatform(platform, backup)
    await platform.startServer()
    const fresh = Array.from({ length: 25 }, (_, i) => invite(`After the restore ${i + 1}`))
    await core.waitForNotifications(5 + 2 * lost.length + fresh.length)
    await core.waitForState((s) => s.status === 'online')
    await core.runtime.core.settled()

    const truth = platform.server.marketplace.snapshot(expert.id)
    const cached = core.runtime.cache
      .openInvites(core.runtime.core.platformClock.now())
      .map((i) => i.request.id)
    expect(new Set(cached)).toEqual(new Set(truth.openInvites.map((i) => i.request.id)))
    expect(cached.filter((id) => lost.includes(id))).toEqual([])
    expect(core.runtime.cache.cursor()).toBe(truth.cursor)
    // The invites lost with the restore are also told closed, once each.
    const titles = core.adapters.notifier.shown.filter((n) => n.kind === 'invite').map((n) => n.title)
    expect(titles).toHaveLength(5 + lost.length + fresh.length)
    expect(new Set(titles).size).toBe(titles.length)
  }, 180_000)
})

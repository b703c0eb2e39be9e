import { describe, expect, it } from 'vitest'
import { useCleanup } from '../../../support/cleanup'
import { backUpPlatform, restorePlatform } from '../../../support/platform-backup'
import { startCoreFor, type TestCore } from '../../../support/test-core'
import { startTestPlatform } from '../../../support/test-platform'

/** How many notifications each invite's title got. */
function notificationsPerTitle(core: TestCore): Map<string, number> {
  const counts = new Map<string, number>()
  for (const n of core.adapters.notifier.shown) {
    if (n.kind === 'invite') counts.set(n.title, (counts.get(n.title) ?? 0) + 1)
  }
  return counts
}

describe('a platform restored from a backup', () => {
  const defer = useCleanup()

  it('is detected on the next replay even when it grew past the app cursor: the cache equals the platform and every invite is shown once', async () => {
    const platform = await startTestPlatform()
    defer(() => platform.close())
    const expert = platform.addExpert()
    const invite = (title: string): string => platform.inviteDirectly(expert.id, title).request.id
    for (let i = 1; i <= 5; i++) invite(`Before the backup ${i}`)
    const core = await startCoreFor(platform.server.url, expert)
    defer(() => core.close(true))
    await core.waitForNotifications(5)

    // The backup: the file as it is now, copied while the platform is stopped.
    await platform.stopServer()
    const backup = backUpPlatform(platform)
    await platform.startServer()
    await core.waitForState((s) => s.status === 'online')
    const lost = Array.from({ length: 10 }, (_, i) => invite(`Lost with the restore ${i + 1}`))
    await core.waitForNotifications(15)
    const cursorBefore = core.runtime.cache.cursor()
    core.close()

    // Restored, then grown beyond the app's cursor while the app was away.
    await platform.stopServer()
    restorePlatform(platform, backup)
    await platform.startServer()
    const fresh = Array.from({ length: 25 }, (_, i) => invite(`After the restore ${i + 1}`))
    expect(platform.server.marketplace.events.latestId(expert.id)).toBeGreaterThan(cursorBefore)

    const again = await startCoreFor(platform.server.url, expert, {
      dir: core.dir,
    })
    defer(() => again.close(true))
    await again.waitForState((s) => s.status === 'online')
    await again.runtime.core.settled()

    const truth = platform.server.marketplace.snapshot(expert.id)
    const cached = again.runtime.cache
      .openInvites(again.runtime.core.platformClock.now())
      .map((i) => i.request.id)
    expect(new Set(cached)).toEqual(new Set(truth.openInvites.map((i) => i.request.id)))
    expect(cached).toEqual(expect.arrayContaining(fresh))
    expect(cached.filter((id) => lost.includes(id))).toEqual([])
    expect(again.runtime.cache.cursor()).toBe(truth.cursor)
    // The first run's notifications and the second's, together: each invite exactly once.
    const counts = notificationsPerTitle(core)
    for (const [title, n] of notificationsPerTitle(again)) counts.set(title, (counts.get(title) ?? 0) + n)
    expect([...counts.values()].every((n) => n === 1)).toBe(true)
    expect(counts.size).toBe(5 + lost.length + fresh.length)
  })
})

// The platform is restored from a backup while the disk under the cache is full: the rebuild from
// its snapshot cannot be saved. The expert is told why, the cache keeps what it had, and once the
// disk has room the rebuild goes through: the invites the restore forgot are taken off the screen,
// the new ones shown, each once.
import type Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { ManualClock } from '../../../../src/shared/clock'
import { useCleanup } from '../../../support/cleanup'
import { backUpPlatform, restorePlatform } from '../../../support/platform-backup'
import { startCoreFor } from '../../../support/test-core'
import { startTestPlatform } from '../../../support/test-platform'

describe('a rebuild from a restored platform on a full disk', () => {
  const defer = useCleanup()

  it('is told, keeps the cache as it was, and goes through once the disk has room, each invite shown once', async () => {
    const platform = await startTestPlatform()
    defer(() => platform.close())
    const expert = platform.addExpert()
    const invite = (title: string): string => platform.inviteDirectly(expert.id, title).request.id
    for (let i = 1; i <= 5; i++) invite(`Before the backup ${i}`)
    const clock = new ManualClock(Date.now())
    const core = await startCoreFor(platform.server.url, expert, { clock })
    defer(() => core.close(true))
    // Reconnects after a restart wait on the core's clock: moved to each next try, but for the
    // tries after a failed save, which the test moves itself.
    core.runtime.core.states.add((state) => {
      if (state.status !== 'reconnecting' && state.status !== 'offline') return
      if (state.nextAttemptAt === null || /disk/.test(state.reason ?? '')) return
      const wait = state.nextAttemptAt - core.runtime.core.platformClock.now()
      queueMicrotask(() => clock.advance(Math.max(0, wait)))
    })
    await core.waitForNotifications(5)
    await platform.stopServer()
    const backup = backUpPlatform(platform)
    await platform.startServer()
    await core.waitForState((s) => s.status === 'online')
    for (let i = 1; i <= 10; i++) invite(`Lost with the restore ${i}`)
    await core.waitForNotifications(15)
    await core.runtime.core.settled()
    const before = core.runtime.cache.openInvites(core.runtime.core.platformClock.now()).length

    const db = (core.runtime.cache as unknown as { db: Database.Database }).db
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`)
    await platform.stopServer()
    restorePlatform(platform, backup)
    await platform.startServer()
    // Enough that the snapshot needs more room in the cache file than the disk has.
    for (let i = 1; i <= 40; i++)
      platform.inviteDirectly(
        expert.id,
        `After the restore ${i}`,
        'A long account of the problem. '.repeat(400),
      )

    const stopped = await core.waitForState((s) => s.status === 'offline' && /disk/.test(s.reason ?? ''))
    expect(stopped).toMatchObject({ reason: expect.stringMatching(/Free some space on the disk/) })
    expect(core.runtime.cache.openInvites(core.runtime.core.platformClock.now())).toHaveLength(before)

    db.pragma('max_page_count = 4294967294')
    for (let s = 0; s < 120 && core.runtime.core.connection.status !== 'online'; s++) {
      clock.advance(1_000)
      await core.runtime.core.settled()
    }
    await core.waitForState((s) => s.status === 'online')
    await core.runtime.core.settled()
    const truth = platform.server.marketplace.snapshot(expert.id)
    const cached = core.runtime.cache.openInvites(core.runtime.core.platformClock.now()).map((i) => i.id)
    expect(new Set(cached)).toEqual(new Set(truth.openInvites.map((i) => i.id)))
    expect(core.runtime.cache.cursor()).toBe(truth.cursor)
    const shown = core.adapters.notifier.shown.filter((n) => n.kind === 'invite').map((n) => n.title)
    expect(shown).toHaveLength(55)
    expect(new Set(shown).size).toBe(55)
    const { notifier } = core.adapters
    expect(notifier.onScreen.filter((n) => /Lost with the restore/.test(n.title ?? ''))).toEqual([])
    expect(notifier.noticesOnScreen).toEqual([])
  })
})

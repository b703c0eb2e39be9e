// One write of the cache fails while the others work, as SQLite fails them on a disk that fills up
// between two statements: the app loses nothing it saved, shows nothing twice, and recovers by
// itself once the write works again. The fault is injected at the CacheStore port with the error
// better-sqlite3 throws.
import { describe, expect, it } from 'vitest'
import type { AppNotification } from '../../../../src/main/core/ports/notifier'
import type { CacheUpdate } from '../../../../src/main/core/sync/cache-push'
import { ManualClock } from '../../../../src/shared/clock'
import { bookedWorld } from '../../../support/booked-world'
import { failWrites } from '../../../support/cache-faults'
import { useCleanup } from '../../../support/cleanup'
import { startOnlineCore, type TestCore } from '../../../support/test-core'

const SECOND = 1_000
const MINUTE = 60_000

const shownOf = (core: TestCore, kind: AppNotification['kind']): AppNotification[] =>
  core.adapters.notifier.shown.filter((n) => n.kind === kind)

describe('a write of the cache failing while the others work', () => {
  const defer = useCleanup()

  it('saving which invites were shown fails: the window and the message alerts still hear what was saved, and each invite is shown once after', async () => {
    const clock = new ManualClock(Date.now())
    const { platform, expert, core } = await startOnlineCore(defer, { appClock: clock })
    await core.runtime.core.settled()
    const heard: CacheUpdate[] = []
    core.runtime.core.cacheChanged.add((update) => heard.push(update))

    // A batch marks its newest invite shown as it applies it; the others are marked one by one as
    // they are shown: two invites sent while the app was away come back in one catch-up.
    const marks = failWrites(core.runtime.cache, 'markNotified')
    await platform.stopServer()
    await core.waitForState((s) => s.status !== 'online')
    await platform.startServer()
    const { request } = platform.inviteDirectly(expert.id, 'Sent first while marks fail')
    platform.inviteDirectly(expert.id, 'Sent last while marks fail')
    const cannotSave = (): boolean => {
      const state = core.runtime.core.connection
      return state.status === 'offline' && state.reason.startsWith('Standby cannot save')
    }
    // To each planned retry until the catch-up that brings them fails to mark one shown.
    for (let step = 0; step < 20 && !cannotSave(); step++) {
      const state = await core.waitForState(
        (s) =>
          s.status === 'online' ||
          ((s.status === 'reconnecting' || s.status === 'offline') && s.nextAttemptAt !== null),
      )
      if (state.status !== 'reconnecting' && state.status !== 'offline') break
      // The connection's times are the platform's, as the core estimates it.
      clock.advance(Math.max(0, (state.nextAttemptAt ?? 0) - core.runtime.core.platformClock.now()))
      await core.waitForState((s) => JSON.stringify(s) !== JSON.stringify(state))
      await core.runtime.core.settled()
    }
    expect(cannotSave()).toBe(true)
    // Saved, and the window's lists, pushed from the updates, have them though not both were shown.
    expect(core.runtime.cache.openInvites(core.runtime.core.platformClock.now())).toHaveLength(2)
    expect(heard.length).toBeGreaterThan(0)
    expect(shownOf(core, 'invite').length).toBeLessThan(2)
    platform.server.marketplace.clientMessage(request.id, expert.id, 'Are you there?')
    for (let s = 0; s < 30 && shownOf(core, 'message').length === 0; s++) {
      clock.advance(SECOND)
      await core.runtime.core.settled()
    }
    expect(shownOf(core, 'message')).toEqual([expect.objectContaining({ body: 'Are you there?' })])

    marks.free()
    for (let s = 0; s < 90 && core.runtime.core.connection.status !== 'online'; s++) {
      clock.advance(SECOND)
      await core.runtime.core.settled()
    }
    expect(core.runtime.core.connection.status).toBe('online')
    expect(shownOf(core, 'invite').map((n) => n.title)).toEqual([
      expect.stringMatching(/Sent last while marks fail/),
      expect.stringMatching(/Sent first while marks fail/),
    ])
    expect(shownOf(core, 'message')).toHaveLength(1)
  })

  it('recording a reminder fails: it still shows, once, and is recorded once the disk allows, so a restart does not repeat it', async () => {
    const world = await bookedWorld(defer, 'Schema review')
    const reminders = (core: TestCore) => shownOf(core, 'reminder').map((n) => n.title)
    const marks = failWrites(world.core.runtime.cache, 'markReminder')

    world.pass(30 * MINUTE)
    for (let m = 0; m < 3; m++) world.pass(MINUTE)
    expect(reminders(world.core)).toEqual(['In 30 minutes: Schema review'])

    marks.free()
    world.pass(MINUTE)
    const again = await world.restart()
    world.pass(MINUTE)
    expect(reminders(again)).toEqual([])
  })

  it('recording which client messages were shown fails: each is still shown, once', async () => {
    const clock = new ManualClock(Date.now())
    const { platform, expert, core } = await startOnlineCore(defer, { appClock: clock })
    const { request } = platform.inviteDirectly(expert.id, 'A question first')
    await core.waitForNotifications(1)
    failWrites(core.runtime.cache, 'markMessagesNotified')
    platform.server.marketplace.clientMessage(request.id, expert.id, 'Can you look at the logs?')
    await core.waitForNotifications(2)
    await core.runtime.core.settled()
    expect(shownOf(core, 'message')).toEqual([expect.objectContaining({ body: 'Can you look at the logs?' })])
    expect(core.runtime.core.connection.status).toBe('online')
  })
})

import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ManualClock } from '../../../../src/shared/clock'
import { startCoreFor, type TestCore } from '../../../support/test-core'
import { startTestPlatform, type TestPlatform } from '../../../support/test-platform'
import { bookScheduled } from '../../../support/booking'
import { useCleanup } from '../../../support/cleanup'

const HOUR = 3_600_000

describe('the core across restarts', () => {
  const defer = useCleanup()

  /** A core signed in as `expert`; `more.dir` restarts one on an earlier core's data. */
  async function platformWithBookedSessions(
    count: number,
  ): Promise<{ platform: TestPlatform; expert: { id: string; token: string } }> {
    const platform = await startTestPlatform()
    defer(() => platform.close())
    const expert = platform.addExpert()
    const clientId = platform.addClient()
    for (let i = 0; i < count; i++) {
      const start = platform.clock.now() + (i + 2) * HOUR
      bookScheduled(platform, { expertId: expert.id, clientId, title: `Booked ${i}`, start })
    }
    return { platform, expert }
  }

  it('serves the cache when the platform is down at a cold start, then resyncs when it is back', async () => {
    const { platform, expert } = await platformWithBookedSessions(3)
    const clock = new ManualClock(platform.clock.now())
    const first = await startCoreFor(platform.server.url, expert, { clock })
    await first.waitForState((s) => s.status === 'online')
    await first.runtime.core.settled()
    expect(first.runtime.cache.upcomingSessions(clock.now(), 10)).toHaveLength(3)
    first.close()

    await platform.stopServer()
    const cold: TestCore = await startCoreFor(platform.server.url, expert, { dir: first.dir, clock })
    defer(() => cold.close(true))
    const offline = await cold.waitForState((s) => s.status === 'offline')
    expect(offline).toMatchObject({ status: 'offline', lastSyncedAt: expect.any(Number) })
    expect(cold.runtime.cache.upcomingSessions(clock.now(), 10).map((s) => s.request.title)).toEqual([
      'Booked 0',
      'Booked 1',
      'Booked 2',
    ])
    expect(cold.adapters.tray.current?.statusLine).toMatch(/^Offline · last synced /)

    // While it was down, a client booked another session; it arrives once the platform is back.
    await platform.startServer()
    platform.inviteDirectly(expert.id, 'Booked while away')
    const state = cold.runtime.core.connection
    if (state.status === 'offline' && state.nextAttemptAt !== null) clock.advanceTo(state.nextAttemptAt)
    await cold.waitForState((s) => s.status === 'online')
    await cold.runtime.core.settled()
    expect(
      cold.runtime.cache.openInvites(cold.runtime.core.platformClock.now()).map((i) => i.request.title),
    ).toEqual(['Booked while away'])
  })

  it('moves a corrupt cache aside, rebuilds it from the platform, and tells the user once', async () => {
    const { platform, expert } = await platformWithBookedSessions(2)
    const first = await startCoreFor(platform.server.url, expert)
    await first.waitForState((s) => s.status === 'online')
    first.close()
    writeFileSync(first.cachePath, Buffer.alloc(64 * 1024, 0x5a))

    const rebuilt = await startCoreFor(platform.server.url, expert, { dir: first.dir })
    const notices = rebuilt.adapters.notifier.shown.filter((n) => n.kind === 'notice')
    expect(notices).toHaveLength(1)
    expect(notices[0]?.body).toMatch(/rebuilt/i)
    const kept = readdirSync(first.dir).filter((f) => f.startsWith('cache.db.corrupt-'))
    expect(kept.length).toBeGreaterThanOrEqual(1)
    await rebuilt.waitForState((s) => s.status === 'online')
    await rebuilt.runtime.core.settled()
    expect(rebuilt.runtime.cache.upcomingSessions(platform.clock.now(), 10)).toHaveLength(2)
    expect(rebuilt.runtime.cache.expert()?.id).toBe(expert.id)
    rebuilt.close()

    const again = await startCoreFor(platform.server.url, expert, { dir: first.dir })
    defer(() => again.close(true))
    expect(again.adapters.notifier.shown.filter((n) => n.kind === 'notice')).toHaveLength(0)
    expect(existsSync(first.cachePath)).toBe(true)
  })

  it('rebuilds from a snapshot when it was away longer than the platform keeps events', async () => {
    const platform = await startTestPlatform({ marketplace: { eventRetention: 20 } })
    defer(() => platform.close())
    const expert = platform.addExpert()
    const invite = (title: string) => platform.inviteDirectly(expert.id, title)
    invite('Seen before')
    const first = await startCoreFor(platform.server.url, expert)
    await first.waitForNotifications(1)
    first.close()

    // While away: 60 more invites, then all but the newest are withdrawn; only 20 events are kept.
    const away = Array.from({ length: 60 }, (_, i) => invite(`Away ${i}`).request.id)
    for (const id of away.slice(0, -1)) platform.server.marketplace.withdrawRequest(id)
    platform.server.marketplace.compact()

    const back = await startCoreFor(platform.server.url, expert, { dir: first.dir })
    defer(() => back.close(true))
    await back.waitForState((s) => s.status === 'online')
    await back.runtime.core.settled()
    expect(
      back.runtime.cache
        .openInvites(back.runtime.core.platformClock.now())
        .map((i) => i.request.title)
        .sort(),
    ).toEqual(['Away 59', 'Seen before'])
    expect(back.runtime.cache.cursor()).toBe(platform.server.marketplace.events.latestId(expert.id))
    // The invite shown before the gap is not shown again; the new one is shown once.
    expect(back.adapters.notifier.shown.map((n) => n.title)).toEqual(['Direct Client: Away 59'])
  })

  it('does not show an invite again after a restart', async () => {
    const { platform, expert } = await platformWithBookedSessions(0)
    platform.inviteDirectly(expert.id, 'Once')
    const first = await startCoreFor(platform.server.url, expert)
    await first.waitForNotifications(1)
    first.close()
    const second = await startCoreFor(platform.server.url, expert, { dir: first.dir })
    defer(() => second.close(true))
    await second.waitForState((s) => s.status === 'online')
    await second.runtime.core.settled()
    expect(second.adapters.notifier.shown).toEqual([])
    expect(second.runtime.cache.openInvites(second.runtime.core.platformClock.now())).toHaveLength(1)
  })
})

/**
 * A cache whose file is whole but whose rows were damaged or edited: the start still shows what
 * it can, and the sync gets back from the platform what the rows lost.
 */
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { ManualClock } from '../../../../src/shared/clock'
import { bookScheduled } from '../../../support/booking'
import { useCleanup } from '../../../support/cleanup'
import { recordingLog } from '../../../support/recording-log'
import { startCoreFor, type TestCore } from '../../../support/test-core'
import { startTestPlatform } from '../../../support/test-platform'

const HOUR = 3_600_000

describe('a cache with damaged rows', () => {
  const defer = useCleanup()

  /** A platform with sessions booked for an expert, a core's cache of them, then `damage` run on the file. */
  async function cacheDamagedBy(sql: string) {
    const platform = await startTestPlatform()
    defer(() => platform.close())
    const expert = platform.addExpert()
    const clientId = platform.addClient()
    for (let i = 0; i < 3; i++) {
      const start = platform.clock.now() + (i + 2) * HOUR
      bookScheduled(platform, { expertId: expert.id, clientId, title: `Booked ${i}`, start })
    }
    const clock = new ManualClock(platform.clock.now())
    const first = await startCoreFor(platform.server.url, expert, { clock })
    await first.waitForState((s) => s.status === 'online')
    await first.runtime.core.settled()
    first.close()
    const db = new Database(first.cachePath)
    db.exec(sql)
    db.close()
    return { platform, expert, clock, dir: first.dir }
  }

  const titles = (core: TestCore, now: number): string[] =>
    core.runtime.cache.upcomingSessions(now, 10).map((s) => s.request.title)

  /**
   * A cache damaged by `damage`, an invite sent while the app was closed, then a start: the core
   * catches up, lists the invite and the booked sessions, and logs `logged`.
   */
  async function catchesUpAfter(damage: string, logged: string): Promise<TestCore> {
    const { platform, expert, clock, dir } = await cacheDamagedBy(damage)
    platform.inviteDirectly(expert.id, 'Sent while it was closed')
    const log = recordingLog()
    const core = await startCoreFor(platform.server.url, expert, { dir, clock, log })
    defer(() => core.close(true))
    await core.waitForState((s) => s.status === 'online')
    await core.runtime.core.settled()
    const now = core.runtime.core.platformClock.now()
    expect(core.runtime.cache.openInvites(now).map((i) => i.request.title)).toEqual([
      'Sent while it was closed',
    ])
    expect(titles(core, now)).toEqual(['Booked 0', 'Booked 1', 'Booked 2'])
    expect(log.text()).toContain(logged)
    return core
  }

  it('catches up from a fresh copy when the stored cursor is not an event id', async () => {
    const core = await catchesUpAfter(
      `UPDATE sync_state SET cursor = 'abc'`,
      'The cached sync cursor is not an event id',
    )
    expect(core.runtime.cache.cursor()).toBeGreaterThan(0)
  })

  it.each([
    ['with a space', 'not a digest'],
    ['longer than any', 'd'.repeat(129)],
  ])('catches up when the stored cursor digest is not one a platform sends (%s)', async (_what, digest) => {
    await catchesUpAfter(
      `UPDATE sync_state SET cursor_digest = '${digest}'`,
      'The cached stream digest is not one the platform sends',
    )
  })

  it('shows the other sessions offline when one row is not a session, and gets it back online', async () => {
    const { platform, expert, clock, dir } = await cacheDamagedBy(
      `UPDATE sessions SET json = '{"id":"x","bookedStart":"soon"}'
         WHERE rowid = (SELECT rowid FROM sessions ORDER BY booked_start LIMIT 1)`,
    )
    await platform.stopServer()
    const log = recordingLog()
    const core = await startCoreFor(platform.server.url, expert, { dir, clock, log })
    defer(() => core.close(true))
    await core.waitForState((s) => s.status === 'offline')
    expect(titles(core, clock.now())).toEqual(['Booked 1', 'Booked 2'])
    expect(log.text()).toMatch(/Skipped the cached session .*: its stored copy is not a session/)

    await platform.startServer()
    // The snapshot a reconnect takes rewrites every session row from the platform.
    platform.inviteDirectly(expert.id, 'After the restart')
    const state = core.runtime.core.connection
    if (state.status === 'offline' && state.nextAttemptAt !== null) clock.advanceTo(state.nextAttemptAt)
    await core.waitForState((s) => s.status === 'online')
    await core.runtime.core.settled()
    expect(titles(core, clock.now())).toEqual(['Booked 0', 'Booked 1', 'Booked 2'])
  })
})

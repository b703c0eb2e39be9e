import { describe, expect, it } from 'vitest'
import { startState } from '../../../../src/renderer/logic/session-timing'
import { GAP_TICK_MS } from '../../../../src/main/core/platform-clock/gap-watch'
import { LATE_SETTLE_MS } from '../../../../src/main/core/reminders/late-settle'
import { ManualClock } from '../../../../src/shared/clock'
import { clockSkewNotice } from '../../../../src/shared/clock-skew'
import type { HostTime } from '../../../../src/shared/ipc/contract'
import { bookScheduled } from '../../../support/booking'
import { useCleanup } from '../../../support/cleanup'
import { startCoreFor, type TestCore } from '../../../support/test-core'
import { startTestPlatform, TEST_START, type TestPlatform } from '../../../support/test-platform'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

describe('a platform whose clock is two hours ahead of the computer’s', () => {
  const defer = useCleanup()

  /** The platform 2 h ahead, with one session booked an hour ahead by its clock. */
  async function skewedPlatform() {
    const platform = await startTestPlatform({ clock: new ManualClock(TEST_START + 2 * HOUR) })
    defer(() => platform.close())
    const expert = platform.addExpert()
    const bookedStart = platform.clock.now() + HOUR
    bookScheduled(platform, {
      expertId: expert.id,
      clientId: platform.addClient(),
      title: 'Skewed',
      start: bookedStart,
    })
    return { platform, expert, bookedStart }
  }

  /** A core following the skewed platform, online and caught up. */
  async function onlineCore(
    platform: TestPlatform,
    expert: { id: string; token: string },
    local: ManualClock,
  ) {
    const core = await startCoreFor(platform.server.url, expert, { clock: local })
    await core.waitForState((s) => s.status === 'online')
    await core.runtime.core.settled()
    return core
  }

  /** The skewed platform and a core following it. */
  async function skewedWorld(): Promise<{
    platform: TestPlatform
    local: ManualClock
    core: TestCore
    sessionId: string
    bookedStart: number
    /** Let `ms` pass on both clocks. */
    pass(ms: number): void
  }> {
    const { platform, expert, bookedStart } = await skewedPlatform()
    const local = new ManualClock(TEST_START)
    const core = await onlineCore(platform, expert, local)
    defer(() => core.close(true))
    const sessionId = core.runtime.cache.upcomingSessions(platform.clock.now(), 10)[0]?.id ?? ''
    return {
      platform,
      local,
      core,
      sessionId,
      bookedStart,
      pass(ms) {
        local.advance(ms)
        platform.clock.advance(ms)
      },
    }
  }

  const titles = (core: TestCore): ReadonlyArray<string> =>
    core.adapters.notifier.shown.filter((n) => n.kind === 'reminder').map((n) => n.title)

  it('reminds at the platform’s −30 and −10 minutes, offers Start from its −10, and says the clock is off', async () => {
    const { core, bookedStart, sessionId, pass } = await skewedWorld()
    const api = core.runtime.api
    // The handler answers at once; the contract's type allows a promise.
    const hostTime = (): HostTime => api['app.getTime']() as HostTime
    const time = (): number => hostTime().now
    // The window's clock is the platform's, from the first exchange on.
    expect(time()).toBe(bookedStart - HOUR)
    expect(clockSkewNotice(hostTime().clock)).toBe(
      "Your computer's clock is 2 h behind the platform's; Standby uses the platform's time, but fix the clock in your system settings.",
    )

    pass(30 * MINUTE - 1)
    expect(titles(core)).toEqual([])
    pass(1)
    expect(titles(core)).toEqual(['In 30 minutes: Skewed'])

    pass(20 * MINUTE - 1)
    expect(startState(bookedStart, time()).kind).toBe('too_early')
    pass(1)
    expect(titles(core)).toEqual(['In 30 minutes: Skewed', 'In 10 minutes: Skewed'])
    expect(startState(bookedStart, time()).kind).toBe('open')
    // And the platform agrees: Start is allowed by its clock, the one that decides.
    const joined = await api['sessions.join']({ sessionId })
    expect(joined).toMatchObject({ ok: true, result: { session: { state: 'live' } } })
  })

  it('keeps reminding by the platform’s clock when the expert fixes the computer’s clock, and drops the notice', async () => {
    const { core, local, bookedStart, pass } = await skewedWorld()
    pass(15 * MINUTE)
    // Fixed mid-way: the wall clock jumps two hours, with no exchange with the platform yet.
    local.step(2 * HOUR)
    expect(core.runtime.core.platformClock.now()).toBe(bookedStart - 45 * MINUTE)
    expect(clockSkewNotice(core.runtime.core.platformClock.state)).toBeNull()
    pass(15 * MINUTE)
    expect(titles(core)).toEqual(['In 30 minutes: Skewed'])
    pass(20 * MINUTE)
    expect(titles(core)).toEqual(['In 30 minutes: Skewed', 'In 10 minutes: Skewed'])
  })

  it('takes a sleep the system never reported for a wake: platform time runs on, the stale reminder is skipped, the link is checked', async () => {
    const { core, local, platform, bookedStart, pass } = await skewedWorld()
    const checked = core.waitForState((s) => s.status === 'checking')
    // Asleep from the platform's −60 to its −8 minutes, and no resume event ever comes.
    local.sleep(52 * MINUTE)
    platform.clock.advance(52 * MINUTE)
    local.advance(0)
    expect(core.runtime.core.platformClock.now()).toBe(bookedStart - 8 * MINUTE)
    // Late, the reminder waits for the catch-up the wake starts, which may cancel or move the session.
    expect(titles(core)).toEqual([])
    await checked
    await core.waitForState((s) => s.status === 'online')
    await core.runtime.core.settled()
    pass(LATE_SETTLE_MS)
    // The −30 reminder is stale and the −10 one is due: only the later one shows.
    expect(titles(core)).toEqual(['In 8 minutes: Skewed'])
  })

  it('takes no wake from the computer’s clock set forward by hand: the link is not checked and reminders keep time', async () => {
    const { core, local, bookedStart, pass } = await skewedWorld()
    const wakes: string[] = []
    core.runtime.core.states.add((s) => wakes.push(s.status))
    local.step(52 * MINUTE)
    pass(GAP_TICK_MS * 3)
    expect(core.runtime.core.platformClock.now()).toBe(bookedStart - HOUR + GAP_TICK_MS * 3)
    expect(wakes).not.toContain('checking')
    expect(titles(core)).toEqual([])
  })

  it('tells the next try and the last sync in the platform’s time, which setting the computer’s clock moves neither', async () => {
    const { core, local, platform } = await skewedWorld()
    const syncedAt = core.runtime.core.platformClock.now()
    await platform.stopServer()
    const state = await core.waitForState((s) => s.status === 'reconnecting')
    if (state.status !== 'reconnecting') throw new Error('not reconnecting')
    // What the window and the tray write: the last sync at the platform's time, the try a backoff away.
    expect(state.lastSyncedAt).toBe(syncedAt)
    const left = (): number => state.nextAttemptAt - core.runtime.core.platformClock.now()
    const leftBefore = left()
    expect(leftBefore).toBeGreaterThan(0)
    expect(leftBefore).toBeLessThanOrEqual(MINUTE)
    // Fixed mid-way: the countdown goes on from where it was, as the retry's timer does.
    local.step(2 * HOUR)
    expect(left()).toBe(leftBefore)
  })

  it('started again with the platform down, reminds by the platform’s clock as last measured', async () => {
    const { platform, expert, bookedStart } = await skewedPlatform()
    const local = new ManualClock(TEST_START)
    const first = await onlineCore(platform, expert, local)
    first.close()
    await platform.stopServer()
    const cold = await startCoreFor(platform.server.url, expert, { dir: first.dir, clock: local })
    defer(() => cold.close(true))
    await cold.waitForState((s) => s.status === 'offline')
    expect(cold.runtime.core.platformClock.now()).toBe(bookedStart - HOUR)
    local.advance(30 * MINUTE - 1)
    expect(titles(cold)).toEqual([])
    local.advance(1)
    expect(titles(cold)).toEqual(['In 30 minutes: Skewed'])
  })
})

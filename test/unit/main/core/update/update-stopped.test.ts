/**
 * The update policy stopped as Standby quits, with a check or download still under way: what the
 * updater answers after the stop reaches no page, tray or notification, and starts no timer.
 */
import { describe, expect, it } from 'vitest'
import { FIXTURE_NOW, MINUTE } from '../../../../support/fixtures'
import { bookedAt, downloadingHeld, setUp } from '../../../../support/update-world'

describe('an update check or download that ends after the quit stopped the policy', () => {
  it('a download finishing then shows nothing, offers no restart and schedules no check', async () => {
    const world = setUp()
    await downloadingHeld(world)
    world.policy.stop()
    const seen = world.seen.length
    const notified = world.notifier.shown.length
    world.updater.control({ action: 'progress', percent: 60 })
    world.updater.control({ action: 'finish-download' })
    // Whatever the policy would do with the answer has had its turns.
    for (let turn = 0; turn < 20; turn++) await Promise.resolve()
    await new Promise((resolve) => setImmediate(resolve))
    expect(world.seen.length).toBe(seen)
    expect(world.notifier.shown.length).toBe(notified)
    const checks = world.updater.checks.length
    world.clock.advance(48 * 60 * MINUTE)
    expect(world.updater.checks.length).toBe(checks)
  })

  it('a check failing then says nothing and schedules no retry', async () => {
    const world = setUp()
    world.updater.control({ action: 'publish', version: '1.1.0' })
    world.updater.control({ action: 'hold-checks', on: true })
    world.policy.connected()
    expect(world.policy.state.phase).toBe('checking')
    world.policy.stop()
    const seen = world.seen.length
    world.updater.control({ action: 'unreachable', on: true })
    world.updater.control({ action: 'hold-checks', on: false })
    for (let turn = 0; turn < 20; turn++) await Promise.resolve()
    await new Promise((resolve) => setImmediate(resolve))
    expect(world.seen.length).toBe(seen)
    const checks = world.updater.checks.length
    world.clock.advance(48 * 60 * MINUTE)
    expect(world.updater.checks.length).toBe(checks)
  })

  it('a ready update held for a session offers no restart after the stop: no "Update ready" is put up into the quit', async () => {
    const world = setUp()
    world.setSessions([bookedAt(FIXTURE_NOW + 5 * MINUTE)])
    world.updater.control({ action: 'publish', version: '1.1.0' })
    world.policy.connected()
    await world.reached('ready')
    world.policy.stop()
    const seen = world.seen.length
    // As Standby quits, the session is cancelled, or the platform's minimum arrives.
    world.policy.minimumVersion('1.1.0')
    world.setSessions([])
    world.clock.advance(48 * 60 * MINUTE)
    expect([world.notifier.shown, world.seen.length, world.clock.pendingTimers]).toEqual([[], seen, 0])
  })
})

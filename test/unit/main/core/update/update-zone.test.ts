/**
 * The update line's times and the computer's time zone: a failure's retry time and a held
 * restart's session time are written again when the zone changes, not left in the zone the
 * expert left until the next check or the next change of sessions.
 */
import { describe, expect, it } from 'vitest'
import { FIXTURE_NOW, MINUTE } from '../../../../support/fixtures'
import { bookedAt, downloadingHeld, setUp } from '../../../../support/update-world'

/** Hours and minutes in `zone()`, as the host writes them in the zone it follows at the moment. */
function zoneClock(initial: string) {
  let zone = initial
  return {
    set: (next: string) => (zone = next),
    formatTime: (t: number) =>
      new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: zone }).format(t),
  }
}

describe('UpdatePolicy and the time zone', () => {
  it('writes a failed download’s retry time again in the new zone', async () => {
    const zone = zoneClock('Europe/London')
    const world = setUp({ deps: { formatTime: zone.formatTime } })
    await downloadingHeld(world)
    world.clock.advance(5 * MINUTE)
    await world.reached('error')
    // The stall is seen at 09:05 UTC, and the first retry comes within the minute.
    expect(world.policy.state.error).toMatch(/tries again at 09:05,/)
    const shown = world.seen.length

    zone.set('Asia/Tokyo')
    world.policy.timeZoneChanged()
    expect(world.policy.state.error).toMatch(/tries again at 18:05,/)
    expect(world.policy.state).toMatchObject({ phase: 'error', progress: null })
    expect(world.seen).toHaveLength(shown + 1)
    // A second reading of the same zone changes nothing the window would redraw.
    world.policy.timeZoneChanged()
    expect(world.seen).toHaveLength(shown + 1)
  })

  it('leaves an error that is not the failure alone, and a later check clears the failure', async () => {
    const zone = zoneClock('Europe/London')
    const world = setUp({ deps: { formatTime: zone.formatTime } })
    await downloadingHeld(world)
    world.clock.advance(5 * MINUTE)
    await world.reached('error')
    world.updater.control({ action: 'hold-downloads', on: false })
    world.policy.checkNow()
    await world.reached('ready')
    expect(world.policy.state.error).toBeNull()

    zone.set('Asia/Tokyo')
    world.policy.timeZoneChanged()
    // The failure was answered: its sentence does not come back in the new zone.
    expect(world.policy.state).toMatchObject({ phase: 'ready', error: null })
  })

  it('writes the booked session that holds a restart again in the new zone, and notifies nothing', async () => {
    const zone = zoneClock('Europe/London')
    const world = setUp({ deps: { formatTime: zone.formatTime } })
    world.setSessions([bookedAt(FIXTURE_NOW + 10 * MINUTE)])
    await downloadingHeld(world)
    world.updater.control({ action: 'finish-download' })
    await world.reached('ready')
    expect(world.policy.state.canRestart).toBe(false)
    expect(world.policy.state.restartHeldBecause).toMatch(/booked at 09:10:/)

    zone.set('America/New_York')
    world.policy.timeZoneChanged()
    expect(world.policy.state.restartHeldBecause).toMatch(/booked at 04:10:/)
    expect(world.policy.state.canRestart).toBe(false)
    expect(world.notifier.shown).toEqual([])

    // Once stopped (the app quitting), a late reading of the zone changes nothing and arms nothing.
    world.policy.stop()
    const timers = world.clock.pendingTimers
    zone.set('Asia/Tokyo')
    world.policy.timeZoneChanged()
    expect(world.policy.state.restartHeldBecause).toMatch(/booked at 04:10:/)
    expect(world.clock.pendingTimers).toBe(timers)
  })
})

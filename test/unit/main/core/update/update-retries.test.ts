/**
 * How often the update policy tries again when a download keeps failing: a check that is answered
 * is no success while the download it leads to fails, so the delays grow as after a failed check,
 * instead of fetching the whole installer again every minute for ever.
 */
import { describe, expect, it } from 'vitest'
import { DEFAULT_UPDATE_TIMINGS } from '../../../../../src/main/core/update/update-policy'
import { setUp } from '../../../../support/update-world'

describe('UpdatePolicy retries', () => {
  it('backs off with growing delays while every download of the update is refused', async () => {
    const world = setUp()
    world.updater.control({ action: 'publish', version: '1.1.0', tampered: true })
    world.policy.connected()
    await world.reached('error')
    const delays: number[] = []
    for (let attempt = 0; attempt < 3; attempt++) {
      const next = world.policy.state.nextCheckAt!
      delays.push(next - world.clock.now())
      world.clock.advanceTo(next)
      await world.until((state) => state.phase === 'error' && state.nextCheckAt !== next)
    }
    expect(delays[1]).toBe(delays[0]! * 2)
    expect(delays[2]).toBe(delays[1]! * 2)
    expect(world.policy.state.error).toMatch(/^The update could not be downloaded: sha512 checksum mismatch/)
    expect(world.updater.installOnQuit).toBe(false)
  })

  it('starts again from the shortest delay once a download succeeds', async () => {
    const world = setUp()
    world.updater.control({ action: 'publish', version: '1.1.0', tampered: true })
    world.policy.connected()
    await world.reached('error')
    const first = world.policy.state.nextCheckAt! - world.clock.now()
    world.clock.advanceTo(world.policy.state.nextCheckAt!)
    await world.until((state) => state.phase === 'error' && state.lastCheckAt === world.clock.now())
    world.updater.control({ action: 'publish', version: '1.1.1' })
    world.clock.advanceTo(world.policy.state.nextCheckAt!)
    await world.reached('ready')
    world.updater.control({ action: 'unreachable', on: true })
    world.power.resume()
    await world.until((state) => state.lastCheckAt === world.clock.now() && state.nextCheckAt !== null)
    await world.until((state) => state.nextCheckAt! - world.clock.now() === first)
  })

  it('answers a page asking for checks in a loop with the check it asked for a moment ago', async () => {
    const world = setUp()
    world.policy.checkAsked()
    // Asked for while that check is under way: it answers them all.
    for (let i = 0; i < 50; i++) world.policy.checkAsked()
    await world.reached('up_to_date')
    for (let i = 0; i < 50; i++) {
      world.policy.checkAsked()
      await world.reached('up_to_date')
    }
    expect(world.updater.checks).toHaveLength(1)
    world.clock.advance(DEFAULT_UPDATE_TIMINGS.askedGapMs)
    world.policy.checkAsked()
    await world.reached('up_to_date')
    expect(world.updater.checks).toHaveLength(2)
  })
})

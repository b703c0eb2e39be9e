/**
 * The computer sleeping through a download, on a manual clock over the Node fake updater: on
 * waking the download is judged at once, not when its stall window passes. It is downloaded
 * again, its status says so, and the wake is no failure: no error, no backoff.
 */
import { describe, expect, it } from 'vitest'
import { MINUTE } from '../../../../support/fixtures'
import { downloadingHeld, setUp } from '../../../../support/update-world'

describe('a download the computer slept through', () => {
  it('starts again as the computer wakes, showing a fresh download rather than the progress it had', async () => {
    const world = setUp()
    await downloadingHeld(world)
    world.updater.control({ action: 'progress', percent: 40 })
    expect(world.policy.state.progress).toBe(40)
    const checksBefore = world.updater.checks.length
    // The sleep cut the connection: nothing more arrives, and the computer wakes a little later.
    world.power.suspend()
    world.clock.advance(MINUTE)
    world.power.resume()
    // Cancelled as the wake is told, not when the stall window would pass.
    expect(world.updater.cancels).toBe(1)
    await world.until((state) => state.phase === 'checking')
    await world.reached('downloading')
    expect(world.policy.state.progress).toBe(0)
    expect(world.updater.checks.length).toBe(checksBefore + 1)
    expect(world.seen.some((state) => state.phase === 'error')).toBe(false)
    // The new download is the one that arrives.
    world.updater.control({ action: 'progress', percent: 70 })
    expect(world.policy.state.progress).toBe(70)
    world.updater.control({ action: 'finish-download' })
    await world.reached('ready')
    expect(world.updater.installOnQuit).toBe(true)
  })

  it('is judged by the stall window afresh after the wake, and a download that then stalls still fails', async () => {
    const world = setUp()
    await downloadingHeld(world)
    world.power.suspend()
    world.power.resume()
    expect(world.updater.cancels).toBe(1)
    await world.until((state) => state.phase === 'checking')
    await world.reached('downloading')
    world.clock.advance(5 * MINUTE)
    await world.reached('error')
    expect(world.policy.state.error).toMatch(
      /^The update could not be downloaded: The download made no progress for 5 minutes/,
    )
    expect(world.updater.cancels).toBe(2)
  })

  it('asks again as the computer wakes when a check went unanswered through the sleep', async () => {
    const world = setUp()
    world.updater.control({ action: 'publish', version: '1.1.0' })
    world.updater.control({ action: 'hold-checks', on: true })
    world.policy.connected()
    expect(world.policy.state.phase).toBe('checking')
    world.power.suspend()
    world.power.resume()
    world.updater.control({ action: 'hold-checks', on: false })
    await world.reached('downloading')
    // Downloaded on a second check, asked as the wake was told: the first one's answer is not waited on.
    expect(world.updater.checks.length).toBe(2)
    expect(world.seen.some((state) => state.phase === 'error')).toBe(false)
  })

  it('starts again a download begun after the suspend was told, as the computer went down', async () => {
    const world = setUp()
    // The suspend is told before the sleep: the first check runs in that gap and its download starts.
    world.power.suspend()
    await downloadingHeld(world)
    world.updater.control({ action: 'progress', percent: 40 })
    world.clock.advance(MINUTE)
    world.power.resume()
    expect(world.updater.cancels).toBe(1)
    await world.until((state) => state.phase === 'checking')
    await world.reached('downloading')
    expect(world.policy.state.progress).toBe(0)
    // Its wake told twice starts it again once.
    world.power.resume()
    expect(world.updater.cancels).toBe(1)
    world.updater.control({ action: 'finish-download' })
    await world.reached('ready')
    expect(world.seen.some((state) => state.phase === 'error')).toBe(false)
  })

  it('goes on with a download the computer did not sleep through: a screen unlock, a wake told twice', async () => {
    const world = setUp()
    await downloadingHeld(world)
    world.updater.control({ action: 'progress', percent: 40 })
    // The screen locked over a break and unlocked, the computer awake all along.
    world.clock.advance(MINUTE)
    world.power.resume()
    expect(world.updater.cancels).toBe(0)
    world.updater.control({ action: 'progress', percent: 60 })
    expect(world.policy.state.progress).toBe(60)
    // A real sleep starts it again once, however many times its wake is told.
    world.power.suspend()
    world.power.resume()
    world.power.resume()
    expect(world.updater.cancels).toBe(1)
    await world.until((state) => state.phase === 'checking')
    await world.reached('downloading')
    world.power.resume()
    expect(world.updater.cancels).toBe(1)
    world.updater.control({ action: 'finish-download' })
    await world.reached('ready')
    expect(world.seen.some((state) => state.phase === 'error')).toBe(false)
  })

  it('leaves a downloaded update ready when the computer wakes', async () => {
    const world = setUp()
    await downloadingHeld(world)
    world.updater.control({ action: 'finish-download' })
    await world.reached('ready')
    world.power.resume()
    await world.until((state) => state.lastCheckAt !== null && state.phase === 'ready')
    expect(world.updater.cancels).toBe(0)
    expect(world.updater.installOnQuit).toBe(true)
  })
})

/**
 * A ready update the feed stops offering is not installed: docs/releasing.md halts a bad release
 * with `stagingPercentage: 0` or puts the previous feed back, and an expert's Standby that had
 * already downloaded it (ready, waiting for a restart or a quit) would still install it on quit.
 */
import { describe, expect, it } from 'vitest'
import { MINUTE } from '../../../../support/fixtures'
import { setUp } from '../../../../support/update-world'

/**
 * `world`'s policy with 1.1.0 downloaded and ready, then one later check once the feed is changed
 * by `change`.
 */
async function readyThenChecked(change: (world: ReturnType<typeof setUp>) => void, world = setUp()) {
  world.updater.control({ action: 'publish', version: '1.0.0' })
  world.updater.control({ action: 'publish', version: '1.1.0' })
  world.policy.connected()
  await world.until((state) => state.phase === 'ready' && state.nextCheckAt !== null)
  expect(world.updater.installOnQuit).toBe(true)
  const before = world.policy.state.nextCheckAt
  change(world)
  world.clock.advance(MINUTE)
  world.power.resume()
  // Answered or failed, the check plans the next one.
  await world.until((state) => state.nextCheckAt !== before)
  return world
}

describe('a ready update the feed no longer offers', () => {
  it.each([
    [
      'its rollout is halted (stagingPercentage: 0)',
      { action: 'publish', version: '1.1.0', stagingPercentage: 0 },
    ],
    ['the previous release is put back', { action: 'withdraw', version: '1.1.0' }],
  ])('is dropped when %s: no restart offered, nothing installed on quit', async (_when, control) => {
    const world = await readyThenChecked((w) => w.updater.control(control))
    expect(world.policy.state).toMatchObject({
      phase: 'up_to_date',
      availableVersion: null,
      canRestart: false,
    })
    expect(world.updater.installOnQuit).toBe(false)
    expect(world.policy.restart()).toEqual({ ok: false, message: 'No update is ready to install yet.' })
    expect(world.updater.installs).toEqual([])
  })

  it('is dropped when the release put back is newer than this copy, which downloads that one instead', async () => {
    // This copy missed 1.0.5, so the feed put back offers it as an update, older than the ready one.
    const missed = setUp()
    missed.updater.control({ action: 'publish', version: '1.0.5' })
    const world = await readyThenChecked(
      (w) => w.updater.control({ action: 'withdraw', version: '1.1.0' }),
      missed,
    )
    expect(world.policy.state).toMatchObject({ phase: 'ready', availableVersion: '1.0.5' })
    expect(world.updater.installOnQuit).toBe(true)
    expect(world.policy.restart()).toEqual({ ok: true })
    expect(world.updater.installs).toEqual(['1.0.5'])
  })

  it('is downloaded and offered again once the feed offers it again', async () => {
    const world = await readyThenChecked((w) => w.updater.control({ action: 'withdraw', version: '1.1.0' }))
    world.updater.control({ action: 'publish', version: '1.1.0' })
    world.clock.advance(MINUTE)
    world.power.resume()
    await world.reached('ready')
    expect(world.updater.installOnQuit).toBe(true)
    expect(world.policy.restart()).toEqual({ ok: true })
    expect(world.updater.installs).toEqual(['1.1.0'])
  })

  it('stays ready when a newer release is staged out of reach of this computer', async () => {
    const world = await readyThenChecked((w) =>
      w.updater.control({ action: 'publish', version: '1.2.0', stagingPercentage: 0 }),
    )
    expect(world.policy.state).toMatchObject({ phase: 'ready', availableVersion: '1.1.0', canRestart: true })
    expect(world.updater.installOnQuit).toBe(true)
  })

  it('stays ready when the check fails', async () => {
    const world = await readyThenChecked((w) => w.updater.control({ action: 'unreachable', on: true }))
    expect(world.policy.state).toMatchObject({ phase: 'ready', availableVersion: '1.1.0' })
    expect(world.updater.installOnQuit).toBe(true)
  })
})

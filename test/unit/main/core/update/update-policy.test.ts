/**
 * The update policy on a manual clock over the Node fake updater: when it checks, that it never
 * restarts during a session or near a booked one, how it backs off and reports errors, channels,
 * the platform's minimum version, and install on quit.
 */
import { describe, expect, it } from 'vitest'
import { FIXTURE_NOW, liveSession, MINUTE } from '../../../../support/fixtures'
import { bookedAt, downloadingHeld, setUp } from '../../../../support/update-world'

const HOUR = 60 * MINUTE
describe('UpdatePolicy', () => {
  it('checks once the connection is up, then every four hours with jitter', async () => {
    const world = setUp()
    world.policy.begin()
    world.clock.advance(4 * MINUTE)
    expect(world.updater.checks).toEqual([])
    world.policy.connected()
    await world.reached('up_to_date')
    expect(world.updater.checks).toHaveLength(1)
    // random 0.5 lands the jitter in the middle: four hours exactly.
    expect(world.policy.state.nextCheckAt).toBe(world.clock.now() + 4 * HOUR)
    world.clock.advance(4 * HOUR - 1)
    expect(world.updater.checks).toHaveLength(1)
    world.clock.advance(1)
    await world.reached('up_to_date')
    expect(world.updater.checks).toHaveLength(2)
  })

  it('checks five minutes after start without a connection (signed out, or refused as too old), and downloads', async () => {
    const world = setUp()
    world.updater.control({ action: 'publish', version: '1.1.0' })
    world.policy.begin()
    world.clock.advance(5 * MINUTE - 1)
    expect(world.updater.checks).toEqual([])
    world.clock.advance(1)
    await world.reached('ready')
    expect(world.updater.checks).toEqual(['stable'])
    expect(world.updater.installOnQuit).toBe(true)
    // Then on the regular schedule, and at a wake, as after a connection; a late connection adds no check.
    world.policy.connected()
    expect(world.updater.checks).toHaveLength(1)
    world.clock.advance(MINUTE)
    world.power.resume()
    await world.until((state) => state.lastCheckAt === world.clock.now())
    expect(world.updater.checks).toHaveLength(2)
  })

  it('checks again at once after a wake', async () => {
    const world = setUp()
    world.policy.connected()
    await world.reached('up_to_date')
    world.updater.control({ action: 'publish', version: '1.1.0' })
    world.power.resume()
    await world.reached('ready')
    expect(world.updater.checks).toHaveLength(2)
    expect(world.policy.state.availableVersion).toBe('1.1.0')
  })

  it('downloads in the background with progress, then offers the restart once and installs on quit', async () => {
    const world = setUp()
    await downloadingHeld(world)
    world.updater.control({ action: 'progress', percent: 42.4 })
    expect(world.policy.state.progress).toBe(42)
    expect(world.updater.installOnQuit).toBe(false)
    world.updater.control({ action: 'finish-download' })
    await world.reached('ready')
    expect(world.policy.state.canRestart).toBe(true)
    expect(world.updater.installOnQuit).toBe(true)
    expect(world.notifier.shown.map((n) => n.title)).toEqual(['Update ready'])
    // A later check that finds the same version neither downloads nor notifies again.
    world.power.resume()
    await world.reached('ready')
    expect(world.notifier.shown).toHaveLength(1)
    expect(world.policy.restart()).toEqual({ ok: true })
    expect(world.updater.installs).toEqual(['1.1.0'])
  })

  it('never restarts during a live session, and offers it once the session has ended', async () => {
    const world = setUp()
    const session = liveSession(bookedAt(FIXTURE_NOW - 5 * MINUTE), FIXTURE_NOW - 5 * MINUTE)
    world.setSessions([session])
    world.updater.control({ action: 'publish', version: '1.1.0' })
    world.policy.connected()
    await world.reached('ready')
    expect(world.policy.state.canRestart).toBe(false)
    expect(world.policy.state.restartHeldBecause).toMatch(/A session is live/)
    expect(world.notifier.shown).toEqual([])
    expect(world.policy.restart()).toEqual({ ok: false, message: expect.stringMatching(/session is live/) })
    world.clock.advance(10 * HOUR)
    expect(world.updater.installs).toEqual([])
    world.setSessions([])
    expect(world.policy.state.canRestart).toBe(true)
    expect(world.notifier.shown.map((n) => n.title)).toEqual(['Update ready'])
  })

  it.each([
    ['starts in 14 minutes', 14 * MINUTE],
    ['started 14 minutes ago', -14 * MINUTE],
    ['starts in exactly 15 minutes', 15 * MINUTE],
  ])(
    'holds the restart for a booked session that %s, until 15 minutes after its start',
    async (_name, offset) => {
      const world = setUp()
      const start = FIXTURE_NOW + offset
      world.setSessions([bookedAt(start)])
      world.updater.control({ action: 'publish', version: '1.1.0' })
      world.policy.connected()
      await world.reached('ready')
      expect(world.policy.state.canRestart).toBe(false)
      expect(world.policy.restart().ok).toBe(false)
      world.clock.advanceTo(start + 15 * MINUTE)
      expect(world.policy.state.canRestart).toBe(false)
      world.clock.advance(1)
      expect(world.policy.state.canRestart).toBe(true)
      expect(world.notifier.shown).toHaveLength(1)
    },
  )

  it('offers the restart when the only booked session is more than 15 minutes away', async () => {
    const world = setUp()
    world.setSessions([bookedAt(FIXTURE_NOW + 16 * MINUTE)])
    world.updater.control({ action: 'publish', version: '1.1.0' })
    world.policy.connected()
    await world.reached('ready')
    expect(world.policy.state.canRestart).toBe(true)
    // A session booked meanwhile for soon takes the offer back.
    world.setSessions([bookedAt(FIXTURE_NOW + 5 * MINUTE)])
    expect(world.policy.state.canRestart).toBe(false)
    expect(world.policy.restart().ok).toBe(false)
  })

  it('reports a failed check with the manual download link and retries with growing delays', async () => {
    const world = setUp()
    world.updater.control({ action: 'unreachable', on: true })
    world.policy.connected()
    await world.reached('error')
    expect(world.policy.state.error).toMatch(
      /^The update could not be checked: Cannot reach the update server/,
    )
    expect(world.policy.state.error).toContain('https://downloads.standby.test/')
    const delays: number[] = []
    for (let attempt = 0; attempt < 3; attempt++) {
      const next = world.policy.state.nextCheckAt!
      delays.push(next - world.clock.now())
      world.clock.advanceTo(next)
      await world.reached('error')
    }
    expect(delays[1]).toBe(delays[0]! * 2)
    expect(delays[2]).toBe(delays[1]! * 2)
    world.updater.control({ action: 'unreachable', on: false })
    world.clock.advanceTo(world.policy.state.nextCheckAt!)
    await world.reached('up_to_date')
    expect(world.policy.state.error).toBeNull()
  })

  it('counts a check the server never answers as failed, and checks again later', async () => {
    const world = setUp()
    const answers: Array<() => void> = []
    const silentOnce = world.updater.check.bind(world.updater)
    let calls = 0
    world.updater.check = (channel) =>
      ++calls === 1
        ? new Promise((resolve) => answers.push(() => resolve({ kind: 'none', latest: null })))
        : silentOnce(channel)
    world.policy.connected()
    expect(world.policy.state.phase).toBe('checking')
    world.clock.advance(2 * MINUTE)
    await world.reached('error')
    expect(world.policy.state.error).toMatch(
      /^The update could not be checked: The update server did not answer; Standby keeps running the current version/,
    )
    world.clock.advanceTo(world.policy.state.nextCheckAt!)
    await world.reached('up_to_date')
    expect(calls).toBe(2)
    // The first check's late answer changes nothing.
    answers[0]!()
    expect(world.policy.state.phase).toBe('up_to_date')
  })

  it('gives up on a download that stops making progress, says so, and Check now works again', async () => {
    const world = setUp()
    await downloadingHeld(world)
    // A slow download is not a stalled one: each progress report starts the wait again.
    world.clock.advance(4 * MINUTE)
    world.updater.control({ action: 'progress', percent: 30 })
    world.clock.advance(4 * MINUTE)
    expect(world.policy.state).toMatchObject({ phase: 'downloading', progress: 30 })
    world.clock.advance(MINUTE)
    await world.reached('error')
    expect(world.policy.state.error).toBe(
      'The update could not be downloaded: The download made no progress for 5 minutes; Standby keeps running the current version and tries again at 09:09, or download the latest version from https://downloads.standby.test/.',
    )
    // The stalled download waking up later changes nothing.
    world.updater.control({ action: 'progress', percent: 60 })
    expect(world.policy.state.progress).toBeNull()
    world.updater.control({ action: 'hold-downloads', on: false })
    world.policy.checkNow()
    await world.reached('ready')
    expect(world.updater.checks).toHaveLength(2)
  })

  it('reports a refused download and does not offer it', async () => {
    const world = setUp()
    world.updater.control({ action: 'publish', version: '1.1.0', tampered: true })
    world.policy.connected()
    await world.reached('error')
    expect(world.policy.state.error).toMatch(/^The update could not be downloaded: sha512 checksum mismatch/)
    expect(world.policy.state.canRestart).toBe(false)
    expect(world.updater.installOnQuit).toBe(false)
    expect(world.policy.restart().ok).toBe(false)
  })

  it('switches channel with a check at once; leaving beta waits for the next stable release', async () => {
    const world = setUp({ version: '1.1.0-beta.1' })
    world.updater.control({ action: 'publish', version: '1.0.0' })
    world.updater.control({ action: 'publish', version: '1.1.0-beta.2', channel: 'beta' })
    world.policy.connected()
    await world.reached('up_to_date')
    expect(world.updater.checks).toEqual(['stable'])
    expect(world.policy.state.channelNote).toMatch(
      /stable release newer than 1.1.0-beta.1 \(the latest stable is 1.0.0\)/,
    )
    world.setChannel('beta')
    await world.reached('ready')
    expect(world.updater.checks).toEqual(['stable', 'beta'])
    expect(world.policy.state).toMatchObject({
      channel: 'beta',
      availableVersion: '1.1.0-beta.2',
      channelNote: null,
    })
  })

  it('drops a downloaded beta when the expert goes back to stable, so it does not install on quit', async () => {
    const world = setUp({ version: '1.0.0' })
    world.setChannel('beta')
    world.updater.control({ action: 'publish', version: '1.1.0-beta.1', channel: 'beta' })
    world.policy.connected()
    await world.reached('ready')
    expect(world.updater.installOnQuit).toBe(true)
    world.setChannel('stable')
    expect(world.updater.installOnQuit).toBe(false)
    expect(world.policy.state).toMatchObject({ availableVersion: null, canRestart: false })
    await world.reached('up_to_date')
    expect(world.policy.restart().ok).toBe(false)
    expect(world.updater.installs).toEqual([])
  })

  it('drops a beta that finishes downloading after the expert went back to stable', async () => {
    const world = setUp({ version: '1.0.0' })
    // As electron-updater is set up by the Electron adapter: whatever it downloads installs on quit.
    world.updater.setInstallOnQuit(true)
    world.setChannel('beta')
    await downloadingHeld(world, '1.1.0-beta.1', 'beta')
    world.setChannel('stable')
    world.updater.control({ action: 'finish-download' })
    await world.reached('up_to_date')
    expect(world.updater.checks).toEqual(['beta', 'stable'])
    expect(world.updater.installOnQuit).toBe(false)
    expect(world.policy.state).toMatchObject({ availableVersion: null, canRestart: false })
    expect(world.policy.restart().ok).toBe(false)
    expect(world.notifier.shown).toEqual([])
  })

  it('keeps a ready update ready when a newer release appears, and installs the ready one', async () => {
    const world = setUp()
    world.updater.control({ action: 'publish', version: '1.1.0' })
    world.policy.connected()
    await world.until((state) => state.phase === 'ready' && state.nextCheckAt !== null)
    const before = world.policy.state.nextCheckAt
    world.clock.advance(MINUTE)
    world.updater.control({ action: 'publish', version: '1.2.0', tampered: true })
    world.power.resume()
    await world.until((state) => state.nextCheckAt !== before)
    expect(world.updater.checks).toHaveLength(2)
    expect(world.policy.state).toMatchObject({ phase: 'ready', availableVersion: '1.1.0', canRestart: true })
    expect(world.seen.filter((state) => state.phase !== 'ready' && state.canRestart)).toEqual([])
    expect(world.policy.restart()).toEqual({ ok: true })
    expect(world.updater.installs).toEqual(['1.1.0'])
  })

  it('replaces a ready update the platform finds too old, offering no restart until the new one is in', async () => {
    const world = setUp()
    world.updater.control({ action: 'publish', version: '1.1.0' })
    world.policy.connected()
    await world.reached('ready')
    world.updater.control({ action: 'publish', version: '1.2.0' })
    world.updater.control({ action: 'hold-downloads', on: true })
    world.policy.minimumVersion('1.2.0')
    await world.reached('downloading')
    expect(world.policy.state).toMatchObject({ availableVersion: '1.2.0', canRestart: false })
    expect(world.policy.restart().ok).toBe(false)
    world.updater.control({ action: 'finish-download' })
    await world.reached('ready')
    expect(world.policy.restart()).toEqual({ ok: true })
    expect(world.updater.installs).toEqual(['1.2.0'])
  })

  it('honours a staged rollout: a machine outside the percentage is not offered the release', async () => {
    const world = setUp({ rolloutPosition: 0.8 })
    world.updater.control({ action: 'publish', version: '1.1.0', stagingPercentage: 50 })
    world.policy.connected()
    await world.reached('up_to_date')
    world.updater.control({ action: 'publish', version: '1.1.1', stagingPercentage: 90 })
    world.power.resume()
    await world.reached('ready')
    expect(world.policy.state.availableVersion).toBe('1.1.1')
  })

  it('says "Update required" below the platform minimum and offers it at once, still never mid-session', async () => {
    const world = setUp()
    world.setSessions([liveSession(bookedAt(FIXTURE_NOW), FIXTURE_NOW)])
    world.updater.control({ action: 'publish', version: '1.2.0' })
    world.policy.minimumVersion('1.0.0')
    expect(world.policy.state.requiredVersion).toBeNull()
    expect(world.updater.checks).toEqual([])
    world.policy.minimumVersion('1.2.0')
    expect(world.policy.state.requiredVersion).toBe('1.2.0')
    await world.reached('ready')
    expect(world.policy.state.canRestart).toBe(false)
    expect(world.notifier.shown).toEqual([])
    world.setSessions([])
    expect(world.notifier.shown.map((n) => n.title)).toEqual(['Update required'])
  })
})

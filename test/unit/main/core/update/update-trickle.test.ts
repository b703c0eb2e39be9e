/**
 * A download that only trickles, on a manual clock over the Node fake updater: bytes arriving are
 * progress only at a floor far below any working connection, and one download has a deadline;
 * past either it is cancelled, the expert reads why with the retry time and the manual link, and
 * it is tried again. A slow but real download is left alone.
 */
import { describe, expect, it } from 'vitest'
import { MINUTE } from '../../../../support/fixtures'
import { downloadingHeld, setUp } from '../../../../support/update-world'

const KIB = 1024

describe('a download that trickles', () => {
  it('is cancelled when a few bytes a minute arrive, and the expert is told why and when it is tried again', async () => {
    const world = setUp()
    await downloadingHeld(world)
    // A hundred bytes a minute: each one a progress report, none of them progress.
    for (let minute = 1; minute <= 4; minute++) {
      world.clock.advance(MINUTE)
      world.updater.control({ action: 'progress', percent: 0, receivedBytes: 100 * minute })
    }
    expect(world.policy.state.phase).toBe('downloading')
    world.clock.advance(MINUTE)
    await world.reached('error')
    expect(world.policy.state.error).toBe(
      'The update could not be downloaded: The update arrived too slowly (400 bytes in 5 minutes, less than any working connection brings), so the download was cancelled; Standby keeps running the current version and tries again at 09:05, or download the latest version from https://downloads.standby.test/.',
    )
    expect(world.updater.cancels).toBe(1)
    // Tried again at the time it said, and this time the update arrives.
    world.updater.control({ action: 'hold-downloads', on: false })
    world.clock.advance(MINUTE)
    await world.reached('ready')
  })

  it('is cancelled after four hours even when it keeps just above the floor', async () => {
    const world = setUp()
    await downloadingHeld(world)
    for (let minute = 1; minute < 4 * 60; minute++) {
      world.clock.advance(MINUTE)
      world.updater.control({ action: 'progress', percent: 0, receivedBytes: 70 * KIB * minute })
    }
    expect(world.policy.state.phase).toBe('downloading')
    world.clock.advance(MINUTE)
    await world.reached('error')
    expect(world.policy.state.error).toMatch(
      /^The update could not be downloaded: The update arrived too slowly \(16\.3 MiB in 4 hours, and still not all of it\), so the download was cancelled; Standby keeps running the current version and tries again at \d\d:\d\d, or download the latest version/,
    )
    expect(world.updater.cancels).toBe(1)
  })

  it('is not a slow but real download: 20 KiB a second for an hour and a half runs to the end', async () => {
    const world = setUp()
    await downloadingHeld(world)
    const total = 90 * 60 * 20 * KIB
    for (let minute = 1; minute <= 90; minute++) {
      world.clock.advance(MINUTE)
      const receivedBytes = minute * 60 * 20 * KIB
      world.updater.control({ action: 'progress', percent: (100 * receivedBytes) / total, receivedBytes })
    }
    world.updater.control({ action: 'finish-download' })
    await world.reached('ready')
    expect(world.updater.cancels).toBe(0)
    expect(world.seen.some((state) => state.phase === 'error')).toBe(false)
  })
})

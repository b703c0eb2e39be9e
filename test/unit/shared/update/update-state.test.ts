/**
 * Every update state the pages hear fits its schema, whatever built its texts: nothing on the way
 * to the window checks it, so a sentence longer than its bound would reach every page as it is.
 */
import { describe, expect, it } from 'vitest'
import { UpdateState } from '../../../../src/shared/update/update-state'
import { setUp } from '../../../support/update-world'

/** A download folder as long as a signed storage link can be. */
const LONG_DOWNLOADS = `https://downloads.standby.test/releases/${'a1b2c3d4'.repeat(50)}/`

describe('the update state the pages hear', () => {
  it('says a failure within its bound with a long download address, naming the address by its host', async () => {
    const world = setUp({ deps: { manualDownloadUrl: LONG_DOWNLOADS } })
    world.updater.control({ action: 'unreachable', on: true })
    world.policy.connected()
    await world.reached('error')
    const { error, manualDownloadUrl } = world.policy.state
    expect(error).toMatch(
      /^The update could not be checked: .+; Standby keeps running the current version and tries again at \d\d:\d\d, or download the latest version from downloads\.standby\.test\/…\.$/,
    )
    // The window's link beside the sentence still carries the address whole.
    expect(manualDownloadUrl).toBe(LONG_DOWNLOADS)
    expect(world.seen.every((state) => UpdateState.safeParse(state).success)).toBe(true)
  })

  it('fits every text to its bound whatever it was built from', async () => {
    const version = `1.0.0-${'beta'.repeat(60)}`
    const world = setUp({ version, deps: { formatTime: () => 'at the next full moon, '.repeat(30) } })
    world.updater.control({ action: 'unreachable', on: true })
    world.policy.connected()
    await world.reached('error')
    expect(world.seen.length).toBeGreaterThan(0)
    for (const state of [world.policy.state, ...world.seen]) expect(UpdateState.parse(state)).toEqual(state)
    expect(world.policy.state.currentVersion).toMatch(/^1\.0\.0-beta.*…$/)
  })
})

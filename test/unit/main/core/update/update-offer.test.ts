/**
 * An update feed that lies: the policy, over an updater that passes on whatever the feed says,
 * downloads no version it cannot read and none that is not newer, and a restart that fails to
 * start the installer is told instead of taking the app down.
 */
import { describe, expect, it } from 'vitest'
import type { UpdateCheck } from '../../../../../src/main/core/ports/updater'
import type { UpdateChannel, UpdateState } from '../../../../../src/shared/update/update-state'
import { policyOverStub } from '../../../../support/update-world'

/** A policy over an updater whose every check finds `offer`, on version 1.4.0 unless told. */
function offering(offer: UpdateCheck, options: { channel?: UpdateChannel; version?: string } = {}) {
  const { policy, updater, log, notifier } = policyOverStub(offer, options)
  /** Runs the first check; resolves with the phase it settles in (whatever it is, so a test fails fast). */
  const settled = () =>
    new Promise<UpdateState['phase']>((resolve) => {
      const off = policy.changes.add((state) => {
        if (state.phase === 'checking' || state.phase === 'downloading') return
        off()
        resolve(state.phase)
      })
      policy.connected()
    })
  return { policy, updater, log, settled, notifier }
}

describe('an update feed that offers what it should not', () => {
  const unreadable: ReadonlyArray<readonly [string, string]> = [
    ['two parts', '1.5'],
    ['a leading v', 'v1.5.0'],
    ['a right-to-left override', '1.5.0\u202e'],
    ['a lone surrogate', '1.5.0-\ud800'],
    ['a huge pre-release', `1.5.0-${'x'.repeat(5_000)}`],
    ['a leading zero', '01.5.0'],
    ['nothing', ''],
  ]
  it.each(unreadable)(
    'says a version it cannot read (%s) was not downloaded, with the manual download link',
    async (_what, version) => {
      const world = offering({ kind: 'available', version })
      expect(await world.settled()).toBe('error')
      expect(world.updater.download).not.toHaveBeenCalled()
      expect(world.policy.state.error).toMatch(
        /^The update could not be checked: The update server offers a version Standby cannot read \("[\x20-\x7e…]{0,60}"\), so nothing was downloaded;.*https:\/\/downloads\.standby\.test\//,
      )
      expect(world.policy.state.canRestart).toBe(false)
    },
  )

  it.each(['1.5.0+ci.7', '1.4.202612011530', '1.4.1-rc.9007199254740993+sha.5114f85'])(
    'downloads a newer version however it is numbered (%s) and offers the restart',
    async (version) => {
      // On the beta channel, which takes pre-releases too.
      const world = offering({ kind: 'available', version }, { channel: 'beta' })
      expect(await world.settled()).toBe('ready')
      expect(world.updater.download).toHaveBeenCalledOnce()
      expect(world.policy.state).toMatchObject({ availableVersion: version, error: null, canRestart: true })
    },
  )

  it.each(['1.3.9', '1.4.0', '1.4.0-beta.3', '1.4.0+ci.9'])(
    'downloads no downgrade or reinstall (%s)',
    async (version) => {
      const world = offering({ kind: 'available', version })
      expect(await world.settled()).toBe('up_to_date')
      expect(world.updater.download).not.toHaveBeenCalled()
      expect(world.policy.state.availableVersion).toBeNull()
      expect(world.log.text()).toContain(`offered Standby ${version}, which is not newer than this 1.4.0`)
    },
  )

  it.each(['1.5.0-beta.1', '1.4.1-rc.2+ci.3'])(
    'downloads no pre-release (%s) for an expert on the stable channel, whatever the stable feed says',
    async (version) => {
      const world = offering({ kind: 'available', version })
      expect(await world.settled()).toBe('up_to_date')
      expect(world.updater.download).not.toHaveBeenCalled()
      expect(world.updater.setInstallOnQuit).not.toHaveBeenCalledWith(true)
      expect(world.policy.state).toMatchObject({ availableVersion: null, canRestart: false, error: null })
      expect(world.log.text()).toContain(`The stable update feed offered Standby ${version}, a pre-release`)
    },
  )

  it('downloads the same pre-release for an expert on the beta channel', async () => {
    const world = offering({ kind: 'available', version: '1.5.0-beta.1' }, { channel: 'beta' })
    expect(await world.settled()).toBe('ready')
    expect(world.policy.state.availableVersion).toBe('1.5.0-beta.1')
  })

  it('names no pre-release as "the latest stable" to a beta build moving to stable', async () => {
    const world = offering({ kind: 'none', latest: '1.5.0-beta.2' }, { version: '1.5.0-beta.1' })
    expect(await world.settled()).toBe('up_to_date')
    expect(world.policy.state.channelNote).toBe(
      'This is a beta version. Standby moves to the stable channel with the first stable release newer than 1.5.0-beta.1.',
    )
  })

  it('tells a restart whose installer could not start, and the update still installs on quit', async () => {
    const world = offering({ kind: 'available', version: '1.5.0' })
    world.updater.installNow.mockImplementation(() => {
      throw new Error('ENOENT: the downloaded installer is gone')
    })
    expect(await world.settled()).toBe('ready')
    expect(world.policy.restart()).toEqual({
      ok: false,
      message:
        'Could not restart to install the update: ENOENT: the downloaded installer is gone. It installs when you quit Standby, or download the latest version from https://downloads.standby.test/.',
    })
    expect(world.updater.setInstallOnQuit).toHaveBeenLastCalledWith(true)
  })

  it('tells in a notification a restart that did not happen after all, as the windows have closed', async () => {
    const world = offering({ kind: 'available', version: '1.5.0' })
    expect(await world.settled()).toBe('ready')
    expect(world.policy.restart()).toEqual({ ok: true })
    const [failedLater] = world.updater.installNow.mock.calls[0] ?? []
    const before = world.notifier.shown.length
    failedLater?.(new Error('No update available, can’t quit and install'))
    expect(world.notifier.shown.slice(before)).toEqual([
      {
        kind: 'notice',
        title: 'Update not installed',
        body: 'Could not restart to install the update: No update available, can’t quit and install. It installs when you quit Standby, or download the latest version from https://downloads.standby.test/.',
      },
    ])
  })
})

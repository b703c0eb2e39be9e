// electron-updater's internals the adapter guards (its HTTP client's request loops) may be gone in
// another version of it: the adapter then says which guard it lost, and Standby still starts.
import { AppImageUpdater } from 'electron-updater'
import { beforeEach, describe, expect, it } from 'vitest'
import { createElectronUpdater } from '../../../../../src/main/electron/adapters/electron-updater'
import { singleInstanceLock } from '../../../../../src/main/electron/single-instance'
import { resetFakeElectron } from '../../../../support/fake-electron'
import { recordingLog } from '../../../../support/recording-log'

beforeEach(() => {
  resetFakeElectron()
})

describe('the electron-updater adapter on a version without the internals it guards', () => {
  it.each([
    ['no HTTP client', null],
    ['an HTTP client of other methods', {}],
  ])('with %s, says which guards it lost and is still made', (_case, client) => {
    const raw = new AppImageUpdater()
    ;(raw as unknown as { httpExecutor: unknown }).httpExecutor = client
    const log = recordingLog()
    const updater = createElectronUpdater({ updater: raw, log, instanceLock: singleInstanceLock })
    expect(updater.currentVersion).toBe(raw.currentVersion.version)
    for (const lost of [
      'cannot bound the release information it reads',
      'cannot count the redirects of a request',
      'cannot bound the block maps it reads',
      'cannot be held to https',
      'cannot tell a slow download from a stalled one',
    ])
      expect(log.text()).toContain(`Updater: this version of electron-updater ${lost}.`)
  })
})

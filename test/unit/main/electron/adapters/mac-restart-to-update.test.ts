// macOS: "Restart to update" pressed before Squirrel has fetched the update. electron-updater's
// MacUpdater then waits on Electron's autoUpdater for 'update-downloaded' and restarts once it
// comes; pressed again meanwhile, it would wait once more each time. One wait, one restart.
import { MacUpdater } from 'electron-updater'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createElectronUpdater } from '../../../../../src/main/electron/adapters/electron-updater'
import { singleInstanceLock } from '../../../../../src/main/electron/single-instance'
import { fake, resetFakeElectron } from '../../../../support/fake-electron'
import { recordingLog } from '../../../../support/recording-log'

beforeEach(() => {
  resetFakeElectron()
})

describe('Restart to update on macOS before Squirrel has the update', () => {
  it('pressed three times, waits for Squirrel with one listener and restarts once when it has the update', () => {
    const raw = new MacUpdater()
    const updater = createElectronUpdater({
      updater: raw,
      log: recordingLog(),
      instanceLock: singleInstanceLock,
    })
    const squirrel = fake.autoUpdater
    const waitingBefore = squirrel.listenerCount('update-downloaded')
    for (let press = 0; press < 3; press++) updater.installNow(vi.fn())
    expect(squirrel.listenerCount('update-downloaded')).toBe(waitingBefore + 1)
    expect(squirrel.quitAndInstall).not.toHaveBeenCalled()
    squirrel.emit('update-downloaded')
    expect(squirrel.quitAndInstall).toHaveBeenCalledTimes(1)
  })

  it('pressed once Squirrel has the update, restarts at once and waits for nothing', () => {
    const raw = new MacUpdater()
    const updater = createElectronUpdater({
      updater: raw,
      log: recordingLog(),
      instanceLock: singleInstanceLock,
    })
    const squirrel = fake.autoUpdater
    squirrel.emit('update-downloaded')
    const waiting = squirrel.listenerCount('update-downloaded')
    updater.installNow(vi.fn())
    expect(squirrel.quitAndInstall).toHaveBeenCalledTimes(1)
    expect(squirrel.listenerCount('update-downloaded')).toBe(waiting)
  })
})

import { beforeEach, describe, expect, it, vi } from 'vitest'
import { trackQuitting } from '../../../../src/main/electron/quit-state'
import { fake, FakeBrowserWindow, resetFakeElectron } from '../../../support/fake-electron'

vi.mock('electron', async () => (await import('../../../support/fake-electron')).electronModule)

beforeEach(resetFakeElectron)

describe('the quit state', () => {
  it('is false until a quit begins, then true', () => {
    const isQuitting = trackQuitting()
    expect(isQuitting()).toBe(false)
    fake.app.quit()
    expect(isQuitting()).toBe(true)
  })

  it('is false again when something prevents the quit as it begins, and true once a quit goes ahead', () => {
    const isQuitting = trackQuitting()
    // Heard after the quit state's own listener, as any listener added later is.
    let keepRunning = true
    fake.app.on('before-quit', (event: Electron.Event) => {
      if (keepRunning) event.preventDefault()
    })
    fake.app.quit()
    expect(fake.app.quitting).toBe(false)
    expect(isQuitting()).toBe(false)
    keepRunning = false
    fake.app.quit()
    expect(isQuitting()).toBe(true)
  })

  it('is true from the start of a restart to update, before its windows close', () => {
    const isQuitting = trackQuitting()
    const seen: boolean[] = []
    new FakeBrowserWindow()
    fake.windows[0]!.on('close', () => seen.push(isQuitting()))
    fake.autoUpdater.quitAndInstall()
    expect(seen).toEqual([true])
  })

  it('is false again when a restart to update could not install and the app goes on', () => {
    const isQuitting = trackQuitting()
    // A tray app lives on with no window open, as index.ts arranges.
    fake.app.on('window-all-closed', () => undefined)
    new FakeBrowserWindow()
    fake.autoUpdater.installFailure = 'No update available, can’t quit and install'
    fake.autoUpdater.quitAndInstall()
    expect(fake.app.quitDone).toBe(false)
    expect(isQuitting()).toBe(false)
  })

  it('stays true when the updater fails once the quit itself has begun', () => {
    const isQuitting = trackQuitting()
    fake.autoUpdater.emit('before-quit-for-update')
    fake.app.quit()
    fake.autoUpdater.emit('error', new Error('late'), 'late')
    expect(isQuitting()).toBe(true)
  })
})

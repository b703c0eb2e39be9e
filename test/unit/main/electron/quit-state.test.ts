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

  it('is true from the start of a restart to update, before its windows close', () => {
    const isQuitting = trackQuitting()
    const seen: boolean[] = []
    new FakeBrowserWindow()
    fake.windows[0]!.on('close', () => seen.push(isQuitting()))
    fake.autoUpdater.quitAndInstall()
    expect(seen).toEqual([true])
  })
})

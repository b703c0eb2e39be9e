import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createLoginItem } from '../../../../../src/main/electron/adapters/login-item'
import { fake, resetFakeElectron } from '../../../../support/fake-electron'
import { recordingLog } from '../../../../support/recording-log'

vi.mock('electron', async () => (await import('../../../../support/fake-electron')).electronModule)

beforeEach(resetFakeElectron)

describe('the Electron login item', () => {
  it('registers and removes the packaged app on macOS and Windows', () => {
    fake.app.isPackaged = true
    for (const platform of ['darwin', 'win32'] as const) {
      const loginItem = createLoginItem({ log: recordingLog(), platform })
      loginItem.set(true)
      loginItem.set(false)
    }
    expect(fake.app.setLoginItemSettings.mock.calls).toEqual([
      [{ openAtLogin: true }],
      [{ openAtLogin: false }],
      [{ openAtLogin: true }],
      [{ openAtLogin: false }],
    ])
  })

  it('leaves the OS alone in a development run and on Linux, saying so once', () => {
    const dev = recordingLog()
    const devItem = createLoginItem({ log: dev, platform: 'darwin' })
    devItem.set(true)
    devItem.set(false)
    expect(dev.lines).toEqual(['info Launch at login is not set: only the packaged app registers itself'])

    fake.app.isPackaged = true
    const linux = recordingLog()
    createLoginItem({ log: linux, platform: 'linux' }).set(true)
    expect(linux.lines).toEqual([
      'info Launch at login is not set: Electron has no login items on this system',
    ])
    expect(fake.app.setLoginItemSettings).not.toHaveBeenCalled()
  })
})

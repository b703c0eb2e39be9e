import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createElectronSettingsStore } from '../../../../../src/main/electron/adapters/settings-store'
import { SETTINGS_VERSION } from '../../../../../src/main/core/ports/settings'
import { createNodeSettingsStore } from '../../../../../src/main/node/adapters/settings-store'
import { fake, resetFakeElectron } from '../../../../support/fake-electron'
import { useTempDirs } from '../../../../support/temp-dir'
import { recordingLog } from '../../../../support/recording-log'
import { FIRST_RUN_SETTINGS } from '../../../../support/fixtures'

vi.mock('electron', async () => (await import('../../../../support/fake-electron')).electronModule)

const tempDir = useTempDirs()

/** A fresh userData directory for the fake app. */
function userData(): string {
  const dir = tempDir()
  fake.paths.userData = dir
  return dir
}

beforeEach(resetFakeElectron)

describe('the Electron settings store (electron-store)', () => {
  it('starts from the defaults in userData/settings.json', () => {
    const dir = userData()
    const settings = createElectronSettingsStore({ log: recordingLog() })
    expect(settings.get()).toEqual(FIRST_RUN_SETTINGS)
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toEqual({
      ...settings.get(),
      settingsVersion: SETTINGS_VERSION,
    })
  })

  it('reads what the Node store wrote, and the Node store reads what it writes: one file format', () => {
    const dir = userData()
    createNodeSettingsStore({ dir, log: recordingLog() }).update({ platformUrl: 'https://platform.example' })
    const electron = createElectronSettingsStore({ log: recordingLog() })
    expect(electron.get().platformUrl).toBe('https://platform.example')

    electron.update({ soundEnabled: false })
    expect(createNodeSettingsStore({ dir, log: recordingLog() }).get()).toMatchObject({
      platformUrl: 'https://platform.example',
      soundEnabled: false,
    })
  })

  it('sets a corrupt file aside the same way', () => {
    const dir = userData()
    writeFileSync(join(dir, 'settings.json'), '{"soundEnabled": fal')
    const log = recordingLog()
    expect(createElectronSettingsStore({ log }).get().soundEnabled).toBe(true)
    expect(readdirSync(dir).filter((name) => name.startsWith('settings.json.corrupt-'))).toHaveLength(1)
    expect(log.text()).toContain('was not valid JSON')
  })

  it('leaves no channel a page could ask where the settings are kept, unchecked', async () => {
    const dir = userData()
    writeFileSync(join(dir, 'settings.json'), '{"soundEnabled": fal')
    // electron-store as Standby starts with it: it listens on raw ipcMain.on, answering any frame,
    // as its first store opens (here the bad file's, then the one opened in its place).
    vi.resetModules()
    const fresh = await import('../../../../../src/main/electron/adapters/settings-store')
    fresh.createElectronSettingsStore({ log: recordingLog() })
    fresh.createElectronSettingsStore({ log: recordingLog() })
    expect([...fake.ipcMain.listeners.keys()]).toEqual([])
  })

  it('refuses a bad change with the setting named', () => {
    userData()
    const settings = createElectronSettingsStore({ log: recordingLog() })
    expect(() => settings.update({ launchAtLogin: 'yes' as unknown as boolean })).toThrow(
      'Setting "launchAtLogin" was not saved',
    )
  })
})

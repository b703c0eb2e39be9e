/**
 * A login item the expert removed in the system's own settings (macOS's Login Items, the Linux
 * desktop's startup applications) stays removed: the next start turns the switch off and says so,
 * where Standby registered the item; one that never was is registered.
 */
import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { followLaunchAtLogin } from '../../../../../src/main/core/settings/login-item'
import { createSettingsStore } from '../../../../../src/main/core/settings/settings-store'
import {
  createLoginItem,
  MAC_LOGIN_ITEM_REMOVED_PROBLEM,
} from '../../../../../src/main/electron/adapters/login-item'
import { REMOVED_FROM_DESKTOP_PROBLEM } from '../../../../../src/main/node/autostart-entry'
import { fileLoginItemRecord, LOGIN_ITEM_RECORD_FILE } from '../../../../../src/main/node/login-item-record'
import { fake, resetFakeElectron } from '../../../../support/fake-electron'
import { memoryFile } from '../../../../support/memory-settings-file'
import { recordingLog } from '../../../../support/recording-log'
import { useTempDirs } from '../../../../support/temp-dir'

vi.mock('electron', async () => (await import('../../../../support/fake-electron')).electronModule)

beforeEach(() => {
  resetFakeElectron()
  fake.app.isPackaged = true
})
const tempDir = useTempDirs()

/** One computer: its settings file, Standby's userData and config folder, kept across starts. */
function computer(platform: NodeJS.Platform) {
  fake.platform = platform
  const file = memoryFile({ launchAtLogin: true, settingsVersion: 1 })
  const userData = tempDir()
  const config = tempDir()
  const start = () => {
    const log = recordingLog()
    const settings = createSettingsStore(file, log)
    const loginItem = createLoginItem({
      log,
      platform,
      env: { XDG_CONFIG_HOME: config },
      execPath: '/opt/Standby/standby',
      record: fileLoginItemRecord(join(userData, LOGIN_ITEM_RECORD_FILE), log),
      now: () => 1_000,
    })
    const following = followLaunchAtLogin(settings, loginItem, log)
    return { settings, following, log }
  }
  return { start, entry: join(config, 'autostart', 'standby.desktop') }
}

describe('a login item removed in the system’s settings', () => {
  it('macOS: the next start registers nothing, turns the switch off and says why under it', () => {
    const mac = computer('darwin')
    mac.start().following.stop()
    expect(fake.app.setLoginItemSettings).toHaveBeenCalledTimes(1)
    fake.app.removeMacLoginItemInSystemSettings()
    const { settings, following } = mac.start()
    expect(following.status()).toEqual({ applied: false, problem: MAC_LOGIN_ITEM_REMOVED_PROBLEM })
    expect(settings.get().launchAtLogin).toBe(false)
    // A look at macOS (the window gains focus) keeps saying why the switch moved.
    expect(following.refresh()).toEqual({ applied: false, problem: MAC_LOGIN_ITEM_REMOVED_PROBLEM })
    following.stop()
    settings.flush()
    // Off from then on: later starts register nothing either.
    expect(mac.start().settings.get().launchAtLogin).toBe(false)
    expect(fake.app.setLoginItemSettings).toHaveBeenCalledTimes(1)
    expect(fake.app.macLoginItemNotices).toBe(1)
  })

  it('macOS: an item reported not-found that Standby never registered is registered, once', () => {
    const mac = computer('darwin')
    fake.app.macUnregisteredStatus = 'not-found'
    expect(mac.start().following.status()).toEqual({ applied: true })
    expect(mac.start().following.status()).toEqual({ applied: true })
    expect(fake.app.setLoginItemSettings).toHaveBeenCalledTimes(1)
  })

  it('macOS: turned on again by the expert, it is registered and kept from then on', () => {
    const mac = computer('darwin')
    mac.start().following.stop()
    fake.app.removeMacLoginItemInSystemSettings()
    const { settings, following } = mac.start()
    settings.update({ launchAtLogin: true })
    settings.flush()
    expect(following.status()).toEqual({ applied: true })
    following.stop()
    expect(mac.start().following.status()).toEqual({ applied: true })
  })

  it('Linux: the entry deleted in the desktop’s startup settings is not written again; the switch goes off', () => {
    const linux = computer('linux')
    linux.start().following.stop()
    expect(existsSync(linux.entry)).toBe(true)
    rmSync(linux.entry)
    const { settings, following } = linux.start()
    expect(following.status()).toEqual({ applied: false, problem: REMOVED_FROM_DESKTOP_PROBLEM })
    expect(settings.get().launchAtLogin).toBe(false)
    expect(existsSync(linux.entry)).toBe(false)
  })

  it('Linux: an entry that never was, on a first start, is written', () => {
    const linux = computer('linux')
    expect(linux.start().following.status()).toEqual({ applied: true })
    expect(existsSync(linux.entry)).toBe(true)
  })
})

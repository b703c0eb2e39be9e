import { describe, expect, it, vi } from 'vitest'
import { followLaunchAtLogin, type LoginItem } from '../../../../../src/main/core/settings/login-item'
import { createSettingsStore } from '../../../../../src/main/core/settings/settings-store'
import { recordingLog } from '../../../../support/recording-log'

function memorySettings(initial: Record<string, unknown> = {}) {
  let content = initial
  return createSettingsStore({ read: () => content, write: (next) => (content = next) }, recordingLog())
}

describe('launch at login', () => {
  it('follows the setting: applied at start, then on each change of it only', () => {
    const settings = memorySettings({ launchAtLogin: true, settingsVersion: 1 })
    const loginItem = { set: vi.fn<LoginItem['set']>() }
    const stop = followLaunchAtLogin(settings, loginItem)
    expect(loginItem.set.mock.calls).toEqual([[true]])

    settings.update({ soundEnabled: false })
    settings.update({ launchAtLogin: false })
    settings.update({ launchAtLogin: true })
    expect(loginItem.set.mock.calls).toEqual([[true], [false], [true]])

    stop()
    settings.update({ launchAtLogin: false })
    expect(loginItem.set).toHaveBeenCalledTimes(3)
  })
})

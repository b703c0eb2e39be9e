import { describe, expect, it, vi } from 'vitest'
import {
  followLaunchAtLogin,
  LOGIN_ITEM_APPLIED,
  type LoginItem,
  type LoginItemStatus,
} from '../../../../../src/main/core/settings/login-item'
import { createSettingsStore } from '../../../../../src/main/core/settings/settings-store'
import { systemClock } from '../../../../../src/shared/clock'
import { recordingLog } from '../../../../support/recording-log'

function memorySettings(initial: Record<string, unknown> = {}) {
  let content = initial
  // Every change written at once: these are about the login item, not about pacing the file.
  return createSettingsStore(
    { read: () => content, write: (next) => (content = next) },
    recordingLog(),
    false,
    { clock: systemClock, gapMs: 0 },
  )
}

describe('launch at login', () => {
  it('follows the setting: applied at start, then on each change of it only', () => {
    const settings = memorySettings({ launchAtLogin: true, settingsVersion: 1 })
    const loginItem = {
      set: vi.fn<LoginItem['set']>(() => LOGIN_ITEM_APPLIED),
      applyAtStart: vi.fn<LoginItem['applyAtStart']>(() => LOGIN_ITEM_APPLIED),
      read: vi.fn<LoginItem['read']>(() => LOGIN_ITEM_APPLIED),
    }
    const following = followLaunchAtLogin(settings, loginItem)
    // At start the host may leave alone what the expert set up outside Standby; a change is theirs.
    expect(loginItem.applyAtStart.mock.calls).toEqual([[true]])
    expect(loginItem.set).not.toHaveBeenCalled()

    settings.update({ soundEnabled: false })
    settings.update({ launchAtLogin: false })
    settings.update({ launchAtLogin: true })
    expect(loginItem.set.mock.calls).toEqual([[false], [true]])

    following.stop()
    settings.update({ launchAtLogin: false })
    expect(loginItem.set).toHaveBeenCalledTimes(2)
    expect(loginItem.applyAtStart).toHaveBeenCalledTimes(1)
  })

  it('keeps what became of the last change and tells each new outcome, for the line beside the switch', () => {
    const settings = memorySettings({ launchAtLogin: true, settingsVersion: 1 })
    const refused: LoginItemStatus = { applied: false, problem: 'Add Standby to your startup applications.' }
    const set = vi.fn<LoginItem['set']>((enabled) => (enabled ? refused : LOGIN_ITEM_APPLIED))
    const loginItem = { set, applyAtStart: set, read: set }
    const following = followLaunchAtLogin(settings, loginItem)
    const told: LoginItemStatus[] = []
    following.changes.add((status) => told.push(status))
    expect(following.status()).toEqual(refused)

    settings.update({ launchAtLogin: false })
    expect(following.status()).toEqual(LOGIN_ITEM_APPLIED)
    settings.update({ launchAtLogin: true })
    expect(told).toEqual([LOGIN_ITEM_APPLIED, refused])
    following.stop()
  })

  it('asks the OS again when refreshed, writing nothing, and tells the line beside the switch only of a change', () => {
    const settings = memorySettings({ launchAtLogin: true, settingsVersion: 1 })
    const turnedOff: LoginItemStatus = { applied: false, problem: 'Turned off in the startup apps.' }
    let os: LoginItemStatus = turnedOff
    const loginItem = {
      set: vi.fn<LoginItem['set']>(() => LOGIN_ITEM_APPLIED),
      applyAtStart: vi.fn<LoginItem['applyAtStart']>(() => os),
      read: vi.fn<LoginItem['read']>(() => os),
    }
    const following = followLaunchAtLogin(settings, loginItem)
    const told: LoginItemStatus[] = []
    following.changes.add((status) => told.push(status))
    expect(following.refresh()).toEqual(turnedOff)
    // The expert turns Standby back on in the system's settings while it runs.
    os = LOGIN_ITEM_APPLIED
    expect(following.refresh()).toEqual(LOGIN_ITEM_APPLIED)
    expect(following.refresh()).toEqual(LOGIN_ITEM_APPLIED)
    expect(following.status()).toEqual(LOGIN_ITEM_APPLIED)
    expect(told).toEqual([LOGIN_ITEM_APPLIED])
    expect(loginItem.read.mock.calls).toEqual([[true], [true], [true]])
    expect(loginItem.set).not.toHaveBeenCalled()
    following.stop()
  })
})

/**
 * Launch at login where the item is not where Standby left it for reasons other than the expert's
 * choice in the system's settings: another profile of Standby shares it, a cleaning tool deleted
 * Windows' entry, or the app was moved on macOS.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { WINDOWS_ENTRY_REMOVED_PROBLEM } from '../../../../../src/main/electron/adapters/login-item-windows'
import { REMOVED_FROM_DESKTOP_PROBLEM } from '../../../../../src/main/node/autostart-entry'
import { OTHER_PROFILE_TURNED_OFF_PROBLEM } from '../../../../../src/main/node/login-item-record'
import { fake, resetFakeElectron } from '../../../../support/fake-electron'
import { computer, turnSwitch } from '../../../../support/login-item-computer'
import { useTempDirs } from '../../../../support/temp-dir'

vi.mock('electron', async () => (await import('../../../../support/fake-electron')).electronModule)

beforeEach(() => {
  resetFakeElectron()
  fake.app.isPackaged = true
})
const tempDir = useTempDirs()

/** Turns the switch of the profile just started off, and stops it. */
function turnOff(started: ReturnType<ReturnType<typeof computer>['start']>): void {
  turnSwitch(started, false)
  started.following.stop()
}

describe('two profiles of Standby sharing one login item', () => {
  it.each(['linux', 'win32'] as const)(
    '%s: one that took it and turned it off turns the other’s off at its next start, saying so, not that the expert removed it',
    (platform) => {
      const pc = computer(platform, tempDir)
      pc.start({ profile: 'Home' }).following.stop()
      const work = pc.start({ profile: 'Work', launchAtLogin: false })
      turnSwitch(work, true)
      turnOff(work)
      const home = pc.start({ profile: 'Home' })
      expect(home.following.status()).toEqual({ applied: false, problem: OTHER_PROFILE_TURNED_OFF_PROBLEM })
      expect(home.settings.get().launchAtLogin).toBe(false)
    },
  )

  it.each(['linux', 'win32'] as const)(
    '%s: a start of the profile whose switch is off leaves the item the other profile keeps on',
    (platform) => {
      const pc = computer(platform, tempDir)
      pc.start({ profile: 'Home' }).following.stop()
      pc.start({ profile: 'Work', launchAtLogin: false }).following.stop()
      pc.start({ profile: 'Work' }).following.stop()
      // Standby still starts at login, for the profile whose switch is on.
      if (platform === 'linux') expect(existsSync(pc.entry)).toBe(true)
      else expect(fake.app.windowsRun.size).toBe(1)
      const home = pc.start({ profile: 'Home' })
      expect(home.following.status()).toEqual({ applied: true })
      expect(home.settings.get().launchAtLogin).toBe(true)
    },
  )

  it.each(['linux', 'win32'] as const)(
    '%s: a profile whose switch was always off, started first, does not turn off a new profile’s',
    (platform) => {
      const pc = computer(platform, tempDir)
      pc.start({ profile: 'Work', launchAtLogin: false }).following.stop()
      const home = pc.start({ profile: 'Home' })
      expect(home.following.status()).toEqual({ applied: true })
      expect(home.settings.get().launchAtLogin).toBe(true)
    },
  )

  it('Linux: an earlier version’s note, kept in the default profile’s folder, is that profile’s: a start of another profile whose switch is off leaves its entry', () => {
    const pc = computer('linux', tempDir)
    pc.start().following.stop()
    // As an earlier version wrote it, in its own profile's folder, naming no profile.
    writeFileSync(pc.note, '{"registeredAt":1000}\n')
    pc.start({ profile: 'Work', launchAtLogin: false }).following.stop()
    expect(existsSync(pc.entry)).toBe(true)
    const standby = pc.start()
    expect(standby.following.status()).toEqual({ applied: true })
    expect(standby.settings.get().launchAtLogin).toBe(true)
  })

  it('Linux: the entry deleted in the desktop’s settings still reads as the expert’s removal in each profile', () => {
    const pc = computer('linux', tempDir)
    pc.start({ profile: 'Work' }).following.stop()
    pc.start({ profile: 'Home' }).following.stop()
    rmSync(pc.entry)
    expect(pc.start({ profile: 'Work' }).following.status()).toEqual({
      applied: false,
      problem: REMOVED_FROM_DESKTOP_PROBLEM,
    })
  })
})

describe('Windows: a Run value deleted outside Standby (a cleaning tool)', () => {
  it('is not added back at the next start: the switch goes off and says why', () => {
    const pc = computer('win32', tempDir)
    pc.start().following.stop()
    expect(fake.app.windowsRun.size).toBe(1)
    fake.app.windowsRun.clear()
    const { settings, following } = pc.start()
    expect(following.status()).toEqual({ applied: false, problem: WINDOWS_ENTRY_REMOVED_PROBLEM })
    expect(settings.get().launchAtLogin).toBe(false)
    expect(fake.app.windowsRun.size).toBe(0)
    // Turned on again, it is added and kept.
    settings.update({ launchAtLogin: true })
    settings.flush()
    following.stop()
    expect(pc.start().following.status()).toEqual({ applied: true })
    expect(fake.app.windowsRun.size).toBe(1)
  })

  it('is added at a start where Standby never registered it (a first start)', () => {
    const pc = computer('win32', tempDir)
    expect(pc.start().following.status()).toEqual({ applied: true })
    expect(fake.app.windowsRun.size).toBe(1)
  })
})

describe('macOS: the app moved to another folder', () => {
  it('registers the login item again where the app is now, the switch staying on', () => {
    const mac = computer('darwin', tempDir)
    mac.start({ execPath: '/Applications/Standby.app/Contents/MacOS/Standby' }).following.stop()
    fake.app.moveMacApp()
    const { settings, following } = mac.start({
      execPath: '/Users/ada/Applications/Standby.app/Contents/MacOS/Standby',
    })
    expect(following.status()).toEqual({ applied: true })
    expect(settings.get().launchAtLogin).toBe(true)
    expect(fake.app.setLoginItemSettings).toHaveBeenLastCalledWith({ openAtLogin: true })
  })
})

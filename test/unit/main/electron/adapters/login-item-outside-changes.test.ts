/**
 * Launch at login changed outside Standby: in Windows' Task Manager, the Linux desktop's startup
 * settings or macOS's System Settings. The line under the switch follows as Settings is shown or
 * the window gains focus, and a start leaves the expert's choice there as it is: an item they
 * removed is not added back, the switch turns off and says so.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { followLaunchAtLogin } from '../../../../../src/main/core/settings/login-item'
import { createSettingsStore } from '../../../../../src/main/core/settings/settings-store'
import { createLoginItem } from '../../../../../src/main/electron/adapters/login-item'
import {
  MAC_LOGIN_ITEM_OUTSIDE_PROBLEM,
  MAC_LOGIN_ITEM_REMOVED_PROBLEM,
} from '../../../../../src/main/electron/adapters/login-item-macos'
import {
  WINDOWS_NOT_IN_STARTUP_PROBLEM,
  WINDOWS_STARTUP_TURNED_OFF_PROBLEM,
} from '../../../../../src/main/electron/adapters/login-item-windows'
import {
  NO_ENTRY_PROBLEM,
  REMOVED_FROM_DESKTOP_PROBLEM,
  TURNED_OFF_BY_DESKTOP_PROBLEM,
} from '../../../../../src/main/node/autostart-entry'
import {
  regExeStartupApproved,
  type StartupApprovedReader,
} from '../../../../../src/main/node/windows-startup-approved'
import { fake, resetFakeElectron } from '../../../../support/fake-electron'
import { computer } from '../../../../support/login-item-computer'
import { fakeRegExe } from '../../../../support/fake-reg-exe'
import { memoryFile } from '../../../../support/memory-settings-file'
import { recordingLog } from '../../../../support/recording-log'
import { useTempDirs } from '../../../../support/temp-dir'

vi.mock('electron', async () => (await import('../../../../support/fake-electron')).electronModule)

beforeEach(() => {
  resetFakeElectron()
  fake.app.isPackaged = true
})
const tempDir = useTempDirs()

const EXEC_PATH = 'C:\\Standby\\Standby.exe'

/** Standby started with the switch as `launchAtLogin`, following it on `platform`. */
function started(
  platform: NodeJS.Platform,
  launchAtLogin: boolean,
  env: Record<string, string> = {},
  // The registry as reg.exe reads it, past Electron; each read answers when the test says.
  reg = fakeRegExe((name) => fake.app.startupApprovedValue(name)),
) {
  fake.platform = platform
  const settings = createSettingsStore(memoryFile({ launchAtLogin, settingsVersion: 1 }), recordingLog())
  const read = regExeStartupApproved({ log: recordingLog(), run: reg.run })
  const looks: Promise<void>[] = []
  const reader: StartupApprovedReader = {
    ...read,
    look: (scope, name) => {
      const look = read.look(scope, name)
      looks.push(look)
      return look
    },
  }
  const loginItem = createLoginItem({
    log: recordingLog(),
    platform,
    env,
    execPath: EXEC_PATH,
    startupApproved: reader,
  })
  const following = followLaunchAtLogin(settings, loginItem)
  const told: unknown[] = []
  following.changes.add((status) => told.push(status))
  /** Lets reg.exe answer every read running, and waits until each answer is taken or dropped. */
  const regAnswers = async (): Promise<void> => {
    const settled = looks.splice(0)
    reg.answerAll()
    await Promise.all(settled)
  }
  return { following, told, settings, reg, regAnswers }
}

describe('launch at login changed in the system’s own settings while Standby runs', () => {
  it('Windows: the line follows Task Manager › Startup apps both ways, writing nothing', () => {
    fake.platform = 'win32'
    fake.app.setLoginItemSettings({ openAtLogin: true, path: EXEC_PATH, args: ['--hidden'] })
    const { following, told } = started('win32', true)
    expect(following.status()).toEqual({ applied: true })
    fake.app.windowsStartupTurnedOff = true
    expect(following.refresh()).toEqual({ applied: false, problem: WINDOWS_STARTUP_TURNED_OFF_PROBLEM })
    fake.app.windowsStartupTurnedOff = false
    expect(following.refresh()).toEqual({ applied: true })
    expect(told).toEqual([{ applied: false, problem: WINDOWS_STARTUP_TURNED_OFF_PROBLEM }, { applied: true }])
    // A cleaning tool removed the entry: the line says Standby will not start.
    fake.app.windowsRun.clear()
    expect(following.refresh()).toEqual({ applied: false, problem: WINDOWS_NOT_IN_STARTUP_PROBLEM })
    // One write only: the earlier run's. The start and every look since wrote nothing.
    expect(fake.app.setLoginItemSettings).toHaveBeenCalledTimes(2)
  })

  it('Linux: the line follows the desktop turning the entry off, on again, or removing it', () => {
    const config = tempDir()
    const { following } = started('linux', true, { XDG_CONFIG_HOME: config })
    const entry = join(config, 'autostart', 'standby.desktop')
    const written = readFileSync(entry, 'utf8')
    writeFileSync(entry, written.replace('X-GNOME-Autostart-enabled=true', 'X-GNOME-Autostart-enabled=false'))
    expect(following.refresh()).toEqual({ applied: false, problem: TURNED_OFF_BY_DESKTOP_PROBLEM })
    writeFileSync(entry, written)
    expect(following.refresh()).toEqual({ applied: true })
    rmSync(entry)
    expect(following.refresh()).toEqual({ applied: false, problem: NO_ENTRY_PROBLEM })
    expect(() => readFileSync(entry)).toThrow(/ENOENT/)
  })

  it('macOS: the line follows a login item added or removed in System Settings, and an approval given there', () => {
    const off = started('darwin', false)
    fake.app.macUserLoginItem = true
    expect(off.following.refresh()).toEqual({ applied: false, problem: MAC_LOGIN_ITEM_OUTSIDE_PROBLEM })
    fake.app.macUserLoginItem = false
    expect(off.following.refresh()).toEqual({ applied: true })
    off.following.stop()

    fake.app.macLoginItemStatus = 'requires-approval'
    const on = started('darwin', true)
    expect(on.following.status()).toMatchObject({
      applied: false,
      problem: expect.stringMatching(/approval/),
    })
    fake.app.macLoginItemStatus = 'enabled'
    expect(on.following.refresh()).toEqual({ applied: true })
    expect(fake.app.setLoginItemSettings).toHaveBeenCalledTimes(1)
  })
})

describe('a start leaves what the expert decided in the system’s settings as it is', () => {
  it('macOS: no second registration, and no second "Login Item Added", while approval is pending', () => {
    fake.platform = 'darwin'
    fake.app.macLoginItemStatus = 'requires-approval'
    // The run that registered it, when the expert turned the switch on.
    fake.app.setLoginItemSettings({ openAtLogin: true })
    for (let start = 0; start < 3; start += 1) {
      const { following } = started('darwin', true)
      expect(following.status()).toMatchObject({ applied: false, problem: expect.stringMatching(/approval/) })
      following.stop()
    }
    expect(fake.app.setLoginItemSettings).toHaveBeenCalledTimes(1)
    expect(fake.app.macLoginItemNotices).toBe(1)
  })

  it('macOS: registers again at a start where nothing is registered (a reinstall), as before', () => {
    const { following } = started('darwin', true)
    expect(following.status()).toEqual({ applied: true })
    expect(fake.app.setLoginItemSettings.mock.calls).toEqual([[{ openAtLogin: true }]])
    // Enabled from then on: the next start registers nothing, and "Login Item Added" showed once.
    following.stop()
    expect(started('darwin', true).following.status()).toEqual({ applied: true })
    expect(fake.app.setLoginItemSettings).toHaveBeenCalledTimes(1)
    expect(fake.app.macLoginItemNotices).toBe(1)
  })

  it('Windows: an earlier version’s entry with other arguments, turned off in Task Manager, stays off', () => {
    fake.app.windowsRun.set('electron.app.Standby', { path: EXEC_PATH, args: [], enabled: false })
    const { following } = started('win32', true)
    expect(following.status()).toEqual({ applied: false, problem: WINDOWS_STARTUP_TURNED_OFF_PROBLEM })
    expect(fake.app.setLoginItemSettings).not.toHaveBeenCalled()
    expect(fake.app.windowsRun.get('electron.app.Standby')).toEqual({
      path: EXEC_PATH,
      args: [],
      enabled: false,
    })
  })

  it('Windows: an earlier version’s entry that is on is brought up to this one’s at a start', () => {
    fake.app.windowsRun.set('electron.app.Standby', { path: EXEC_PATH, args: [], enabled: true })
    const { following } = started('win32', true)
    expect(following.status()).toEqual({ applied: true })
    expect(fake.app.windowsRun.get('electron.app.Standby')).toEqual({
      path: EXEC_PATH,
      args: ['--hidden'],
      enabled: true,
    })
  })

  it('Windows: an entry whose StartupApproved value begins 06, which Windows starts, reads as on once reg.exe answers, 07 as off', async () => {
    fake.app.windowsRun.set('electron.app.Standby', approvedEntry(6))
    const { following, told, regAnswers } = started('win32', true)
    // Electron reads 06 as off; reg.exe, run without waiting, says otherwise when it answers.
    expect(following.status()).toEqual({ applied: false, problem: WINDOWS_STARTUP_TURNED_OFF_PROBLEM })
    await regAnswers()
    expect(following.status()).toEqual({ applied: true })
    expect(told).toEqual([{ applied: true }])
    fake.app.windowsRun.set('electron.app.Standby', approvedEntry(7))
    following.refresh()
    await regAnswers()
    expect(following.status()).toEqual({ applied: false, problem: WINDOWS_STARTUP_TURNED_OFF_PROBLEM })
    fake.app.windowsRun.set('electron.app.Standby', approvedEntry(6))
    following.refresh()
    await regAnswers()
    expect(following.status()).toEqual({ applied: true })
  })

  it('Windows: a focus returns at once while reg.exe runs, and focuses meanwhile start no other', () => {
    fake.app.windowsRun.set('electron.app.Standby', approvedEntry(6))
    // reg.exe hangs: never answered here.
    const { following, reg } = started('win32', true)
    for (let focus = 0; focus < 4; focus += 1)
      expect(following.refresh()).toEqual({ applied: false, problem: WINDOWS_STARTUP_TURNED_OFF_PROBLEM })
    expect(reg.runs()).toBe(1)
  })

  it('Windows: an answer of reg.exe that comes after the switch changed, or once Standby stopped following it, is dropped', async () => {
    fake.app.windowsRun.set('electron.app.Standby', approvedEntry(6))
    const first = started('win32', true)
    first.settings.update({ launchAtLogin: false })
    first.settings.update({ launchAtLogin: true })
    first.settings.flush()
    // Electron wrote the entry on, and the expert then turned it off in Task Manager: the 06
    // read before the switch changed is of what is gone, and must not put the line back on.
    fake.app.windowsStartupTurnedOff = true
    expect(first.following.refresh()).toEqual({ applied: false, problem: WINDOWS_STARTUP_TURNED_OFF_PROBLEM })
    first.told.length = 0
    await first.regAnswers()
    expect(first.following.status()).toEqual({ applied: false, problem: WINDOWS_STARTUP_TURNED_OFF_PROBLEM })
    expect(first.told).toEqual([])
    first.following.stop()

    fake.app.windowsRun.set('electron.app.Standby', approvedEntry(6))
    const second = started('win32', true)
    second.following.stop()
    await second.regAnswers()
    expect(second.told).toEqual([])
  })

  it('Windows: an earlier version’s entry that Windows starts (06) is brought up to this one’s once reg.exe says so', async () => {
    fake.app.windowsRun.set('electron.app.Standby', { ...approvedEntry(6), args: [] })
    const { following, regAnswers } = started('win32', true)
    expect(fake.app.setLoginItemSettings).not.toHaveBeenCalled()
    await regAnswers()
    expect(following.status()).toEqual({ applied: true })
    expect(fake.app.windowsRun.get('electron.app.Standby')).toMatchObject({
      args: ['--hidden'],
      enabled: true,
    })
  })

  it('Windows: an entry turned off in Task Manager is still said off where reg.exe fails to read its value', async () => {
    fake.app.windowsRun.set('electron.app.Standby', { path: EXEC_PATH, args: ['--hidden'], enabled: false })
    // reg.exe exits 1 for a value not there and for any failure alike.
    const { following, regAnswers } = started(
      'win32',
      true,
      {},
      fakeRegExe(() => null),
    )
    expect(following.status()).toEqual({ applied: false, problem: WINDOWS_STARTUP_TURNED_OFF_PROBLEM })
    await regAnswers()
    expect(following.refresh()).toEqual({ applied: false, problem: WINDOWS_STARTUP_TURNED_OFF_PROBLEM })
  })
})

/** Standby's entry with its StartupApproved value beginning `first`, as Windows or a tool wrote it. */
function approvedEntry(first: number) {
  return {
    path: EXEC_PATH,
    args: ['--hidden'],
    enabled: true,
    approved: [first, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  }
}

describe('a login item removed in the system’s settings', () => {
  it('macOS: the next start registers nothing, turns the switch off and says why under it', () => {
    const mac = computer('darwin', tempDir)
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

  it('macOS 12 (no status reported): the item Standby registered and the expert removed is not added back; one still there is kept', () => {
    fake.app.macOs12 = true
    const mac = computer('darwin', tempDir)
    mac.start().following.stop()
    expect(mac.start().following.status()).toEqual({ applied: true })
    fake.app.removeMacLoginItemInSystemSettings()
    const { settings, following } = mac.start()
    expect(following.status()).toEqual({ applied: false, problem: MAC_LOGIN_ITEM_REMOVED_PROBLEM })
    expect(settings.get().launchAtLogin).toBe(false)
    expect(fake.app.setLoginItemSettings).toHaveBeenCalledTimes(1)
  })

  it('macOS: an item an earlier version registered (no note yet) and the expert then removed is not added back', () => {
    const mac = computer('darwin', tempDir)
    // Registered by a version of Standby that kept no note: this start finds it enabled.
    fake.app.macRegistered = true
    fake.app.macLoginItemStatus = 'enabled'
    expect(mac.start().following.status()).toEqual({ applied: true })
    fake.app.removeMacLoginItemInSystemSettings()
    const { settings, following } = mac.start()
    expect(following.status()).toEqual({ applied: false, problem: MAC_LOGIN_ITEM_REMOVED_PROBLEM })
    expect(settings.get().launchAtLogin).toBe(false)
    expect(fake.app.setLoginItemSettings).not.toHaveBeenCalled()
  })

  it('macOS: an item reported not-found that Standby never registered is registered, once', () => {
    const mac = computer('darwin', tempDir)
    fake.app.macUnregisteredStatus = 'not-found'
    expect(mac.start().following.status()).toEqual({ applied: true })
    expect(mac.start().following.status()).toEqual({ applied: true })
    expect(fake.app.setLoginItemSettings).toHaveBeenCalledTimes(1)
  })

  it('macOS: turned on again by the expert, it is registered and kept from then on', () => {
    const mac = computer('darwin', tempDir)
    mac.start().following.stop()
    fake.app.removeMacLoginItemInSystemSettings()
    const { settings, following } = mac.start()
    settings.update({ launchAtLogin: true })
    settings.flush()
    expect(following.status()).toEqual({ applied: true })
    following.stop()
    expect(mac.start().following.status()).toEqual({ applied: true })
  })

  it('macOS: turned on again where macOS cannot take the item, the next start tries again rather than saying it was removed', () => {
    const mac = computer('darwin', tempDir)
    mac.start().following.stop()
    fake.app.removeMacLoginItemInSystemSettings()
    const { settings, following } = mac.start()
    // Standby runs from where macOS cannot open it at login: the registration does not take.
    fake.app.macLoginItemStatus = 'not-found'
    settings.update({ launchAtLogin: true })
    settings.flush()
    following.stop()
    const next = mac.start()
    expect(next.following.status()).not.toEqual({ applied: false, problem: MAC_LOGIN_ITEM_REMOVED_PROBLEM })
    expect(next.settings.get().launchAtLogin).toBe(true)
    expect(fake.app.setLoginItemSettings).toHaveBeenLastCalledWith({ openAtLogin: true })
  })

  it('Linux: turned on again where the entry cannot be written, the next start writes it rather than saying it was removed', () => {
    const linux = computer('linux', tempDir)
    linux.start().following.stop()
    rmSync(linux.entry)
    const { settings, following } = linux.start()
    // The autostart folder cannot be written: a file where it goes.
    rmSync(dirname(linux.entry), { recursive: true })
    writeFileSync(dirname(linux.entry), '')
    settings.update({ launchAtLogin: true })
    settings.flush()
    expect(following.status().applied).toBe(false)
    following.stop()
    rmSync(dirname(linux.entry))
    const next = linux.start()
    expect(next.following.status()).toEqual({ applied: true })
    expect(existsSync(linux.entry)).toBe(true)
  })

  it('Linux: the entry deleted in the desktop’s startup settings is not written again; the switch goes off', () => {
    const linux = computer('linux', tempDir)
    linux.start().following.stop()
    expect(existsSync(linux.entry)).toBe(true)
    rmSync(linux.entry)
    const { settings, following } = linux.start()
    expect(following.status()).toEqual({ applied: false, problem: REMOVED_FROM_DESKTOP_PROBLEM })
    expect(settings.get().launchAtLogin).toBe(false)
    expect(existsSync(linux.entry)).toBe(false)
  })

  it('Linux: an entry that never was, on a first start, is written', () => {
    const linux = computer('linux', tempDir)
    expect(linux.start().following.status()).toEqual({ applied: true })
    expect(existsSync(linux.entry)).toBe(true)
  })
  it('Linux: a note that does not read (damaged, or not one) counts as none, and the missing entry is written', () => {
    const linux = computer('linux', tempDir)
    linux.start().following.stop()
    rmSync(linux.entry)
    writeFileSync(linux.note, '{"registeredAt": "yesterday"}')
    expect(linux.start().following.status()).toEqual({ applied: true })
    expect(existsSync(linux.entry)).toBe(true)
  })
})

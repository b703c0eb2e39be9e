import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { followLaunchAtLogin } from '../../../../../src/main/core/settings/login-item'
import { createSettingsStore } from '../../../../../src/main/core/settings/settings-store'
import { systemClock } from '../../../../../src/shared/clock'
import {
  createLoginItem,
  DEVELOPMENT_RUN_PROBLEM,
  wasOpenedAtLogin,
} from '../../../../../src/main/electron/adapters/login-item'
import { MAC_LOGIN_ITEM_OUTSIDE_PROBLEM } from '../../../../../src/main/electron/adapters/login-item-macos'
import { WINDOWS_STARTUP_TURNED_OFF_PROBLEM } from '../../../../../src/main/electron/adapters/login-item-windows'
import { TURNED_OFF_BY_DESKTOP_PROBLEM } from '../../../../../src/main/node/autostart-entry'
import { fake, resetFakeElectron } from '../../../../support/fake-electron'
import { memoryFile } from '../../../../support/memory-settings-file'
import { recordingLog } from '../../../../support/recording-log'
import { useTempDirs } from '../../../../support/temp-dir'

vi.mock('electron', async () => (await import('../../../../support/fake-electron')).electronModule)

beforeEach(resetFakeElectron)
const tempDir = useTempDirs()

describe('the Electron login item', () => {
  it('registers and removes the packaged app on macOS, and on Windows with --hidden both ways', () => {
    fake.app.isPackaged = true
    const execPath = 'C:\\Program Files\\Standby\\Standby.exe'
    for (const platform of ['darwin', 'win32'] as const) {
      const loginItem = createLoginItem({ log: recordingLog(), platform, execPath })
      expect(loginItem.set(true)).toEqual({ applied: true })
      expect(loginItem.set(false)).toEqual({ applied: true })
    }
    // Quoted for Windows: Electron writes the path as given, and unquoted its space would end it.
    const windows = { path: `"${execPath}"`, args: ['--hidden'] }
    expect(fake.app.setLoginItemSettings.mock.calls).toEqual([
      [{ openAtLogin: true }],
      [{ openAtLogin: false }],
      [{ openAtLogin: true, ...windows }],
      [{ openAtLogin: false, ...windows }],
    ])
  })

  it('writes an XDG autostart entry on Linux that starts hidden, and removes it when turned off', () => {
    // Electron has no login items on Linux: its call does nothing there, so the adapter must not rely on it.
    fake.platform = 'linux'
    fake.app.isPackaged = true
    const home = tempDir()
    const log = recordingLog()
    const loginItem = createLoginItem({
      log,
      platform: 'linux',
      env: {},
      home,
      execPath: '/opt/Standby/standby',
    })
    const entry = join(home, '.config', 'autostart', 'standby.desktop')
    loginItem.set(true)
    expect(readFileSync(entry, 'utf8')).toContain('\nExec="/opt/Standby/standby" --hidden\n')
    loginItem.set(false)
    expect(existsSync(entry)).toBe(false)
    // Turning off what is already off is no error.
    loginItem.set(false)
    expect(log.lines).toEqual([])
    expect(fake.app.setLoginItemSettings).not.toHaveBeenCalled()
  })

  it('puts the Linux entry under XDG_CONFIG_HOME and starts the AppImage file, not its mount', () => {
    fake.app.isPackaged = true
    const config = tempDir()
    // As the AppImage runtime sets them: the file, and where it mounted it (this executable's folder).
    const env = {
      XDG_CONFIG_HOME: config,
      APPIMAGE: '/home/ana/Apps/Standby 1.2.AppImage',
      APPDIR: '/tmp/.mount_x',
    }
    createLoginItem({
      log: recordingLog(),
      platform: 'linux',
      env,
      home: '/nowhere',
      execPath: '/tmp/.mount_x/standby',
    }).set(true)
    expect(readFileSync(join(config, 'autostart', 'standby.desktop'), 'utf8')).toContain(
      'Exec="/home/ana/Apps/Standby 1.2.AppImage" --hidden',
    )
  })

  it('follows an AppImage an update renamed only while launch at login is on, and leaves macOS and Windows alone', () => {
    fake.platform = 'linux'
    fake.app.isPackaged = true
    const config = tempDir()
    const env = { XDG_CONFIG_HOME: config, APPIMAGE: '/home/ana/Standby-1.2.3.AppImage', APPDIR: '/tmp/.m' }
    const loginItem = createLoginItem({ log: recordingLog(), platform: 'linux', env, execPath: '/tmp/.m/s' })
    const entry = join(config, 'autostart', 'standby.desktop')
    loginItem.set(false)
    loginItem.appImageMoved('/home/ana/Standby-1.3.0.AppImage')
    expect(existsSync(entry)).toBe(false)
    // Turned on later: the file the update left, not the one it removed.
    loginItem.set(true)
    expect(readFileSync(entry, 'utf8')).toContain('Exec="/home/ana/Standby-1.3.0.AppImage" --hidden')
    loginItem.appImageMoved('/home/ana/Standby-1.4.0.AppImage')
    expect(readFileSync(entry, 'utf8')).toContain('Exec="/home/ana/Standby-1.4.0.AppImage" --hidden')
    for (const platform of ['darwin', 'win32'] as const) {
      fake.platform = platform
      createLoginItem({ log: recordingLog(), platform, execPath: 'C:\\S\\S.exe' }).appImageMoved('/x')
    }
    expect(fake.app.setLoginItemSettings).not.toHaveBeenCalled()
  })

  it('says in the log, without throwing, when the autostart folder cannot be written', () => {
    fake.app.isPackaged = true
    const home = tempDir()
    const log = recordingLog()
    // A file where the folder should be.
    const env = { XDG_CONFIG_HOME: join(import.meta.filename) }
    const status = createLoginItem({ log, platform: 'linux', env, home, execPath: '/opt/s' }).set(true)
    expect(log.text()).toMatch(/Launch at login could not be set in .*: .*startup applications/)
    // Settings says so beside the switch, with what to do instead.
    expect(status).toEqual({
      applied: false,
      problem: expect.stringMatching(
        /could not add itself .* Add Standby in your desktop's startup applications/,
      ),
    })
  })

  it("says when macOS waits for the user's approval, or cannot find the app, instead of calling it done", () => {
    fake.platform = 'darwin'
    fake.app.isPackaged = true
    const loginItem = createLoginItem({ log: recordingLog(), platform: 'darwin' })
    fake.app.macLoginItemStatus = 'requires-approval'
    expect(loginItem.set(true)).toEqual({
      applied: false,
      problem: expect.stringMatching(
        /approval: open System Settings › General › Login Items and allow Standby/,
      ),
    })
    fake.app.macLoginItemStatus = 'not-found'
    expect(loginItem.set(true)).toEqual({
      applied: false,
      problem: expect.stringMatching(/could not find Standby .* Applications folder/),
    })
    // Turned off, there is nothing to approve.
    expect(loginItem.set(false)).toEqual({ applied: true })
  })

  it('keeps a macOS login item the expert added in System Settings while the switch stays off, and says so under it', () => {
    fake.platform = 'darwin'
    fake.app.isPackaged = true
    fake.app.macUserLoginItem = true
    const settings = createSettingsStore(
      memoryFile({ launchAtLogin: false, settingsVersion: 1 }),
      recordingLog(),
      false,
      // Every change written at once: this is about the login item, not about pacing the file.
      { clock: systemClock, gapMs: 0 },
    )
    const log = recordingLog()
    const following = followLaunchAtLogin(settings, createLoginItem({ log, platform: 'darwin' }))
    expect(fake.app.macUserLoginItem).toBe(true)
    expect(fake.app.setLoginItemSettings).not.toHaveBeenCalled()
    expect(following.status()).toEqual({ applied: false, problem: MAC_LOGIN_ITEM_OUTSIDE_PROBLEM })
    expect(log.text()).toMatch(/macOS has a login item of its own/)
    // Opened by that item, Standby starts in the tray already: the line promises no other start.
    fake.app.openedAtLogin = true
    expect(wasOpenedAtLogin('darwin')).toBe(true)
    expect(MAC_LOGIN_ITEM_OUTSIDE_PROBLEM).toMatch(/opens Standby in the tray .* to keep it, turn this on\.$/)
    // Turned on and off by the expert: Standby removes what opens it at login, as they asked.
    settings.update({ launchAtLogin: true })
    settings.update({ launchAtLogin: false })
    expect(fake.app.macUserLoginItem).toBe(false)
    expect(following.status()).toEqual({ applied: true })
    following.stop()
  })

  it('says nothing at a start with the switch off where macOS 13 still awaits approval of Standby’s item, which opens nothing', () => {
    fake.platform = 'darwin'
    fake.app.isPackaged = true
    fake.app.setLoginItemSettings({ openAtLogin: true })
    fake.app.macLoginItemStatus = 'requires-approval'
    expect(createLoginItem({ log: recordingLog(), platform: 'darwin' }).applyAtStart(false)).toEqual({
      applied: true,
    })
  })

  it('starts with the switch off as before where nothing opens Standby at login, and on Windows removes only its own entry', () => {
    fake.app.isPackaged = true
    const execPath = 'C:\\S\\Standby.exe'
    for (const platform of ['darwin', 'win32'] as const) {
      fake.platform = platform
      expect(createLoginItem({ log: recordingLog(), platform, execPath }).applyAtStart(false)).toEqual({
        applied: true,
      })
    }
    // Windows removes the Run value by Standby's own name: one the expert made stays.
    expect(fake.app.setLoginItemSettings.mock.calls).toEqual([
      [{ openAtLogin: false, path: execPath, args: ['--hidden'] }],
    ])
  })

  it('keeps Standby off at a start where the expert turned it off in Windows’ startup apps, and says so under the switch', () => {
    fake.platform = 'win32'
    fake.app.isPackaged = true
    const execPath = 'C:\\S\\Standby.exe'
    const loginItem = createLoginItem({ log: recordingLog(), platform: 'win32', execPath })
    loginItem.set(true)
    fake.app.windowsStartupTurnedOff = true
    expect(loginItem.applyAtStart(true)).toEqual({
      applied: false,
      problem: WINDOWS_STARTUP_TURNED_OFF_PROBLEM,
    })
    expect(fake.app.windowsStartupTurnedOff).toBe(true)
    // Turned off and on by the expert: Standby's entry is on again, as they asked.
    loginItem.set(false)
    expect(loginItem.set(true)).toEqual({ applied: true })
    expect(
      fake.app.getLoginItemSettings({ path: execPath, args: ['--hidden'] }).executableWillLaunchAtLogin,
    ).toBe(true)
  })

  it('keeps the Linux entry off at a start where the desktop turned it off, and says so under the switch', () => {
    fake.platform = 'linux'
    fake.app.isPackaged = true
    const config = tempDir()
    const env = { XDG_CONFIG_HOME: config }
    const loginItem = createLoginItem({ log: recordingLog(), platform: 'linux', env, execPath: '/opt/s' })
    const entry = join(config, 'autostart', 'standby.desktop')
    loginItem.set(true)
    // As Xfce's startup settings turn an entry off: the spec's Hidden key, the file kept.
    writeFileSync(entry, `${readFileSync(entry, 'utf8')}Hidden=true\n`)
    expect(loginItem.applyAtStart(true)).toEqual({ applied: false, problem: TURNED_OFF_BY_DESKTOP_PROBLEM })
    expect(readFileSync(entry, 'utf8')).toContain('Hidden=true')
    expect(loginItem.set(true)).toEqual({ applied: true })
    expect(readFileSync(entry, 'utf8')).not.toContain('Hidden=true')
  })

  it('leaves the OS alone in a development run, saying so once', () => {
    const home = tempDir()
    const dev = recordingLog()
    for (const platform of ['darwin', 'linux'] as const) {
      const devItem = createLoginItem({ log: dev, platform, env: {}, home })
      expect(devItem.set(true)).toEqual({ applied: false, problem: DEVELOPMENT_RUN_PROBLEM })
      expect(devItem.set(false)).toEqual({ applied: true })
    }
    expect(dev.lines).toEqual([
      'info Launch at login is not set: only the packaged app registers itself',
      'info Launch at login is not set: only the packaged app registers itself',
    ])
    expect(fake.app.setLoginItemSettings).not.toHaveBeenCalled()
    expect(existsSync(join(home, '.config'))).toBe(false)
  })

  it('knows a macOS start at login from the OS, and nothing of the kind elsewhere', () => {
    fake.app.openedAtLogin = true
    expect(wasOpenedAtLogin('darwin')).toBe(true)
    fake.platform = 'win32'
    expect(wasOpenedAtLogin('win32')).toBe(false)
    // Linux has no login items to ask: --hidden in the autostart entry's Exec says it instead.
    fake.platform = 'linux'
    expect(wasOpenedAtLogin('linux')).toBe(false)
    fake.platform = 'darwin'
    fake.app.openedAtLogin = false
    expect(wasOpenedAtLogin('darwin')).toBe(false)
  })
})
